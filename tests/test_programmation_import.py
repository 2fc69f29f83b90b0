"""`python -m quartiers2030 import programmation FICHIER` (issue 14): a programmation in the
national format for grants (SCDL « subventions » 2.1.1) with the contract's columns is
imported only once valid; its years replace the same years, its source is recorded, and
nothing is written when it is refused. The fixture is the test's own (tests/fixtures/),
never published."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from helpers import REPO
from quartiers2030 import cli
from quartiers2030.data import programmation

FIXTURE = REPO / "tests" / "fixtures" / "programmation-2024-2025.csv"
TARGET = "suivi/programmation.csv"


@pytest.fixture
def root(tmp_path) -> Path:
    shutil.copytree(REPO / "data", tmp_path / "book" / "data")
    return tmp_path / "book"


def fixture_rows() -> list[list[str]]:
    return list(csv.reader(io.StringIO(FIXTURE.read_text(encoding="utf-8"))))


def rows_of(root: Path, rel: str = TARGET) -> list[list[str]]:
    return list(csv.reader(io.StringIO((root / "data" / rel).read_text(encoding="utf-8"))))


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted((root / "data").rglob("*")) if p.is_file()}


def run(root: Path, *args: str) -> int:
    return cli.main(["--root", str(root), "import", "programmation", *args])


def write(tmp_path: Path, rows: list[list[str]], name: str = "prog.csv") -> Path:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path = tmp_path / name
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_the_published_programmation_is_its_header_only():
    header, *rows = rows_of(REPO)
    assert rows == []
    assert header == fixture_rows()[0] + ["source"]


def test_the_fixture_is_imported_with_its_source_and_a_second_import_changes_nothing(root, capsys):
    args = [str(FIXTURE), "--titre", "Programmation 2024-2025", "--producteur", "CAB", "--date", "2025-12-01"]
    assert run(root, *args, "--adresse", "https://www.agglo-boulonnais.fr/programmation") == 0
    assert "importé dans data/suivi/programmation.csv (validé)" in capsys.readouterr().out
    header, *body = rows_of(root)
    assert header[-1] == "source"
    assert [r[:-1] for r in body] == fixture_rows()[1:]
    assert {r[-1] for r in body} == {"programmation_2024_2025"}
    source = [r for r in rows_of(root, "sources.csv") if r[0] == "programmation_2024_2025"]
    assert [r[1:5] for r in source] == [
        ["CAB", "Programmation 2024-2025", "2025-12-01", "https://www.agglo-boulonnais.fr/programmation"]
    ]
    before = snapshot(root)
    assert run(root, *args, "--adresse", "https://www.agglo-boulonnais.fr/programmation") == 0
    assert "rien n'a changé" in capsys.readouterr().out
    assert snapshot(root) == before


def test_a_year_imported_again_replaces_that_year_only(root, tmp_path):
    assert run(root, str(FIXTURE)) == 0
    rows = fixture_rows()
    header, body = rows[0], rows[1:]
    year = header.index("anneeProgrammation")
    amount = header.index("montant")
    again = [r.copy() for r in body if r[year] == "2025"][:1]
    again[0][amount] = "22000"
    assert run(root, str(write(tmp_path, [header, *again], "prog-2025.csv"))) == 0
    _, *now = rows_of(root)
    assert [r[:-1] for r in now] == [r for r in body if r[year] == "2024"] + again
    assert {r[-1] for r in now} == {"programmation_2024_2025", "programmation_2025"}


def test_an_excel_csv_and_a_workbook_give_the_same_rows(root, tmp_path):
    import openpyxl

    rows = fixture_rows()
    excel = tmp_path / "excel.csv"
    with excel.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerows([[c.replace(".", ",") if c == "2500.5" else c for c in r] for r in rows])
    assert run(root, str(excel)) == 0
    from_csv = [r[:-1] for r in rows_of(root)]
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(tmp_path / "prog.xlsx")
    assert run(root, str(tmp_path / "prog.xlsx")) == 0
    assert [r[:-1] for r in rows_of(root)] == from_csv == rows


def _changed(column: str, value: str, line: int = 2):
    def edit(rows: list[list[str]]) -> list[list[str]]:
        rows[line - 1][rows[0].index(column)] = value
        return rows

    return edit


REFUSED = [
    (
        "SIRET à la clé fausse",
        _changed("idAttribuant", "13002603200017"),
        "ligne 2, colonne « idAttribuant »",
        "clé de contrôle est fausse",
    ),
    (
        "SIRET en notation scientifique",
        _changed("idBeneficiaire", "7,75601E+13"),
        "ligne 2, colonne « idBeneficiaire »",
        "notation scientifique",
    ),
    ("axe inconnu", _changed("axe", "7", 4), "ligne 4, colonne « axe »", "data/enjeux/axes.csv"),
    (
        "quartier inconnu",
        _changed("qpv", "QN06249M;QN99999M", 3),
        "ligne 3, colonne « qpv »",
        "n'est pas celui d'un quartier prioritaire",
    ),
    ("montant négatif", _changed("montant", "-6000", 9), "ligne 9, colonne « montant »", "supérieur à 0"),
    (
        "RNA mal formé",
        _changed("rnaBeneficiaire", "W6220", 7),
        "ligne 7, colonne « rnaBeneficiaire »",
        "W suivi de 9 chiffres",
    ),
    (
        "orientation d'un autre axe",
        _changed("orientation", "2.1.a", 2),
        "ligne 2, colonne « orientation »",
        "de l'axe 2, pas de l'axe 1",
    ),
    (
        "une action, deux axes",
        _changed("axe", "3", 3),
        "ligne 3, colonne « axe »",
        "l'action 2024-001 de 2024",
    ),
    (
        "période à l'envers",
        _changed("datesPeriodeVersement", "2025-03-31/2024-04-01", 4),
        "ligne 4",
        "finit avant de commencer",
    ),
    ("fichier vide", lambda rows: [], "prog.csv", "le fichier est vide"),
    ("en-tête seul", lambda rows: rows[:1], "prog.csv", "ne contient que sa ligne d'en-tête"),
]


@pytest.mark.parametrize("edit, where, said", [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_a_wrong_file_is_refused_at_its_line_and_nothing_is_written(
    root, tmp_path, capsys, edit, where, said
):
    before = snapshot(root)
    path = write(tmp_path, edit(fixture_rows()))
    assert run(root, str(path)) == 1
    err = capsys.readouterr().err
    assert "Import refusé, rien n'a été écrit" in err
    assert where in err and said in err, err
    assert snapshot(root) == before


def test_la_postes_siret_is_valid_without_the_luhn_key():
    """La Poste's establishments (SIREN 356 000 000) do not follow the Luhn key: the
    library knows it, a hand-made check would refuse them."""
    from stdnum import luhn

    assert not luhn.is_valid("35600000001000")
    assert programmation.siret_problem("35600000001000") is None
    assert programmation.siret_problem("35600000001001") is not None


def test_state_attribuants_are_found_by_their_words():
    words = ["État", "ANCT", "Préfecture", "Sous-préfecture"]
    assert programmation.is_state("Agence nationale de la cohésion des territoires (ANCT)", words)
    assert programmation.is_state("SOUS-PREFECTURE DE BOULOGNE-SUR-MER", words)
    assert programmation.is_state("Etat - politique de la ville", words)
    assert not programmation.is_state("Communauté d'agglomération du Boulonnais", words)
    assert not programmation.is_state("Association Etatsunienne", words)


def test_quartiers_are_split_on_semicolons():
    assert programmation.qpv_codes("QN06249M; QN06250M") == ["QN06249M", "QN06250M"]
    assert programmation.qpv_codes("tous") == [programmation.ALL_QPV]
