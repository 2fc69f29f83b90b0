"""Fast unit tests of the consultation modules (no build): the model reads the data as the
contract prints it, the sections render through templates, the notebooks give a heading
to every quartier the data details, and no HTML is written in the part's Python.

Expected values are written here from the contract's text (line numbers in comments)."""

from __future__ import annotations

import ast
import re

import pytest

from helpers import REPO
from quartiers2030.core.checks import Verdict
from quartiers2030.core.html import Fragment, slug
from quartiers2030.data import datapackage
from quartiers2030.parts.consultation import (
    charts,
    checks,
    local_orientations,
    model,
    quartier_checks,
    sections,
    tables,
    wording,
)

PART = REPO / "src/quartiers2030/parts/consultation"
NOTEBOOKS = REPO / "notebooks/consultation"
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*[\s>/]")


@pytest.fixture(autouse=True)
def _book_root(monkeypatch):
    monkeypatch.setenv("Q2030_ROOT", str(REPO))
    monkeypatch.delenv(datapackage.DECLARED_INPUTS_ENV, raising=False)


# --- model --------------------------------------------------------------------------------


def test_split_of_the_152_respondents():
    """l. 1572-1577: 152 respondents; 63,816 %, 34,868 %, 0,658 %, 0,658 %."""
    s = model.split()
    assert model.respondents() == 152
    assert list(s["valeur"]) == [63.816, 34.868, 0.658, 0.658]
    assert list(s["repondants"]) == [97, 53, 1, 1]


def test_detailed_quartiers_and_questions_in_the_contracts_order():
    """l. 1693-1792: Chemin Vert Beaurepaire Marlborough, then Tour du Renard; defis,
    atouts, projets for each."""
    assert model.detailed_territories() == ["chemin_vert_beaurepaire_marlborough", "tour_du_renard"]
    assert model.detailed_questions() == ["defis", "atouts", "projets"]
    assert model.ranked_questions() == ["defis", "atouts", "projets", "moyens_participation"]


def test_profiles_and_modalities_come_from_the_data():
    profiles = model.profiles()
    assert list(profiles) == ["age", "situation"]
    assert (profiles["age"].line, profiles["situation"].line) == (1579, 1583)
    assert profiles["age"].title.startswith("Les tranches d'âges des répondants QPV")
    assert model.modalities() == {"oui": "Oui", "non": "Non", "nsp": "Ne se prononcent pas"}


def test_quotes_of_one_question_in_order_and_none_for_a_question_without_quotes():
    """l. 1609: the first quote under « défis »."""
    first = model.quotes("defis").iloc[0]
    assert first["citation"].startswith("Il faut plus de présence active dans les quartiers")
    assert model.quotes("connait_participation").empty
    assert sections.quotes("connait_participation").markup == ""


# --- wording, tables, charts ----------------------------------------------------------------


def test_question_titles():
    """l. 1591 « 1. Quels sont pour vous les principaux défis… »; l. 1659 has no number."""
    assert wording.question_title("defis").startswith(
        "Question 1 : Quels sont pour vous les principaux défis"
    )
    assert wording.question_title("connait_participation").startswith("Savez-vous qu'il est possible")


def test_ranking_table_of_a_quartier_is_named_after_it():
    table = tables.ranking_table("defis", "tour_du_renard")
    assert table.id == "classement-defis-tour-du-renard"
    assert table.caption.endswith("(Quartier Tour du Renard)")
    assert table.rows[0].header == "1"


def test_participation_chart_has_one_series_per_answer():
    figure = charts.figure_participation()
    assert [t.name for t in figure.plot.data] == ["Oui", "Non", "Ne se prononcent pas"]
    assert "152 répondants" in figure.description


def test_side_by_side_chart_says_an_answer_missing_from_a_list():
    """l. 1780: « Faciliter l'accès à l'apprentissage de la langue française » is missing
    from one quartier's list of projects."""
    figure = charts.figure_quartiers("projets")
    assert len(figure.plot.data) == 2
    assert "manque dans la liste du quartier" in figure.description


# --- sections -----------------------------------------------------------------------------


def test_quartiers_list_names_the_four_analysed_quartiers():
    """l. 1559-1562."""
    markup = sections.quartiers_list().markup
    assert markup.startswith('<ul id="quartiers-analyses">')
    assert markup.count("<li>") == 4 and "Damrémont" in markup


