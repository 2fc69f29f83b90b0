"""Unit tests (fast layer) of the glossary page and the data files' catalogue."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from helpers import REPO
from quartiers2030.data import catalog, datapackage, glossary
from quartiers2030.data.glossary import Entry


@pytest.fixture(autouse=True)
def _book_root(monkeypatch):
    monkeypatch.setenv("Q2030_ROOT", str(REPO))
    monkeypatch.delenv(datapackage.DECLARED_INPUTS_ENV, raising=False)


ITEMS = [
    Entry("ANCT", "Agence nationale de la cohésion des territoires", "", True),
    Entry("ANRU", "Agence nationale pour la rénovation urbaine", "Elle <finance> la rénovation.", True),
    Entry("QPV", "Quartier prioritaire de la politique de la ville", "", False),
]


def test_entries_are_grouped_by_first_letter_in_order():
    letters = glossary.by_letter(ITEMS)
    assert [(x.name, x.anchor, [e.acronym for e in x.entries]) for x in letters] == [
        ("A", "a", ["ANCT", "ANRU"]),
        ("Q", "q", ["QPV"]),
    ]


def test_page_has_letters_headings_anchors_and_escaped_text(monkeypatch):
    monkeypatch.setattr(glossary, "entries", lambda: ITEMS)
    soup = BeautifulSoup(str(glossary.page()), "html.parser")
    assert [a["href"] for a in soup.select("nav.q2030-glossary-letters a")] == ["#lettre-a", "#lettre-q"]
    assert [(h["id"], h.get_text()) for h in soup.find_all("h2")] == [("lettre-a", "A"), ("lettre-q", "Q")]
    assert [dt["id"] for dt in soup.select("dl.q2030-glossary dt")] == [
        "sigle-anct",
        "sigle-anru",
        "sigle-qpv",
    ]
    anru = soup.find(id="sigle-anru").find_next_sibling("dd")
    assert anru.get_text() == "Agence nationale pour la rénovation urbaineElle <finance> la rénovation."
    assert anru.find("br") is not None and anru.find("finance") is None
    qpv = soup.find(id="sigle-qpv").find_next_sibling("dd")
    assert qpv.em.get_text() == "(sens incertain : le contrat ne le précise pas)"
    assert soup.find(id="sigle-anct").find_next_sibling("dd").em is None


def test_the_real_glossary_names_every_acronym_once():
    soup = BeautifulSoup(str(glossary.page()), "html.parser")
    ids = [dt["id"] for dt in soup.select("dt")]
    assert "sigle-anct" in ids and "sigle-qpv" in ids
    assert len(ids) == len(set(ids)) == len(glossary.entries())


def test_catalog_columns_say_type_and_requirement():
    schema = {
        "fields": [
            {"name": "annee", "type": "integer", "constraints": {"required": True}},
            {"name": "note", "type": "string"},
            {"name": "x", "type": "geojson"},
        ]
    }
    assert catalog._columns(schema) == "annee (entier, obligatoire) ; note (texte) ; x (geojson)"


def test_catalog_lists_every_resource_and_says_when_it_has_no_columns():
    table = catalog.files_table()
    resources = datapackage.descriptor()["resources"]
    assert [r.header for r in table.rows] == [f"data/{r['path']}" for r in resources]
    outlines = [r for r in table.rows if r.header.endswith(".geojson")]
    assert outlines and all("non tabulaire" in r.cells[1] for r in outlines)
