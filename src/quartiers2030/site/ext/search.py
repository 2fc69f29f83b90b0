"""Search with Pagefind (npm `pagefind`, its binary shipped in the package, pinned by
package-lock.json): once every page is final, an index is built from the pages' HTML into
`_pagefind/`, in French (the pages' language: French stemming), which the search page
alone fetches, in small pieces, only when someone searches (_templates/search.html,
static/q2030-search.js).

Each page tells Pagefind, in a hidden element at the end of its text
(templates/site/search_terms.html), its part of the contract (a filter of the search page)
and the words citizens use for what the contract calls otherwise: a data file,
`q2030_search_keywords` (book/mots-cles-recherche.yml), maps a page to its words; the
glossary page also gets every acronym of the glossary, so that « QPV » finds its definition.

Sphinx's own index (`searchindex.js`, which no page loads: site/postprocess.py) is not
built: it stemmed every word of every page in the build's main process while the pages
were written, one after the other (the largest item of that process in a profile of a
clean build: 7.2 of its 49 s, profiled)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml
from sphinx.application import Sphinx

from quartiers2030.core.templates import render
from quartiers2030.data import glossary
from quartiers2030.site.ext.assets import node_modules
from quartiers2030.site.ext.config import settings
from quartiers2030.site.ext.inputs import root

PAGEFIND = Path("pagefind") / "lib" / "runner" / "bin.cjs"
OUTPUT = "_pagefind"
# The text of a page is its article; its headings' « ¶ » links and the chart data's
# machine-readable specs are not words.
ROOT_SELECTOR = "article.bd-article"
EXCLUDED = ".headerlink, script, .q2030-build"


def toc_parts(book: Path) -> dict[str, str]:
    """Each document of `_toc.yml` and the caption of its part ({} for a book without one)."""
    path = book / "_toc.yml"
    if not path.is_file():
        return {}
    toc = yaml.safe_load(path.read_text(encoding="utf-8"))
    found: dict[str, str] = {}

    def walk(entries, caption):
        for entry in entries or []:
            if "file" in entry:
                found[entry["file"]] = caption
            walk(entry.get("sections"), caption)

    for part in toc.get("parts", []):
        walk(part.get("chapters"), part.get("caption", ""))
    return found


def keywords(book: Path, name: str) -> dict[str, list[str]]:
    path = book / name
    if not name or not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(page): [str(w) for w in words or []] for page, words in data.items()}


SPHINX_INDEX = "searchindex.js"


def without_sphinx_index(builder) -> None:
    """The HTML builder creates its indexer while it prepares writing, if its `search` is
    set; it is unset for that moment only, so the search page is still written."""
    prepare_writing = builder.prepare_writing

    def prepare_writing_unindexed(docnames):
        builder.search = False
        try:
            prepare_writing(docnames)
        finally:
            builder.search = True

    builder.prepare_writing = prepare_writing_unindexed


def on_builder_inited(app: Sphinx) -> None:
    if app.builder.format == "html" and getattr(app.builder, "search", False):
        without_sphinx_index(app.builder)
    book = root(app)
    parts, words = toc_parts(book), keywords(book, settings(app).search_keywords)
    unknown = sorted(set(words) - set(parts) - {app.config.root_doc})
    if unknown:
        raise ValueError(
            f"{settings(app).search_keywords} : page(s) absente(s) de _toc.yml : {', '.join(unknown)} "
            "(le chemin d'une page, sans « .md »)."
        )
    glossary_page = settings(app).glossary_page
    if glossary_page:  # each acronym finds its definition (« QPV », « PRE »…)
        acronyms = [e.acronym for e in glossary.entries(book, declared=False)]
        words[glossary_page] = [*words.get(glossary_page, []), *acronyms]
    app.q2030_search_terms = (parts, words)


def on_html_page_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    parts, words = getattr(app, "q2030_search_terms", ({}, {}))
    if "body" in context and (pagename in parts or pagename in words):
        terms = render("site/search_terms.html", part=parts.get(pagename, ""), words=words.get(pagename, []))
        context["body"] = context["body"] + str(terms)


def on_env_get_outdated(app: Sphinx, env, added, changed, removed) -> list[str]:
    """A page whose part or words changed is read again (the words live in no document)."""
    parts, words = app.q2030_search_terms
    terms = {doc: [parts.get(doc, ""), *words.get(doc, [])] for doc in sorted(env.found_docs)}
    previous = getattr(env, "q2030_search_terms", None)
    env.q2030_search_terms = terms
    if previous is None:
        return []
    return [doc for doc, value in terms.items() if previous.get(doc, value) != value and doc not in changed]


def on_build_finished(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    (out / SPHINX_INDEX).unlink(missing_ok=True)  # left by a build before Sphinx's index was off
    if not settings(app).search_index:
        return
    node = shutil.which("node")
    if node is None:
        raise FileNotFoundError("Node.js (node) est requis pour construire l'index de recherche.")
    shutil.rmtree(out / OUTPUT, ignore_errors=True)  # never an index of a page since removed
    command = [node, str(node_modules(root(app), PAGEFIND) / PAGEFIND), "--site", str(out)]
    command += ["--output-subdir", OUTPUT, "--root-selector", ROOT_SELECTOR, "--exclude-selectors", EXCLUDED]
    proc = subprocess.run(command, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError("Pagefind n'a pas pu construire l'index de recherche :\n" + proc.stdout[-2000:])


def setup_search(app: Sphinx) -> None:
    app.connect("builder-inited", on_builder_inited)
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("html-page-context", on_html_page_context, priority=430)
    app.connect("build-finished", on_build_finished, priority=960)
