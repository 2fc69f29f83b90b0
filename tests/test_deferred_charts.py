"""Charts cost nothing until seen: plotly.js is the site's own bundle (bar and scatter
only, the same bytes at every build), loaded by q2030-figures.js when a chart approaches
the screen, never from the page's head; each chart's height is reserved (drawing moves
nothing); every chart draws before printing, as the PDF printer asks."""

from __future__ import annotations

import pytest

from helpers import REPO, page, wait_until_drawn
from quartiers2030.site import pdf, plotly_bundle

LONG_PAGE = "notebooks/consultation/reponses.html"


@pytest.mark.build
def test_plotly_bundle_is_the_same_bytes_at_every_build():
    modules = REPO / "node_modules"
    first, second = plotly_bundle.esbuild(modules), plotly_bundle.esbuild(modules)
    assert first == second
    assert plotly_bundle.bundle(modules).read_bytes() == first
    assert b"sourceMappingURL" not in first and str(REPO).encode() not in first
    # Chromium compiles it while it downloads it (V8's explicit compile hints), off the main thread.
    assert first.startswith(b"//# allFunctionsCalledOnLoad\n")


@pytest.mark.build
def test_chart_pages_load_plotly_only_through_the_figures_script(site):
    soup = page(site, LONG_PAGE)
    sources = [s.get("src", "") for s in soup.find_all("script")]
    assert not [s for s in sources if "plotly" in s], sources
    (figures,) = [s for s in soup.find_all("script") if "q2030-figures.js" in s.get("src", "")]
    assert figures.has_attr("defer")
    names = figures["data-q2030-scripts"].split()
    assert names[0] == plotly_bundle.NAME
    for name in names:
        assert (site / "_static" / name).stat().st_size > 0, name
    assert not (site / "_static" / "plotly-basic.min.js").exists()
    # A page without a chart has no chart script at all.
    assert "q2030-figures.js" not in (site / "book" / "glossaire.html").read_text(encoding="utf-8")


@pytest.mark.build
@pytest.mark.browser
def test_a_chart_far_down_draws_only_once_scrolled_to_and_moves_nothing(phone, server):
    tab = phone.new_page()
    tab.goto(f"{server}/{LONG_PAGE}", wait_until="networkidle")
    plots = tab.locator("[data-q2030-figure]")
    last = plots.last
    screen = tab.viewport_size["height"]
    assert last.bounding_box()["y"] > 3 * screen  # far below the first screen
    tab.wait_for_timeout(500)
    assert last.get_attribute("data-q2030-drawn") is None
    before = [plots.nth(i).bounding_box()["height"] for i in range(plots.count())]
    assert all(height > 100 for height in before), before  # reserved before drawing
    assert wait_until_drawn(tab, plots.count()) == plots.count()
    after = [plots.nth(i).bounding_box()["height"] for i in range(plots.count())]
    assert after == before
    traces = tab.evaluate("() => Object.keys(Plotly.PlotSchema.get().traces).sort()")
    assert traces == ["bar", "scatter"]
    # Only the components the charts use: annotations and shapes are drawn by the site's
    # charts; sliders, menus, range sliders and images by none (js/plotly-entry.js).
    layout = tab.evaluate("() => Object.keys(Plotly.PlotSchema.get().layout.layoutAttributes)")
    assert {"annotations", "shapes", "legend"} <= set(layout)
    assert {"sliders", "updatemenus", "images", "grid"}.isdisjoint(layout)
    tab.close()


@pytest.mark.build
@pytest.mark.browser
def test_every_chart_is_drawn_before_printing_as_the_pdf_asks(browser, server):
    tab = browser.new_page()
    tab.goto(f"{server}/{LONG_PAGE}", wait_until="networkidle")
    charts = tab.locator("[data-q2030-figure]").count()
    assert tab.locator('[data-q2030-drawn="true"]').count() < charts  # not all drawn yet
    pdf.draw_every_chart(tab)  # what make_pdf does before printing each page
    assert tab.locator('[data-q2030-drawn="true"]').count() == charts
    tab.close()
