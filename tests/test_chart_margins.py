"""Margins known before drawing (q2030-figures.js): a chart whose margins the script
computes must come out as plotly.js's automargin lays it out, on every chart page, on a
phone and on a computer. The reference is plotly.js itself: the same published spec drawn
again beside the chart with automargin on, as before the script computed anything."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from helpers import wait_until_drawn

pytestmark = [pytest.mark.build, pytest.mark.browser]

# Each drawn chart, and the same spec drawn with plotly.js's automargin (its narrow
# changes taken below their width, as the published spec says).
COMPARE_JS = """async () => {
  const merge = (a, b) => { for (const k in b) {
    const both = b[k] && typeof b[k] === 'object' && !Array.isArray(b[k]) && a[k] && typeof a[k] === 'object';
    if (both) merge(a[k], b[k]); else a[k] = b[k]; } return a; };
  const out = [];
  // The charts drawn with automargin from the start are plotly.js's own: not compared.
  for (const el of document.querySelectorAll('[data-q2030-drawn="true"]:not([data-q2030-margins="plotly"])')) {
    const spec = JSON.parse(document.getElementById(el.getAttribute('data-q2030-figure')).textContent);
    const layout = JSON.parse(JSON.stringify(spec.layout));
    const narrow = layout.meta && layout.meta.q2030_narrow;
    const data = JSON.parse(JSON.stringify(spec.data));
    if (narrow && el.clientWidth < narrow.below) {
      merge(layout, narrow.layout);
      data.forEach((trace, i) => merge(trace, narrow.data[i] || {}));
    }
    const box = document.createElement('div');
    box.style.width = el.clientWidth + 'px';
    el.parentNode.appendChild(box);
    await Plotly.newPlot(box, data, layout, spec.config);
    const ours = el._fullLayout._size, theirs = box._fullLayout._size;
    out.push({id: el.id, how: el.getAttribute('data-q2030-margins'),
              ours: [ours.l, ours.r, ours.t, ours.b], plotly: [theirs.l, theirs.r, theirs.t, theirs.b]});
    Plotly.purge(box);
    box.remove();
  }
  return out;
}"""


def _has_rows(path) -> bool:
    text = path.read_text(encoding="utf-8")
    if "data-q2030-figure=" not in text:
        return False
    specs = BeautifulSoup(text, "html.parser").select('script[type="application/json"][id$="-spec"]')
    return any(trace.get("orientation") == "h" for spec in specs for trace in json.loads(spec.string)["data"])


def _pages_with_rows(site) -> list[str]:
    """The pages with a chart of horizontal bars (the charts whose margins are computed)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if _has_rows(p))


@pytest.mark.parametrize("width", [360, 1280])
def test_computed_margins_are_plotlys_own_on_every_chart_of_rows(site, server, browser, width):
    tab = browser.new_page()
    tab.set_viewport_size({"width": width, "height": 900})
    computed, handed_back, wrong = [], [], []
    for name in _pages_with_rows(site):
        tab.goto(f"{server}/{name}")
        charts = tab.locator("[data-q2030-figure]").count()
        assert wait_until_drawn(tab, charts) == charts, name
        for chart in tab.evaluate(COMPARE_JS):
            assert chart["how"] in ("calcul", "repli"), chart
            computed += [chart["id"]] if chart["how"] == "calcul" else []
            handed_back += [chart["id"]] if chart["how"] == "repli" else []
            if any(abs(a - b) > 1 for a, b in zip(chart["ours"], chart["plotly"])):
                wrong.append((name, chart))
    tab.close()
    assert not wrong
    # Computed for the first chart of « Réponses », in its first screen (no legend, rows);
    # handed back for the sizes of households, whose value axis ends at 100 %.
    assert "fig-classement-defis" in computed, computed
    assert "fig-qn06249m-menages-selon-leur-taille-damremont" in handed_back, handed_back
