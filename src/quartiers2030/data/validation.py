"""Validation of the data package: every file against its Table Schema (by frictionless, the
reference implementation of the Frictionless Data standards), then the cross-table rules.
This module turns frictionless's reports into French messages that name the file, the
line, the column, the value found, what was expected and how to fix it."""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from quartiers2030.core import paths
from quartiers2030.data import (
    completeness,
    encodings,
    hints,
    normalise,
    rules,
    schema_errors,
    staging,
    structure,
)
from quartiers2030.data.datapackage import OPTIONAL, VERBATIM, _descriptor, descriptor
from quartiers2030.data.problems import Problem

_HEADER_ERRORS = {
    "missing-label",
    "extra-label",
    "incorrect-label",
    "duplicate-label",
    "blank-label",
    "blank-header",
}
_ROW_SHAPE_ERRORS = {"extra-cell", "missing-cell", "blank-row"}

_TYPE_WORDS = {
    "integer": "un nombre entier (sans espace ni décimale, ex. 1250)",
    "number": "un nombre avec un point décimal (ex. 1250.5)",
    "string": "du texte",
    "date": "une date AAAA-MM-JJ (ex. 2023-10-31)",
    "year": "une année sur 4 chiffres",
    "boolean": "true ou false",
}


def _field(res: dict, name: str | None) -> dict:
    for f in res["schema"]["fields"]:
        if f["name"] == name:
            return f
    return {}


def _path_of(res: dict, name: str) -> str:
    for other in res.get("_siblings", []):
        if other["name"] == name:
            return other["path"]
    return name


# Errors whose French message needs nothing from the schema: (message, fix).
_FIXED_WORDS = {
    "extra-cell": (
        "cette ligne a plus de cellules que l'en-tête",
        "Supprimez la cellule en trop ; un texte contenant une virgule doit être entre guillemets.",
    ),
    "missing-cell": (
        "cette ligne a moins de cellules que l'en-tête",
        "Complétez la ligne : chaque ligne doit avoir autant de valeurs que l'en-tête.",
    ),
    "blank-row": ("ligne vide", "Supprimez la ligne vide."),
    "encoding-error": (
        "le fichier n'est pas encodé en UTF-8",
        "Enregistrez le fichier en « CSV UTF-8 (délimité par des virgules) ».",
    ),
}


def _constraint_words(note: str, cons: dict) -> tuple[str, str]:
    """(message, fix) for a broken constraint, from frictionless's note naming it."""
    if "required" in note:
        return (
            "cette cellule est obligatoire et elle est vide",
            "Renseignez la valeur (voir la description de la colonne dans data/datapackage.json).",
        )
    if "minimum" in note:
        return (
            f"la valeur est inférieure au minimum autorisé ({cons.get('minimum')})",
            f"Corrigez la valeur : elle doit être au moins {cons.get('minimum')}.",
        )
    if "maximum" in note:
        return (
            f"la valeur dépasse le maximum plausible de la colonne ({cons.get('maximum')})",
            f"Vérifiez la valeur dans sa source (un zéro de trop, une autre unité ?) : elle doit être "
            f"au plus {cons.get('maximum')}. Si elle est juste, relevez le « maximum » de la colonne "
            "dans data/datapackage.json.",
        )
    if "enum" in note:
        allowed = ", ".join(cons.get("enum", []))
        return (
            f"valeur non prévue ; valeurs admises : {allowed}",
            "Utilisez exactement une des valeurs admises.",
        )
    if "unique" in note:
        return (
            "cette valeur apparaît déjà plus haut dans la colonne",
            "Chaque valeur de cette colonne doit être unique : supprimez le doublon.",
        )
    if "pattern" in note:
        return (
            f"la valeur ne respecte pas le format attendu ({cons.get('pattern')})",
            "Utilisez des minuscules, des chiffres et « _ » seulement.",
        )
    return (f"la valeur ne respecte pas une contrainte ({note})", "Corrigez la valeur.")


# frictionless's note on a repeated key or value: « the same as in the row at position 2 ».
_FIRST_ROW = re.compile(r"row at position (\d+)")


def _first_line(error) -> str:
    """« à la ligne 2 » (a row's position in frictionless is its line in the file), or « plus haut »."""
    found = _FIRST_ROW.search(error.note or "")
    return f"à la ligne {found[1]}" if found else "plus haut"


