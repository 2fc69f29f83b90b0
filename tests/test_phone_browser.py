"""Every page of the built site on a phone's width (Chromium at 360 px) and on a wide screen
(1280 px), each page opened once: nothing scrolls the page sideways; on the phone, no text
of a chart (its SVG text elements) is cut by the chart's box or overlaps another, and a
number table wider than the screen keeps its row headers in view after a horizontal swipe,
under the hint that it scrolls (issues 16 and 19)."""

from __future__ import annotations

import pytest

from helpers import wait_until_drawn
from test_browser import site_pages

pytestmark = [pytest.mark.build, pytest.mark.browser]

PHONE, WIDE = 360, 1280

# Elements wider than the page, but inside a box that scrolls on its own (a table) or hides
# what overflows: the page itself does not scroll.
OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')].filter(e => {
        const r = e.getBoundingClientRect();
        if (r.width === 0 || r.right <= width + 1) return false;
        for (let p = e.parentElement; p; p = p.parentElement) {
            const s = getComputedStyle(p);
            if (['auto', 'scroll', 'hidden'].includes(s.overflowX) && p.getBoundingClientRect().right <= width + 1) return false;
        }
        return getComputedStyle(e).visibility !== 'hidden';
    });
    return {scroll: document.documentElement.scrollWidth, width,
            offenders: wide.slice(0, 5).map(e => e.tagName + '.' + e.className)};
}"""

# The visible text elements of each chart: one outside the chart's box, or two whose boxes
# cross by more than SLACK px both ways (a text's box holds the line's leading, so that two
# lines of a label, or two labels one above the other, may touch by a pixel or two).
CHART_TEXT = """slack => {
    const problems = [];
    const shown = t => {
        if (!t.textContent.trim()) return false;
        for (let e = t; e && e.tagName !== 'DIV'; e = e.parentElement) {
            const s = getComputedStyle(e);
            if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return false;
        }
        const r = t.getBoundingClientRect();
        return r.width > 0 && r.height > 0;
    };
    for (const chart of document.querySelectorAll('[data-q2030-figure]')) {
        const box = chart.getBoundingClientRect();
        const texts = [...chart.querySelectorAll('svg text')].filter(shown).map(t => ({
            r: t.getBoundingClientRect(), text: t.textContent.trim().slice(0, 50),
            kind: t.getAttribute('class') || t.parentElement.getAttribute('class') || '',
        }));
        const name = t => `« ${t.text} » (${t.kind})`;
        for (const t of texts) {
            const r = t.r;
            if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
                problems.push(`${chart.id} : ${name(t)} coupé par le cadre du graphique`);
        }
        for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
            const a = texts[i].r, b = texts[j].r;
            const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (w > slack && h > slack)
                problems.push(`${chart.id} : ${name(texts[i])} chevauche ${name(texts[j])} (${Math.round(w)} × ${Math.round(h)} px)`);
        }
    }
    return problems;
}"""
SLACK = 3

# Every number table wider than its box, swiped to its end: its first row header must still
# be seen (in the box, and the element drawn at its place), and the hint above it shown; a
# table that fits shows no hint.
# (the charts' data tables are in <details>, opened first: the hint follows a table's size
# once the browser has laid it out).
OPEN_DETAILS = "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"
TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
STICKY = """() => {
    const found = {wide: 0, problems: []};
    for (const wrap of document.querySelectorAll('.q2030-table-wrap')) {
        const table = wrap.querySelector('table');
        const hint = wrap.querySelector('.q2030-table-hint');
        const wide = wrap.scrollWidth > wrap.clientWidth + 1;
        if (!wide) {
            if (hint && !hint.hidden) found.problems.push(`${table.id} : l'indication « faire glisser » est montrée sans raison`);
            continue;
        }
        found.wide += 1;
        if (!hint || hint.hidden || hint.getBoundingClientRect().width === 0)
            found.problems.push(`${table.id} : pas d'indication « faire glisser »`);
        wrap.scrollLeft = wrap.scrollWidth;
        const th = table.querySelector('tbody th');
        if (!th) continue;
        th.scrollIntoView({block: 'center', inline: 'nearest'});
        wrap.scrollLeft = wrap.scrollWidth;
        const r = th.getBoundingClientRect(), w = wrap.getBoundingClientRect();
        const seen = document.elementFromPoint(r.left + Math.min(8, r.width / 2), r.top + r.height / 2);
        if (r.left < w.left - 1 || r.right > w.right + 1 || !(seen && th.contains(seen)))
            found.problems.push(`${table.id} : après défilement, « ${th.textContent.trim().slice(0, 30)} » n'est plus visible`);
    }
    return found;
}"""


@pytest.fixture(scope="module")
def pages(site, server, browser):
    """Each page at 360 px (charts drawn), then 1280 px: what the checks above found."""
    results = {}
    tab = browser.new_page()
    for path in site_pages(site):
        tab.set_viewport_size({"width": PHONE, "height": 800})
        tab.goto(f"{server}/{path}", wait_until="load")
        charts = tab.locator("[data-q2030-figure]").count()
        drawn = wait_until_drawn(tab, charts)
        tab.evaluate("() => window.scrollTo(0, 0)")
        found = {
            "charts": (charts, drawn),
            "phone": tab.evaluate(OVERFLOW),
            "chart text": tab.evaluate(CHART_TEXT, SLACK),
            "plot widths": tab.evaluate(
                "() => [...document.querySelectorAll('figure.q2030-figure')].map(f => "
                "[f.querySelector('[data-q2030-figure]').getBoundingClientRect().width, f.getBoundingClientRect().width])"
            ),
        }
        tab.evaluate(OPEN_DETAILS)
        tab.evaluate(TWO_FRAMES)  # the unfolded tables laid out
        found["sticky"] = tab.evaluate(STICKY)
        tab.set_viewport_size({"width": WIDE, "height": 800})
        tab.evaluate("() => window.scrollTo(0, 0)")
        found["wide"] = tab.evaluate(OVERFLOW)
        results[path] = found
    tab.close()
    return results


def test_every_page_is_seen_at_both_widths(pages):
    assert len(pages) >= 30 and "book/mettre-a-jour.html" in pages
    assert {p: r["charts"] for p, r in pages.items() if r["charts"][0] != r["charts"][1]} == {}


@pytest.mark.parametrize("width", ["phone", "wide"])
def test_no_page_scrolls_sideways(pages, width):
    wide = {
        p: r[width]
        for p, r in pages.items()
        if r[width]["scroll"] > r[width]["width"] or r[width]["offenders"]
    }
    assert wide == {}


def test_every_chart_fits_its_column_on_a_phone(pages):
    assert {
        p: r["plot widths"]
        for p, r in pages.items()
        if any(plot > PHONE or plot < 0.95 * column for plot, column in r["plot widths"])
    } == {}


def test_no_chart_text_is_cut_or_overlaps_another_on_a_phone(pages):
    assert sum(r["charts"][0] for r in pages.values()) >= 20
    assert {p: r["chart text"] for p, r in pages.items() if r["chart text"]} == {}


def test_wide_tables_keep_their_row_headers_in_view_after_a_swipe(pages):
    assert sum(r["sticky"]["wide"] for r in pages.values()) >= 10  # the site has many
    assert {p: r["sticky"]["problems"] for p, r in pages.items() if r["sticky"]["problems"]} == {}


def test_the_chart_text_check_finds_a_cut_and_an_overlap(browser, server):
    """The check can fail: a chart drawn with a title wider than its box and two labels at
    the same place."""
    tab = browser.new_page()
    tab.set_viewport_size({"width": PHONE, "height": 800})
    tab.goto(f"{server}/book/index.html", wait_until="load")
    tab.evaluate("""() => {
        const div = document.createElement('div');
        div.setAttribute('data-q2030-figure', 'x');
        div.id = 'fig-essai';
        div.style.width = '200px';
        div.innerHTML = '<svg width="200" height="100"><text x="150" y="20">Un titre bien trop long</text>'
            + '<text x="10" y="60">2016</text><text x="14" y="62">Emploi</text></svg>';
        document.body.prepend(div);
    }""")
    problems = tab.evaluate(CHART_TEXT, SLACK)
    tab.close()
    assert any("coupé" in p for p in problems) and any("chevauche" in p for p in problems), problems


@pytest.mark.parametrize(("width", "years"), [(PHONE, 5), (WIDE, 9)])
def test_years_under_the_columns_are_level_and_fewer_on_a_phone(browser, server, width, years):
    """The évaluation's nine years (2015-2023): every other one on a phone (the chart's
    changes for a narrow width, core/figures.py `on_narrow`), all of them on a wide screen,
    never slanted, and the legend above the plot."""
    tab = browser.new_page()
    tab.set_viewport_size({"width": width, "height": 800})
    tab.goto(f"{server}/notebooks/evaluation/enveloppe.html", wait_until="load")
    assert wait_until_drawn(tab, tab.locator("[data-q2030-figure]").count()) >= 1
    chart = tab.locator("#fig-enveloppe-par-pilier")
    labels = [t for t in chart.locator(".xtick text").all_text_contents() if t.strip()]
    assert len(labels) == years and labels[0] == "2015" and labels[-1] == "2023", labels
    assert all(
        "rotate" not in (t or "")
        for t in chart.locator(".xtick text").evaluate_all("ts => ts.map(t => t.getAttribute('transform'))")
    )
    legend, plot = chart.locator("g.legend").bounding_box(), chart.locator("g.cartesianlayer").bounding_box()
    assert legend["y"] + legend["height"] <= plot["y"] + 1
    tab.close()
