"""Rules across tables, or across the columns of a row, that a Table Schema cannot express.
Each rule returns problems in the same French form as schema validation: file, line,
column, value, fix."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from quartiers2030.core import paths
from quartiers2030.data import periods, places, plausibility, programmation, value_sources
from quartiers2030.data.datapackage import VERBATIM, descriptor, load, resource
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


BOTH_LINES = (
    "Indiquez ses deux lignes (ligne_debut et ligne_fin) ou, pour une autre source, autre_source seule."
)


def _citation_problem(row) -> tuple[str, str, str, str] | None:
    """(column, value, message, fix) when a row of sources_pages cites nothing, or both a
    passage and another source, or a passage that ends before it starts."""
    first, last, other = row["ligne_debut"], row["ligne_fin"], row["autre_source"]
    lines = [pd.isna(first), pd.isna(last)]
    if pd.isna(other) and any(lines):
        column = "ligne_debut" if lines[0] else "ligne_fin"
        return column, "", "la page ne cite ni passage complet du contrat ni autre source", BOTH_LINES
    if not pd.isna(other) and not all(lines):
        return (
            "autre_source",
            str(other),
            "une ligne cite un passage du contrat ou une autre source, pas les deux",
            "Videz ligne_debut et ligne_fin, ou mettez l'autre source sur une ligne à part.",
        )
    if not pd.isna(first) and first > last:
        return (
            "ligne_fin",
            str(last),
            f"le passage finit avant sa première ligne ({first})",
            "Vérifiez les deux numéros dans data/source/contrat-de-ville-2024-2030.txt.",
        )
    return None


def page_sources_cite_a_passage_or_another_source(root: Path) -> list[Problem]:
    """Each row of sources_pages is a passage of the contract (both lines, in order) or
    another source (autre_source), never both nor neither."""
    frame = load("sources_pages", root)
    problems = []
    for index, row in frame.iterrows():
        found = _citation_problem(row)
        if found:
            column, value, message, fix = found
            file = f"data/{resource('sources_pages', root)['path']}"
            problems.append(Problem(file, _line(frame, index), column, value, message, fix))
    return problems


CONTRACT_TEXT = Path("source") / "contrat-de-ville-2024-2030.txt"  # under data/
LINE_COLUMNS = ("ligne_source", "ligne_debut", "ligne_fin")


def lines_are_lines_of_the_contract(root: Path) -> list[Problem]:
    """A line number beyond the end of the contract's text (two columns swapped, a value
    typed in the wrong column) points to nothing."""
    text = paths.data_dir(root) / CONTRACT_TEXT
    if not text.is_file():
        return []
    last = len(text.read_text(encoding="utf-8").splitlines())
    problems = []
    for res in descriptor(root)["resources"]:
        fields = res.get("schema", {}).get("fields", [])
        columns = [f["name"] for f in fields if f["name"] in LINE_COLUMNS and f["type"] == "integer"]
        if not columns or res.get(VERBATIM) or not (paths.data_dir(root) / res["path"]).is_file():
            continue
        frame = load(res["name"], root)
        for column in columns:
            for index, value in frame[column].dropna().items():
                if value > last:
                    problems.append(
                        Problem(
                            file=f"data/{res['path']}",
                            line=_line(frame, index),
                            column=column,
                            value=str(value),
                            message=f"le texte du contrat n'a que {last} lignes",
                            fix=(
                                f"Écrivez le numéro de la ligne de data/{CONTRACT_TEXT.as_posix()} où figure la "
                                "valeur ; si une valeur et ce numéro ont été échangés, remettez chacun dans sa colonne."
                            ),
                        )
                    )
    return problems


def qpv_communes_are_on_the_map(root: Path) -> list[Problem]:
    """Every commune named in qpv.csv is a commune of the outlines that the maps draw (a
    misspelt name would stop the map pages at build time)."""
    outlines = places.outlines_path(root, descriptor(root)["resources"])
    if outlines is None or not outlines.is_file():
        return []
    known = {places.fold(name) for name in places.commune_names(outlines)}
    frame = load("qpv", root)
    problems = []
    for index, row in frame.iterrows():
        for name in places.split_communes(row["communes"]):
            if places.fold(name) not in known:
                problems.append(
                    Problem(
                        file=f"data/{resource('qpv', root)['path']}",
                        line=_line(frame, index),
                        column="communes",
                        value=name,
                        message="cette commune n'est pas une commune de l'agglomération sur la carte",
                        fix=(
                            "Écrivez le nom exact de la commune (par exemple « Boulogne-sur-Mer », « Outreau »), "
                            "plusieurs communes séparées par une virgule ou « et »."
                        ),
                    )
                )
    return problems


RULES = [
    lines_are_lines_of_the_contract,
    qpv_communes_are_on_the_map,
    pre_within_its_pillar,
    claims_name_their_pillar,
    page_sources_cite_a_passage_or_another_source,
    plausibility.values_in_their_range,
    plausibility.shares_written_as_ratios,
    periods.rows_within_their_period,
    value_sources.contract_rows_give_their_line,
    programmation.rules,
]


def check(root: Path) -> list[Problem]:
    problems: list[Problem] = []
    for rule in RULES:
        problems.extend(rule(root))
    return problems
