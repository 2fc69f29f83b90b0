"""The theme's stylesheet reduced to the rules the site uses: PurgeCSS (npm, pinned by
package-lock.json) keeps the rules whose classes, ids and tags occur in the built pages or
in the scripts that add classes to them (the theme's, Sphinx's, the site's), and drops the
others, with the unused `@font-face` and `@keyframes`. The same pages give the same bytes.

The file is rewritten where the theme put it (`_static/styles/`), as site/csp.py does for
Sphinx's doctools.js, so the pages keep their links; it is always reduced from the theme's
own file (in its package), never from an earlier reduction, so a class a later page uses
is never lost."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

PURGECSS = Path("purgecss") / "bin" / "purgecss.js"
# The theme's main stylesheet (pydata-sphinx-theme, which sphinx-book-theme extends).
STYLESHEET = Path("_static") / "styles" / "pydata-sphinx-theme.css"
# Scripts that hold no class names of the pages (plotly.js draws in SVG, styled inline).
IGNORED_SCRIPTS = {"plotly-q2030.min.js", "plotly-locale-fr.js"}


def content(site: Path) -> list[Path]:
    """The pages and the scripts whose words PurgeCSS looks for."""
    pages = [p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "donnees"]
    scripts = [p for p in (site / "_static").rglob("*.js") if p.name not in IGNORED_SCRIPTS]
    return sorted(pages + scripts)


def original() -> Path:
    import pydata_sphinx_theme

    return (
        Path(pydata_sphinx_theme.__file__).parent
        / "theme"
        / "pydata_sphinx_theme"
        / "static"
        / "styles"
        / STYLESHEET.name
    )


def reduce(site: Path, node_modules: Path) -> None:
    css = site / STYLESHEET
    if not css.is_file():
        return
    node = shutil.which("node")
    if node is None:
        raise FileNotFoundError("Node.js (node) est requis pour réduire la feuille de style du thème.")
    with tempfile.TemporaryDirectory(prefix="q2030-purgecss-") as tmp:
        proc = subprocess.run(
            [node, str(node_modules / PURGECSS), "--css", str(original()), "--font-face", "--keyframes"]
            + ["--output", tmp, "--content", *map(str, content(site))],
            capture_output=True,
            text=True,
        )
        reduced = Path(tmp) / css.name
        if proc.returncode != 0 or not reduced.is_file():
            raise RuntimeError(
                "PurgeCSS n'a pas pu réduire la feuille de style du thème :\n" + proc.stderr[-2000:]
            )
        text = reduced.read_bytes()
    if css.read_bytes() != text:
        css.write_bytes(text)
