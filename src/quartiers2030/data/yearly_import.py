"""The import of a resource that grows year by year (`"importByYear": FIELD` in its
descriptor: the programmation): the staff's file holds some years, in the resource's
columns without `source`; its rows replace the rows of these years and keep the others,
each row gets the code of a `sources` entry made from the import's options (title,
producer, date, address), written beside the file in `sources.csv`. The file is checked
alone first, so that a problem is said at the line of the staff's file, then merged; both
on a copy of data/, nothing written on error. The same file imported twice gives the same
bytes: no clock, no random code."""

from __future__ import annotations

import csv
import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from quartiers2030.core import paths
from quartiers2030.data import datapackage, encodings, normalise, validation
from quartiers2030.data.problems import Problem
from quartiers2030.data.value_sources import SOURCE_FIELD

BY_YEAR = datapackage.IMPORT_BY_YEAR
SOURCES = "sources"


@dataclass(frozen=True)
class Origin:
    """Where the imported file comes from: the options of the import command."""

    titre: str | None = None
    producteur: str | None = None
    date: str | None = None
    adresse: str | None = None
    licence: str | None = None


class Refused(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def _refuse(file: str, message: str, fix: str) -> Refused:
    return Refused([Problem(file, None, None, None, message, fix)])


def _columns(res: dict) -> list[str]:
    return [f["name"] for f in res["schema"]["fields"]]


def _staff_resource(res: dict) -> dict:
    """The resource as the staff's file writes it: without the `source` column."""
    fields = [f for f in res["schema"]["fields"] if f["name"] != SOURCE_FIELD]
    return dict(res, schema=dict(res["schema"], fields=fields))


def _rows(content: bytes, res: dict, shown: str, work: Path) -> list[list[str]]:
    """The staff's rows in the canonical form (Excel's separators, decimals, dates and
    encodings undone by `normalise`), header first."""
    staff = _staff_resource(res)
    raw = work / "import.csv"
    raw.write_bytes(content)
    try:
        _, text = normalise.normalised(raw, staff, shown)
        text = text if text is not None else encodings.decode(content).text.replace("\r\n", "\n")
    except encodings.EncodingRefused as refused:
        raise _refuse(shown, refused.message, refused.fix) from None
    rows = [r for r in csv.reader(io.StringIO(text)) if any(c.strip() for c in r)]
    expected = _columns(staff)
    if not rows:
        raise _refuse(
            shown, "le fichier est vide", f"La première ligne doit être l'en-tête : {','.join(expected)}"
        )
    if rows[0] != expected:
        missing = [c for c in expected if c not in rows[0]]
        extra = [c for c in rows[0] if c not in expected]
        said = "; ".join(
            filter(
                None,
                [
                    missing and "colonnes absentes : " + ", ".join(missing),
                    extra and "colonnes en trop : " + ", ".join(extra),
                ],
            )
        )
        raise _refuse(
            shown,
            f"l'en-tête ne correspond pas au format SCDL « subventions » et aux colonnes du contrat ({said or 'ordre'})",
            f"La première ligne doit être exactement : {','.join(expected)}",
        )
    if len(rows) == 1:
        raise _refuse(
            shown,
            "le fichier ne contient que sa ligne d'en-tête : aucune subvention à importer",
            "Ajoutez une ligne par subvention, sous l'en-tête.",
        )
    return rows


def source_code(name: str, years: list[str]) -> str:
    """« programmation_2024_2025 »: the resource and the years the file holds."""
    return re.sub(r"[^a-z0-9_]+", "_", "_".join([name, *years]).lower()).strip("_")


def _source_row(code: str, years: list[str], origin: Origin, source: Path, name: str) -> list[str]:
    span = years[0] if len(years) == 1 else f"{years[0]}-{years[-1]}"
    return [
        code,
        origin.producteur or "Communauté d'agglomération du Boulonnais (CAB)",
        origin.titre or "Programmation du contrat de ville",  # the pages add the edition: its years
        origin.date or span,
        origin.adresse or source.name,
        origin.licence or "non précisée",
        f"Importée depuis le fichier {source.name} (python -m quartiers2030 import {name})",
    ]


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _with_source(data: Path, row: list[str]) -> bytes:
    """sources.csv with this source's row, in place of an older one of the same code."""
    rows = list(csv.reader(io.StringIO((data / "sources.csv").read_text(encoding="utf-8"))))
    kept = [r for r in rows if r and r[0] != row[0]]
    return _csv(kept + [row])


def _without_orphans(sources: bytes, res: dict, rows: list[list[str]]) -> bytes:
    """sources.csv without the earlier imports of this resource that no row cites any more
    (their years all imported again since)."""
    cited = {r[-1] for r in rows}
    prefix = f"{res['name']}_"
    lines = list(csv.reader(io.StringIO(sources.decode("utf-8"))))
    return _csv([r for r in lines if not (r and r[0].startswith(prefix) and r[0] not in cited)])


def _validated(work: Path, files: dict[str, bytes], shown: str | None, res: dict) -> None:
    """Write `files` (under data/) in the copy and validate it; `shown`: the staff file's
    name, said instead of the resource's for the problems of its rows."""
    for rel, content in files.items():
        (work / "data" / rel).write_bytes(content)
    report = validation.check(work, write=False)
    datapackage._descriptor.cache_clear()  # the copy's descriptor must not outlive it
    if report.problems:
        own = f"data/{res['path']}"
        raise Refused(
            [
                Problem(shown, p.line, p.column, p.value, p.message, p.fix) if shown and p.file == own else p
                for p in report.problems
            ]
        )


def merged(
    root: Path, res: dict, content: bytes, source: Path, origin: Origin, work: Path
) -> dict[str, bytes]:
    """The resource's file and sources.csv once the file's years are imported (validated)."""
    shown = str(source)
    field = res[BY_YEAR]
    rows = _rows(content, res, shown, work)
    header, body = rows[0], rows[1:]
    at = header.index(field)
    years = sorted({r[at].strip() for r in body if len(r) > at and r[at].strip()})
    code = source_code(res["name"], years)
    shutil.copytree(paths.data_dir(root), work / "data")
    data = work / "data"
    sources = _with_source(data, _source_row(code, years, origin, source, res["name"]))
    new = [r + [code] for r in body]
    full = [*header, SOURCE_FIELD]
    _validated(work, {res["path"]: _csv([full, *new]), "sources.csv": sources}, shown, res)
    target = paths.data_dir(root) / res["path"]
    old = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))[1:] if target.is_file() else []
    kept = [r for r in old if r and r[at] not in years]
    everything = sorted(kept + new, key=lambda r: r[at])  # stable: each year keeps its order
    files = {
        res["path"]: _csv([full, *everything]),
        "sources.csv": _without_orphans(sources, res, everything),
    }
    _validated(work, files, None, res)
    return files
