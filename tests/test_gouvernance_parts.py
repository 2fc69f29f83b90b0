"""Fast unit tests of the governance part's modules (no build): wording, the lists
template, the checks' scopes, titles read from the data, and the redesign's rules (small
modules and functions, no HTML tag written in Python)."""

from __future__ import annotations

import ast
import re

import pytest

from helpers import REPO
from quartiers2030.core.html import Fragment
from quartiers2030.data import datapackage
from quartiers2030.parts.gouvernance import checks, lists, model, tables, wording
from quartiers2030.parts.gouvernance.charts import calendar, diagram, membership, timeline
from quartiers2030.parts.gouvernance.model import Instance

PART = REPO / "src" / "quartiers2030" / "parts" / "gouvernance"


@pytest.fixture(autouse=True)
def _book_root(monkeypatch):
    monkeypatch.setenv("Q2030_ROOT", str(REPO))
    monkeypatch.delenv(datapackage.DECLARED_INPUTS_ENV, raising=False)


def instance(per_year=None, lead=None, words=None) -> Instance:
    return Instance("x", "Comité X", "X", "rôle", lead, per_year, words, 10)


# --- wording -------------------------------------------------------------------------------


def test_line_spans_join_consecutive_lines():
    assert wording.line_spans([1914, 1900, 1901, 1902, 1901]) == "1900-1902, 1914"
    assert wording.line_spans([]) == ""
    assert wording.source_lines([1890]) == "Contrat, ligne 1890."
    assert wording.source_lines([1938, 1939]) == "Contrat, lignes 1938-1939."
    assert wording.source_lines([1887, 1890]) == "Contrat, lignes 1887, 1890."


def test_frequencies_in_words_never_invent_a_number():
    assert wording.frequency_label(instance(2)) == "au moins 2 réunions par an"
    assert wording.frequency_label(instance(1)) == "au moins 1 réunion par an"
    assert wording.frequency_label(instance()) == "fréquence non indiquée"
    assert wording.frequency_cell(instance()) == "non indiquée"
    assert wording.frequency_cell(instance(4, words="une fois par trimestre")) == (
        "au moins 4 réunions par an (« une fois par trimestre »)"
    )


def test_what_is_unsaid_about_an_instance():
    assert wording.unsaid_stated(instance()) == "Aucune fréquence ; animation non précisée"
    assert wording.unsaid_stated(instance(2)) == "Au moins 2 réunions par an ; animation non précisée"
    assert "ni qui l'anime" in wording.unsaid_detail(instance())
    assert wording.unsaid_detail(instance(lead="CAB")).startswith("Le contrat ne dit pas à quel rythme")
    assert wording.unsaid_detail(instance(2)) == "Le contrat ne dit pas qui anime ou préside l'instance."


# --- fragments -----------------------------------------------------------------------------


def test_lists_escape_the_data_and_keep_the_contracts_order():
    html = str(lists.contract_list("niveaux_de_pilotage", "Deux <niveaux>"))
    assert html.startswith(
        '<dl class="q2030-list" id="liste-niveaux-de-pilotage"><dt>Deux &lt;niveaux&gt;</dt>'
    )
    assert html.count("<li>") == 2  # l. 1887-1888
    assert "Contrat, lignes 1887-1888." in html
    missions = str(lists.missions())
    assert missions.count("<dt>") == 5 and missions.count("<li>") == 3 + 1 + 2 + 4 + 4  # l. 1890-1963


def test_titles_come_from_the_data_with_their_slots_filled():
    assert model.title("chronologie", premiere=2014, derniere=2030).text.endswith("2014-2030")
    assert tables.instances().caption == model.title("tableau-instances").text
    assert tables.signatories().note.startswith(
        "26 blocs de signature, dont 3 fonctions sans nom"
    )  # l. 1971-2108


def test_every_fragment_of_the_part_has_a_title_in_the_data():
    figures = [diagram.figure(), membership.figure(), calendar.figure(), timeline.figure()]
    ids = [f.id for f in figures] + [f.table.id for f in figures]
    ids += [t.id for t in (tables.instances(), tables.members(), tables.organisations(), tables.timeline())]
    ids += [f"lacunes-{scope}" for scope in checks.SCOPES] + ["controles-copil-signataires"]
    known = set(datapackage.load("titres")["id"])
    assert set(ids) <= known


def test_checks_boxes_and_their_scopes():
    assert isinstance(checks.omissions_box("contrat"), Fragment)
    assert [c.source_line for c in checks.omission_checks("signataires")] == [1979, 2044, 2088]
    with pytest.raises(ValueError, match="Portée inconnue"):
        checks.omission_checks("ailleurs")
    first = checks.composition_checks()[0]
    assert first.source_line == 1898 and "ensemble des signataires" in first.stated


# --- the redesign's rules, for this part ----------------------------------------------------


def _modules():
    return sorted(PART.rglob("*.py"))


def test_modules_and_functions_are_short():
    for path in _modules():
        source = path.read_text(encoding="utf-8")
        assert len(source.splitlines()) <= 400, path.name
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                assert node.end_lineno - node.lineno + 1 <= 60, f"{path.name}:{node.name}"


def test_no_html_tag_is_written_in_python():
    tag = re.compile(r"</?[a-zA-Z]")  # docstrings too: none of the part quotes a tag
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not tag.search(node.value), f"{path.name}:{node.lineno}: {node.value!r}"
