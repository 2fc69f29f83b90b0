"""The site's addresses: once its public address is known (the `q2030_public_url` setting,
or the one `make publish` is given, in Q2030_PUBLIC_URL), every page names its canonical
address, the same page in the latest release (a page of an older version points there);
and the `index.html` at the root of the build is a real page (French, titled, a link to the
home page), not the bare meta refresh Sphinx's table-of-contents extension writes."""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx

from quartiers2030.core.templates import render
from quartiers2030.site.ext.config import settings

PUBLIC_URL_ENV = "Q2030_PUBLIC_URL"
# The folder of the latest release under the public address (site/publish.py).
LATEST = "latest/"


def public_url(app: Sphinx) -> str:
    url = settings(app).public_url or os.environ.get(PUBLIC_URL_ENV, "")
    return url if not url or url.endswith("/") else url + "/"


def canonical(app: Sphinx, pagename: str) -> str:
    base = public_url(app)
    return base + LATEST + app.builder.get_target_uri(pagename) if base else ""


def on_html_page_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    url = canonical(app, pagename)
    if url:
        context["pageurl"] = url  # the theme writes it as <link rel="canonical">


def on_build_finished(app: Sphinx, exception) -> None:
    """Before sphinx_external_toc's own (priority 500), which writes only a missing file."""
    if exception is not None or app.builder.format != "html":
        return
    home = app.builder.get_target_uri(app.config.root_doc)
    page = render(
        "site/redirect.html",
        target=home,
        title=app.config.html_title or app.config.project,
        label="Aller à l'accueil du site",
        canonical=canonical(app, app.config.root_doc) or home,
    )
    index = Path(app.outdir) / "index.html"
    text = str(page) + "\n"
    if not index.exists() or index.read_text(encoding="utf-8") != text:
        index.write_text(text, encoding="utf-8")


def setup_addresses(app: Sphinx) -> None:
    app.connect("html-page-context", on_html_page_context, priority=410)
    app.connect("build-finished", on_build_finished, priority=400)
