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


# --- untrusted text ---------------------------------------------------------------------

ATTACK = "<img src=x onerror=alert(1)><script>alert(2)</script>"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """A build where a pillar's labels hold markup, as a careless paste into Excel might."""
    from helpers import copy_book, run_build

    root = copy_book(tmp_path_factory.mktemp("hostile") / "book")
    path = root / "data/evaluation/piliers.csv"
    content = path.read_text(encoding="utf-8").replace(
        "jeunesse,Donner des perspectives à la jeunesse,Jeunesse,",
        f'jeunesse,"Donner des perspectives {ATTACK}","Jeunesse {ATTACK}",')
    path.write_text(content, encoding="utf-8")
    result = run_build(root)
    assert result.returncode == 0, result.output[-3000:]
    return result.site


def test_markup_in_data_is_shown_as_text_in_tables_and_charts(hostile_site, browser):
    import functools
    import http.server
    import threading

    from helpers import page

    soup = page(hostile_site, "notebooks/evaluation/enveloppe.html")
    assert not soup.select("main img[src=x]"), "balise <img> injectée dans la page"
    assert not [s for s in soup.find_all("script") if "alert" in (s.string or "") and s.get("type") != "application/json"]
    assert ATTACK in soup.find("table", id="tableau-enveloppe-etat").get_text()

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(hostile_site))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        tab = browser.new_page()
        dialogs = []
        tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        tab.goto(f"http://127.0.0.1:{httpd.server_address[1]}/notebooks/evaluation/enveloppe.html",
                 wait_until="networkidle")
        tab.wait_for_function("document.querySelectorAll('[data-q2030-drawn]').length >= 2")
        legend = " ".join(tab.locator("#fig-enveloppe-par-pilier .legendtext").all_text_contents())
        axis = " ".join(tab.locator("#fig-parts-piliers .ytick text").all_text_contents())
        assert f"Jeunesse {ATTACK}" in legend
        assert f"Jeunesse {ATTACK}" in axis
        assert dialogs == []
        tab.close()
    finally:
        httpd.shutdown()
