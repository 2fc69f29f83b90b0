"""Unit tests (fast layer) of the glossary page and the data files' catalogue."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from helpers import REPO, contract_lines
from quartiers2030.data import catalog, datapackage, glossary
from quartiers2030.data.glossary import Entry, Term


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
    assert [(h["id"], h.get_text()) for h in soup.find_all("h3")] == [("lettre-a", "A"), ("lettre-q", "Q")]
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


TERMS = [
    Term("droit commun", ("droit commun",), "Ce que <tous> reçoivent.", 306),
    Term("pilier", ("pilier", "piliers"), "Une grande partie du contrat.", 106),
]


def test_words_of_the_policy_have_their_anchor_a_search_weight_and_their_line_in_source(monkeypatch):
    monkeypatch.setattr(glossary, "terms", lambda: TERMS)
    soup = BeautifulSoup(str(glossary.terms_page()), "html.parser")
    dts = soup.select("dl.q2030-glossary-terms dt")
    assert [(dt["id"], dt.get_text(), dt["data-pagefind-weight"]) for dt in dts] == [
        ("terme-droit-commun", "droit commun", "5"),
        ("terme-pilier", "pilier", "5"),
    ]
    assert dts[0].find_next_sibling("dd").get_text() == "Ce que <tous> reçoivent."
    source = soup.select_one("details.q2030-source-detail")
    assert source.summary.get_text() == "Source"
    assert "droit commun, ligne 306 ; pilier, ligne 106" in source.get_text()


# Words a resident meets on the site that the glossary must explain (the list).
POLICY_WORDS = [
    "pilier", "enveloppe", "programmation", "axe", "orientation", "contrat de ville", "quartier prioritaire",
    "droit commun", "géographie prioritaire", "renouvellement urbain", "cohésion sociale", "cadre de vie",
    "appel à projets",
]  # fmt: skip


def test_every_word_of_the_policy_is_used_at_its_line_of_the_contract():
    lines = contract_lines()
    items = glossary.terms()
    assert set(POLICY_WORDS) <= {t.term for t in items}
    for t in items:
        forms = "|".join(re.escape(f) for f in t.forms)
        line = lines[t.line - 1]
        assert re.search(rf"(?<![\w-])({forms})(?![\w-])", line, re.IGNORECASE), f"{t.term} : ligne {t.line}"


def test_the_real_glossary_has_one_anchor_per_word_and_no_form_twice():
    items = glossary.terms()
    soup = BeautifulSoup(str(glossary.terms_page()), "html.parser")
    ids = [dt["id"] for dt in soup.select("dt")]
    assert "terme-pilier" in ids and len(ids) == len(set(ids)) == len(items)
    forms = [f.casefold() for t in items for f in t.forms]
    assert len(forms) == len(set(forms))


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
