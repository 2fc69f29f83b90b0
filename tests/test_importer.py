"""`python -m quartiers2030 import RESOURCE FICHIER`: a workbook or a French Excel CSV becomes
the resource's file only once it validates; nothing is written on error (issue 15, item 6)."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from helpers import REPO
from quartiers2030 import cli

PIL = "evaluation/piliers.csv"


@pytest.fixture
def root(tmp_path) -> Path:
    shutil.copytree(REPO / "data", tmp_path / "book" / "data")
    return tmp_path / "book"


def rows_of(root: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO((root / "data" / PIL).read_text(encoding="utf-8"))))


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted((root / "data").rglob("*")) if p.is_file()}


def run(root: Path, *args: str) -> int:
    return cli.main(["--root", str(root), "import", *args])


def test_workbook_is_imported_and_a_second_import_changes_nothing(root, tmp_path, capsys):
    import openpyxl

    rows = rows_of(root)
    canonical = (root / "data" / PIL).read_bytes()
    rows[1][1] = "Développer l'activité et l'emploi (modifié)"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Piliers"
    for row in rows:
        sheet.append([int(v) if v.isdigit() else v for v in row])
    book.save(tmp_path / "piliers.xlsx")
    assert run(root, "piliers", str(tmp_path / "piliers.xlsx"), "--sheet", "Piliers") == 0
    assert "importé dans data/evaluation/piliers.csv (validé)" in capsys.readouterr().out
    expected = canonical.decode("utf-8").replace(
        "Développer l'activité et l'emploi,", "Développer l'activité et l'emploi (modifié),"
    )
    assert (root / "data" / PIL).read_text(encoding="utf-8") == expected
    before = snapshot(root)
    assert run(root, "piliers", str(tmp_path / "piliers.xlsx"), "--sheet", "Piliers") == 0
    assert "rien n'a changé" in capsys.readouterr().out
    assert snapshot(root) == before


def test_semicolon_csv_in_windows_1252_is_imported(root, tmp_path):
    canonical = (root / "data" / PIL).read_bytes()
    rows = rows_of(root)
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    (tmp_path / "piliers.csv").write_bytes(out.getvalue().encode("cp1252"))
    (root / "data" / PIL).write_text("code\n", encoding="utf-8")  # a damaged file, replaced
    assert run(root, "piliers", str(tmp_path / "piliers.csv")) == 0
    assert (root / "data" / PIL).read_bytes() == canonical


def test_invalid_file_is_refused_with_nothing_written(root, tmp_path, capsys):
    rows = rows_of(root)
    rows[2][5] = "deux"  # « ordre » must be a whole number
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    (tmp_path / "piliers.csv").write_text(out.getvalue(), encoding="utf-8")
    before = snapshot(root)
    assert run(root, "piliers", str(tmp_path / "piliers.csv")) == 1
    err = capsys.readouterr().err
    assert "Import refusé, rien n'a été écrit" in err
    assert "data/evaluation/piliers.csv, ligne 3, colonne « ordre »" in err and "nombre entier" in err
    assert snapshot(root) == before


def test_unknown_sheet_and_resource_are_refused(root, tmp_path, capsys):
    import openpyxl

    openpyxl.Workbook().save(tmp_path / "classeur.xlsx")
    before = snapshot(root)
    assert run(root, "piliers", str(tmp_path / "classeur.xlsx"), "--sheet", "Feuil9") == 1
    assert "la feuille « Feuil9 » n'existe pas" in capsys.readouterr().err
    assert run(root, "pilliers", str(tmp_path / "classeur.xlsx")) == 1
    assert "la ressource « pilliers » n'existe pas" in capsys.readouterr().err
    assert snapshot(root) == before
