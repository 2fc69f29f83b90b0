"""`python -m quartiers2030 import RESOURCE FICHIER [--sheet NAME]`: a workbook (.xlsx) or a
CSV saved by French Excel (`;`, decimal commas, any encoding `encodings` recognises) becomes
the resource's file, in canonical form, only once the converted content validates against
the resource's schema and the cross-table rules. The conversion and the validation run on
a copy of the data folder, so that nothing under `data/` is written on error."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from quartiers2030.core import paths
from quartiers2030.data import datapackage, validation, yearly_import
from quartiers2030.data.problems import Problem


class ImportRefused(Exception):
    """The file cannot become the resource's file: the problems, in French."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class Imported:
    target: str  # data/… of the resource's file
    changed: bool


def _refuse(file: str, message: str, fix: str) -> ImportRefused:
    return ImportRefused([Problem(file, None, None, None, message, fix)])


def _cell(value) -> str:
    """A workbook cell as the canonical CSV writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _workbook_csv(source: Path, sheet: str | None) -> bytes:
    """One sheet of a workbook as CSV text (UTF-8, comma); trailing empty rows dropped."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise _refuse(
            str(source),
            f"ce fichier n'est pas un classeur Excel lisible ({error})",
            "Enregistrez-le en .xlsx.",
        ) from None
    if sheet is not None and sheet not in book.sheetnames:
        raise _refuse(
            str(source),
            f"la feuille « {sheet} » n'existe pas",
            "Feuilles du classeur : " + ", ".join(f"« {n} »" for n in book.sheetnames) + " (option --sheet).",
        )
    rows = [
        [_cell(v) for v in row] for row in (book[sheet] if sheet else book.active).iter_rows(values_only=True)
    ]
    while rows and not any(rows[-1]):
        rows.pop()
    width = max((max((i + 1 for i, v in enumerate(r) if v), default=0) for r in rows), default=0)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(r[:width] for r in rows)
    return out.getvalue().encode("utf-8")


def _converted(root: Path, res: dict, content: bytes, work: Path) -> bytes:
    """The canonical file, once the whole package validates with it (on a copy)."""
    shutil.copytree(paths.data_dir(root), work / "data")
    target = work / "data" / res["path"]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    report = validation.check(work, write=True, keep_originals=False)
    datapackage._descriptor.cache_clear()  # the copy's descriptor must not outlive it
    if report.problems:
        raise ImportRefused(report.problems)
    return target.read_bytes()


def _by_year(root: Path, res: dict, content: bytes, source: Path, origin) -> Imported:
    """A resource that grows year by year: the file's years replaced, its source recorded."""
    try:
        with tempfile.TemporaryDirectory(prefix="q2030-import-") as tmp:
            files = yearly_import.merged(
                root, res, content, source, origin or yearly_import.Origin(), Path(tmp)
            )
    except yearly_import.Refused as refused:
        raise ImportRefused(refused.problems) from None
    data = paths.data_dir(root)
    changed = [
        rel for rel, text in files.items() if not (data / rel).is_file() or (data / rel).read_bytes() != text
    ]
    for rel in changed:
        (data / rel).parent.mkdir(parents=True, exist_ok=True)
        (data / rel).write_bytes(files[rel])
    return Imported(f"data/{res['path']}", changed=bool(changed))


def import_file(
    root: Path, name: str, source: Path, sheet: str | None = None, origin: yearly_import.Origin | None = None
) -> Imported:
    """Convert `source` into resource `name`'s file; `ImportRefused` (nothing written) on
    error. `origin`: where the file comes from, for a resource imported year by year."""
    try:
        res = datapackage.resource(name, root)
    except KeyError:
        names = ", ".join(r["name"] for r in datapackage.descriptor(root)["resources"])
        raise _refuse(
            str(paths.DATAPACKAGE), f"la ressource « {name} » n'existe pas", f"Ressources : {names}."
        ) from None
    if not source.is_file():
        raise _refuse(str(source), "fichier introuvable", "Vérifiez le chemin du fichier à importer.")
    if source.suffix.lower() in (".xlsx", ".xlsm"):
        content = _workbook_csv(source, sheet)
    else:
        content = source.read_bytes()
    if res.get(yearly_import.BY_YEAR):
        return _by_year(root, res, content, source, origin)
    with tempfile.TemporaryDirectory(prefix="q2030-import-") as tmp:
        converted = _converted(root, res, content, Path(tmp))
    target = paths.data_dir(root) / res["path"]
    if target.is_file() and target.read_bytes() == converted:
        return Imported(f"data/{res['path']}", changed=False)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(converted)
    return Imported(f"data/{res['path']}", changed=True)
