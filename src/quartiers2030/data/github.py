"""The check's report for GitHub Actions: one annotation per problem on the CSV's own line
and column (shown in the pull request's « Files changed »), and the French report as the
job's summary (Markdown).

Workflow commands: `::error file=F,line=L,col=C,title=T::MESSAGE`. GitHub requires `%`,
CR and LF to be escaped in the message, and `:` and `,` too in the properties
(actions/toolkit, `command.ts`: escapeData, escapeProperty).
"""

from __future__ import annotations

import csv
from pathlib import Path

from quartiers2030.data.problems import Problem


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def column_number(root: Path, problem: Problem) -> int | None:
    """The 1-based position of the problem's column in its file's header, if it has one."""
    if not problem.column or "," in problem.column:
        return None
    path = root / problem.file
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle), [])
    except (OSError, UnicodeDecodeError):
        return None
    return header.index(problem.column) + 1 if problem.column in header else None


def _command(kind: str, properties: dict[str, object], message: str) -> str:
    shown = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items() if v is not None)
    return f"::{kind} {shown}::{escape_data(message)}"


def annotation(root: Path, problem: Problem) -> str:
    found = f" (valeur trouvée : « {problem.value} »)" if problem.value not in (None, "") else ""
    properties = {
        "file": problem.file,
        "line": problem.line,
        "col": column_number(root, problem),
        "title": f"Données : {problem.file}",
    }
    return _command("error", properties, f"{problem.message}{found}.\n→ {problem.fix}")


def normalisation_annotation(change) -> str:
    """A file Excel saved: valid once brought back, but the file itself must be saved right."""
    message = (
        "Ce fichier doit être remis au format standard : "
        + " ; ".join(change.changes)
        + ".\n→ Enregistrez-le en « CSV UTF-8 (délimité par des virgules) », ou lancez « make fix » "
        "et validez le fichier obtenu."
    )
    return _command("error", {"file": change.file, "title": f"Format : {change.file}"}, message)


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def summary(problems: list[Problem], normalised: list) -> str:
    """The job summary: the French report as a Markdown table."""
    if not problems and not normalised:
        return "## Vérification des données\n\nToutes les données sont valides.\n"
    lines = ["## Vérification des données", ""]
    if problems:
        lines += [
            f"{len(problems)} problème(s) ; le site n'est pas construit tant qu'ils restent.",
            "",
            "| fichier | ligne | colonne | valeur | problème | correction |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        lines += [
            "| "
            + " | ".join(_cell(x or "") for x in (p.file, p.line, p.column, p.value, p.message, p.fix))
            + " |"
            for p in problems
        ]
        lines.append("")
    for change in normalised:
        lines += [f"**{change.file}** doit être remis au format standard :", ""]
        lines += [f"- {_cell(c)}" for c in change.changes] + [""]
    return "\n".join(lines)
