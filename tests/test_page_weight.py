"""Only what a page uses, counted as Chromium fetches it from the site served with gzip:
a first visit within its budget once every chart has been scrolled into view, a further
page almost free once one is cached, no webfont, the search (Pagefind) on the search page
only, the theme's stylesheet reduced; and a real page at the root of the build."""

from __future__ import annotations

import pytest

from helpers import page
from quartiers2030.site import bench_browser, plotly_bundle, theme_css
from quartiers2030.site.pdf import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.build

HOME = "book/index.html"


def _gzip_size(path) -> int:
    import gzip

    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


@pytest.mark.browser
def test_first_visit_and_further_page_stay_within_their_budgets(playwright, server, site):
    """Issue 16's budgets for a page without charts and a further page; a chart page gets
    plotly.js (the site's bundle, whose gzip size `make bench` reports beside the issue's
    450 kB) and at most 110 kB besides."""
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    try:
        rows = bench_browser.fetched_bytes(browser, server, bench_browser.DEFAULT_PAGES)
    finally:
        browser.close()
    assert rows[HOME]["charts"] == 0 and all(rows[p]["charts"] for p in bench_browser.DEFAULT_PAGES[:3])
    plotly = _gzip_size(site / "_static" / plotly_bundle.NAME)
    budgets = {p: plotly + 110_000 if r["charts"] else bench_browser.BUDGETS["page"] for p, r in rows.items()}
    over = {
        p: (r["first_visit_bytes"], budgets[p])
        for p, r in rows.items()
        if r["first_visit_bytes"] > budgets[p]
    }
    assert over == {}
    further = {p: r["further_page_bytes"] for p, r in rows.items()}
    assert all(b <= bench_browser.BUDGETS["further_page"] for b in further.values()), further
    assert {p: r["fonts"] for p, r in rows.items() if r["fonts"]} == {}


def test_sphinx_search_is_on_no_page_and_pagefind_on_the_search_page_only(site):
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("_static/", "donnees/")):
            continue
        sources = [s.get("src", "") for s in page(site, rel).find_all("script")]
        loaded = [s for s in sources if s.endswith(("searchindex.js", "searchtools.js", "language_data.js"))]
        assert loaded == [], rel
        pagefind = [s for s in sources if "_pagefind/" in s]
        assert bool(pagefind) == (rel == "search.html"), (rel, pagefind)


def test_the_theme_scripts_the_pages_do_not_use_are_loaded_by_none(site):
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("_static/", "donnees/")):
            continue
        soup = page(site, rel)
        loaded = [s.get("src", "") for s in soup.find_all("script")] + [
            link.get("href", "") for link in soup.find_all("link", rel="preload")
        ]
        assert [u for u in loaded if "bootstrap.js" in u or "fontawesome.js" in u] == [], rel
    assert (site / "_static" / "scripts" / "pydata-sphinx-theme.js").is_file()


def test_the_theme_stylesheet_keeps_only_the_rules_the_pages_use(site):
    reduced = (site / theme_css.STYLESHEET).read_text(encoding="utf-8")
    original = theme_css.original().read_text(encoding="utf-8")
    assert len(reduced) < len(original) / 2
    for used in (".bd-header", ".bd-sidebar-primary", ".search-button", ".prev-next-area"):
        assert used in reduced, used
    # Bootstrap's utilities the site never uses.
    for unused in (".img-thumbnail", ".row-cols-sm-auto", ".blockquote-footer"):
        assert unused in original and unused not in reduced, unused


def test_the_root_of_the_build_is_a_french_page_leading_home(site):
    soup = page(site, "index.html")
    assert soup.html["lang"] == "fr"
    assert soup.title.get_text(strip=True) == "Quartiers 2030 en données"
    assert soup.select_one("body a")["href"] == HOME
    assert soup.select_one('meta[http-equiv="refresh"]')["content"] == f"0; url={HOME}"
    assert soup.select_one('meta[http-equiv="Content-Security-Policy"]')
