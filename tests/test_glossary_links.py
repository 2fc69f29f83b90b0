"""Unit tests (fast layer) of the glossary links on a small doctree: the first use of an
acronym or of a word of the policy links to its entry, once a page, never in a heading,
a link, code or raw HTML."""

from __future__ import annotations

from docutils import nodes

from quartiers2030.data.glossary import Entry, Term
from quartiers2030.site.ext.glossary_links import Glossary, link_first_uses

FOUND = Glossary.of(
    [Entry("QPV", "Quartier prioritaire de la politique de la ville", "", True)],
    [
        Term("pilier", ("pilier", "piliers"), "Une grande partie du contrat 2015-2023.", 106),
        Term("droit commun", ("droit commun",), "Ce que les services publics font pour tous.", 306),
        Term("quartier prioritaire", ("quartier prioritaire", "quartiers prioritaires"), "Un quartier.", 53),
    ],
)


def _page(*children) -> nodes.document:
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    doc = new_document("<test>", get_default_settings(Parser))
    doc += nodes.section("", *children)
    return doc


def _links(doc) -> list[tuple[str, str, str]]:
    return [
        (ref["refuri"], ref.astext(), ref.get("reftitle") or ref.next_node(nodes.abbreviation)["explanation"])
        for ref in doc.findall(nodes.reference)
        if ref["refuri"].startswith("glossaire.html#")
    ]


def test_first_use_of_a_word_is_linked_with_its_definition_then_no_more():
    doc = _page(
        nodes.title("", "Les piliers du contrat"),
        nodes.paragraph("", "Chaque Pilier a ses actions ; les piliers et ce pilier ne sont plus liés."),
        nodes.paragraph("", "Le droit commun, puis le droit commun encore."),
    )
    link_first_uses(doc, FOUND, "glossaire.html")
    assert _links(doc) == [
        ("glossaire.html#terme-pilier", "Pilier", "Une grande partie du contrat 2015-2023."),
        ("glossaire.html#terme-droit-commun", "droit commun", "Ce que les services publics font pour tous."),
    ]
    assert doc.next_node(nodes.title).astext() == "Les piliers du contrat"
    assert doc.next_node(nodes.title).next_node(nodes.reference) is None
    paragraph = doc.next_node(nodes.paragraph)
    assert paragraph.astext() == "Chaque Pilier a ses actions ; les piliers et ce pilier ne sont plus liés."
    assert "q2030-term" in paragraph.next_node(nodes.reference)["classes"]


def test_words_are_whole_words_and_left_alone_in_code_links_and_raw_html():
    doc = _page(
        nodes.paragraph("", "", nodes.literal("", "pilier"), nodes.Text(" ; ")),
        nodes.paragraph("", "", nodes.reference("", "le pilier", refuri="ailleurs.html")),
        nodes.raw("", "<td>pilier</td>", format="html"),
        nodes.paragraph("", "Des pilierssss, un contre-pilier, puis un pilier."),
    )
    link_first_uses(doc, FOUND, "glossaire.html")
    assert _links(doc) == [
        ("glossaire.html#terme-pilier", "pilier", "Une grande partie du contrat 2015-2023.")
    ]
    last = doc.children[0].children[-1]
    assert last.next_node(nodes.reference).parent is last


def test_an_acronym_and_a_word_in_one_sentence_are_both_linked_longest_form_first():
    doc = _page(
        nodes.paragraph("", "Un QPV est un quartier prioritaire ; les quartiers prioritaires, un QPV.")
    )
    link_first_uses(doc, FOUND, "../glossaire.html")
    refs = [(r["refuri"], r.astext()) for r in doc.findall(nodes.reference)]
    assert refs == [
        ("../glossaire.html#sigle-qpv", "QPV"),
        ("../glossaire.html#terme-quartier-prioritaire", "quartier prioritaire"),
    ]
    assert (
        doc.next_node(nodes.abbreviation)["explanation"] == "Quartier prioritaire de la politique de la ville"
    )
