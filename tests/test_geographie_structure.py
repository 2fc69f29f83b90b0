"""The promise of the géographie pages, without a build: the headings are the notebooks'
Markdown, and a theme that has facts in the data for a quartier (or for the agglomeration),
or a measure given for several quartiers, has its heading on its page, with the cell that
shows it right under it."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from quartiers2030.parts.geographie import comparison, model, sections, vocabulary

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks" / "geographie"
QPV_PAGES = {  # the four quartiers of the contract's table (l. 423-426)
    "QN06251M": "chemin-vert",
    "QN06252M": "residences-sud",
    "QN06249M": "damremont",
    "QN06250M": "centre-ville",
}
HEADING = re.compile(r"^(#{1,6}) (.+)$")
CALL = re.compile(r"^(?:sections|comparison)\.(\w+)\((.*)\)$")


def outline(source: str) -> list[tuple[str, str]]:
    """The page in reading order: ("heading", text) and ("call", "theme('QN…', 'pauvrete')")
    for each heading and each section call of a code cell."""
    out, in_cell = [], False
    for line in source.splitlines():
        if line.startswith("```"):
            in_cell = line.startswith("```{code-cell}")
            continue
        if not in_cell and (m := HEADING.match(line)):
            out.append(("heading", m.group(2).strip()))
        elif in_cell and (m := CALL.match(line.strip())):
            args = tuple(a.strip().strip("\"'") for a in m.group(2).split(",") if a.strip())
            out.append(("call", (m.group(1), *args)))
    return out


def missing_headings(source: str, expected: dict[tuple, str]) -> list[str]:
    """The titles of `expected` (call -> heading) that the page lacks: no call, or a call
    whose nearest heading above it is not the expected title."""
    missing, heading = [], None
    found = {}
    for kind, value in outline(source):
        if kind == "heading":
            heading = value
        else:
            found[value] = heading
    for call, title in expected.items():
        if found.get(call) != title:
            missing.append(title)
    return missing


def quartier_expected(code: str) -> dict[tuple, str]:
    return {("theme", code, key): vocabulary.section(key).title for key in sections.themes_with_facts(code)}


def _source(name: str) -> str:
    return (NOTEBOOKS / f"{name}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", sorted(QPV_PAGES))
def test_every_theme_with_facts_has_its_heading_on_the_quartier_page(code):
    expected = quartier_expected(code)
    assert len(expected) >= 5  # population, pauvreté, éducation, logement, tissu économique
    assert missing_headings(_source(QPV_PAGES[code]), expected) == []


def test_the_agglomeration_themes_have_their_headings():
    expected = {
        ("agglomeration_theme", key): vocabulary.section(key).title for key in sections.agglomeration_themes()
    }
    assert "Emploi" in expected.values()  # l. 448-450
    assert missing_headings(_source("vision"), expected) == []


def test_every_compared_measure_has_its_heading():
    expected = {("measure", i): vocabulary.indicator_label(i) for i in comparison.measures()}
    assert "Taux de pauvreté" in expected.values()  # l. 551, 688, 758
    assert missing_headings(_source("comparer"), expected) == []


def test_a_page_without_one_theme_heading_fails_the_promise():
    source = _source("chemin-vert")
    without = source.replace("## Pauvreté et revenus\n", "", 1)
    assert without != source
    assert missing_headings(without, quartier_expected("QN06251M")) == ["Pauvreté et revenus"]
    without_cell = source.replace('sections.theme("QN06251M", "logement")', "", 1)
    assert missing_headings(without_cell, quartier_expected("QN06251M")) == ["Logement"]


def test_a_new_fact_in_a_theme_the_page_lacks_fails_the_promise(monkeypatch):
    """Centre-ville has no employment figure (l. 782-812): a fact added to the data for it
    asks for an « Emploi » heading that its page does not have."""
    facts = model.facts()
    sample = next(f for f in facts if f.theme == "emploi")
    added = replace(sample, section="QN06250M", territory="QN06250M")
    monkeypatch.setattr(model, "facts", lambda: [*facts, added])
    expected = quartier_expected("QN06250M")
    assert "Emploi" in expected.values()
    assert missing_headings(_source("centre-ville"), expected) == ["Emploi"]


def test_no_hand_made_navigation_and_no_heading_from_python():
    for name in [*QPV_PAGES.values(), "vision", "comparer"]:
        html = "".join(
            str(getattr(sections, call[0])(*call[1:]))
            for kind, call in outline(_source(name))
            if kind == "call"
            and call[0] in ("intro", "key_figures", "theme", "places", "agglomeration_theme")
        )
        assert "<nav" not in html and not re.search(r"<h[1-6]", html), name
