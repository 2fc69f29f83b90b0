"""The géographie pages in a real browser (Debian Chromium via Playwright): every chart and
map is drawn, with no console error and no request leaving the origin, also with the
"basic" partial bundle of plotly.js (scatter, bar, pie) that the site is to ship, and the
pages fit a phone's width."""

from __future__ import annotations

import pytest

from helpers import REPO

pytestmark = [pytest.mark.build, pytest.mark.browser]

PAGES = [f"notebooks/geographie/{name}.html" for name in
         ("vision", "carte", "ips", "chemin-vert", "residences-sud", "damremont", "centre-ville", "comparer")]
BASIC_BUNDLE = REPO / "node_modules" / "plotly.js-basic-dist-min" / "plotly-basic.min.js"


def _visit(browser, server, path, *, basic=False, width=1280):
    tab = browser.new_page()  # a persistent context: the viewport is set per page
    tab.set_viewport_size({"width": width, "height": 900})
    requests, errors = [], []
    tab.on("request", lambda r: requests.append(r.url))
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    if basic:
        if not BASIC_BUNDLE.is_file():
            pytest.fail("plotly.js-basic-dist-min absent de node_modules : lancez « npm ci »")
        body = BASIC_BUNDLE.read_bytes()
        tab.route(lambda url: "/_static/plotly.min.js" in url,  # with its « ?v=… »
                  lambda route: route.fulfill(status=200, body=body, content_type="application/javascript"))
    tab.goto(f"{server}/{path}", wait_until="networkidle")
    plots = tab.locator("[data-q2030-figure]")
    count = plots.count()
    assert count >= 1, path
    tab.wait_for_function(
        "n => document.querySelectorAll('[data-q2030-drawn=\"true\"]').length === n", arg=count,
        timeout=20_000)
    return tab, plots, count, requests, errors


@pytest.mark.parametrize("basic", [False, True], ids=["plotly", "plotly-basic"])
@pytest.mark.parametrize("path", PAGES)
def test_charts_and_maps_are_drawn_without_error_or_foreign_request(browser, server, path, basic):
    tab, plots, count, requests, errors = _visit(browser, server, path, basic=basic)
    for i in range(count):
        plot = plots.nth(i)
        assert plot.locator("svg.main-svg").count() >= 1
        assert plot.locator("g.trace path, g.trace .point").count() >= 1, plot.get_attribute("id")
    if basic:
        assert tab.evaluate("Plotly.version").startswith(("2.", "3.", "4."))
        assert tab.evaluate("!Plotly.PlotSchema.get().traces.scattergeo")  # the basic bundle indeed
    foreign = [u for u in requests if not u.startswith(server) and not u.startswith(("data:", "blob:"))]
    assert not foreign
    assert not errors
    tab.close()


def test_maps_draw_every_commune_and_collège(browser, server):
    tab, _, _, _, errors = _visit(browser, server, "notebooks/geographie/carte.html")
    cab = tab.locator("#fig-carte-cab")
    # 22 communes + the two legend samples, each a filled path.
    assert cab.locator("g.trace.scatter path.js-fill").count() >= 22
    assert cab.locator("g.legend text.legendtext").filter(has_text="Commune avec un quartier prioritaire").count() == 1
    centre = tab.locator("#fig-carte-centre")
    values = centre.locator("g.trace.scatter g.textpoint text").all_text_contents()
    assert "62,8" in values                                   # the collège the contract names (l. 563)
    assert not errors
    tab.close()


@pytest.mark.parametrize("path", PAGES)
def test_pages_fit_a_phone(browser, server, path):
    tab, plots, count, _, _ = _visit(browser, server, path, width=360)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    for i in range(count):
        box = plots.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, plots.nth(i).get_attribute("id")
    tab.close()
