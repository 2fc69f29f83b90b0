"""Content-Security-Policy and last touches: once every page is written, each goes through
`postprocess.finalise` (fixes to the theme's markup, then the policy, which allows the
page's own origin only and, by their hash, its few inline scripts; see `csp`). It runs
last, after every other step has written into the site."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from quartiers2030.core.figures import DOWNLOAD_FOLDER
from quartiers2030.site import csp, postprocess


def on_build_finished(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    csp.patch_sphinx_plural(out / "_static")
    skipped = {"_static", DOWNLOAD_FOLDER}
    for page in sorted(out.rglob("*.html")):
        if page.relative_to(out).parts[0] not in skipped:
            postprocess.finalise(page)


def setup_security(app: Sphinx) -> None:
    app.connect("build-finished", on_build_finished, priority=900)
