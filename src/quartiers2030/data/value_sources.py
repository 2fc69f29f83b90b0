"""Where each value comes from: the `sources` resource (producer, dataset, edition,
address, licence, how it was obtained), one row of which is the contract itself. A fact
file with a `source` column names each row's source there; a row of the contract gives
its line (`ligne_source`), a row of another source gives none. The pages write « Insee,
Filosofi 2021 » for another source and the contract's line otherwise."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from quartiers2030.data.datapackage import descriptor, load
from quartiers2030.data.problems import Problem

CONTRACT = "contrat"  # the code of the contract in sources.csv
SOURCE_FIELD = "source"
LINE_FIELD = "ligne_source"


def is_contract(code) -> bool:
    return code == CONTRACT


def names_sources(res: dict) -> bool:
    """Whether a resource's rows name their source: a `source` column referring to `sources`."""
    return any(
        key.get("fields") in (SOURCE_FIELD, [SOURCE_FIELD])
        and key.get("reference", {}).get("resource") == "sources"
        for key in res.get("schema", {}).get("foreignKeys", [])
    )


def contract_rows(res: dict, rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The rows (as text) that come from the contract: all of them in a file whose rows do
    not name their source. A row the contract prints is never stood in for by another's."""
    if not names_sources(res):
        return rows
    return [r for r in rows if is_contract(r.get(SOURCE_FIELD, "").strip())]


def label(code: str, root: Path | None = None) -> str:
    """« Insee, Filosofi 2021 »: producer, dataset and edition of a source."""
    row = load("sources", root).set_index("code").loc[code]
    return f"{row['producteur']}, {row['titre']} {row['edition']}"


def _with_sources(root: Path) -> list[dict]:
    return [res for res in descriptor(root)["resources"] if names_sources(res)]


def _problem(res: dict, index, column: str, value: str, message: str, fix: str) -> Problem:
    return Problem(f"data/{res['path']}", int(index) + 2, column, value, message, fix)


def contract_rows_give_their_line(root: Path) -> list[Problem]:
    """A row of the contract gives its line; a row of another source gives none (a line
    of the contract would say the contract prints it)."""
    problems = []
    for res in _with_sources(root):
        if LINE_FIELD not in {f["name"] for f in res["schema"]["fields"]}:
            continue  # rows that never come from the contract (an imported programmation)
        frame = load(res["name"], root, declared=False)
        for index, row in frame.iterrows():
            line, source = row[LINE_FIELD], row[SOURCE_FIELD]
            if is_contract(source) and pd.isna(line):
                problems.append(
                    _problem(
                        res,
                        index,
                        LINE_FIELD,
                        "",
                        "la valeur vient du contrat (source contrat) mais ne dit pas sa ligne",
                        "Indiquez le numéro de la ligne du texte du contrat "
                        "(data/source/contrat-de-ville-2024-2030.txt) où elle est imprimée ; une "
                        "valeur d'une autre source prend le code de cette source "
                        "(data/sources.csv) et laisse ligne_source vide.",
                    )
                )
            elif not is_contract(source) and not pd.isna(line):
                problems.append(
                    _problem(
                        res,
                        index,
                        LINE_FIELD,
                        str(int(line)),
                        f"la valeur vient de la source « {source} », pas du contrat : elle n'a "
                        "pas de ligne du contrat",
                        "Videz ligne_source : la page citera la source (data/sources.csv). Si la "
                        "valeur est bien celle du contrat, mettez contrat dans la colonne source.",
                    )
                )
    return problems
