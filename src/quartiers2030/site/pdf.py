"""The whole book as one PDF document, printed by Chromium from the built site, offline.

Each page of the table of contents is served on 127.0.0.1 and opened at the width of the
printed column, as printed (print media): its « Données du graphique » unfolded, its
charts drawn (they draw as they approach the screen, and all of them on `beforeprint`,
which the printer sends: `draw_every_chart`), checked for anything wider than the sheet,
and printed with the outline of its headings. Once every page is printed, and so its
first page known, the cover (version and date of the build, read from the home page) and
the table of contents with its page numbers are printed in front, then the footers with
the page numbers for the whole document; pypdf joins them (site/pdf_book.py). Debian's
Chromium is used (never a browser downloaded by a tool), and the site is served as
`make serve` serves it (site/server.py).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from quartiers2030.core.templates import render
from quartiers2030.site import pdf_book

PDF_NAME = "quartiers2030.pdf"
CHROMIUM = Path(os.environ.get("Q2030_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A4 less the margins, at the scale of the pages: the width, in CSS pixels, of the printed
# column ((210 - 2 x 12) mm at 96 px an inch, / 0.7). Pages are laid out and their charts
# drawn at that width, so that what is printed is what was measured.
MARGIN = {"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"}
SCALE = 0.7
COLUMN_PX = 1004
# Printed pages keep the reading column only; tables and code wrap their lines rather than scroll.
PRINT_CSS = """
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .prev-next-area, .bd-footer,
.bd-header-article, .q2030-versions, .q2030-version-banner, .skip-link { display: none !important; }
.bd-main .bd-content .bd-article-container { max-width: 100% !important; }
.q2030-table-wrap { overflow: visible !important; }
.q2030-table { font-size: 8pt !important; }
.bd-page-width, .bd-main, .bd-content, .bd-article-container, .bd-article { overflow: visible !important; max-width: none !important; }
.q2030-table td, .q2030-table th { padding: 0.15rem 0.25rem !important; }
.q2030-table td { white-space: normal !important; }
.q2030-table code, .q2030-table td { overflow-wrap: break-word; }
figure, .q2030-figure, .q2030-table-wrap tr, .q2030-key-figures { break-inside: avoid; }
h1, h2, h3, h4 { break-after: avoid; }
pre { white-space: pre-wrap !important; overflow-wrap: anywhere; overflow: visible !important; }
"""
# Elements wider than the printed column, or cut by their box (hidden text for screen
# readers apart, and the inside of charts, which plotly clips on purpose).
CLIPPED_JS = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  for (const el of document.querySelectorAll('article *')) {
    if (!(el instanceof HTMLElement) || el.closest('.q2030-sr-only') || el.parentElement.closest('.js-plotly-plot')) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0) continue;
    const overflow = getComputedStyle(el).overflowX;
    const cut = overflow !== 'visible' && el.scrollWidth > el.clientWidth + 1;
    if (box.right > width + 1 || cut) {
      found.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : ''));
    }
  }
  return found;
}"""
# Every chart of the page drawn (checked by Playwright at every frame).
ALL_DRAWN_JS = """charts => document.querySelectorAll('[data-q2030-drawn="true"]').length >= charts"""
# Charts drawn before the print styles were added (those of the first screen) take the
# printed column's width again; then fonts loaded and two frames painted: what is printed
# is finished, and the same at every print.
SETTLED_JS = """() => Promise.all(Array.from(document.querySelectorAll('[data-q2030-drawn="true"]'))
    .map(el => window.Plotly.Plots.resize(el)))
  .then(() => document.fonts.ready)
  .then(() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))))"""
TITLE_JS = """() => {
  const h1 = document.querySelector('article h1, main h1');
  if (!h1) return document.title;
  const copy = h1.cloneNode(true);
  copy.querySelectorAll('.headerlink').forEach(a => a.remove());
  return copy.textContent.trim();
}"""
FACTS_JS = """() => {
  const meta = (name) => (document.querySelector(`meta[name="${name}"], meta[property="${name}"]`) || {}).content || '';
  return [meta('og:site_name') || document.title, meta('og:description') || meta('description'),
          meta('q2030-version') || 'dev', meta('q2030-date'), meta('q2030-commit')];
}"""


