"""Structure errors said in French (issue 15, item 6): an invalid datapackage.json at its
line and column, a missing file to restore (never a resource to remove), a workbook kept
beside or instead of a CSV."""

from __future__ import annotations

from quartiers2030 import cli
from quartiers2030.data import validation

PIL = "evaluation/piliers.csv"


def test_invalid_datapackage_is_said_at_its_line_and_column(root, capsys):
    path = root / "data" / "datapackage.json"
    lines = path.read_text(encoding="utf-8").split("\n")
    broken = next(i for i, line in enumerate(lines) if line.rstrip().endswith(",") and i > 3)
    lines[broken] = lines[broken].rstrip()[:-1]  # a comma forgotten at the end of a line
    path.write_text("\n".join(lines), encoding="utf-8")
    [problem] = validation.check(root).problems
    assert problem.file == "data/datapackage.json"
    assert problem.line == broken + 2 and problem.column.startswith("caractère ")
    assert "n'est pas du JSON valide (virgule attendue)" in problem.message
    assert "git checkout -- data/datapackage.json" in problem.fix
    assert cli.main(["--root", str(root), "check"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and f"data/datapackage.json, ligne {broken + 2}" in err


def test_missing_file_is_restored_never_removed(root):
    (root / "data" / PIL).unlink()
    [problem] = validation.check(root).problems
    assert (problem.file, problem.message) == (f"data/{PIL}", "fichier absent")
    assert f"git checkout -- data/{PIL}" in problem.fix and "archive" in problem.fix
    assert "Ne retirez pas la ressource" in problem.fix


def test_workbook_instead_of_the_csv_is_named_with_the_import_command(root):
    (root / "data" / PIL).unlink()
    (root / "data" / "evaluation" / "piliers (version Excel).xlsx").write_bytes(b"PK")
    [problem] = validation.check(root).problems
    assert "data/evaluation/piliers (version Excel).xlsx" in problem.fix
    assert "python -m quartiers2030 import" in problem.fix


def test_workbook_beside_the_csv_is_named(root, capsys):
    (root / "data" / "evaluation" / "piliers.xlsx").write_bytes(b"PK")
    report = validation.check(root)
    assert report.problems == []
    [note] = report.notes
    assert note.startswith("data/evaluation/piliers.xlsx : classeur Excel ignoré, le site lit data/" + PIL)
    assert cli.main(["--root", str(root), "check"]) == 0
    assert "classeur Excel ignoré" in capsys.readouterr().out
