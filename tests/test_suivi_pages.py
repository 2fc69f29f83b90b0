"""The « Suivi du contrat 2024-2030 » pages (issue 14). On the book as published: the empty
state (no programmation yet, no chart drawn from nothing, how staff add a year). On the
copy with the fixture programmation (conftest's `extended_built`, the one build of added
data): the sums and shares the pages show, each computed here from the fixture's own rows;
the list of actions filtered in Chromium; axe-core on the four pages."""

from __future__ import annotations

import csv
import re
from collections import defaultdict

import pytest

from helpers import REPO, html_table, normalise, page, wait_until_drawn

pytestmark = [pytest.mark.build]

PAGES = ["index", "quartiers", "actions", "etat"]
PROGRAMMATION_FIXTURE = REPO / "tests" / "fixtures" / "programmation-2024-2025.csv"
TEXT = REPO / "data" / "source" / "contrat-de-ville-2024-2030.txt"
QPV = ["QN06249M", "QN06250M", "QN06251M", "QN06252M"]  # the four QPV (contract, l. 423-426)
STATE_WORDS = ("ANCT", "Préfecture")  # the fixture's State attribuants (« État (ANCT) », l. 93)


# --- the fixture, read here ---------------------------------------------------------------


def grants() -> list[dict]:
    with PROGRAMMATION_FIXTURE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for r in rows:
        r["recu"] = float(r["montant"]) * float(r["pourcentageSubvention"])
        r["annee"] = int(r["anneeProgrammation"])
    return rows


def actions(rows: list[dict]) -> dict[tuple[int, str], dict]:
    out: dict[tuple[int, str], dict] = {}
    for r in rows:
        key = (r["annee"], r["identifiantAction"])
        action = out.setdefault(key, {**r, "total": 0.0})
        action["total"] += r["recu"]
    return out


def number(text: str) -> float:
    """« 11 500 € » -> 11500; « 84,5 % » -> 84.5."""
    return float(re.sub(r"[^\d,-]", "", normalise(text).replace(" ", "")).replace(",", "."))


def test_the_fixture_has_two_years_several_financers_and_every_column_kind():
    rows = grants()
    assert {r["annee"] for r in rows} == {2024, 2025}
    per_action = defaultdict(set)
    for r in rows:
        per_action[(r["annee"], r["identifiantAction"])].add(r["nomAttribuant"])
    assert max(len(f) for f in per_action.values()) >= 3
    assert {r["qpv"] for r in rows} >= {"tous", "QN06249M;QN06250M"}
    assert {r["reconduction"] for r in rows} == {"nouvelle", "reconduite"}
    assert any(r["orientation"] == "" for r in rows) and any(r["idBeneficiaire"] == "" for r in rows)
    assert any(r["pourcentageSubvention"] != "1" for r in rows) and any("." in r["montant"] for r in rows)
    assert any("/" in r["datesPeriodeVersement"] for r in rows)
    assert {r["axe"] for r in rows} == {"1", "2", "3", "4", "5"}


# --- the published site: the empty state --------------------------------------------------


def test_the_published_pages_say_no_programmation_is_published_and_draw_nothing(site):
    for name in PAGES:
        soup = page(site, f"notebooks/suivi/{name}.html")
        notice = soup.select_one("div.q2030-suivi-empty")
        assert notice is not None, name
        text = normalise(notice.get_text())
        assert "Aucune programmation n'est encore publiée" in text
        assert "python -m quartiers2030 import programmation FICHIER" in text
        assert "mettre-a-jour.html#mettre-a-jour-programmation" in notice.a["href"]
        plots = soup.select("[data-q2030-figure]")
        # The State's envelope keeps its 2015-2023 years, from the évaluation; nothing else is drawn.
        assert len(plots) == (1 if name == "etat" else 0), name
        assert soup.select("form[data-q2030-filter]") == []


