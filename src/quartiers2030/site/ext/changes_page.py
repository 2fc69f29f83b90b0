"""The « Ce qui a changé » page, filled once every page of the version is written: it
compares their texts with the previous release's (see `site/changes`). Its notebook only
places the slot; the report is written into it here, at every build, so that it is never
older than the pages it compares, and it runs before the security policy is applied."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from quartiers2030.core.templates import render
from quartiers2030.site import changes
from quartiers2030.site.ext.inputs import root


def on_build_finished(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    pages = [p for p in sorted(out.rglob("*.html")) if changes.has_slot(p.read_text(encoding="utf-8"))]
    if not pages:
        return
    report = changes.for_build(root(app), out)
    for page in pages:
        link_base = "../" * (len(page.relative_to(out).parts) - 1)
        fragment = render("site/diff_none.html") if report is None else changes.render_html(report, link_base)
        html = page.read_text(encoding="utf-8")
        filled = changes.fill(html, fragment)
        if filled != html:
            page.write_text(filled, encoding="utf-8")


def setup_changes_page(app: Sphinx) -> None:
    app.connect("build-finished", on_build_finished, priority=850)
