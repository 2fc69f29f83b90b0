"""Chart assets, once: pages that hold a chart get the small drawing script, which loads
plotly.js and its French locale only when a chart is about to be seen (see
static/q2030-figures.js). plotly.js is the site's own bundle (site/plotly_bundle.py, built
from node_modules), copied into `_static/` with this package's files, never fetched from
a CDN."""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx

from quartiers2030.site import plotly_bundle, theme_css
from quartiers2030.site.ext.config import settings
from quartiers2030.site.ext.files import copy_if_changed
from quartiers2030.site.ext.inputs import root

STATIC = Path(__file__).resolve().parents[1] / "static"
STYLESHEETS = ["q2030-icons.css", "q2030.css"]
# On every page: binds the visible menu buttons the theme's script misses (issue 19).
SCRIPTS = ["q2030-menu.js"]
# On pages with a chart: draws them, loading the settings' `chart_scripts` first.
FIGURES_SCRIPT = "q2030-figures.js"
# On pages with a table (core/tables.py): shows the « faire glisser » hint of those wider
# than the screen.
TABLES_SCRIPT, TABLE_MARKER = "q2030-tables.js", 'class="q2030-table-wrap"'
# On pages with a filterable list (the suivi's actions): its filters (progressive enhancement).
FILTER_SCRIPT = "q2030-filter.js"
FILTER_MARKER = "data-q2030-filter="

# Set by the publishing command: a version built from a `git archive` export has no
# node_modules of its own.
NODE_MODULES_ENV = "Q2030_NODE_MODULES"


def node_modules(book: Path, bundle: Path) -> Path:
    """Where `npm ci` put the front-end assets: the book's own folder, or the one the
    publishing command points to."""
    candidates = [Path(os.environ[NODE_MODULES_ENV])] if os.environ.get(NODE_MODULES_ENV) else []
    candidates += [book / "node_modules", Path(__file__).resolve().parents[4] / "node_modules"]
    for folder in candidates:
        if (folder / bundle).is_file():
            return folder
    raise FileNotFoundError(
        f"{bundle} introuvable : lancez « npm ci » à la racine du projet (« make site » le fait)."
    )


# Sphinx's and the theme's scripts that need nothing before the page is parsed: deferred
# (in their order), so that they no longer hold the first paint back. documentation_options.js
# stays as it is: the inline scripts after it set its options.
DEFERRED = ("doctools.js", "sphinx_highlight.js", "translations.js", "sphinx-book-theme.js")


def on_html_page_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    for script in context.get("script_files", []):
        name = str(getattr(script, "filename", script)).rsplit("/", 1)[-1]
        attributes = getattr(script, "attributes", None)
        if name in DEFERRED and attributes is not None and not {"defer", "async"} & set(attributes):
            attributes["defer"] = "defer"
    config = settings(app)
    if config.chart_marker in context.get("body", ""):
        scripts = " ".join(config.chart_scripts)
        app.add_js_file(FIGURES_SCRIPT, defer="defer", **{"data-q2030-scripts": scripts})
    if TABLE_MARKER in context.get("body", ""):
        app.add_js_file(TABLES_SCRIPT, defer="defer")
    if FILTER_MARKER in context.get("body", ""):
        app.add_js_file(FILTER_SCRIPT, defer="defer")


def on_build_finished(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    modules = node_modules(root(app), plotly_bundle.INPUTS[0])
    copy_if_changed(plotly_bundle.bundle(modules), static / plotly_bundle.NAME)
    for asset in sorted(STATIC.iterdir()):
        copy_if_changed(asset, static / asset.name)


def on_pages_written(app: Sphinx, exception) -> None:
    """Once every page is final (after the security step): the theme's stylesheet reduced
    to the rules they use (site/theme_css.py)."""
    if exception is not None or app.builder.format != "html":
        return
    theme_css.reduce(Path(app.outdir), node_modules(root(app), theme_css.PURGECSS))


def setup_assets(app: Sphinx) -> None:
    for stylesheet in STYLESHEETS:
        app.add_css_file(stylesheet)
    for script in SCRIPTS:
        app.add_js_file(script, defer="defer")
    app.connect("html-page-context", on_html_page_context, priority=400)
    app.connect("build-finished", on_build_finished, priority=100)
    app.connect("build-finished", on_pages_written, priority=950)
