"""Closed periods: a part of the contract that reports on years now past (the évaluation
2015-2023) declares them on each of its resources (`closedPeriod`, see
`datapackage.CLOSED_PERIOD`). A row for another year is refused by the check, in French,
with where such figures go instead (the programmation of the new contract); and what the
pages compute about the contract only ever reads the rows of its period."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from quartiers2030.core import paths
from quartiers2030.data import completeness
from quartiers2030.data.datapackage import CLOSED_PERIOD, REQUIRED_ROWS, descriptor, resource
from quartiers2030.data.problems import Problem

# Where the money of the new contract (2024 and later) goes: the programmation, imported
# from its workbook (the command of the follow-up issue).
PROGRAMMATION_IMPORT = "python -m quartiers2030 import programmation FICHIER"


def period_of(res: dict) -> dict | None:
    return res.get(CLOSED_PERIOD)


def span(period: dict) -> str:
    return f"{period['first']}-{period['last']}"


def within(frame: pd.DataFrame, name: str, root: Path | None = None) -> pd.DataFrame:
    """The rows of resource `name` that its closed period covers (all rows if it has none)."""
    period = period_of(resource(name, root))
    if period is None:
        return frame
    years = pd.to_numeric(frame[period["field"]], errors="coerce")
    return frame[years.between(period["first"], period["last"])]


def _outside(res: dict, period: dict, line: int, year) -> Problem:
    return Problem(
        file=f"data/{res['path']}",
        line=line,
        column=period["field"],
        value=str(year),
        message=(
            f"l'année {year} est hors de la période de {period['name']} ({span(period)}) ; "
            "cette partie du contrat est close : ses fichiers ne gardent que les années que le "
            "contrat imprime"
        ),
        fix=(
            f"Supprimez cette ligne. Les montants et les actions de {period['last'] + 1} et des "
            "années suivantes relèvent de la programmation du nouveau contrat : importez-les "
            f"avec « {PROGRAMMATION_IMPORT} » (voir « Mettre à jour les données »)."
        ),
    )


def _empty_in_the_contract(res: dict, line: int, key: dict[str, str]) -> Problem:
    shown = ", ".join(f"{column}={value}" for column, value in key.items())
    return Problem(
        file=f"data/{res['path']}",
        line=line,
        column=", ".join(key),
        value=None,
        message=(
            f"la case {shown} est vide dans le tableau du contrat ; les fichiers de "
            f"{res[CLOSED_PERIOD]['name']} ne gardent que les cases que le contrat imprime"
        ),
        fix=(
            "Supprimez cette ligne. Une valeur venue d'un autre document n'entre pas dans les "
            "tableaux du contrat : voir « Mettre à jour les données »."
        ),
    )


def rows_within_their_period(root: Path) -> list[Problem]:
    """Every row of a resource with a closed period falls within it, and fills a cell the
    contract prints (its `requiredRows`: a closed table holds exactly those), so that an
    empty cell of a page is always an empty cell of the contract."""
    problems = []
    for res in descriptor(root)["resources"]:
        period = period_of(res)
        if period is None:
            continue
        printed = completeness.expected_keys(res.get(REQUIRED_ROWS) or {})
        cells = {tuple(sorted(k.items())) for k in printed}
        _, rows = completeness.read_rows(paths.data_dir(root) / res["path"], res)
        for index, row in enumerate(rows):
            year = pd.to_numeric(row.get(period["field"], ""), errors="coerce")
            if pd.notna(year) and not period["first"] <= year <= period["last"]:
                problems.append(_outside(res, period, index + 2, int(year)))
                continue
            key = {column: row.get(column, "") for column in (printed[0] if printed else {})}
            if printed and tuple(sorted(key.items())) not in cells:
                problems.append(_empty_in_the_contract(res, index + 2, key))
    return problems
