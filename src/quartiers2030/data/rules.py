"""Rules across tables, that a Table Schema cannot express. Each rule returns problems in
the same French form as schema validation: file, line, column, value, fix."""

from __future__ import annotations

from pathlib import Path

from quartiers2030.data import plausibility
from quartiers2030.data.datapackage import load, resource
from quartiers2030.data.problems import Problem


def _line(frame, index) -> int:
    return int(index) + 2  # header is line 1


def pre_within_its_pillar(root: Path) -> list[Problem]:
    """A « dont PRE » amount is part of its pillar's amount for the same year."""
    pre = load("pre", root).set_index("code")["pilier"]
    pillars = load("enveloppe_etat", root).set_index(["pilier", "annee"])["montant_eur"]
    amounts = load("enveloppe_pre", root)
    problems = []
    for index, row in amounts.iterrows():
        pillar = pre.get(row["pre"])
        total = pillars.get((pillar, row["annee"]))
        if pillar is None or total is None or row["montant_eur"] <= total:
            continue
        problems.append(
            Problem(
                file=f"data/{resource('enveloppe_pre', root)['path']}",
                line=_line(amounts, index),
                column="montant_eur",
                value=str(row["montant_eur"]),
                message=(
                    f"le montant du PRE dépasse celui de son pilier « {pillar} » en "
                    f"{row['annee']} ({total} €), dont il fait partie"
                ),
                fix="Vérifiez les deux montants dans le contrat ou dans la programmation.",
            )
        )
    return problems


def claims_name_their_pillar(root: Path) -> list[Problem]:
    """A share or a ranking of pillars must say which pillar it is about."""
    claims = load("affirmations", root)
    needs = {"part_pilier_enveloppe", "pilier_moins_dote"}
    return [
        Problem(
            file=f"data/{resource('affirmations', root)['path']}",
            line=_line(claims, i),
            column="pilier",
            value="",
            message=f"le calcul « {row['calcul']} » porte sur un pilier",
            fix="Indiquez le code du pilier (voir data/evaluation/piliers.csv).",
        )
        for i, row in claims.iterrows()
        if row["calcul"] in needs and row.isna()["pilier"]
    ]


RULES = [
    pre_within_its_pillar,
    claims_name_their_pillar,
    plausibility.values_in_their_range,
    plausibility.shares_written_as_ratios,
]


def check(root: Path) -> list[Problem]:
    problems: list[Problem] = []
    for rule in RULES:
        problems.extend(rule(root))
    return problems
