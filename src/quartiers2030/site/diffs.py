"""What changed in the data between two versions, cell by cell.

The comparison itself is daff's (a maintained library for tabular diffs, keyed on each
table's primary key); this module only fetches the two versions of each table and
renders daff's result as accessible HTML or as text. A change is never carried by colour
alone: every changed row is marked `+++` (added), `---` (removed) or `→` (changed), and a
changed cell reads `old → new`.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

import daff

from quartiers2030.core import fmt
from quartiers2030.core.html import Fragment
from quartiers2030.core.templates import render
from quartiers2030.site import gitinfo

MARKERS = {
    "+++": ("+++", "ligne ajoutée"),
    "---": ("---", "ligne supprimée"),
    "->": ("→", "ligne modifiée"),
    "...": ("…", "lignes inchangées omises"),
    ":": (":", "ligne déplacée"),
    "": ("", "ligne inchangée, pour le contexte"),
}


@dataclass
class TableChange:
    name: str
    title: str
    path: str
    added: int
    removed: int
    changed: int
    cells: int
    rows: list[list]  # daff's highlighted rows, header first
    status: str = ""  # "nouvelle", "supprimée" or ""

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.status)


def export_data(root: Path, ref: str, target: Path) -> Path:
    """The `data/` folder of git `ref`, written under `target` (which is replaced)."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(root), "archive", "--format=tar", ref, "data"], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target / "data"


def previous_release(root: Path) -> tuple[str, Path] | None:
    """The release this build is compared with, and its data folder."""
    if os.environ.get(gitinfo.ENV_PREVIOUS_DATA):
        return os.environ.get(gitinfo.ENV_PREVIOUS_VERSION, ""), Path(os.environ[gitinfo.ENV_PREVIOUS_DATA])
    if os.environ.get(gitinfo.ENV_VERSION):
        return None  # a published build without a previous release
    info = gitinfo.build_info(root)
    candidates = gitinfo.releases(root, before=info.version if info.is_release else None)
    if not candidates:
        return None
    tag = candidates[-1]
    return tag, export_data(root, tag, root / "_build" / ".previous" / tag)


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _descriptor(data: Path) -> dict:
    return json.loads((data / "datapackage.json").read_text(encoding="utf-8"))


def compare_tables(old: list[list[str]], new: list[list[str]], keys: list[str]):
    """daff's highlighted diff of two tables (header first) and its summary."""
    flags = daff.CompareFlags()
    for key in keys:
        flags.addPrimaryKey(key)
    flags.show_unchanged = False
    alignment = daff.Coopy.compareTables(daff.PythonTableView(old), daff.PythonTableView(new), flags).align()
    out: list[list] = []
    highlighter = daff.TableDiff(alignment, flags)
    highlighter.hilite(daff.PythonTableView(out))
    return out, highlighter.getSummary()


def compare_data(old_data: Path, new_data: Path) -> list[TableChange]:
    new_res = {r["name"]: r for r in _descriptor(new_data)["resources"]}
    old_res = (
        {r["name"]: r for r in _descriptor(old_data)["resources"]}
        if (old_data / "datapackage.json").exists()
        else {}
    )
    changes = []
    for name in list(new_res) + [n for n in old_res if n not in new_res]:
        res = new_res.get(name) or old_res[name]
        if "schema" not in res:
            continue  # not a table (GeoJSON outlines): no cell to compare
        keys = res["schema"].get("primaryKey", [])
        keys = [keys] if isinstance(keys, str) else keys
        old_path = old_data / old_res[name]["path"] if name in old_res else None
        new_path = new_data / new_res[name]["path"] if name in new_res else None
        old_rows = _rows(old_path) if old_path and old_path.exists() else []
        new_rows = _rows(new_path) if new_path and new_path.exists() else []
        if not old_rows and not new_rows:
            continue  # a data slot still without its file, in both versions
        status = "nouvelle" if not old_rows else "supprimée" if not new_rows else ""
        rows, summary = compare_tables(old_rows or [new_rows[0]], new_rows or [old_rows[0]], keys)
        cells = sum(str(c).count("->") for row in rows[1:] if row and row[0] == "->" for c in row[1:])
        changes.append(
            TableChange(
                name,
                res.get("title", name),
                res["path"],
                summary.row_inserts,
                summary.row_deletes,
                summary.row_updates,
                cells,
                rows,
                status,
            )
        )
    return changes


# --- rendering -------------------------------------------------------------------------


def _cell(value) -> dict:
    """A cell for the template: its text, or its old and new values when it changed."""
    text = "" if value is None else str(value)
    if "->" in text:
        old, new = text.split("->", 1)
        return {"changed": True, "old": old, "new": new}
    return {"changed": False, "text": text}


def _detail_table(change: TableChange) -> Fragment:
    header, *body = change.rows
    rows = []
    for row in body:
        symbol, words = MARKERS.get(str(row[0]), (str(row[0]), ""))
        rows.append({"symbol": symbol, "words": words, "cells": [_cell(c) for c in row[1:]]})
    return render("site/diff_detail.html", change=change, header=header[1:], rows=rows)


def unchanged_label(count: int, noun: str, plural: str) -> str:
    return f"{fmt.count(count, noun, plural)} sans changement"


def render_data(changes: list[TableChange]) -> Fragment:
    """The data part of a comparison: the tables that changed, then their rows."""
    changed = [c for c in changes if c.any]
    unchanged = [c for c in changes if not c.any]
    return render(
        "site/diff_data.html",
        changed=changed,
        unchanged=unchanged,
        unchanged_label=unchanged_label(len(unchanged), "table", "tables"),
        details=[_detail_table(c) for c in changed if len(c.rows) > 1],
    )


def data_text(changes: list[TableChange]) -> list[str]:
    """The same as text: each changed table, its counts, then daff's rows as CSV."""
    lines = []
    for c in changes:
        if not c.any:
            continue
        lines.append(
            f"\ndata/{c.path} : +{c.added} ligne(s), -{c.removed} ligne(s), "
            f"{c.changed} ligne(s) modifiée(s), {c.cells} cellule(s) {c.status}".rstrip()
        )
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(c.rows)
        lines.append(out.getvalue().rstrip("\n"))
    return lines or ["Aucune table n'a changé."]