def toc_order(root: Path) -> list[str]:
    """The documents of `_toc.yml`, in reading order."""
    return [entry.doc for entry in pdf_book.toc_entries(root)]


def draw_every_chart(tab) -> None:
    """Charts draw only as they approach the screen, and every one before printing: the
    page is told it is about to print (`beforeprint`, as a browser's print does), then
    waited for until each chart is drawn; a chart left undrawn stops the PDF."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    charts = tab.locator("[data-q2030-figure]").count()
    if not charts:
        return
    tab.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    try:  # checked at every frame (it was every 100 ms: 43 pages waited for nothing)
        tab.wait_for_function(ALL_DRAWN_JS, arg=charts, timeout=30_000)
    except PlaywrightTimeout:
        drawn = tab.locator('[data-q2030-drawn="true"]').count()
        raise RuntimeError(
            f"{tab.url} : {charts - drawn} graphique(s) non dessiné(s) avant l'impression."
        ) from None


def print_sheets(tab, *, scale: float = SCALE, **options) -> bytes:
    return tab.pdf(format="A4", print_background=True, scale=scale, margin=MARGIN, **options)


def print_page(tab, url: str, entry: pdf_book.Entry) -> pdf_book.Printed:
    """One page of the book, laid out as printed, every chart drawn, nothing cut."""
    tab.goto(url, wait_until="load")
    tab.add_style_tag(content=PRINT_CSS)
    tab.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    draw_every_chart(tab)
    tab.evaluate(SETTLED_JS)
    clipped = tab.evaluate(CLIPPED_JS)
    if clipped:
        shown = ", ".join(sorted(set(clipped))[:5])
        raise RuntimeError(f"{url} : {len(clipped)} élément(s) plus large(s) que la page imprimée ({shown}).")
    return pdf_book.Printed(entry, tab.evaluate(TITLE_JS), print_sheets(tab, outline=True))


def print_front(tab, facts: pdf_book.Facts, printed: list[pdf_book.Printed], origin: str) -> bytes:
    """The cover and the contents: printed again until the contents' own length, which
    moves every page number, is the one they were numbered for."""
    front = 2
    for _ in range(5):
        rows = pdf_book.contents(printed, front)
        tab.set_content(str(render("site/pdf_front.html", facts=facts, rows=rows, origin=origin)))
        data = print_sheets(tab, scale=1)
        sheets = pdf_book.sheet_count(data)
        if sheets == front:
            return data
        front = sheets
    raise RuntimeError("PDF : le sommaire ne trouve pas sa longueur.")


def print_footers(tab, facts: pdf_book.Facts, sheets: int) -> bytes:
    tab.set_content(str(render("site/pdf_footers.html", title=facts.title, sheets=sheets)))
    footer = str(render("site/pdf_footer.html", title=facts.title, version=facts.version_label))
    return print_sheets(
        tab,
        scale=1,
        display_header_footer=True,
        header_template=str(render("site/pdf_header.html")),
        footer_template=footer,
    )


def read_facts(tab) -> pdf_book.Facts:
    return pdf_book.Facts(*tab.evaluate(FACTS_JS))


def make_pdf(site: Path, root: Path, target: Path | None = None) -> Path:
    from playwright.sync_api import sync_playwright

    from quartiers2030.site.server import serving

    target = target or site / PDF_NAME
    with (
        serving(site) as origin,
        tempfile.TemporaryDirectory(prefix="q2030-pdf-") as profile,
        sync_playwright() as pw,
    ):
        browser = pw.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            headless=True,
            # No scroll bar: a chart's width never depends on the page's length.
            args=[*CHROMIUM_ARGS, "--hide-scrollbars"],
            viewport={"width": COLUMN_PX, "height": 1400},
        )
        tab = browser.new_page()
        tab.emulate_media(media="print")
        printed, facts = [], None
        for entry in pdf_book.toc_entries(root):
            printed.append(print_page(tab, f"{origin}/{entry.doc}.html", entry))
            facts = facts or read_facts(tab)
        front = print_front(tab, facts, printed, origin)
        sheets = pdf_book.sheet_count(front) + sum(len(page.reader.pages) for page in printed)
        footers = print_footers(tab, facts, sheets)
        browser.close()
    writer = pdf_book.assemble(front, printed, footers, facts, origin)
    with target.open("wb") as handle:
        writer.write(handle)
    return target
