"""In a real browser (Debian Chromium via Playwright): every chart is drawn, no console
error, and no request leaves the local origin."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.build, pytest.mark.browser]

CHART_PAGES = ["notebooks/evaluation/enveloppe.html", "notebooks/evaluation/actions.html",
               "notebooks/evaluation/egalite.html"]


@pytest.mark.parametrize("path", CHART_PAGES)
def test_charts_are_drawn_without_error_or_foreign_request(browser, server, path):
    tab = browser.new_page()
    requests, errors = [], []
    tab.on("request", lambda r: requests.append(r.url))
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(f"{server}/{path}", wait_until="networkidle")
    plots = tab.locator("[data-q2030-figure]")
    count = plots.count()
    assert count >= 1
    tab.wait_for_function(
        "n => document.querySelectorAll('[data-q2030-drawn=\"true\"]').length === n", arg=count,
        timeout=15_000)
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
    tab.wait_for_selector('[data-q2030-drawn="true"]')
    ticks = tab.locator("[data-q2030-figure] .ytick text").all_text_contents()
    assert any("\u202f" in t for t in ticks), ticks  # 1 000 000, not 1,000,000 or 1M
    assert not any("," in t and t.replace(",", "").isdigit() for t in ticks)
    tab.close()