def test_the_published_programmation_file_is_its_header_only(site):
    text = (site / "donnees" / "suivi" / "programmation.csv").read_text(encoding="utf-8")
    assert text.count("\n") == 1 and text.startswith("nomAttribuant,idAttribuant,")


# --- the fixture's pages --------------------------------------------------------------------


@pytest.fixture(scope="module")
def filled(extended_built):
    return extended_built.site


def test_amounts_and_actions_by_axis_each_year_and_in_total(filled):
    rows = grants()
    acts = actions(rows)
    table = html_table(page(filled, "notebooks/suivi/index.html"), "donnees-suivi-par-axe")
    axes = list(table)[:5]  # the five axes, then the total
    for axis, header in zip("12345", axes, strict=True):
        cells = table[header]
        for i, year in enumerate([2024, 2025, None]):
            mine = [a for a in acts.values() if a["axe"] == axis and (year is None or a["annee"] == year)]
            assert abs(number(cells[2 * i]) - sum(a["total"] for a in mine)) <= 0.5, (header, year)
            assert number(cells[2 * i + 1]) == len(mine), (header, year)
    assert abs(number(table["Total"][4]) - sum(r["recu"] for r in rows)) <= 0.5
    assert number(table["Total"][5]) == len(acts)


def test_axis_1_against_30_percent_three_ways(filled, lines):
    assert "qu'il représente 30 % de la programmation globale" in lines[838 - 1]
    rows = grants()
    table = html_table(page(filled, "notebooks/suivi/index.html"), "donnees-suivi-objectif-axe-1")
    for year in (2024, 2025, None):
        mine = [r for r in rows if year is None or r["annee"] == year]
        acts = actions(mine)
        state = [r for r in mine if any(w in r["nomAttribuant"] for w in STATE_WORDS)]
        amount = sum(r["recu"] for r in mine if r["axe"] == "1") / sum(r["recu"] for r in mine) * 100
        count = sum(a["axe"] == "1" for a in acts.values()) / len(acts) * 100
        share = sum(r["recu"] for r in state if r["axe"] == "1") / sum(r["recu"] for r in state) * 100
        cells = table["Total" if year is None else str(year)]
        assert [round(number(c), 1) for c in cells] == [
            round(amount, 1),
            round(count, 1),
            round(share, 1),
            30.0,
        ]


def test_the_checks_box_holds_the_target_with_its_verdict(filled):
    soup = page(filled, "notebooks/suivi/index.html")
    box = normalise(soup.select_one("#controles-suivi").get_text())
    rows = grants()
    amount_2024 = sum(r["recu"] for r in rows if r["axe"] == "1" and r["annee"] == 2024)
    share = amount_2024 / sum(r["recu"] for r in rows if r["annee"] == 2024) * 100
    assert f"{share:.1f}".replace(".", ",") + " %" in box
    assert "Objectif atteint" in box and "aucune enveloppe annoncée" in box


def test_every_financer_with_its_amount(filled):
    rows = grants()
    table = html_table(page(filled, "notebooks/suivi/index.html"), "donnees-suivi-par-financeur")
    names = {r["nomAttribuant"] for r in rows}
    assert set(table) == names
    for name in names:
        mine = [r for r in rows if r["nomAttribuant"] == name]
        assert abs(number(table[name][2]) - sum(r["recu"] for r in mine)) <= 0.5, name
        assert table[name][4] == ("oui" if any(w in name for w in STATE_WORDS) else "non")


def test_by_quartier_an_action_of_several_counts_in_each(filled):
    acts = actions(grants()).values()
    soup = page(filled, "notebooks/suivi/quartiers.html")
    table = html_table(soup, "donnees-suivi-par-quartier")
    names = dict(zip(QPV, table, strict=True))  # the contract's order
    for code, name in names.items():
        mine = [a for a in acts if a["qpv"] == "tous" or code in a["qpv"].split(";")]
        alone = [a for a in mine if a["qpv"] == code]
        assert abs(number(table[name][2]) - sum(a["total"] for a in mine)) <= 0.5, name
        assert [number(table[name][3]), number(table[name][4])] == [len(mine), len(alone)], name
    assert "compte en entier dans chacun" in normalise(soup.get_text())


