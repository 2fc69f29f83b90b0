"""The contract's three programming tables, rebuilt from the data: T-EVAL-01 (State
envelope), T-EVAL-02 (actions), T-EVAL-03 (gender-equality actions). Titles and row
labels are the contract's (tableaux.csv, tableaux_lignes.csv); totals are recomputed."""

from __future__ import annotations

import pandas as pd

from quartiers2030.core import fmt
from quartiers2030.core.tables import Row, Table
from quartiers2030.parts.evaluation import model
from quartiers2030.parts.evaluation.model import PRINTED_AVERAGE_DECIMALS, ContractTable

# The site's ids of the three tables (links and tests point to them).
TABLE_IDS = {
    "T-EVAL-01": "tableau-enveloppe-etat",
    "T-EVAL-02": "tableau-actions",
    "T-EVAL-03": "tableau-egalite-fh",
}


def _frame(spec: ContractTable, year_list: list, rows: list[Row], footer: list[Row]) -> Table:
    """A table with the contract's title (and the years it covers), corner and column group."""
    return Table(
        id=TABLE_IDS[spec.code],
        caption=f"{spec.title} ({model.span(year_list)})",
        corner=spec.corner,
        column_group=spec.column_group,
        columns=[str(y) for y in year_list],
        rows=rows,
        footer=footer,
    )


def envelope_table() -> Table:
    """T-EVAL-01: pillars, their « Dont PRE » lines, cross-cutting priorities, and a TOTAL
    computed from the pillar rows (the « Dont » lines are parts of a pillar, not added)."""
    spec = model.contract_table("T-EVAL-01")
    wide = model.envelope()
    year_list = list(wide.index)
    pre, amounts = model.pre_programmes(), model.pre_amounts()
    rows = []
    for p in model.pillars():
        if p.code not in wide.columns:
            continue
        rows.append(Row(p.label, [fmt.euros(wide.at[y, p.code]) for y in year_list]))
        for sub in pre[pre["pilier"] == p.code].itertuples():
            cells = [fmt.euros(amounts[sub.code].get(y)) for y in year_list]
            rows.append(Row(f"{spec.label('dont')} {sub.libelle}", cells, "sub"))
    totals = model.envelope_totals()
    footer = [Row(spec.label("total"), [fmt.euros(totals[y]) for y in year_list], "total")]
    return _frame(spec, year_list, rows, footer)


def _pair(new, renewed) -> str:
    return f"{fmt.number(new)} / {fmt.number(renewed)}"


def _count_rows(frame: pd.DataFrame, spec: ContractTable, year_list: list) -> list[Row]:
    """Each pillar's number of actions, then its « Nouvelles / reconduites » line."""
    indexed = frame.set_index(["pilier", "annee"])
    rows = []
    for p in model.pillars("pilier"):
        if p.code not in indexed.index.get_level_values(0):
            continue
        sub = indexed.loc[p.code]
        rows.append(
            Row(p.label, [fmt.number(sub.at[y, "total"]) if y in sub.index else "" for y in year_list])
        )
        pairs = [
            _pair(sub.at[y, "nouvelles"], sub.at[y, "reconduites"]) if y in sub.index else ""
            for y in year_list
        ]
        rows.append(Row(spec.label("detail"), pairs, "sub"))
    return rows


def _count_table(frame: pd.DataFrame, spec: ContractTable, extra: Row) -> Table:
    year_list = model.years(frame)
    totals = frame.groupby("annee")["total"].sum()
    total = Row(spec.label("total"), [fmt.number(totals[y]) for y in year_list], "total")
    return _frame(spec, year_list, _count_rows(frame, spec, year_list), [total, extra])


def actions_table() -> Table:
    """T-EVAL-02: actions by pillar, new / renewed, total and average grant."""
    spec = model.contract_table("T-EVAL-02")
    frame = model.actions()
    average = model.average_per_action()
    cells = [fmt.euros(average.get(y), PRINTED_AVERAGE_DECIMALS) for y in model.years(frame)]
    return _count_table(frame, spec, Row(spec.label("moyenne"), cells, "total"))


def gender_table() -> Table:
    """T-EVAL-03: gender-equality actions by pillar, and their yearly amount."""
    spec = model.contract_table("T-EVAL-03")
    frame = model.gender_actions()
    amounts = model.gender_amounts()
    cells = [fmt.euros(amounts.get(y)) for y in model.years(frame)]
    return _count_table(frame, spec, Row(spec.label("montant"), cells, "total"))
