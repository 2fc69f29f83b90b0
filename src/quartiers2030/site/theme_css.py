"""The theme's stylesheet reduced to the rules the site uses: PurgeCSS (npm, pinned by
package-lock.json) keeps the rules whose classes, ids and tags occur in the built pages or
in the scripts that add classes to them (the theme's, Sphinx's, the site's), and drops the
others, with the unused `@font-face` and `@keyframes`. The same pages give the same bytes.

The file is rewritten where the theme put it (`_static/styles/`), as site/csp.py does for
Sphinx's doctools.js, so the pages keep their links; it is always reduced from the theme's
own file (in its package), never from an earlier reduction, so a class a later page uses
is never lost.

PurgeCSS runs only when its result can change. Its decisions depend on the words its
extractor takes from the pages (`[A-Za-z0-9_-]+`) only through two questions: is a word of
a selector among them, and does one of them contain the value of a selector such as
`[class*="col-"]`. The scripts count by their bytes; in the pages, a word made of digits alone (a number of the data) that is neither in the
stylesheet nor contains such a value answers neither, so it is left out of the key; the
result is kept in the build's work folder under the digest of the remaining words, of the
stylesheet and of PurgeCSS's version and options. A changed number thus reuses the last
result; a new class, id or tag runs PurgeCSS again."""

from __future__ import annotations

import functools
import hashlib
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

PURGECSS = Path("purgecss") / "bin" / "purgecss.js"
# The theme's main stylesheet (pydata-sphinx-theme, which sphinx-book-theme extends).
STYLESHEET = Path("_static") / "styles" / "pydata-sphinx-theme.css"
# Scripts that hold no class names of the pages (plotly.js draws in SVG, styled inline),
# and the theme's scripts that no page loads (_templates/static/webpack-macros.html).
IGNORED_SCRIPTS = {"plotly-q2030.min.js", "plotly-locale-fr.js", "bootstrap.js", "fontawesome.js"}


def content(site: Path) -> list[Path]:
    """The pages and the scripts whose words PurgeCSS looks for."""
    pages = [p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "donnees"]
    scripts = [p for p in (site / "_static").rglob("*.js") if p.name not in IGNORED_SCRIPTS]
    return sorted(pages + scripts)


WORD = re.compile(r"[A-Za-z0-9_-]+")  # PurgeCSS's default extractor
# Values of attribute selectors matched as part of a word: *=, ^=, $=, |=, ~=.
PARTIAL_ATTRIBUTE = re.compile(r"\[[^\]]*?[*^$|~]=\s*[\"']?([^\"'\]\s]+)")
OPTIONS = ["--font-face", "--keyframes"]


@functools.lru_cache(maxsize=4)
def _selector_words(stylesheet: str) -> tuple[frozenset[str], frozenset[str]]:
    """(every word of the stylesheet, the values its attribute selectors match in part)."""
    return frozenset(WORD.findall(stylesheet)), frozenset(PARTIAL_ATTRIBUTE.findall(stylesheet))


def _words_that_count(pages: list[Path], stylesheet: str) -> list[str]:
    """The words of the pages that can change what PurgeCSS keeps."""
    in_css, partial = _selector_words(stylesheet)
    words: set[str] = set()
    for path in pages:
        words |= set(WORD.findall(path.read_text(encoding="utf-8", errors="replace")))

    def counts(word: str) -> bool:
        return not word.isdigit() or word in in_css or any(value in word for value in partial)

    return sorted(w for w in words if counts(w))


def reduction_key(site: Path, node_modules: Path) -> str:
    stylesheet = original().read_text(encoding="utf-8")
    digest = hashlib.sha256(stylesheet.encode())
    digest.update((node_modules / "purgecss" / "package.json").read_bytes())
    digest.update("\0".join(OPTIONS).encode())
    files = content(site)
    for script in (p for p in files if p.suffix != ".html"):  # scripts count by their bytes
        digest.update(
            script.relative_to(site).as_posix().encode() + hashlib.sha256(script.read_bytes()).digest()
        )
    pages = [p for p in files if p.suffix == ".html"]
    digest.update("\0".join(_words_that_count(pages, stylesheet)).encode())
    return digest.hexdigest()[:20]


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
    """Rewrite the theme's stylesheet in `site` reduced, from the kept result when the
    words that count did not change (kept beside `site`, in the build's work folder)."""
    css = site / STYLESHEET
    if not css.is_file():
        return
    kept = site.parent / "q2030-theme-css" / f"{reduction_key(site, node_modules)}.css"
    if not kept.is_file():
        kept.parent.mkdir(parents=True, exist_ok=True)
        for old in kept.parent.glob("*.css"):
            old.unlink()
        reduced = purgecss(site, node_modules)
        tmp = kept.with_suffix(".tmp")
        tmp.write_bytes(reduced)
        tmp.replace(kept)
    text = kept.read_bytes()
    if css.read_bytes() != text:
        css.write_bytes(text)


def purgecss(site: Path, node_modules: Path) -> bytes:
    """The theme's own stylesheet reduced by PurgeCSS to what `site`'s pages use."""
    node = shutil.which("node")
    if node is None:
        raise FileNotFoundError("Node.js (node) est requis pour réduire la feuille de style du thème.")
    with tempfile.TemporaryDirectory(prefix="q2030-purgecss-") as tmp:
        proc = subprocess.run(
            [node, str(node_modules / PURGECSS), "--css", str(original()), *OPTIONS]
            + ["--output", tmp, "--content", *map(str, content(site))],
            capture_output=True,
            text=True,
        )
        reduced = Path(tmp) / STYLESHEET.name
        if proc.returncode != 0 or not reduced.is_file():
            raise RuntimeError(
                "PurgeCSS n'a pas pu réduire la feuille de style du thème :\n" + proc.stderr[-2000:]
            )
        return reduced.read_bytes()
