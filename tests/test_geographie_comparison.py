"""« Comparer les quartiers » without a build: every value says where it comes from (the
QPV table or the text, with its line), and that line of the source text prints it; where
the site reads the contract's words one way among others, the measure's table says how."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from helpers import REPO, normalise, printed_numbers
from quartiers2030.data import datapackage
from quartiers2030.parts.geographie import comparison

QPV_TABLE = range(422, 428)  # the QPV table, its header to its TOTAL (l. 422-427)
WORDS = {"deux": 2.0, "trois": 3.0, "quart": 25.0, "moitié": 50.0}


@pytest.fixture(autouse=True)
def _book_root(monkeypatch):
    monkeypatch.setenv("Q2030_ROOT", str(REPO))
    monkeypatch.delenv(datapackage.DECLARED_INPUTS_ENV, raising=False)


def _value(text: str) -> float:
    """« 1 737 » -> 1737; « 41,5 % » -> 41.5; « 2,5 personnes » -> 2.5."""
    head = re.match(r"[\d ,]+", normalise(text)).group().strip()
    return float(head.replace(" ", "").replace(",", "."))


def _rows(fragment) -> list[tuple[str, dict[str, str]]]:
    """The last table of a fragment (a measure's figure has its own data table before it):
    (row header, {column: cell text})."""
    soup = BeautifulSoup(str(fragment), "html.parser")
    table = soup.find_all("table")[-1]
    columns = [normalise(th.get_text()) for th in table.select("thead th")][1:]
    return [
        (
            normalise(tr.th.get_text()),
            {c: normalise(td.get_text(" ")) for c, td in zip(columns, tr.find_all("td"))},
        )
        for tr in table.select("tbody tr")
    ]


def _cells(fragment) -> list[tuple[str, str, str]]:
    return [(r, c, t) for r, cells in _rows(fragment) for c, t in cells.items()]


def test_every_value_of_the_matrix_names_its_table_or_text_line(lines):
    """« 48 % (2019, ligne 551) »: the source line prints 48; a population comes from the QPV
    table (l. 423-427) unless the text gives it (Outreau, l. 708)."""
    checked = 0
    for row, column, text in _cells(comparison.matrix()):
        if text.endswith("vide"):
            continue
        parts = re.match(r"^(.+?) \(([^()]*?)ligne (\d+)\)$", text)
        assert parts, f"{row} / {column} : {text!r} ne dit pas sa ligne"
        value, where, line = parts.group(1), parts.group(2), int(parts.group(3))
        if row == "Population":
            assert ("tableau" in where) == (line in QPV_TABLE), (column, text)
            assert ("texte" in where) == (line not in QPV_TABLE), (column, text)
        assert _value(value) in printed_numbers(lines[line - 1], WORDS) or _read_otherwise(row, column), (
            f"{row} / {column} : {value} absent de la ligne {line}"
        )
        checked += 1
    assert checked > 50


def _read_otherwise(row: str, column: str) -> bool:
    """A value the line does not print as such (« 1/3 » read as 33,3 %) is allowed only with
    the reading said in its measure's table."""
    indicator = next(i for i in comparison.measures() if comparison.indicator_label(i) == row)
    for r, col, text in _cells(comparison.measure(indicator)):
        if r == column and col == "Lecture":
            return not text.endswith("vide")
    return False


def test_the_matrix_note_says_where_the_values_come_from():
    soup = BeautifulSoup(str(comparison.matrix()), "html.parser")
    note = normalise(soup.select_one(".q2030-table-note").get_text())
    assert "du tableau de la géographie prioritaire" in note and "du texte des portraits" in note


def test_a_measure_table_gives_the_reading_of_ambiguous_words(lines):
    """l. 550: « > 71 % de la population couverte » — the « > » is read as the PDF's bullet,
    not as « more than »: the table says so beside the value."""
    assert "71" in lines[550 - 1] and ">" in lines[550 - 1]
    rows = {(r, c): t for r, c, t in _cells(comparison.measure("part_population_couverte_caf"))}
    reading = rows[("Chemin Vert - Beaurepaire et Marlborough", "Lecture")]
    assert "non lu comme « plus de »" in reading
    assert rows[("Chemin Vert - Beaurepaire et Marlborough", "Source")] == "texte, ligne 550"


def test_every_measure_row_names_its_text_line_which_prints_its_value(lines):
    for indicator in comparison.measures():
        for place, cells in _rows(comparison.measure(indicator)):
            found = re.fullmatch(r"texte, ligne (\d+)", cells["Source"])
            assert found, (indicator, place, cells["Source"])
            line = int(found.group(1))
            value = _value(cells["Valeur"])
            assert value in printed_numbers(lines[line - 1], WORDS) or not cells["Lecture"].endswith(
                "vide"
            ), (
                indicator,
                place,
                value,
                line,
            )
