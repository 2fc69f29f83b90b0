"""Glossary links: the first use of each of the contract's acronyms on a page links to its
entry in the glossary, with its expansion as a tooltip (the title of an abbreviation element)."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from quartiers2030.data import glossary
from quartiers2030.site.ext.config import settings
from quartiers2030.site.ext.inputs import root

# Where an acronym is left as it is: code, links, headings, raw HTML (tables and charts
# rendered by notebooks link nothing), and abbreviations already marked.
NO_LINK_INSIDE = (
    nodes.literal,
    nodes.literal_block,
    nodes.reference,
    nodes.title,
    nodes.raw,
    nodes.abbreviation,
    nodes.FixedTextElement,
    nodes.target,
)


def _entries(app: Sphinx):
    """The glossary ({acronym: entry}, one pattern for all), read once per build."""
    if getattr(app, "q2030_glossary", None) is None:
        items = glossary.entries(root(app), declared=False)
        app.q2030_glossary = ({e.acronym: e for e in items}, glossary.pattern(items))
    return app.q2030_glossary


def _ancestors(node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def _linked(value: str, regex, by_name: dict, seen: set[str], target: str) -> list[nodes.Node]:
    """`value` cut into text and links, for acronyms not yet `seen` ([] when none)."""
    pieces, last = [], 0
    for match in regex.finditer(value):
        name = match.group(1)
        if name in seen:
            continue
        seen.add(name)
        entry = by_name[name]
        pieces.append(nodes.Text(value[last : match.start()]))
        link = nodes.reference("", "", internal=True, refuri=f"{target}#{entry.anchor}")
        link += nodes.abbreviation(name, name, explanation=entry.title)
        pieces.append(link)
        last = match.end()
    if pieces:
        pieces.append(nodes.Text(value[last:]))
    return pieces


def on_doctree_resolved(app: Sphinx, doctree, docname: str) -> None:
    page = settings(app).glossary_page
    if not page or app.builder.format != "html" or docname == page:
        return
    by_name, regex = _entries(app)
    seen: set[str] = set()
    target = app.builder.get_relative_uri(docname, page)
    for text in list(doctree.findall(nodes.Text)):
        if any(isinstance(a, NO_LINK_INSIDE) for a in _ancestors(text)):
            continue
        pieces = _linked(str(text), regex, by_name, seen, target)
        if pieces:
            text.parent.replace(text, pieces)


def setup_glossary_links(app: Sphinx) -> None:
    app.connect("doctree-resolved", on_doctree_resolved)
