"""Fast unit tests of the enjeux part's modules (no build): headings the axis pages must
have, the wording, the tree of an orientation's actions, the charts' helpers, and no HTML
tag written in the part's Python."""

from __future__ import annotations

import re
from collections import namedtuple
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from helpers import REPO
from quartiers2030.core import figures
from quartiers2030.data import datapackage
from quartiers2030.parts.enjeux import charts, headings, model, sections, wording
from test_enjeux_data import OBJECTIFS, ORIENTATIONS

PAGES = {
    "plein_emploi": "plein-emploi",
    "transitions": "transitions",
    "emancipation": "emancipation",
    "surs_ouverts": "surs-ouverts",
    "transversaux": "transversaux",
}
PART = REPO / "src/quartiers2030/parts/enjeux"
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*[\s>/]")


@pytest.fixture(autouse=True)
def _book_root(monkeypatch):
    monkeypatch.setenv("Q2030_ROOT", str(REPO))
    monkeypatch.delenv(datapackage.DECLARED_INPUTS_ENV, raising=False)


def _notebook(axis: str) -> str:
    return (REPO / f"notebooks/enjeux/{PAGES[axis]}.md").read_text(encoding="utf-8")


# --- the headings of the axis pages ---------------------------------------------------


@pytest.mark.parametrize("axis", sorted(PAGES))
def test_every_objective_and_orientation_of_the_data_has_its_section(axis):
    assert headings.problems(axis, _notebook(axis)) == []


def test_the_expected_headings_are_the_contracts_titles():
    # every numbered objective and its orientations, titles as the contract prints them
    want = [h for axis in PAGES for h in headings.expected(axis)]
    assert [h.title for h in want if h.level == 2 and h.label.startswith("objectif-")] == [
        f"{code} {title}" for code, title in OBJECTIFS.items()
    ]
    assert [h.title for h in want if h.level == 3] == [t for o in OBJECTIFS for t in ORIENTATIONS[o]]


def test_a_missing_heading_is_caught():
    text = _notebook("transitions")
    block = re.search(r"\(orientation-2-1-b\)=\n### .*?\n```\n", text, re.S)
    assert block is not None
    problems = headings.problems("transitions", text.replace(block.group(0), ""))
    assert len(problems) == 1 and "orientation-2-1-b" in problems[0]


def test_an_orientation_added_to_the_data_without_heading_is_caught():
    frame = model.framework_of("transitions")
    extra = frame.iloc[[0]].assign(code="2.1.z", libelle="Une orientation ajoutée")
    frame = pd.concat([frame.iloc[:6], extra, frame.iloc[6:]], ignore_index=True)
    problems = headings.problems("transitions", _notebook("transitions"), frame)
    assert (
        len(problems) == 1 and "orientation-2-1-z" in problems[0] and "Une orientation ajoutée" in problems[0]
    )


def test_a_heading_with_another_title_or_call_is_caught():
    text = _notebook("transitions")
    assert headings.problems("transitions", text.replace("### Promouvoir la mobilité douce", "### Mobilité"))
    assert headings.problems(
        "transitions", text.replace('sections.orientation("2.1.b")', 'sections.orientation("2.1.c")')
    )


def test_sections_in_another_order_are_caught():
    text = _notebook("transitions")
    first = re.search(r"\(orientation-2-1-a\)=\n.*?\n```\n", text, re.S).group(0)
    second = re.search(r"\(orientation-2-1-b\)=\n.*?\n```\n", text, re.S).group(0)
    swapped = text.replace(first, "@@").replace(second, first).replace("@@", second)
    assert headings.problems("transitions", swapped) == ["les sections ne suivent pas l'ordre du contrat"]


def test_no_section_makes_its_own_heading_or_menu():
    for axis in PAGES:
        frame = model.framework_of(axis)
        parts = [
            sections.summary(axis),
            sections.enjeux(axis),
            sections.partners(axis),
            sections.targets(axis),
            sections.facts(axis),
        ]
        parts += [sections.objective(axis, o) for o in frame["objectif"].unique()]
        parts += [sections.orientation(o) for o in frame["code"]]
        for part in parts:
            assert not re.search(r"<(h[1-6]|nav)\b", str(part)), axis


def test_a_partner_cited_twice_is_listed_twice_and_said_to_repeat():
    """l. 1473: « Maires, CAB, CAF, associations, …, travailleurs sociaux, associations, … »."""
    soup = BeautifulSoup(str(sections.partners("surs_ouverts")), "html.parser")
    shown = [li.get_text() for li in soup.select("li")]
    assert len(shown) == 11
    assert shown[3] == "associations"
    assert shown[7] == "associations — répète l'entrée 4 de la liste"
    intro = soup.select_one(".q2030-partenaires > p").get_text()
    assert "ligne" not in intro and "dans l'ordre de la liste du contrat" in intro
    source = soup.select_one("details.q2030-source-detail .q2030-list-source").get_text()
    assert re.sub(r"\D", "", source) == "1473"


