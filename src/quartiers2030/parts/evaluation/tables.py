"""The contract's three programming tables, rebuilt from the data: T-EVAL-01 (State
envelope), T-EVAL-02 (actions), T-EVAL-03 (gender-equality actions). Titles and row
labels are the contract's (tableaux.csv, tableaux_lignes.csv). Every count, total and
average the contract prints is shown as printed (valeurs_imprimees.csv); where the data
gives another value, the cell says so beside it (core.checks.marked)."""

from __future__ import annotations

import pandas as pd

from quartiers2030.core import fmt
from quartiers2030.core.checks import MARKS_NOTE, compare, marked
from quartiers2030.core.html import Fragment
from quartiers2030.core.tables import Row, Table
from quartiers2030.parts.evaluation import model
from quartiers2030.parts.evaluation.model import PRINTED_AVERAGE_DECIMALS, ContractTable

# The site's ids of the three tables (links and tests point to them).
TABLE_IDS = {
    "T-EVAL-01": "tableau-enveloppe-etat",
    "T-EVAL-02": "tableau-actions",
    "T-EVAL-03": "tableau-egalite-fh",
}


def printed_cell(stated, computed, decimals: int, formatter) -> str | Fragment:
    """The printed value, with the recalculation beside it when they differ; the computed
    value alone where the contract prints none."""
    if stated is None or pd.isna(stated):
        return formatter(computed)
    got = float("nan") if computed is None else computed
    shown = formatter(computed) or "aucune valeur"
    return marked(formatter(stated), shown, compare(stated, got, decimals))


def _note(rows: list[Row]) -> str | None:
    """The key to the marks, on a table where a cell carries one."""
    cells = [c for r in rows for c in r.cells]
    return MARKS_NOTE if any(isinstance(c, Fragment) for c in cells) else None


def _frame(spec: ContractTable, year_list: list, rows: list[Row], footer: list[Row]) -> Table:
    """A table with the contract's title (and the years it covers), corner and column group."""
    return Table(
        note=_note(rows + footer),
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
    printed = model.printed_series(spec.code, "total_enveloppe_eur")
    cells = [printed_cell(printed.get(y), totals.get(y), 0, fmt.euros) for y in year_list]
    footer = [Row(spec.label("total"), cells, "total")]
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
        printed = model.printed_series(spec.code, "nombre_actions", p.code)
        computed = sub["total"]
        cells = [
            printed_cell(printed.get(y), computed.get(y), 0, fmt.number) if y in sub.index else ""
            for y in year_list
        ]
        rows.append(Row(p.label, cells))
        pairs = [
            _pair(sub.at[y, "nouvelles"], sub.at[y, "reconduites"]) if y in sub.index else ""
            for y in year_list
        ]
        rows.append(Row(spec.label("detail"), pairs, "sub"))
    return rows


def _count_table(frame: pd.DataFrame, spec: ContractTable, extra: Row) -> Table:
    year_list = model.years(frame)
    totals = frame.groupby("annee")["total"].sum()
    printed = model.printed_series(spec.code, "total_actions")
    cells = [printed_cell(printed.get(y), totals.get(y), 0, fmt.number) for y in year_list]
    total = Row(spec.label("total"), cells, "total")
    return _frame(spec, year_list, _count_rows(frame, spec, year_list), [total, extra])


def actions_table() -> Table:
    """T-EVAL-02: actions by pillar, new / renewed, total and average grant."""
    spec = model.contract_table("T-EVAL-02")
    frame = model.actions()
    average = model.average_per_action()
    printed = model.printed_series(spec.code, "montant_moyen_action_eur")

    def euros(value):
        return fmt.euros(value, PRINTED_AVERAGE_DECIMALS)

    decimals = PRINTED_AVERAGE_DECIMALS
    cells = [printed_cell(printed.get(y), average.get(y), decimals, euros) for y in model.years(frame)]
    return _count_table(frame, spec, Row(spec.label("moyenne"), cells, "total"))


def gender_table() -> Table:
    """T-EVAL-03: gender-equality actions by pillar, and their yearly amount."""
    spec = model.contract_table("T-EVAL-03")
    frame = model.gender_actions()
    amounts = model.gender_amounts()
    cells = [fmt.euros(amounts.get(y)) for y in model.years(frame)]
    return _count_table(frame, spec, Row(spec.label("montant"), cells, "total"))
