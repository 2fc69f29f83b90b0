"""Files saved by French Excel, brought back to the canonical form, or refused.

Staff edit the CSV files with Excel, which writes `;` separators, decimal commas, spaces
between thousands, `€` and `%` signs, Windows-1252 text, a byte-order mark and CRLF line
ends. None of these may be misread silently. Each case is decided here, once:

| what Excel wrote                            | decision                                  |
| ------------------------------------------- | ----------------------------------------- |
| UTF-8 byte-order mark                       | removed                                   |
| CRLF line ends                              | turned into LF                            |
| UTF-16, Windows-1252, Mac Roman, ISO-8859-15 | re-encoded in UTF-8 if detected for sure  |
| an encoding that cannot be told for sure    | refused, nothing written (`encodings`)    |
| `;` as separator (where `,` is declared)    | turned into `,` (quoting kept correct)    |
| blank lines at the end                      | removed                                   |
| `1 250` / `1 250` (thousands separated)   | digits joined, in number columns only      |
| `€` in a column whose unit is EUR           | removed                                   |
| `%` in a column whose unit is %             | removed                                   |
| decimal comma `45,6` in a `number` column   | written `45.6`                            |
| decimal comma in an `integer` column        | refused: the value is not a whole number  |
| any other sign or text in a number column   | refused by validation, with the fix       |
| `15/03/2024` in a date column (French Excel) | written `2024-03-15`                      |
| the schema's columns, in another order      | put back in the schema's order             |
| a last column without a name, and empty     | removed (Excel adds it)                    |

Every change is reported, file by file. Nothing is written here: `normalised` returns the
canonical text, which is validated first; the staff's file is rewritten only once the
result is valid, with its original kept aside (`staging`). The rest is left to validation.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from quartiers2030.data import encodings

BOM = "\ufeff"
SPACES = "\u0020\u00a0\u202f\u2009"
THOUSANDS = re.compile(rf"^-?\d{{1,3}}(?:[{SPACES}]\d{{3}})+(?:[.,]\d+)?$")
DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
NUMBER_TEXT = re.compile(rf"^-?[\d{SPACES}]+(?:[.,]\d+)?$")
FRENCH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


@dataclass
class Normalisation:
    """What the canonical form changes in one file, in French, for the person who edits it;
    `written`: the file was rewritten (its original is in `backup`)."""

    file: str
    changes: list[str] = field(default_factory=list)
    written: bool = False
    backup: str | None = None

    def __str__(self) -> str:
        if self.written:
            head = f"{self.file} : mis au format standard (l'original est conservé dans {self.backup})."
        else:
            head = (
                f"{self.file} : à remettre au format standard ; rien n'a été écrit. « make fix » "
                "(ou « make site ») le fera une fois les données valides, en conservant l'original."
            )
        return head + "\n" + "\n".join(f"    - {c}" for c in self.changes)


def _decode(raw: bytes, changes: list[str]) -> str:
    decoded = encodings.decode(raw)  # raises EncodingRefused when the encoding is not sure
    changes.extend(decoded.changes)
    return decoded.text


def _number_fields(resource: dict) -> dict[str, dict]:
    return {f["name"]: f for f in resource["schema"]["fields"] if f["type"] in ("integer", "number")}


def _clean_number(value: str, fld: dict) -> tuple[str, list[str]]:
    """A numeric cell as Excel may write it -> canonical text, and the changes made."""
    done = []
    text = value.strip()
    unit = fld.get("unit", "")
    for sign, declared in (("€", "EUR"), ("%", "%")):
        # Only after a number: « 287 k€ » is not a number of euros, validation says why.
        if text.endswith(sign) and unit == declared and NUMBER_TEXT.match(text[:-1].strip(SPACES)):
            text = text[:-1].strip(SPACES)
            done.append(f"signe {sign} retiré")
    if THOUSANDS.match(text):
        text = re.sub(f"[{SPACES}]", "", text)
        done.append("espaces des milliers retirées")
    if fld["type"] == "number" and DECIMAL_COMMA.match(text):
        text = text.replace(",", ".")
        done.append("virgule décimale remplacée par un point")
    return text, done


def _columns(rows: list[list[str]], resource: dict, changes: list[str]) -> list[list[str]]:
    """The schema's columns in its order: Excel's empty unnamed last columns removed, and
    a header holding exactly the schema's names in another order put back in order."""
    while (
        rows
        and rows[0]
        and rows[0][-1].strip() == ""
        and all(len(row) < len(rows[0]) or row[len(rows[0]) - 1].strip() == "" for row in rows[1:])
    ):
        width = len(rows[0]) - 1
        rows = [row[:width] for row in rows]
        changes.append("dernière colonne, sans nom et vide (ajoutée par Excel), retirée")
    names = [f["name"] for f in resource["schema"]["fields"]]
    header = rows[0] if rows else []
    if header != names and sorted(header) == sorted(names) and len(set(header)) == len(header):
        order = [header.index(name) for name in names]
        rows = [
            [row[i] if i < len(row) else "" for i in order] if len(row) == len(header) else row
            for row in rows
        ]
        moved = ", ".join(f"« {n} »" for n, h in zip(names, header, strict=True) if n != h)
        changes.append(
            f"colonnes remises dans l'ordre de l'en-tête attendu ({moved} avaient changé de place)"
        )
    return rows