def test_an_unknown_objective_or_orientation_is_refused():
    with pytest.raises(KeyError, match="2.1"):
        sections.objective("plein_emploi", "2.1")
    with pytest.raises(KeyError, match="orientations.csv"):
        sections.orientation("9.9.z")


# --- wording, sections, charts ------------------------------------------------------------


def test_axis_summary_and_counts_agree_in_number():
    count = pd.Series({"enjeux": 1, "objectifs": 2, "orientations": 1, "actions": 0, "partenaires": 12})
    assert wording.axis_summary(count) == (
        "1 enjeu, 2 objectifs, 1 orientation, 0 action et 12 partenaires à mobiliser."
    )
    assert wording.objective_counts(6, 20) == "6 orientations, 20 actions."
    assert wording.orientation_counts("2.1.b", 1) == "Orientation 2.1.b : 1 action."


def test_target_value_reads_a_range_and_a_unit():
    row = namedtuple("Row", "valeur valeur_max unite")
    assert wording.target_value(row(30.0, float("nan"), "%")) == "30\u00a0%"
    assert wording.target_value(row(15.0, 20.0, "heures par semaine")) == "15 à 20\u00a0heures par semaine"
    assert wording.target_value(row(float("nan"), float("nan"), float("nan"))) == ""


def test_item_tree_hangs_bullets_under_their_paragraph():
    items = pd.DataFrame(
        {
            "ordre": [1, 2, 3, 4],
            "libelle": ["Titre", "Paragraphe", "Puce", "Autre"],
            "forme": ["intertitre", "paragraphe", "puce", "paragraphe"],
            "parent": [None, 1, 2, None],
        }
    )
    tree = sections._item_tree(items)
    assert [n["label"] for n in tree] == ["Titre", "Autre"]
    assert tree[0]["title"] and not tree[1]["title"]
    assert tree[0]["children"][0]["label"] == "Paragraphe"
    assert tree[0]["children"][0]["children"][0]["label"] == "Puce"


def test_orientation_escapes_the_data_and_nests_items():
    html = str(sections.orientation("1.1.a"))
    assert html.count("<li>") == html.count("</li>")
    assert "Orientation 1.1.a" in html and 'class="q2030-items"' in html


def test_ink_is_white_on_dark_bars_and_black_on_light_ones():
    assert figures.ink_on(figures.PALETTE[0]) == figures.WHITE
    assert figures.ink_on(figures.WHITE) == figures.TEXT_COLOUR


def test_partner_order_puts_the_most_cited_first_then_the_first_cited():
    Axis = model.Axis
    listed = [
        Axis("a", 1, "A", None, "strategique", "Axe 1"),
        Axis("b", 2, "B", None, "strategique", "Axe 2"),
    ]
    links = pd.DataFrame(
        {"axe": ["a", "a", "a", "b", "b"], "partenaire": ["x", "y", "z", "z", "w"], "ordre": [1, 2, 3, 1, 2]}
    )
    assert charts.partner_order(links, listed) == ["z", "x", "y", "w"]


def test_short_names_skip_entries_that_name_two_partners():
    links = pd.DataFrame(
        {
            "axe": ["a", "a", "a", "b"],
            "partenaire": ["caf", "assoc", "communes", "caf"],
            "libelle_contrat": ["CAF", "associations communes", "associations communes", "Caisse"],
        }
    )
    names = pd.Series(
        {"caf": "Caisse d'allocations familiales", "assoc": "associations", "communes": "communes"}
    )
    assert charts.short_names(links, names) == {"caf": "CAF", "assoc": "associations", "communes": "communes"}


def test_axis_titles_read_the_short_label_from_the_data():
    # l. 822 and 826 of the contract
    assert model.axis("plein_emploi").title == "Axe 1 : Quartiers de plein emploi"
    assert model.axis("transversaux").title == "Les axes transversaux"
    assert model.axis("transversaux").short == "Axes transversaux"


def test_the_target_history_is_read_from_the_data():
    assert model.history_pillar("part_axe1_programmation") == "emploi"
    with pytest.raises(KeyError, match="cibles_historique.csv"):
        model.history_pillar("emplois_francs")


# --- the part's Python writes no HTML and retypes no colour ----------------------------------


def test_no_html_tag_and_no_hex_colour_in_the_parts_python():
    for path in sorted(Path(PART).glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not TAG.search(text), f"{path.name} : {TAG.search(text).group(0)!r}"
        assert not re.search(r"#[0-9a-fA-F]{6}\b", text), path.name
