"""« Sur cette page »: a long page opens with the list of its sections, each a link, so that
a reader on a phone sees at once what the page holds and goes straight to it (the theme's
page contents are behind a button there). A page is long when it has at least
`MIN_SECTIONS` sections; the list is folded into one line under the page's first paragraph,
so that it does not push the page's key figures off the first screen."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from quartiers2030.core.templates import render

MIN_SECTIONS = 4  # pages of 8 screens and more at 390 px have 4 sections or more


def sections_of(top: nodes.section) -> list[tuple[str, str]]:
    """(anchor, title) of the sections directly under the page's title."""
    found = []
    for child in top.children:
        if isinstance(child, nodes.section) and child["ids"]:
            title = child.next_node(nodes.title)
            found.append((child["ids"][0], title.astext().rstrip("#").strip() if title else child["ids"][0]))
    return found


def _place(top: nodes.section) -> int:
    """The index, among the top section's children, after which the list goes: its first
    paragraph, or its title."""
    for index, child in enumerate(top.children):
        if isinstance(child, nodes.paragraph):
            return index + 1
        if isinstance(child, nodes.section):
            break
    return 1


def on_doctree_resolved(app: Sphinx, doctree, docname: str) -> None:
    top = next(iter(doctree.findall(nodes.section)), None)
    if top is None:
        return
    sections = sections_of(top)
    if len(sections) < MIN_SECTIONS:
        return
    html = render("site/page_summary.html", sections=sections).markup
    top.insert(_place(top), nodes.raw("", html, format="html"))


def setup_page_summary(app: Sphinx) -> None:
    app.connect("doctree-resolved", on_doctree_resolved)
