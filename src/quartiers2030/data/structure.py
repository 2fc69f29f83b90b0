"""Problems with the data package's structure, said in French: a `datapackage.json` that is
not valid JSON, a resource whose file is missing, a workbook (.xlsx) kept beside or instead
of a resource's CSV. None of them is ever fixed by removing a resource: every page that
reads it would break."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from quartiers2030.core import paths
from quartiers2030.data.datapackage import VERBATIM
from quartiers2030.data.problems import Problem


def _near(text: str, pos: int) -> str:
    line = text[: pos + 1].split("\n")[-1] + text[pos + 1 :].split("\n", 1)[0]
    return line.strip()[:80]


def invalid_datapackage(error: json.JSONDecodeError) -> Problem:
    """An unreadable `datapackage.json`, at its line and column."""
    return Problem(
        file=str(paths.DATAPACKAGE),
        line=error.lineno,
        column=f"caractère {error.colno}",
        value=_near(error.doc, error.pos),
        message="ce fichier n'est pas du JSON valide (" + _json_words(error.msg) + ")",
        fix=(
            "Corrigez la ligne indiquée (une virgule, un guillemet ou une accolade oubliée ou en trop "
            "le plus souvent, souvent à la fin de la ligne précédente), ou reprenez la dernière version : "
            f"git checkout -- {paths.DATAPACKAGE}"
        ),
    )


_JSON_WORDS = {
    "Expecting ',' delimiter": "virgule attendue",
    "Expecting ':' delimiter": "deux-points attendus",
    "Expecting value": "valeur attendue",
    "Expecting property name enclosed in double quotes": "nom de propriété entre guillemets droits attendu",
    "Unterminated string starting at": "texte entre guillemets non fermé",
    "Extra data": "texte après la fin du JSON",
    "Invalid control character at": "caractère de contrôle dans un texte",
}


def _json_words(msg: str) -> str:
    for english, french in _JSON_WORDS.items():
        if msg.startswith(english):
            return french
    return msg


def workbooks(path: Path) -> list[Path]:
    """Workbooks saved beside a resource's CSV (same name, or any .xlsx in its folder if the CSV
    is missing), which the site never reads."""
    same = [p for p in (path.with_suffix(".xlsx"), path.with_suffix(".XLSX")) if p.is_file()]
    if same or path.is_file() or not path.parent.is_dir():
        return same[:1]
    return sorted(p for p in path.parent.iterdir() if p.suffix.lower() == ".xlsx")


def _import_command(res: dict, book: Path, workbook: Path) -> str:
    return f"python -m quartiers2030 import {res['name']} {workbook.relative_to(book)}"


def missing_file(res: dict, path: Path, book: Path) -> Problem:
    """A resource without its file: restore it, or import the workbook saved instead."""
    display = f"data/{res['path']}"
    found = workbooks(path)
    if found:
        names = ", ".join(str(p.relative_to(book)) for p in found)
        fix = (
            f"Le site ne lit que le CSV ; convertissez le classeur trouvé ({names}) avec : "
            f"{_import_command(res, book, found[0])} (ou make import RESOURCE={res['name']} "
            f"FICHIER={found[0].relative_to(book)})."
        )
    else:
        fix = (
            f"Restaurez le fichier depuis la dernière version : git checkout -- {display} "
            "(ou reprenez-le dans l'archive des données publiée avec le site). "
            f"Ne retirez pas la ressource « {res['name']} » de data/datapackage.json : "
            "les pages qui la lisent ne se construiraient plus."
        )
    return Problem(display, None, None, None, "fichier absent", fix)


def workbook_notes(resources: list[dict], book: Path) -> list[str]:
    """One French note per workbook kept beside a resource's CSV (the site reads the CSV)."""
    notes = []
    for res in resources:
        path = paths.data_dir(book) / res["path"]
        if not path.is_file():
            continue
        for workbook in workbooks(path):
            notes.append(
                f"{workbook.relative_to(book)} : classeur Excel ignoré, le site lit data/{res['path']}. "
                f"Pour publier ses données : {_import_command(res, book, workbook)} ; sinon, "
                "déplacez-le hors de data/ (tout ce qui est sous data/ est publié)."
            )
    return notes


def header_spaces(root: Path, resources: list[dict]) -> list[Problem]:
    """A column name with a space before or after it (« pilier  »): frictionless reads it as
    the right name, the pages would not find their column."""
    problems = []
    for res in resources:
        path = paths.data_dir(root) / res.get("path", "")
        names = [f["name"] for f in res.get("schema", {}).get("fields", [])]
        if not names or not path.is_file() or res.get(VERBATIM):
            continue
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            header = next(csv.reader(handle, delimiter=res.get("dialect", {}).get("delimiter", ",")), [])
        for label in header:
            if label != label.strip() and label.strip() in names:
                problems.append(
                    Problem(
                        file=f"data/{res['path']}",
                        line=1,
                        column=label.strip(),
                        value=label,
                        message=f"le nom de colonne « {label} » porte une espace en trop",
                        fix=f"Retirez l'espace : la première ligne doit être exactement : {','.join(names)}",
                    )
                )
    return problems


def invalid_description(error) -> Problem:
    """A `datapackage.json` that is JSON but not a valid description (a type misspelt, a
    property misplaced), as frictionless refuses it (an error or an exception)."""
    error = getattr(error, "error", None) or error
    note = getattr(error, "message", None) or str(error)
    return Problem(
        file=str(paths.DATAPACKAGE),
        line=None,
        column=None,
        value=note[:200],
        message="la description des données n'est pas valide",
        fix=(
            "Corrigez la propriété indiquée (types admis : string, integer, number, date, year, boolean), "
            f"ou reprenez la dernière version : git checkout -- {paths.DATAPACKAGE}"
        ),
    )
