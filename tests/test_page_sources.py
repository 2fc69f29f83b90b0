"""The shared wording of a page's « Source » line, on fixture rows (the cases are the line
ranges and words the pages printed by hand before they came from data/sources_pages.csv),
and the paragraph read from a small copy of that file."""

import json

import pytest

from helpers import REPO
from quartiers2030.data import datapackage
from quartiers2030.parts import sources
from quartiers2030.parts.sources import Cited, line_ranges, page_sentence, source_sentence


def test_one_range():
    assert line_ranges([(828, 1039, None)]) == "lignes 828 à 1039"


def test_two_ranges():
    assert line_ranges([(1537, 1547, None), (1796, 1877, None)]) == "lignes 1537 à 1547 et 1796 à 1877"


def test_ranges_and_single_lines():
    assert line_ranges([(556, 568, None), (693, 693, None), (770, 770, None)]) == (
        "lignes 556 à 568, 693 et 770"
    )


def test_one_line():
    assert line_ranges([(298, 298, None)]) == "ligne 298"


def test_sentence_with_part_and_subjects():
    assert source_sentence([(1896, 1914, "comité de pilotage"), (1967, 2108, "pages")], "partie IV") == (
        "Source : contrat de ville, partie IV, lignes 1896 à 1914 (comité de pilotage) et 1967 à 2108 (pages)."
    )
    assert source_sentence([(1350, 1473, None)]) == "Source : contrat de ville, lignes 1350 à 1473."
    assert source_sentence([(17, 17, None)]) == "Source : contrat de ville, ligne 17."


def test_no_passage_is_refused():
    with pytest.raises(ValueError, match="Aucun passage"):
        line_ranges([])
    with pytest.raises(ValueError, match="Aucune source"):
        page_sentence([])


# --- a page's sentence from its rows --------------------------------------------------------


def test_passages_of_a_page_are_cited_together():
    rows = [Cited(17, 17), Cited(81, 81), Cited(391, 412), Cited(1553, 1553)]
    assert page_sentence(rows) == "Source : contrat de ville, lignes 17, 81, 391 à 412 et 1553."


def test_the_part_is_named_once_before_the_lines():
    rows = [Cited(1878, 1963, part="partie IV « Organisation du contrat de ville »")]
    assert page_sentence(rows) == (
        "Source : contrat de ville, partie IV « Organisation du contrat de ville », lignes 1878 à 1963."
    )


def test_subjects_follow_their_lines():
    rows = [Cited(1896, 1914, subject="comité de pilotage"), Cited(1967, 2108, subject="pages de signatures")]
    assert page_sentence(rows) == (
        "Source : contrat de ville, lignes 1896 à 1914 (comité de pilotage) et 1967 à 2108 (pages de signatures)."
    )


def test_uses_and_a_named_passage_make_clauses():
    rows = [
        Cited(838, 1867, use="pour les engagements"),
        Cited(91, 127, name="tableaux de l’évaluation 2015-2023", use="pour les parts du pilier emploi"),
    ]
    assert page_sentence(rows) == (
        "Source : contrat de ville, lignes 838 à 1867 pour les engagements ; tableaux de "
        "l’évaluation 2015-2023 (lignes 91 à 127) pour les parts du pilier emploi."
    )


def test_passages_with_the_same_use_stay_in_one_clause():
    rows = [Cited(10, 12, use="pour A"), Cited(20, 20, use="pour A"), Cited(30, 31, use="pour B")]
    assert page_sentence(rows) == (
        "Source : contrat de ville, lignes 10 à 12 et 20 pour A ; lignes 30 à 31 pour B."
    )


def test_another_source_comes_after_the_contracts_lines():
    other = "données ouvertes du ministère (voir le fichier de provenance dans le dossier des données)"
    rows = [Cited(556, 568), Cited(693, 693), Cited(770, 770), Cited(other=other)]
    assert page_sentence(rows) == (
        "Source : contrat de ville, lignes 556 à 568, 693 et 770 ; données ouvertes du ministère "
        "(voir le fichier de provenance dans le dossier des données)."
    )


# --- the paragraph, read from the data ------------------------------------------------------

ROWS = (
    "page,ordre,partie,intitule,objet,ligne_debut,ligne_fin,usage,autre_source\n"
    "a/b,2,,,,693,693,,\n"
    "a/b,1,,,,556,568,,\n"
    "a/b,3,,,,,,,des <données> ouvertes\n"
    "c/d,1,,,,10,20,,\n"
)


@pytest.fixture
def book(tmp_path, monkeypatch):
    resource = datapackage.resource(sources.RESOURCE, REPO)
    monkeypatch.delenv(datapackage.DECLARED_INPUTS_ENV, raising=False)
    monkeypatch.setenv("Q2030_ROOT", str(tmp_path))
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "sources_pages.csv").write_text(ROWS, encoding="utf-8")
    (tmp_path / "data" / "datapackage.json").write_text(
        json.dumps({"resources": [resource]}), encoding="utf-8"
    )
    return tmp_path


def test_the_paragraph_cites_the_rows_of_its_page_in_order_escaped(book):
    assert str(sources.page_source("a/b")) == (
        "<p>Source : contrat de ville, lignes 556 à 568 et 693 ; des &lt;données&gt; ouvertes.</p>"
    )
    assert str(sources.page_source("c/d")) == "<p>Source : contrat de ville, lignes 10 à 20.</p>"


def test_a_page_without_rows_is_refused(book):
    with pytest.raises(KeyError, match="Aucune source pour la page « ailleurs »"):
        sources.page_source("ailleurs")


def test_a_page_declares_that_it_reads_its_sources(book, monkeypatch):
    monkeypatch.setenv(datapackage.DECLARED_INPUTS_ENV, "axes")
    with pytest.raises(datapackage.UndeclaredInput, match="sources_pages"):
        sources.page_source("a/b")
