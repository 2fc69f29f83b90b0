"""`make bench`, as a reader gets the site: the built site served with gzip on 127.0.0.1
(site/server.py), then for each page measured

- Lighthouse (npm `lighthouse`, pinned by package-lock.json; mobile, its simulated slow
  4G and 4x slower CPU) on Debian's Chromium, never a downloaded browser: the median of
  three runs of the performance score, LCP, TBT and CLS;
- the bytes Chromium fetched (as sent on the wire, gzip) on a first visit with an empty
  cache, once every chart has been scrolled into view (deferring a chart never takes it
  out of the count), and on a further page opened after it, the cache warm.

Numbers, never tests: they vary with the machine and its load.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

from quartiers2030.site.pdf import CHROMIUM, CHROMIUM_ARGS

LIGHTHOUSE = Path("lighthouse") / "cli" / "index.js"
RUNS = 3
# The heaviest pages (charts, long tables) and the home page; `--all-pages` measures all.
DEFAULT_PAGES = [
    "notebooks/consultation/reponses.html",
    "notebooks/geographie/chemin-vert.html",
    "notebooks/evaluation/enveloppe.html",
    "book/index.html",
]
# The page opened after the first one, its cache warm.
FURTHER_PAGE = "book/glossaire.html"
# Budgets of issue 16 (bytes on the wire, gzip, as Chromium fetched them).
BUDGETS = {"chart_page": 450_000, "page": 150_000, "further_page": 30_000}
AUDITS = {
    "lcp_ms": "largest-contentful-paint",
    "tbt_ms": "total-blocking-time",
    "cls": "cumulative-layout-shift",
}


def all_pages(site: Path) -> list[str]:
    """Every page a reader opens (not the data folder, not the redirects)."""
    return [
        p.relative_to(site).as_posix()
        for p in sorted(site.rglob("*.html"))
        if p.relative_to(site).parts[0] not in ("_static", "donnees")
        and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:3000]
    ]


def lighthouse_once(node_modules: Path, url: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="q2030-lh-") as tmp:
        report = Path(tmp) / "report.json"
        flags = " ".join(["--headless=new", *[a for a in CHROMIUM_ARGS if a != "--headless"]])
        proc = subprocess.run(
            [
                "node",
                str(node_modules / LIGHTHOUSE),
                url,
                "--only-categories=performance",
                "--output=json",
                f"--output-path={report}",
                f"--chrome-flags={flags} --user-data-dir={tmp}/profile",
                "--quiet",
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        )
        if proc.returncode != 0 or not report.exists():
            raise RuntimeError(f"Lighthouse a échoué sur {url} :\n{proc.stderr[-2000:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    result = {"score": round(100 * (data["categories"]["performance"]["score"] or 0))}
    for key, audit in AUDITS.items():
        result[key] = data["audits"][audit]["numericValue"]
    return result


def lighthouse(node_modules: Path, url: str, runs: int = RUNS) -> dict:
    """The median of `runs` Lighthouse runs, metric by metric."""
    results = [lighthouse_once(node_modules, url) for _ in range(runs)]
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def _wire_bytes(cdp) -> list[int]:
    """A counter of the bytes received, as the network layer counts them (headers and
    compressed bodies)."""
    total = [0]
    cdp.on(
        "Network.loadingFinished", lambda event: total.__setitem__(0, total[0] + event["encodedDataLength"])
    )
    cdp.send("Network.enable")
    return total


def _scroll_every_chart(tab) -> None:
    plots = tab.locator("[data-q2030-figure]")
    count = plots.count()
    for i in range(count):
        plots.nth(i).scroll_into_view_if_needed()
    drawn = tab.locator('[data-q2030-drawn="true"]')
    for _ in range(300):
        if drawn.count() >= count:
            break
        tab.wait_for_timeout(100)
    tab.wait_for_load_state("networkidle")


def fetched_bytes(browser, origin: str, pages: list[str], further: str = FURTHER_PAGE) -> dict[str, dict]:
    """For each page, in a fresh browser context (an empty cache): the bytes of a first
    visit (every chart scrolled into view), then of `further`, opened next, the cache warm;
    and the fonts it fetched."""
    results = {}
    for page in pages:
        context = browser.new_context(viewport={"width": 412, "height": 823})
        tab = context.new_page()
        fonts = []
        tab.on("request", lambda r, fonts=fonts: fonts.append(r.url) if r.resource_type == "font" else None)
        counter = _wire_bytes(context.new_cdp_session(tab))
        tab.goto(f"{origin}/{page}", wait_until="networkidle")
        _scroll_every_chart(tab)
        first, charts = counter[0], tab.locator("[data-q2030-figure]").count()
        tab.goto(f"{origin}/{further}", wait_until="networkidle")
        _scroll_every_chart(tab)
        results[page] = {
            "charts": charts,
            "first_visit_bytes": first,
            "further_page_bytes": counter[0] - first,
            "fonts": fonts,
        }
        context.close()
    return results


def measure(site: Path, node_modules: Path, pages: list[str], runs: int = RUNS) -> dict[str, dict]:
    """Bytes and Lighthouse's median for each page of the built `site`, served with gzip."""
    from playwright.sync_api import sync_playwright

    from quartiers2030.site.server import serving

    with serving(site) as origin:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            results = fetched_bytes(browser, origin, pages)
            browser.close()
        for page in pages:
            results[page].update(lighthouse(node_modules, f"{origin}/{page}", runs))
    return results


def budget_of(row: dict) -> int:
    return BUDGETS["chart_page"] if row["charts"] else BUDGETS["page"]
