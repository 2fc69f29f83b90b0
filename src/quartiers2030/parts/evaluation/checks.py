"""The totals, counts and averages the contract prints in T-EVAL-01..03, against the sum of
their parts, and the « contrôles de cohérence » box of each page."""

from __future__ import annotations

import pandas as pd

from quartiers2030.core import fmt
from quartiers2030.core.checks import Box, Check, compare, render_box
from quartiers2030.core.html import Fragment
from quartiers2030.parts.evaluation import claims, model, sequences
from quartiers2030.parts.evaluation.model import PRINTED_AVERAGE_DECIMALS

NAN = float("nan")


def envelope_total_checks(printed: pd.DataFrame) -> list[Check]:
    """T-EVAL-01: each printed TOTAL against the sum of the pillars' rows."""
    totals = model.envelope_totals()
    return [
        Check(
            subject=f"TOTAL {r.annee}",
            stated=fmt.euros(r.valeur),
            computed=fmt.euros(totals.get(r.annee)),
            verdict=compare(r.valeur, totals.get(r.annee, NAN), 0),
            source_line=int(r.ligne_source),
            detail="Somme des piliers et des priorités transversales (sans les lignes « Dont PRE »).",
        )
        for r in printed.itertuples()
    ]


def _count_check(row, computed: float, subject: str, detail: str) -> Check:
    return Check(
        subject=f"{subject} {row.annee}",
        stated=fmt.number(row.valeur),
        computed=fmt.number(computed),
        verdict=compare(row.valeur, computed, 0),
        source_line=int(row.ligne_source),
        detail=detail,
    )


def average_detail(year, totals: pd.Series, actions_by_year: pd.Series, printed_totals: pd.Series) -> str:
    """How the average was computed; and, when the contract printed another number of
    actions, what its own total gives."""
    detail = f"{fmt.euros(totals.get(year))} ÷ {fmt.number(actions_by_year.get(year))} actions."
    printed_total = printed_totals.get(year)
    if printed_total is not None and printed_total != actions_by_year.get(year):
        detail += (
            f" Avec le total imprimé de {fmt.number(printed_total)} actions, le calcul "
            f"donne {fmt.euros(totals.get(year) / printed_total, PRINTED_AVERAGE_DECIMALS)}."
        )
    return detail


def _average_check(row, by_year: pd.Series, printed_totals: pd.Series) -> Check:
    computed = model.average_per_action().get(row.annee, NAN)
    return Check(
        subject=f"Montant moyen par action {row.annee}",
        stated=fmt.euros(row.valeur, PRINTED_AVERAGE_DECIMALS),
        computed=fmt.euros(computed, PRINTED_AVERAGE_DECIMALS),
        verdict=compare(row.valeur, computed, PRINTED_AVERAGE_DECIMALS),
        source_line=int(row.ligne_source),
        detail=average_detail(row.annee, model.envelope_totals(), by_year, printed_totals),
    )


def action_count_checks(table: str, printed: pd.DataFrame) -> list[Check]:
    """T-EVAL-02 or -03: each pillar's printed count, each TOTAL and each average."""
    labels = model.short_labels()
    frame = model.actions() if table == "T-EVAL-02" else model.gender_actions()
    by_pillar = frame.set_index(["pilier", "annee"])["total"]
    by_year = frame.groupby("annee")["total"].sum()
    printed_totals = printed[printed["indicateur"] == "total_actions"].set_index("annee")["valeur"]
    checks = []
    for r in printed.itertuples():
        if r.indicateur == "nombre_actions":
            subject = f"Actions « {labels.get(r.pilier, r.pilier)} »"
            computed = by_pillar.get((r.pilier, r.annee), NAN)
            checks.append(_count_check(r, computed, subject, "Somme des actions nouvelles et reconduites."))
        elif r.indicateur == "total_actions":
            computed = by_year.get(r.annee, NAN)
            checks.append(_count_check(r, computed, "TOTAL des actions", "Somme des actions des piliers."))
        elif r.indicateur == "montant_moyen_action_eur":
            checks.append(_average_check(r, by_year, printed_totals))
    return checks


def printed_value_checks(table: str) -> list[Check]:
    """Every total, count and average printed in one table (T-EVAL-01, -02 or -03)
    against the sum of its parts."""
    printed = model.printed(table)
    if table == "T-EVAL-01":
        return envelope_total_checks(printed)
    return action_count_checks(table, printed)


# The page (its MyST label) that shows each table's box.
PAGES = {
    "T-EVAL-01": "evaluation-enveloppe",
    "T-EVAL-02": "evaluation-actions",
    "T-EVAL-03": "evaluation-egalite",
}


def box(table: str) -> Box:
    """The « contrôles de cohérence » box of one page: the printed values of `table`, the
    claims of the commentary that goes with it in the contract, then what its rows make
    possible from one year (or table) to another (sequences.py)."""
    checks = printed_value_checks(table) + claims.claim_checks(table) + sequences.sequence_checks(table)
    return Box(PAGES[table], f"controles-{table.lower()}", tuple(checks))


def checks_box(table: str) -> Fragment:
    return render_box(box(table))


def boxes() -> list[Box]:
    return [box(table) for table in PAGES]
