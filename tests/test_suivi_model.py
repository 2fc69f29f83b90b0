"""The suivi's package without a build (issue 14): the empty state on the book as published,
and on the `extended` copy (the fixture programmation) the numbers the pages show, each
computed here from the fixture's rows."""

from __future__ import annotations

import csv
import html
from pathlib import Path

import pytest

from helpers import REPO, on

FIXTURE = REPO / "tests" / "fixtures" / "programmation-2024-2025.csv"


@pytest.fixture(scope="module")
def book(extended, tmp_path_factory) -> Path:
    """The extended data with the book's pages beside it (links resolve their labels)."""
    (extended / "book").exists() or (extended / "book").symlink_to(REPO / "book")
    (extended / "notebooks").exists() or (extended / "notebooks").symlink_to(REPO / "notebooks")
    return extended


def rows() -> list[dict]:
    with FIXTURE.open(encoding="utf-8") as handle:
        out = list(csv.DictReader(handle))
    for r in out:
        r["recu"] = float(r["montant"]) * float(r["pourcentageSubvention"])
    return out


def test_the_published_book_shows_the_empty_state_and_no_chart():
    from quartiers2030.parts.suivi import model, sections

    with on(REPO):
        assert model.empty()
        assert "Aucune programmation n'est encore publiée" in sections.status().markup
        for name in (
            "by_axis",
            "by_financer",
            "target",
            "by_quartier",
            "renewal",
            "action_list",
            "checks_box",
        ):
            markup = str(getattr(sections, name)())
            assert "q2030-suivi-empty" in markup and "data-q2030-figure" not in markup, name
        state = html.unescape(sections.state().html())
        assert "aucune programmation 2024-2030 n'est encore publiée" in state


def test_axis_1_shares_from_the_fixture(book):
    from quartiers2030.parts.suivi import model

    grants = rows()
    with on(book):
        shares = {s.year: s for s in model.target_shares()}
    for year in ("2024", "2025"):
        mine = [r for r in grants if r["anneeProgrammation"] == year]
        expected = sum(r["recu"] for r in mine if r["axe"] == "1") / sum(r["recu"] for r in mine) * 100
        assert shares[int(year)].amount == pytest.approx(expected)
    state = [r for r in grants if "ANCT" in r["nomAttribuant"] or "Préfecture" in r["nomAttribuant"]]
    expected = sum(r["recu"] for r in state if r["axe"] == "1") / sum(r["recu"] for r in state) * 100
    assert shares[None].state == pytest.approx(expected)


def test_a_shared_grant_counts_for_its_part_only(book):
    """La Poste receives half of the Préfecture's 4 000 € (pourcentageSubvention 0.5)."""
    from quartiers2030.parts.suivi import model

    with on(book):
        acts = model.actions().set_index("identifiantAction")
    shared = [r for r in rows() if r["pourcentageSubvention"] != "1"]
    assert len(shared) == 1
    assert acts.at[shared[0]["identifiantAction"], "montant"] == float(shared[0]["montant"]) * 0.5


def test_the_list_of_actions_carries_its_filters_data(book):
    from quartiers2030.parts.suivi import sections

    with on(book):
        markup = sections.action_list().markup
    actions = {(r["anneeProgrammation"], r["identifiantAction"]) for r in rows()}
    assert markup.count('<tr data-annee="') == len(actions)
    assert 'data-qpv="QN06249M QN06250M QN06251M QN06252M"' in markup  # « tous »
    assert "<script" not in markup  # the CSP allows none inline: the filter is a static file