def _clean_date(value: str) -> tuple[str, list[str]]:
    """`15/03/2024` (day first, as French Excel writes a date) -> `2024-03-15`."""
    match = FRENCH_DATE.match(value.strip())
    if not match:
        return value, []
    return f"{match[3]}-{int(match[2]):02d}-{int(match[1]):02d}", ["dates jj/mm/aaaa écrites aaaa-mm-jj"]


def normalised(path: Path, resource: dict, display: str) -> tuple[Normalisation | None, str | None]:
    """The canonical text of `path` and what it changes: (None, None) if nothing would."""
    raw = path.read_bytes()
    changes: list[str] = []
    text = _decode(raw, changes)
    if "\r\n" in text or "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        changes.append("fins de ligne Windows (CRLF) remplacées par des fins de ligne LF")
    if text.strip() == "":
        return None, None  # an empty file is refused by validation
    header = text.split("\n", 1)[0]
    declared = resource.get("dialect", {}).get("delimiter", ",")
    delimiter = declared
    if declared == "," and "," not in header:
        for found, name in ((";", "« ; »"), ("\t", "tabulation")):
            if found in header:
                delimiter = found
                changes.append(f"séparateur {name} remplacé par « , »")
                break
    stripped = text.rstrip("\n")
    if text.endswith("\n\n"):
        changes.append("lignes vides de fin de fichier retirées")
    rows = _columns(list(csv.reader(io.StringIO(stripped), delimiter=delimiter)), resource, changes)
    numeric = _number_fields(resource)
    dates = {f["name"] for f in resource["schema"]["fields"] if f["type"] == "date"}
    names = rows[0] if rows else []
    cell_changes: dict[str, list[int]] = {}
    for line_number, row in enumerate(rows[1:], start=2):
        for index, value in enumerate(row):
            name = names[index] if index < len(names) else None
            if name in dates:
                cleaned, done = _clean_date(value)
            elif name in numeric:
                cleaned, done = _clean_number(value, numeric[name])
            else:
                continue
            if done:
                row[index] = cleaned
                for what in done:
                    cell_changes.setdefault(f"colonne « {names[index]} » : {what}", []).append(line_number)
    for what, lines in cell_changes.items():
        shown = ", ".join(str(n) for n in lines[:8]) + (" …" if len(lines) > 8 else "")
        changes.append(f"{what} (ligne{'s' if len(lines) > 1 else ''} {shown})")
    if not changes:
        return None, None
    out = io.StringIO()
    csv.writer(out, delimiter=declared, lineterminator="\n").writerows(rows)
    return Normalisation(display, changes), out.getvalue()