def test_missing_profile_notice_escapes_nothing_it_should_not():
    notice = sections.profile("age")
    assert isinstance(notice, Fragment)
    assert 'id="graphique-absent-age"' in notice.markup and "ligne 1579" in notice.markup
    assert "<code>data/consultation/repondants_age.csv</code>" in notice.markup


def test_quartier_rankings_hold_tables_and_no_heading():
    markup = sections.quartier_rankings("tour_du_renard").markup
    assert markup.count("<table") == 3
    assert not re.search(r"<h[1-6]|<section|<nav", markup)


# --- checks -------------------------------------------------------------------------------


def test_order_check_finds_the_printed_rank_of_chemin_verts_transport():
    """l. 1720: « Les transports en commun » printed at rank 8 with more selections than
    the answer above it."""
    check = checks.order_check("atouts", "chemin_vert_beaurepaire_marlborough")
    assert check.verdict is Verdict.DIFFERS and check.source_line == 1720
    assert "rang 8" in check.stated


def test_participation_checks_find_the_103_percent():
    """l. 1667-1671: 48,03 + 46,05 + 8,92 = 103,00 %."""
    found = [c for c in checks.participation_checks() if c.subject.startswith("Somme")]
    assert [c.computed.replace("\u00a0", " ") for c in found] == ["100,00 %", "103,00 %"]
    assert found[1].verdict is Verdict.DIFFERS


def test_quartier_checks_box():
    markup = quartier_checks.quartier_checks().markup
    assert 'id="controles-consultation-quartiers"' in markup and "2 + 4 = 6" in markup


# --- local orientations -------------------------------------------------------------------


def test_local_orientations_link_their_qpv_and_show_their_target():
    """l. 1822-1825: Marlborough, QN06251M, 156 logements."""
    markup = local_orientations.local_orientations("marlborough").markup
    assert 'id="orientations-locales-marlborough"' in markup
    assert re.search(r'<a href="[^"]*#qpv-qn06251m"><strong>Chemin Vert - Beaurepaire', markup)
    source = markup[markup.index('<details class="q2030-source-detail">') :]
    assert "code officiel du quartier prioritaire : QN06251M" in source and "ligne 1822" in source
    assert "QN06251M" not in markup[: markup.index("<details")]
    assert "156\u00a0logements" in markup


def test_unplaced_territories_without_headings():
    assert local_orientations.unplaced_territories(list(local_orientations.places().index)).markup == ""
    markup = local_orientations.unplaced_territories(["chemin_vert"]).markup
    assert 'id="orientations-autres-territoires"' in markup and "Damrémont" in markup
    assert not re.search(r"<h[1-6]|<nav", markup)


# --- page structure: every territory of the data has its heading in the notebook -------------


def _labels(notebook: str) -> list[str]:
    return re.findall(r"^\(([\w-]+)\)=\s*$", (NOTEBOOKS / notebook).read_text(encoding="utf-8"), re.M)


def test_every_detailed_quartier_has_its_heading_in_the_notebook():
    labels = _labels("quartiers.md")
    assert [f"reponses-{slug(t)}" for t in model.detailed_territories()] == [
        label for label in labels if label.startswith("reponses-")
    ]


def test_every_local_territory_has_its_heading_in_the_notebook():
    labels = _labels("orientations-locales.md")
    expected = [f"orientations-{slug(t)}" for t in local_orientations.places().sort_values("ordre").index]
    assert [label for label in labels if label != "orientations-locales"] == expected


# --- no HTML in the part's Python -----------------------------------------------------------


def _string_literals(path) -> list[tuple[int, str]]:
    """Every string constant of a module but its docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_no_html_tag_literal_in_the_consultation_modules():
    found = [
        f"{path.name}:{line}: {text!r}"
        for path in sorted(PART.glob("*.py"))
        for line, text in _string_literals(path)
        if TAG.search(text)
    ]
    # Not even plotly.js's label markup (`<br>`, `<extra></extra>`): core.bars writes it.
    assert found == []


def test_the_prefaces_rank_of_the_departement_is_in_the_facts_table(lines):
    """Préface de l'État (l. 49): « le Pas-de-Calais est le premier département de France en
    termes de consultation »; the table says it, with its line and what the text leaves open."""
    assert "le Pas-de-Calais est le premier département de France en termes de consultation" in lines[49 - 1]
    table = tables.facts_table()
    row = next(r for r in table.rows if r.header.startswith("Rang du Pas-de-Calais"))
    assert list(row.cells) == ["premier", "49"]
    assert "ne dit pas sur quoi porte ce classement" in table.note
