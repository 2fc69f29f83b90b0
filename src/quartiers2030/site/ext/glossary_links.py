"""Glossary links: the first use on a page of each of the contract's acronyms, and of each
word of the policy (pilier, enveloppe, droit commun…), links to its entry in the glossary.
An acronym's expansion is its tooltip (the title of an abbreviation element); a word's
definition is the title of its link."""

from __future__ import annotations

import re
from dataclasses import dataclass

from docutils import nodes
from sphinx.application import Sphinx

from quartiers2030.data import glossary
from quartiers2030.site.ext.config import settings
from quartiers2030.site.ext.inputs import root

# Where an acronym or a word is left as it is: code, links, headings, raw HTML (tables and
# charts rendered by notebooks link nothing), and abbreviations already marked.
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


@dataclass(frozen=True)
class Glossary:
    """What the links need: the acronyms and the words, each with its pattern."""

    acronyms: dict[str, glossary.Entry]
    acronym_pattern: re.Pattern | None
    words: dict[str, glossary.Term]  # each form, in lower case
    word_pattern: re.Pattern | None

    @classmethod
    def of(cls, entries: list[glossary.Entry], terms: list[glossary.Term]) -> Glossary:
        return cls(
            {e.acronym: e for e in entries},
            glossary.pattern(entries) if entries else None,
            glossary.by_form(terms),
            glossary.terms_pattern(terms) if terms else None,
        )


def _entries(app: Sphinx) -> Glossary:
    """The glossary, read once per build."""
    if getattr(app, "q2030_glossary", None) is None:
        book = root(app)
        app.q2030_glossary = Glossary.of(
            glossary.entries(book, declared=False), glossary.terms(book, declared=False)
        )
    return app.q2030_glossary


def _ancestors(node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def _matches(value: str, found: Glossary):
    """(start, end, key, node) of each acronym and word in `value`, in order; an acronym
    wins over a word that overlaps it."""
    spans = []
    if found.acronym_pattern:
        for m in found.acronym_pattern.finditer(value):
            spans.append((m.start(), m.end(), "sigle:" + m.group(1), found.acronyms[m.group(1)]))
    if found.word_pattern:
        taken = [(s, e) for s, e, _, _ in spans]
        for m in found.word_pattern.finditer(value):
            if not any(m.start() < e and s < m.end() for s, e in taken):
                term = found.words[m.group(1).casefold()]
                spans.append((m.start(), m.end(), "terme:" + term.term, term))
    return sorted(spans, key=lambda span: span[0])


def _link(text: str, item, target: str) -> nodes.reference:
    if isinstance(item, glossary.Entry):
        link = nodes.reference("", "", internal=True, refuri=f"{target}#{item.anchor}")
        link += nodes.abbreviation(text, text, explanation=item.title)
        return link
    uri = f"{target}#{item.anchor}"
    return nodes.reference(
        "", text, internal=True, refuri=uri, reftitle=item.definition, classes=["q2030-term"]
    )


def _linked(value: str, found: Glossary, seen: set[str], target: str) -> list[nodes.Node]:
    """`value` cut into text and links, for acronyms and words not yet `seen` ([] when none)."""
    pieces, last = [], 0
    for start, end, key, item in _matches(value, found):
        if key in seen:
            continue
        seen.add(key)
        pieces.append(nodes.Text(value[last:start]))
        pieces.append(_link(value[start:end], item, target))
        last = end
    if pieces:
        pieces.append(nodes.Text(value[last:]))
    return pieces


def link_first_uses(doctree, found: Glossary, target: str) -> None:
    """Link, in `doctree`, the first use of each acronym and word to `target`'s entry."""
    seen: set[str] = set()
    for text in list(doctree.findall(nodes.Text)):
        if any(isinstance(a, NO_LINK_INSIDE) for a in _ancestors(text)):
            continue
        pieces = _linked(str(text), found, seen, target)
        if pieces:
            text.parent.replace(text, pieces)


def on_doctree_resolved(app: Sphinx, doctree, docname: str) -> None:
    page = settings(app).glossary_page
    if not page or app.builder.format != "html" or docname == page:
        return
    link_first_uses(doctree, _entries(app), app.builder.get_relative_uri(docname, page))


def setup_glossary_links(app: Sphinx) -> None:
    app.connect("doctree-resolved", on_doctree_resolved)
