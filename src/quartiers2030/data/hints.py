"""Values that are wrong in a way staff can recognise, and the fix each leads to.

frictionless says that « NC » or « 48 % » is not a number; staff need to know what to write
instead. Three shapes of cell are recognised here, in a column of numbers or dates:

| what the cell holds                     | what the message says                                 |
| --------------------------------------- | ----------------------------------------------------- |
| a mark for an unknown value (NC, ND, ?) | leave the cell empty, or why this column cannot be    |
| a number with a unit (`48 %`, `925 524 €`) | the column takes the number alone (the unit is in the schema or in the row's unit column), and the number to write |

And shapes of file said once instead of once per cell: two columns whose values were swapped
under a right header (`swapped_columns`); the same problem on many lines, such as every row
that refers to a code renamed in its table (`same_problem_on_many_lines`); and a blank line,
whose empty key is not also a repeated key."""

from __future__ import annotations

import re
from collections import defaultdict

from quartiers2030.core import fmt
from quartiers2030.data.problems import Problem

# What staff write for a value nobody knows (compared without case, dots or spaces).
UNKNOWN_MARKS = frozenset(
    {"nc", "nd", "ns", "na", "nr", "so", "?", "??", "-", "–", "—", "x", "inconnu", "inconnue",
     "noncommunique", "nondisponible", "nonrenseigne", "sansobjet", "#n/a", "#na", "#valeur!"}
)  # fmt: skip
SPACES = "\u0020\u00a0\u202f\u2009"
WITH_UNIT = re.compile(rf"^(-?[\d{SPACES}]+(?:[.,]\d+)?)[{SPACES}]*(%|€|EUR|euros?|k€|M€)$", re.IGNORECASE)
UNIT_WORDS = {"%": "%", "€": "€", "eur": "€", "euro": "€", "euros": "€", "k€": "k€", "m€": "M€"}
SCHEMA_UNITS = {"EUR": "€", "%": "%"}


def _unknown(value: str) -> bool:
    return re.sub(r"[.\s]", "", value.lower()) in UNKNOWN_MARKS


def _unknown_words(field: dict, missing: list[str]) -> tuple[str, str]:
    if field.get("constraints", {}).get("required"):
        return (
            "une valeur inconnue ne peut pas s'écrire dans cette colonne : elle est obligatoire",
            "Recopiez la valeur depuis sa source (pour le contrat, la ligne de la colonne « ligne_source »). "
            "Une ligne dont la valeur est inconnue n'a pas sa place dans ce fichier.",
        )
    others = [f"« {m} »" for m in missing if m]
    also = f", ou écrivez {' ou '.join(others)}" if others else ""
    return (
        "une valeur inconnue ne s'écrit pas ainsi dans cette colonne",
        f"Pour une valeur inconnue, laissez la case vide{also}.",
    )


def _number_alone(digits: str, field: dict) -> str:
    text = re.sub(f"[{SPACES}]", "", digits)
    return text.replace(",", ".") if field.get("type") == "number" else text


def _unit_words(field: dict, match: re.Match) -> tuple[str, str]:
    written = UNIT_WORDS[match[2].lower()]
    alone = _number_alone(match[1], field)
    declared = SCHEMA_UNITS.get(field.get("unit", ""))
    if field.get("unitField"):
        where = f"l'unité de chaque ligne est dans la colonne « {field['unitField']} »"
    elif declared:
        where = f"cette colonne est en {declared}, sans le signe"
    else:
        title = field.get("title") or field.get("name", "")
        where = f"cette colonne (« {title} ») ne compte pas en {written} : la valeur est-elle dans la bonne colonne ?"
    fix = f"Écrivez le nombre seul : {alone}."
    if written in ("k€", "M€"):
        fix = f"Écrivez le montant en euros, chiffres seuls (pour {match[0]}, multipliez par 1 000 ou 1 000 000)."
    return (f"la valeur est écrite avec une unité (« {written} ») ; {where}", fix)


def type_hint(field: dict, value: str | None, missing: list[str]) -> tuple[str, str] | None:
    """(message, fix) for a cell of the wrong type that staff can recognise, else None.
    `missing`: the resource's `missingValues` (what its schema accepts for « unknown »)."""
    if value is None or field.get("type") not in ("integer", "number"):
        return None
    text = str(value).strip()
    if _unknown(text):
        return _unknown_words(field, missing)
    match = WITH_UNIT.match(text)
    if match:
        return _unit_words(field, match)
    return None


def _line_ranges(lines: list[int]) -> str:
    return f"ligne {lines[0]}" if len(lines) == 1 else f"lignes {lines[0]} à {lines[-1]}"


