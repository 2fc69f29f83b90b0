"""The géographie pages in a real browser (Debian Chromium via Playwright): every chart and
map is drawn with the "basic" partial bundle of plotly.js that the site ships (scatter,
bar, pie: no geographic trace), with no console error and no request leaving the origin.
(Every page's overflow at 360 and 1280 px, and axe, are checked by test_browser.py.)"""

from __future__ import annotations

import pytest

from helpers import open_chart_page

pytestmark = [pytest.mark.build, pytest.mark.browser]

PAGES = [
    f"notebooks/geographie/{name}.html"
    for name in (
        "vision",
        "carte",
        "ips",
        "chemin-vert",
        "residences-sud",
        "damremont",
        "centre-ville",
        "comparer",
    )
]


@pytest.mark.parametrize("path", PAGES)
def test_charts_and_maps_are_drawn_with_the_basic_bundle(browser, server, path):
    tab, plots, count, requests, errors = open_chart_page(browser, server, path)
    assert tab.evaluate("!Plotly.PlotSchema.get().traces.scattergeo")  # the basic bundle
    for i in range(count):
        plot = plots.nth(i)
        assert plot.locator("svg.main-svg").count() >= 1
        assert plot.locator("g.trace path, g.trace .point").count() >= 1, plot.get_attribute("id")
    foreign = [u for u in requests if not u.startswith(server) and not u.startswith(("data:", "blob:"))]
    assert not foreign
    assert not errors
    tab.close()


def test_maps_draw_every_commune_and_college(browser, server):
    tab, _, _, _, errors = open_chart_page(browser, server, "notebooks/geographie/carte.html")
    cab = tab.locator("#fig-carte-cab")
    assert cab.locator("g.trace.scatter path.js-fill").count() >= 22  # l. 416
    legend = cab.locator("g.legend text.legendtext")
    assert legend.filter(has_text="Commune avec un quartier prioritaire").count() == 1
    assert legend.filter(has_text="Collège, IPS").count() == 3
    values = tab.locator("#fig-carte-centre g.trace.scatter g.textpoint text").all_text_contents()
    assert "62,8" in values  # the collège the contract names (l. 563)
    assert not errors
    tab.close()
