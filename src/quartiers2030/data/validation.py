"""Validation of the data package: every file against its Table Schema (by frictionless, the
reference implementation of the Frictionless Data standards), then the cross-table rules.
This module turns frictionless's reports into French messages that name the file, the
line, the column, the value found, what was expected and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from quartiers2030.core import paths
from quartiers2030.data import normalise, rules
from quartiers2030.data.datapackage import LOCAL_PROPERTIES, OPTIONAL, VERBATIM, _descriptor, descriptor
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


def _explain(error, res: dict) -> tuple[str, str]:
    """(message, fix) in French for one frictionless error."""
    kind = error.type
    field = _field(res, getattr(error, "field_name", None))
    ftype = field.get("type", "")
    cons = field.get("constraints", {})
    if kind == "type-error":
        return (
            f"la valeur n'est pas du type attendu : {_TYPE_WORDS.get(ftype, ftype)}",
            f"Écrivez {_TYPE_WORDS.get(ftype, ftype)}.",
        )
    if kind == "constraint-error":
        note = error.note or ""
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
                f"la valeur dépasse le maximum autorisé ({cons.get('maximum')})",
                f"Corrigez la valeur : elle doit être au plus {cons.get('maximum')}.",
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
    if kind == "primary-key":
        keys = res["schema"].get("primaryKey")
        keys = ", ".join(keys) if isinstance(keys, list) else keys
        return (
            f"cette ligne répète la clé ({keys}) d'une ligne précédente",
            "Supprimez la ligne en double ou corrigez la clé.",
        )
    if kind == "foreign-key":
        ref = getattr(error, "reference_name", "") or ""
        table = f"data/{_path_of(res, ref)}" if ref else "la table de référence"
        return (
            f"ce code n'existe pas dans la table de référence ({table})",
            f"Utilisez un code de {table}, ou ajoutez-le d'abord à ce fichier.",
        )
    if kind == "extra-cell":
        return (
            "cette ligne a plus de cellules que l'en-tête",
            "Supprimez la cellule en trop ; un texte contenant une virgule doit être entre guillemets.",
        )
    if kind == "missing-cell":
        return (
            "cette ligne a moins de cellules que l'en-tête",
            "Complétez la ligne : chaque ligne doit avoir autant de valeurs que l'en-tête.",
        )
    if kind == "blank-row":
        return ("ligne vide", "Supprimez la ligne vide.")
    if kind in ("missing-label", "extra-label", "incorrect-label", "duplicate-label", "blank-label"):
        expected = ",".join(f["name"] for f in res["schema"]["fields"])
        return (
            "l'en-tête ne correspond pas au schéma",
            f"La première ligne doit être exactement : {expected}",
        )
    if kind == "source-error" and "empty" in (error.note or ""):
        expected = ",".join(f["name"] for f in res["schema"]["fields"])
        return ("le fichier est vide", f"Le fichier doit commencer par la ligne d'en-tête : {expected}")
    if kind == "encoding-error":
        return (
            "le fichier n'est pas encodé en UTF-8",
            "Enregistrez le fichier en « CSV UTF-8 (délimité par des virgules) ».",
        )
    return (f"{error.title} : {error.message}", "Corrigez le fichier.")


@dataclass
class Report:
    normalised: list  # quartiers2030.data.normalise.Normalisation, one per file rewritten
    problems: list[Problem]


def check(root: Path | None = None, *, fix_format: bool = True) -> Report:
    """What `make check` and `make site` run: bring files saved by Excel back to the
    canonical form (reporting each change), validate every file against its schema, then
    apply the cross-table rules (only on valid files: they assume the types)."""
    root = root or paths.book_root()
    _descriptor.cache_clear()
    normalised, problems = [], []
    for res in descriptor(root)["resources"]:
        path = paths.data_dir(root) / res["path"]
        display = f"data/{res['path']}"
        if not path.is_file():
            if res.get(OPTIONAL):
                continue  # a data slot awaiting its file: its page says so
            problems.append(
                Problem(
                    display,
                    None,
                    None,
                    None,
                    "fichier absent",
                    f"Créez le fichier, ou retirez la ressource « {res['name']} » de data/datapackage.json.",
                )
            )
            continue
        if not fix_format or res.get(VERBATIM):
            continue
        try:
            change = normalise.normalise(path, res, display)
        except UnicodeDecodeError:
            problems.append(
                Problem(
                    display,
                    None,
                    None,
                    None,
                    "encodage du fichier inconnu (ni UTF-8 ni Windows-1252)",
                    "Dans Excel : Fichier > Enregistrer sous > « CSV UTF-8 (délimité par des virgules) ».",
                )
            )
            continue
        if change:
            normalised.append(change)
    if problems:
        return Report(normalised, problems)
    problems = validate(root)
    if not problems:
        problems = rules.check(root)
    return Report(normalised, problems)


def validate(root: Path | None = None) -> list[Problem]:
    """Every schema problem of every resource, in file order."""
    import frictionless

    root = root or paths.book_root()
    full = descriptor(root)
    present = dict(
        full,
        resources=[
            r
            for r in full["resources"]
            if not r.get(OPTIONAL) or (paths.data_dir(root) / r["path"]).is_file()
        ],
    )
    present["resources"] = [
        {k: v for k, v in r.items() if k not in LOCAL_PROPERTIES} for r in present["resources"]
    ]
    report = frictionless.Package(present, basepath=str(paths.data_dir(root))).validate()
    problems: list[Problem] = []
    resources = descriptor(root)["resources"]
    by_name = {r["name"]: dict(r, _siblings=resources) for r in resources}
    ranks: list[int] = []
    for task in report.tasks:
        res = by_name.get(task.name, {"schema": {"fields": []}, "path": task.name})
        rel = f"data/{res.get('path', task.name)}"
        for error in task.errors:
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
            problems.append(
                Problem(
                    file=rel,
                    line=line,
                    column=column or None,
                    value=None if value is None else str(value),
                    message=message,
                    fix=fix,
                )
            )
            ranks.append((len(ranks), 0 if error.type in _ROW_SHAPE_ERRORS else 1))
    # Within a line, a wrong number of cells explains the other errors (shifted columns):
    # say it first.
    file_rank = {p.file: i for i, p in reversed(list(enumerate(problems)))}
    order = sorted(
        range(len(problems)),
        key=lambda i: (file_rank[problems[i].file], problems[i].line or 0, ranks[i][1], ranks[i][0]),
    )
    problems = [problems[i] for i in order]
    for error in report.errors:
        problems.append(
            Problem(
                file=str(paths.DATAPACKAGE),
                line=None,
                column=None,
                value=None,
                message=error.message,
                fix="Corrigez data/datapackage.json.",
            )
        )
    return problems