def _key_words(error, res: dict) -> tuple[str, str]:
    """(message, fix) for a repeated primary key or an unknown foreign key."""
    if error.type == "primary-key":
        keys = res["schema"].get("primaryKey")
        keys = keys if isinstance(keys, list) else [keys]
        names = [f["name"] for f in res["schema"]["fields"]]
        cells = list(getattr(error, "cells", []) or [])
        shown = ", ".join(
            f"{k} = {cells[names.index(k)]}" if k in names and names.index(k) < len(cells) else k
            for k in keys
        )
        return (
            f"cette ligne répète la clé ({shown}) déjà présente {_first_line(error)}",
            "Supprimez la ligne en double, ou corrigez la clé de l'une des deux lignes.",
        )
    ref = getattr(error, "reference_name", "") or ""
    table = f"data/{_path_of(res, ref)}" if ref else "la table de référence"
    return (
        f"ce code n'existe pas dans la table de référence ({table})",
        f"Utilisez un code de {table}, ou ajoutez-le d'abord à ce fichier.",
    )


def _explain(error, res: dict) -> tuple[str, str]:
    """(message, fix) in French for one frictionless error."""
    kind = error.type
    field = _field(res, getattr(error, "field_name", None))
    expected = ",".join(f["name"] for f in res["schema"]["fields"])
    if kind == "type-error":
        missing = res["schema"].get("missingValues", [""])
        hint = hints.type_hint(field, getattr(error, "cell", None), missing)
        words = _TYPE_WORDS.get(field.get("type", ""), field.get("type", ""))
        return hint or (f"la valeur n'est pas du type attendu : {words}", f"Écrivez {words}.")
    if kind == "constraint-error":
        return _constraint_words(error.note or "", field.get("constraints", {}))
    if kind in ("primary-key", "foreign-key"):
        return _key_words(error, res)
    if kind == "unique-error":
        return (
            f"cette valeur est déjà dans la colonne, {_first_line(error)} ; chaque valeur doit y être unique",
            "Supprimez la ligne en double, ou corrigez la valeur de l'une des deux lignes.",
        )
    if kind in _FIXED_WORDS:
        return _FIXED_WORDS[kind]
    if kind in _HEADER_ERRORS - {"blank-header"}:
        return (
            "l'en-tête ne correspond pas au schéma",
            f"La première ligne doit être exactement : {expected}",
        )
    if kind == "source-error" and "empty" in (error.note or ""):
        return ("le fichier est vide", f"Le fichier doit commencer par la ligne d'en-tête : {expected}")
    return (f"{error.title} : {error.message}", "Corrigez le fichier.")


@dataclass
class Report:
    normalised: list  # quartiers2030.data.normalise.Normalisation, one per file to bring back
    problems: list[Problem]
    notes: list[str] = field(default_factory=list)  # workbooks beside a CSV, never read


def _canonical(root: Path, resources: list[dict]) -> tuple[list, dict[Path, str], list[Problem]]:
    """What the canonical form would change in each staff file, computed in memory."""
    normalised, canonical, problems = [], {}, []
    for res in resources:
        path = paths.data_dir(root) / res["path"]
        display = f"data/{res['path']}"
        if not path.is_file():
            if res.get(OPTIONAL):
                continue  # a data slot awaiting its file: its page says so
            problems.append(structure.missing_file(res, path, root))
            continue
        if res.get(VERBATIM):
            continue
        try:
            change, text = normalise.normalised(path, res, display)
        except encodings.EncodingRefused as refused:
            problems.append(Problem(display, None, None, None, refused.message, refused.fix))
            continue
        if change:
            normalised.append(change)
            canonical[path] = text
    return normalised, canonical, problems


def _problems(root: Path, resources: list[dict]) -> list[Problem]:
    found = completeness.check(root)
    if found.header_only:
        # Said alone, before the schema's validation: an emptied file explains the unknown
        # codes of every file that refers to it (and the check answers at once).
        return found.header_only
    schema = structure.header_spaces(root, resources) + validate(root)
    problems = hints.same_problem_on_many_lines(
        hints.swapped_columns(_with_rows(resources, schema, found), resources)
    )
    return problems or rules.check(root)