def test_new_and_renewed_operators_and_orientations_without_actions(filled):
    acts = actions(grants()).values()
    soup = page(filled, "notebooks/suivi/quartiers.html")
    renewal = html_table(soup, "donnees-suivi-nouvelles-reconduites")
    for year in (2024, 2025):
        mine = [a for a in acts if a["annee"] == year]
        new = sum(a["reconduction"] == "nouvelle" for a in mine)
        assert [number(c) for c in renewal[str(year)][:2]] == [new, len(mine) - new]
    operators = html_table(soup, "suivi-operateurs")
    assert set(operators) - {"Total"} == {a["nomBeneficiaire"] for a in acts}
    named = {a["orientation"] for a in acts if a["orientation"]}
    missing = html_table(soup, "suivi-orientations-sans-action")
    assert not named & set(missing) and "1.2.b" in missing  # an orientation of the contract, l. 920 on


def test_the_states_envelope_continues_after_2023(filled):
    rows = grants()
    table = html_table(page(filled, "notebooks/suivi/etat.html"), "donnees-suivi-enveloppe-etat")
    assert list(table)[:9] == [str(y) for y in range(2015, 2024)]
    for year in (2024, 2025):
        state = [r for r in rows if r["annee"] == year and any(w in r["nomAttribuant"] for w in STATE_WORDS)]
        assert abs(number(table[str(year)][0]) - sum(r["recu"] for r in state)) <= 0.5
        assert number(table[str(year)][1]) == len({r["identifiantAction"] for r in state})


def test_the_list_holds_every_action_server_rendered(filled):
    soup = page(filled, "notebooks/suivi/actions.html")
    body = soup.select("#liste-des-actions tbody tr")
    assert len(body) == len(actions(grants()))
    assert soup.select_one("form[data-q2030-filter]").has_attr("hidden")  # shown by the script only


# --- in Chromium ------------------------------------------------------------------------------


@pytest.mark.browser
def test_the_list_filters_by_year_quartier_and_words_with_the_keyboard(extended_server, browser):
    acts = list(actions(grants()).values())
    tab = browser.new_page()
    errors = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.goto(f"{extended_server}/notebooks/suivi/actions.html", wait_until="networkidle")
    visible = tab.locator("#liste-des-actions tbody tr:visible")
    status = tab.locator("#liste-des-actions-etat")
    assert visible.count() == len(acts)
    tab.select_option("#liste-des-actions-annee", "2025")
    in_2025 = [a for a in acts if a["annee"] == 2025]
    assert visible.count() == len(in_2025)
    assert status.text_content().startswith(f"{len(in_2025)} actions affichées sur {len(acts)}")
    tab.select_option("#liste-des-actions-qpv", "QN06249M")
    both = [a for a in in_2025 if a["qpv"] == "tous" or "QN06249M" in a["qpv"].split(";")]
    assert visible.count() == len(both)
    tab.click("button[type=reset]")
    tab.focus("#liste-des-actions-texte")
    tab.keyboard.type("medIation")  # any case, accents ignored
    assert visible.count() == sum("Médiation" in a["objet"] for a in acts) == 1
    assert errors == []
    tab.close()


@pytest.mark.browser
def test_axe_finds_nothing_on_the_filled_pages(extended_server, browser):
    from helpers import axe_violations

    for name in PAGES:
        tab = browser.new_page()
        tab.goto(f"{extended_server}/notebooks/suivi/{name}.html", wait_until="load")
        charts = tab.locator("[data-q2030-figure]").count()
        assert wait_until_drawn(tab, charts) == charts, name
        violations = axe_violations(tab)
        assert violations == [], (name, violations)
        tab.close()