def _fits(value: str | None, field: dict) -> bool:
    """Whether a cell's text would be of the type of `field` (the other column of a pair)."""
    text = (value or "").strip()
    kind = field.get("type", "string")
    if kind == "integer":
        return re.fullmatch(r"-?\d+", text) is not None
    if kind == "number":
        return re.fullmatch(r"-?\d+(?:\.\d+)?", text) is not None
    if kind == "date":
        return re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) is not None
    return bool(text)


def _pairs(problems: list[Problem]) -> dict[tuple[str, str, str], list[tuple[int, Problem, Problem]]]:
    """Lines of a file wrong in exactly two columns, by (file, column, column)."""
    by_line: dict[tuple[str, int], dict[str, Problem]] = defaultdict(dict)
    for problem in problems:
        if problem.line and problem.line > 1 and problem.column and "," not in problem.column:
            by_line[(problem.file, problem.line)].setdefault(problem.column, problem)
    pairs = defaultdict(list)
    for (file, line), columns in sorted(by_line.items()):
        if len(columns) == 2:
            first, second = sorted(columns)
            pairs[(file, first, second)].append((line, columns[first], columns[second]))
    return pairs


def swapped_columns(problems: list[Problem], resources: list[dict]) -> list[Problem]:
    """Two columns wrong on the same lines (at least two), each value fitting the other
    column's type: one problem for the file (the columns, the lines, an example) in place of
    one per cell."""
    fields = {
        f"data/{r['path']}": {f["name"]: f for f in r["schema"]["fields"]} for r in resources if "schema" in r
    }
    headers = {file: ",".join(names) for file, names in fields.items()}
    replaced: set[int] = set()
    merged = []
    for (file, first, second), found in _pairs(problems).items():
        kinds = fields.get(file, {})
        fitting = all(
            _fits(a.value, kinds.get(second, {})) and _fits(b.value, kinds.get(first, {}))
            for _, a, b in found
        )
        if len(found) < 2 or not fitting:
            continue
        lines = [line for line, _, _ in found]
        # Every problem of those lines follows from the swap (a key repeated, a code unknown).
        # Every problem of those lines follows from the swap (a key repeated, a code unknown),
        # and so do the file's missing rows (said without a line).
        replaced |= {id(p) for p in problems if p.file == file and (p.line in lines or not p.line)}
        _, a, b = found[0]
        merged.append(
            Problem(
                file=file,
                line=lines[0],
                column=f"{first}, {second}",
                value=f"{first} = {a.value}, {second} = {b.value}",
                message=(
                    f"les valeurs des colonnes « {first} » et « {second} » semblent inversées "
                    f"({_line_ranges(lines)}, {fmt.count(len(lines), 'ligne')})"
                ),
                fix=(
                    "Remettez chaque valeur sous son en-tête : dans Excel, échangez les deux colonnes "
                    f"sans toucher à la première ligne, qui doit rester : {headers.get(file, '')}"
                ),
            )
        )
    if not merged:
        return problems
    rank = {}
    for index, problem in enumerate(problems):
        rank.setdefault(problem.file, index)
    kept = [p for p in problems if id(p) not in replaced] + merged
    return sorted(kept, key=lambda p: (rank[p.file], p.line or 0))


BLANK_LINE = "ligne vide"
SHOWN_LINES = 5


def _lines_said(lines: list[int]) -> str:
    shown = ", ".join(str(n) for n in lines[:SHOWN_LINES])
    more = len(lines) - SHOWN_LINES
    return shown + (f" et {fmt.count(more, 'autre')}" if more > 0 else "")


def same_problem_on_many_lines(problems: list[Problem]) -> list[Problem]:
    """One problem per file, column, value and message, at its first line, naming the other
    lines (a code renamed in its table makes every row that refers to it wrong in the same
    way); a blank line is said once, without the repeated empty key it also makes."""
    blank = {(p.file, p.line) for p in problems if p.message == BLANK_LINE}
    groups: dict[tuple, list[Problem]] = {}
    for problem in problems:
        if (problem.file, problem.line) in blank and problem.message != BLANK_LINE:
            continue
        key = (
            problem.file,
            problem.column,
            problem.value,
            problem.message,
            problem.fix,
            problem.line is None,
        )
        groups.setdefault(key, []).append(problem)
    merged = []
    for found in groups.values():
        first = found[0]
        lines = sorted({p.line for p in found if p.line})
        if len(lines) < 2:
            merged.extend(found)
            continue
        merged.append(
            Problem(
                file=first.file,
                line=lines[0],
                column=first.column,
                value=first.value,
                message=f"{first.message} ({fmt.count(len(lines), 'ligne')} : {_lines_said(lines)})",
                fix=first.fix,
            )
        )
    return merged
