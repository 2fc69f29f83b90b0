"""`check --format github`: the French report as annotations on the CSV's own lines and as
the job summary, with the escaping GitHub's workflow commands require."""

from __future__ import annotations

from quartiers2030 import cli
from quartiers2030.data import github
from quartiers2030.data.problems import Problem

FH = "evaluation/egalite_fh_montants.csv"


def test_messages_and_properties_are_escaped_as_github_requires():
    assert github.escape_data("50 % : a,b\r\nc") == "50 %25 : a,b%0D%0Ac"
    assert github.escape_property("Données : a,b%\n") == "Données %3A a%2Cb%25%0A"


def test_an_annotation_points_at_the_file_line_and_column(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "t.csv").write_text("annee,montant_eur\n2019,x\n", encoding="utf-8")
    problem = Problem("data/t.csv", 2, "montant_eur", "x", "pas un nombre, ni 50 %", "Écrivez un nombre.")
    assert github.annotation(tmp_path, problem) == (
        "::error file=data/t.csv,line=2,col=2,title=Données %3A data/t.csv::"
        "pas un nombre, ni 50 %25 (valeur trouvée : « x »).%0A→ Écrivez un nombre."
    )


def test_a_problem_without_line_or_column_names_only_the_file(tmp_path):
    problem = Problem("data/absent.csv", None, None, None, "fichier absent", "Restaurez-le.")
    assert github.annotation(tmp_path, problem) == (
        "::error file=data/absent.csv,title=Données %3A data/absent.csv::fichier absent.%0A→ Restaurez-le."
    )


def test_the_summary_is_a_table_with_pipes_escaped():
    problem = Problem("data/t.csv", 3, "libelle", "a|b", "valeur non prévue", "Utilisez un code.")
    text = github.summary([problem], [])
    assert "| data/t.csv | 3 | libelle | a\\|b | valeur non prévue | Utilisez un code. |" in text
    assert github.summary([], []) == "## Vérification des données\n\nToutes les données sont valides.\n"


def test_check_for_github_annotates_the_bad_cell_and_writes_the_summary(root, capsys, monkeypatch):
    summary = root / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    path = root / "data" / FH
    path.write_text(
        path.read_text(encoding="utf-8").replace("2019,38943,", "2019,38943 euros,"), encoding="utf-8"
    )
    assert cli.main(["--root", str(root), "check", "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert f"::error file=data/{FH},line=3,col=2,title=Données %3A data/{FH}::" in out
    assert f"| data/{FH} | 3 | montant_eur | 38943 euros |" in summary.read_text(encoding="utf-8")


def test_a_file_saved_by_excel_fails_the_check_for_github_until_saved_right(root, capsys):
    path = root / "data" / FH
    saved = path.read_text(encoding="utf-8").replace(",", ";").encode("utf-8")
    path.write_bytes(saved)
    assert cli.main(["--root", str(root), "check"]) == 0  # for staff at their desk: valid
    assert cli.main(["--root", str(root), "check", "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert (
        f"::error file=data/{FH},title=Format %3A data/{FH}::Ce fichier doit être remis au format standard"
        in out
    )
    assert "séparateur « ; » remplacé par « , »" in out
    assert path.read_bytes() == saved  # nothing written