def check(root: Path | None = None, *, write: bool = False, keep_originals: bool = True) -> Report:
    """What `make check` (write=False) and `make site`, `make fix` (write=True) run: the
    canonical form of the files Excel saved, validated on a copy against every schema, then
    the cross-table rules (only on valid files: they assume the types). A staff file is
    rewritten only when `write` and the whole result is valid, its original kept in
    `_sauvegardes/` (`keep_originals`: False for a throw-away copy)."""
    root = root or paths.book_root()
    _descriptor.cache_clear()
    try:
        resources = descriptor(root)["resources"]
    except json.JSONDecodeError as error:
        return Report([], [structure.invalid_datapackage(error)])
    normalised, canonical, problems = _canonical(root, resources)
    notes = structure.workbook_notes(resources, root)
    if problems:
        return Report(normalised, problems, notes)
    if not canonical:
        problems = _problems(root, resources)
        if write and not problems:
            schema_errors.keep_valid(root)  # the next check validates only what changes
        return Report(normalised, problems, notes)
    with tempfile.TemporaryDirectory(prefix="q2030-check-") as work:
        problems = _problems(staging.staged_copy(root, canonical, Path(work)), resources)
        _descriptor.cache_clear()  # the copy's descriptor must not outlive it
    if problems or not write:
        return Report(normalised, problems, notes)
    if keep_originals:
        backup = staging.write_back(root, canonical)
        for change in normalised:
            change.backup = f"{backup}/{change.file}"
    else:
        for path, text in canonical.items():
            path.write_text(text, encoding="utf-8")
    for change in normalised:
        change.written = True
    return Report(normalised, problems, notes)


def _with_rows(resources: list[dict], problems: list[Problem], found: completeness.Findings) -> list[Problem]:
    """Schema problems and the rows files lack (`completeness`), file by file in the
    descriptor's order, each file's missing rows after its other problems."""
    rank = {f"data/{r['path']}": i for i, r in enumerate(resources)}
    return sorted(problems + found.missing, key=lambda p: rank.get(p.file, len(rank)))


def _problem(error, res: dict, rel: str) -> Problem:
    """One frictionless error, said in French at its file, line and column."""
    message, fix = _explain(error, res)
    column = getattr(error, "field_name", None) or ", ".join(getattr(error, "field_names", []) or [])
    line = getattr(error, "row_number", None)
    if error.type in _HEADER_ERRORS:
        line, column = 1, getattr(error, "label", None) or column
    value = getattr(error, "cell", None)
    if value == "None" and error.type in ("constraint-error", "missing-cell"):
        value = None
    if value is None and getattr(error, "field_cells", None):
        value = ", ".join(str(c) for c in error.field_cells)
    return Problem(
        file=rel,
        line=line,
        column=column or None,
        value=None if value is None else str(value),
        message=message,
        fix=fix,
    )


def validate(root: Path | None = None) -> list[Problem]:
    """Every schema problem of every resource, in file order."""
    root = root or paths.book_root()
    try:
        package_errors, tasks = schema_errors.errors(root)
    except schema_errors.InvalidDescription as invalid:
        return [structure.invalid_description(invalid.error)]
    resources = descriptor(root)["resources"]
    by_name = {r["name"]: dict(r, _siblings=resources) for r in resources}
    found: list[tuple[Problem, bool]] = []  # each problem, and whether it is a row's shape
    for name, errors in tasks:
        res = by_name.get(name, {"schema": {"fields": []}, "path": name})
        rel = f"data/{res.get('path', name)}"
        found += [(_problem(e, res, rel), e.type in _ROW_SHAPE_ERRORS) for e in errors]
    # Within a line, a wrong number of cells explains the other errors (shifted columns):
    # say it first. Files keep their order, and problems their order within a line.
    file_rank = {p.file: i for i, (p, _) in reversed(list(enumerate(found)))}
    order = sorted(
        range(len(found)),
        key=lambda i: (file_rank[found[i][0].file], found[i][0].line or 0, 0 if found[i][1] else 1, i),
    )
    problems = [found[i][0] for i in order]
    problems += [structure.invalid_description(error) for error in package_errors]
    return problems
