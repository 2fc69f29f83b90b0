"""In a real browser (Debian Chromium via Playwright), over every page of the site: no
console error, no request leaving the local origin, no axe-core violation; every chart
drawn; the Content-Security-Policy in force."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import axe_violations, open_chart_page, wait_until_drawn

pytestmark = [pytest.mark.build, pytest.mark.browser]


def site_pages(site: Path) -> list[str]:
    """Every HTML page a reader can reach (not the theme's templates, not the redirect)."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site)
        if (
            rel.parts[0] in ("_static", "donnees")
            or 'http-equiv="refresh"' in path.read_text(encoding="utf-8")[:3000].lower()
        ):
            continue
        pages.append(rel.as_posix())
    return pages


@pytest.fixture(scope="module")
def audit(site, server, browser):
    """Each page opened once: its requests, console errors and axe-core violations."""
    results = {}
    for path in site_pages(site):
        tab = browser.new_page()
        requests, errors = [], []
        tab.on("request", lambda r, requests=requests: requests.append(r.url))
        tab.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        # Opened at `load`: drawing every chart fetches what the page fetches later, and
        # the requests are counted until the page closes, after axe.
        tab.goto(f"{server}/{path}", wait_until="load")
        charts = tab.locator("[data-q2030-figure]").count()
        drawn_count = wait_until_drawn(tab, charts)
        errors = list(errors)  # what the page itself logged; axe is injected below
        violations = axe_violations(tab)
        results[path] = {
            "requests": requests,
            "errors": errors,
            "violations": violations,
            "charts": (charts, drawn_count),
        }
        tab.close()
    return results


def test_every_page_is_audited(audit, site):
    assert len(audit) >= 10
    assert "book/index.html" in audit and "search.html" in audit


def test_every_chart_of_every_page_is_drawn(audit):
    assert {p: r["charts"] for p, r in audit.items() if r["charts"][0] != r["charts"][1]} == {}


def test_no_page_makes_a_request_outside_its_origin(audit, server):
    foreign = {
        p: [u for u in r["requests"] if not u.startswith((server, "data:", "blob:"))]
        for p, r in audit.items()
    }
    assert {p: u for p, u in foreign.items() if u} == {}


def test_no_console_error_on_any_page(audit):
    assert {p: r["errors"] for p, r in audit.items() if r["errors"]} == {}


def test_axe_finds_no_violation_on_any_page(audit):
    assert {p: r["violations"] for p, r in audit.items() if r["violations"]} == {}


def test_content_security_policy_blocks_inline_scripts(browser, server):
    tab = browser.new_page()
    violations = []
    tab.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    tab.goto(f"{server}/book/index.html", wait_until="networkidle")
    policy = tab.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    tab.evaluate("""() => { const s = document.createElement('script');
                           s.textContent = 'window.__injected = true'; document.body.appendChild(s); }""")
    assert tab.evaluate("() => window.__injected === undefined")
    assert violations, "la politique n'a rien bloqué"
    tab.close()


CHART_PAGES = [
    "notebooks/evaluation/enveloppe.html",
    "notebooks/evaluation/actions.html",
    "notebooks/evaluation/egalite.html",
    "notebooks/enjeux/index.html",
    "notebooks/enjeux/cibles.html",
    "notebooks/consultation/index.html",
    "notebooks/consultation/reponses.html",
    "notebooks/consultation/quartiers.html",
]


@pytest.mark.parametrize("path", CHART_PAGES)
def test_charts_are_drawn_without_error_or_foreign_request(browser, server, path):
    tab, plots, count, requests, errors = open_chart_page(browser, server, path)
    for i in range(count):
        plot = plots.nth(i)
        # plotly draws one SVG group per trace, with its bars or points inside.
        assert plot.locator("svg.main-svg").count() >= 1
        assert plot.locator("g.trace").count() >= 1
        assert plot.locator("g.trace path, g.trace .point").count() >= 1
    foreign = [u for u in requests if not u.startswith(server) and not u.startswith(("data:", "blob:"))]
    assert not foreign
    assert not errors
    tab.close()


def test_french_number_format_inside_charts(browser, server):
    tab = browser.new_page()
    tab.goto(f"{server}/{CHART_PAGES[0]}", wait_until="networkidle")
    assert wait_until_drawn(tab, 1) >= 1
    ticks = tab.locator("[data-q2030-figure] .ytick text").all_text_contents()
    assert any("\u202f" in t for t in ticks), ticks  # 1 000 000, not 1,000,000 or 1M
    assert not any("," in t and t.replace(",", "").isdigit() for t in ticks)
    tab.close()


# --- phones -----------------------------------------------------------------------------


# No page scrolls sideways, at 360 and 1280 px, and charts on a phone: test_phone_browser.py
# (every page).


# A table of checks and a table of sentences (the facts of a theme) on one page, with the
# name of their second column.
CARD_TABLES = [
    ("aside.q2030-checks table", "Ce que dit le contrat"),
    ("#qn06249m-tableau-pauvrete", "Valeur"),
]


def test_tables_read_as_one_card_a_row_on_a_phone_and_stay_tables(browser, server):
    """On a phone, a table of checks or of sentences shows each row as a card, every value
    under its column's name; on a wide screen, a table. Either way a table to assistive
    technology, and no axe-core violation."""
    tab = browser.new_page()
    for width, stacked in ((360, True), (1280, False)):
        tab.set_viewport_size({"width": width, "height": 800})
        tab.goto(f"{server}/notebooks/geographie/damremont.html", wait_until="networkidle")
        for selector, second in CARD_TABLES:
            table = tab.locator(selector).first
            cells = table.locator("tbody tr").first.locator("th, td")
            boxes = [cells.nth(i).bounding_box() for i in range(cells.count())]
            lefts, tops = {round(b["x"]) for b in boxes}, [b["y"] for b in boxes]
            if stacked:
                assert len(lefts) == 1 and tops == sorted(tops) and len(set(tops)) == len(boxes), (
                    selector,
                    boxes,
                )
                label = table.locator("td").first.evaluate("td => getComputedStyle(td, '::before').content")
                assert second in label, selector
            else:
                assert len(lefts) == len(boxes) and len({round(y) for y in tops}) == 1, (selector, boxes)
            # Still a table without ARIA roles on its cells (the HTML standard forbids them):
            # a cell named « Valeur : 1 100 » on a phone is quoted by the snapshot.
            snapshot = table.aria_snapshot()
            assert f'columnheader "{second}"' in snapshot and "- rowheader" in snapshot
            assert re.search(r"- '?cell ", snapshot), snapshot[:500]
        violations = axe_violations(tab)
        assert violations == [], (width, violations)
    tab.close()


# --- finding one's way ---------------------------------------------------------------


# --- keyboard ---------------------------------------------------------------------------


def test_keyboard_skip_link_and_chart_data_without_a_mouse(browser, server):
    tab = browser.new_page()
    tab.goto(f"{server}/notebooks/evaluation/enveloppe.html", wait_until="networkidle")
    tab.keyboard.press("Tab")
    first = tab.evaluate(
        "() => [document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]"
    )
    assert first == ["Passer au contenu principal", "#main-content"]
    tab.keyboard.press("Enter")
    assert tab.evaluate("() => location.hash") == "#main-content"
    # The data of the first chart, reached and unfolded with the keyboard only.
    summary = tab.locator("figure.q2030-figure details summary").first
    for _ in range(200):
        if tab.evaluate("() => document.activeElement.matches('figure.q2030-figure details summary')"):
            break
        tab.keyboard.press("Tab")
    assert tab.evaluate("() => document.activeElement.matches('figure.q2030-figure details summary')")
    tab.keyboard.press("Enter")
    assert summary.evaluate("s => s.parentElement.open")
    # A focused element is visibly marked.
    outline = tab.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    tab.close()
