"""The rows a file must hold for its pages: declared per resource in `datapackage.json`
(`requiredRows`, see `datapackage.REQUIRED_ROWS`) as a minimum number of rows, or the keys
that must be present, written from what the contract prints. A file emptied to its header,
or a row deleted, is refused with the rows that are missing, never published as « le
contrat ne donne aucun chiffre ». Extra rows are always allowed.

    "requiredRows": {
      "minimum": 40,
      "keys": [
        {"pilier": ["emploi", "precarite"], "annee": [2015, 2016]},
        {"pilier": "transversal", "annee": [2015, 2017]}
      ]
    }

Each grid of `keys` stands for every combination of its values (here 2 × 2, then 1 × 2);
a combination is present when one row holds these values in these columns (other columns
are free). The minimum is at least the number of combinations."""

from __future__ import annotations

import csv
import itertools
from dataclasses import dataclass
from pathlib import Path

from quartiers2030.core import fmt, paths
from quartiers2030.data import value_sources
from quartiers2030.data.datapackage import REQUIRED_ROWS, descriptor
from quartiers2030.data.problems import Problem

# How many missing rows a message lists before it counts the others.
SHOWN = 10
# In a file whose rows name their source: a value of another source never stands for the contract's.
SOURCED = " (source contrat : une valeur d'une autre source ne remplace pas celle du contrat)"


@dataclass(frozen=True)
class Findings:
    """The files holding only their header (said first: they explain the unknown codes
    other files then refer to), and the files missing some rows."""

    header_only: list[Problem]
    missing: list[Problem]


def _text(value) -> str:
    """A key value of the descriptor as it is written in a canonical CSV cell."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def expected_keys(spec: dict) -> list[dict[str, str]]:
    """Every combination that `spec["keys"]` requires, in the order written, once each."""
    found: dict[tuple, dict[str, str]] = {}
    for grid in spec.get("keys", []):
        columns = list(grid)
        choices = [v if isinstance(v, list) else [v] for v in grid.values()]
        for combination in itertools.product(*choices):
            key = dict(zip(columns, (_text(v) for v in combination), strict=True))
            found.setdefault(tuple(sorted(key.items())), key)
    return list(found.values())


def minimum_rows(spec: dict) -> int:
    return max(int(spec.get("minimum", 0)), len(expected_keys(spec)))


def read_rows(path: Path, res: dict) -> tuple[list[str], list[dict[str, str]]]:
    """A file's header and its non-blank rows, as text (empty header: an empty file)."""
    delimiter = res.get("dialect", {}).get("delimiter", ",")
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=delimiter))
    header = rows[0] if rows else []
    body = [r for r in rows[1:] if any(cell.strip() for cell in r)]
    return header, [dict(zip(header, r, strict=False)) for r in body]


def _shown(key: dict[str, str]) -> str:
    return ", ".join(f"{column}={value}" if value else f"{column} vide" for column, value in key.items())


def _restore(display: str) -> str:
    return (
        f"Restaurez le fichier depuis sa dernière version : git checkout -- {display} (ou "
        "reprenez-le dans l'archive des données publiée avec le site), puis refaites vos "
        "modifications sans retirer de lignes."
    )


def _rows_back(display: str, name: str, several: bool) -> str:
    what = "ces lignes : elles sont" if several else "cette ligne : elle est"
    return (
        f"Rétablissez {what} dans la dernière version du fichier (git diff {display} le montre) "
        "et dans le contrat. Une ligne du contrat ne se retire pas : si elle est fausse, "
        f"corrigez-la ; si elle doit vraiment disparaître, changez aussi « requiredRows » de la "
        f"ressource « {name} » dans data/datapackage.json."
    )


def header_only(display: str, spec: dict) -> Problem:
    need = minimum_rows(spec)
    return Problem(
        file=display,
        line=None,
        column=None,
        value=None,
        message=(
            "le fichier ne contient que sa ligne d'en-tête ; il doit contenir au moins "
            f"{fmt.count(need, 'ligne')} de données, que les pages du site affichent"
        ),
        fix=_restore(display),
    )


def missing_keys(display: str, name: str, missing: list[dict[str, str]], sourced: bool = False) -> Problem:
    """`sourced`: the file names each row's source; the missing rows are the contract's."""
    listed = " ; ".join(_shown(k) for k in missing[:SHOWN])
    if len(missing) > SHOWN:
        listed += f" ; et {len(missing) - SHOWN} autres"
    if sourced:
        listed += SOURCED
    words = "la ligne" if len(missing) == 1 else f"{len(missing)} lignes :"
    return Problem(
        file=display,
        line=None,
        column=", ".join(missing[0]),
        value=None,
        message=f"il manque {words} {listed}",
        fix=_rows_back(display, name, len(missing) > 1),
    )


def too_few(display: str, name: str, spec: dict, count: int) -> Problem:
    return Problem(
        file=display,
        line=None,
        column=None,
        value=None,
        message=(
            f"le fichier contient {fmt.count(count, 'ligne')} de données ; il doit en "
            f"contenir au moins {minimum_rows(spec)}"
        ),
        fix=_rows_back(display, name, True),
    )


def problems_of(display: str, res: dict, header: list[str], rows: list[dict[str, str]]) -> Findings:
    """What `res`'s `requiredRows` finds wrong with a file's header and rows."""
    spec = res.get(REQUIRED_ROWS) or {}
    keys = expected_keys(spec)
    if not header or any(column not in header for key in keys for column in key):
        return Findings([], [])  # empty file or renamed column: schema validation says so
    if not rows:
        return Findings([header_only(display, spec)] if minimum_rows(spec) else [], [])
    rows = value_sources.contract_rows(res, rows)  # what the contract prints, it alone holds
    present: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for columns in {tuple(key) for key in keys}:
        present[columns] = {tuple(row.get(c, "") for c in columns) for row in rows}
    missing = [k for k in keys if tuple(k.values()) not in present[tuple(k)]]
    if missing:
        sourced = value_sources.names_sources(res)
        return Findings([], [missing_keys(display, res["name"], missing, sourced)])
    if len(rows) < minimum_rows(spec):
        return Findings([], [too_few(display, res["name"], spec, len(rows))])
    return Findings([], [])


def check(root: Path | None = None) -> Findings:
    """Every tabular file with its file present, against its `requiredRows`."""
    root = root or paths.book_root()
    header_only_files, missing = [], []
    for res in descriptor(root)["resources"]:
        path = paths.data_dir(root) / res["path"]
        if "schema" not in res or not path.is_file():
            continue  # GeoJSON outlines; a missing file is said by `structure`
        found = problems_of(f"data/{res['path']}", res, *read_rows(path, res))
        header_only_files += found.header_only
        missing += found.missing
    return Findings(header_only_files, missing)


def undeclared(root: Path | None = None) -> list[str]:
    """Tabular resources that do not say which rows they need (a test keeps it empty)."""
    return [
        res["name"] for res in descriptor(root)["resources"] if "schema" in res and not res.get(REQUIRED_ROWS)
    ]
