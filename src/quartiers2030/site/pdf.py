"""The whole book as one PDF, printed by Chromium from the built site, offline.

Each page of the table of contents is served on 127.0.0.1, opened, its charts drawn (they
draw as they approach the screen, and all of them on `beforeprint`, which the printer
sends: `draw_every_chart`) and its « Données du graphique » unfolded, and printed; pypdf joins the pages in
the order of the book. Debian's Chromium is used (never a browser downloaded by a tool).
"""

from __future__ import annotations

import functools
import http.server
import io
import os
import tempfile
import threading
from pathlib import Path

import yaml

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
# Printed pages keep the reading column only.
PRINT_CSS = """
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .prev-next-area, .bd-footer,
.bd-header-article, .q2030-versions, .q2030-version-banner, .skip-link { display: none !important; }
.bd-main .bd-content .bd-article-container { max-width: 100% !important; }
.q2030-table-wrap { overflow: visible !important; }
.q2030-table { font-size: 8pt !important; }
.bd-page-width, .bd-main, .bd-content, .bd-article-container, .bd-article { overflow: visible !important; max-width: none !important; }
.q2030-table td, .q2030-table th { padding: 0.15rem 0.25rem !important; }
"""


def toc_order(root: Path) -> list[str]:
    """The documents of `_toc.yml`, in reading order."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    walk(toc.get("parts"))
    walk(toc.get("chapters"))
    return files


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def draw_every_chart(tab) -> None:
    """Charts draw only as they approach the screen, and every one before printing: the
    page is told it is about to print (`beforeprint`, as a browser's print does), then
    waited for until each chart is drawn; a chart left undrawn stops the PDF."""
    charts = tab.locator("[data-q2030-figure]").count()
    if not charts:
        return
    tab.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    drawn = tab.locator('[data-q2030-drawn="true"]')
    for _ in range(300):
        if drawn.count() >= charts:
            return
        tab.wait_for_timeout(100)
    raise RuntimeError(
        f"{tab.url} : {charts - drawn.count()} graphique(s) non dessiné(s) avant l'impression."
    )


def make_pdf(site: Path, root: Path, target: Path | None = None) -> Path:
    from playwright.sync_api import sync_playwright
    from pypdf import PdfWriter

    target = target or site / PDF_NAME
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    writer = PdfWriter()
    try:
        with tempfile.TemporaryDirectory(prefix="q2030-pdf-") as profile, sync_playwright() as pw:
            browser = pw.chromium.launch_persistent_context(
                profile, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            tab = browser.new_page()
            for doc in toc_order(root):
                tab.goto(f"{origin}/{doc}.html", wait_until="load")
                draw_every_chart(tab)
                tab.add_style_tag(content=PRINT_CSS)
                tab.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
                data = tab.pdf(
                    format="A4",
                    print_background=True,
                    scale=0.7,
                    margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"},
                )
                writer.append(io.BytesIO(data))
            browser.close()
    finally:
        server.shutdown()
    writer.add_metadata({"/Title": "Quartiers 2030 en données", "/Lang": "fr"})
    with target.open("wb") as handle:
        writer.write(handle)
    return target
