"""Plain French for residents (issue 19, item 7): in the reading flow of the public pages,
no QPV code, no contract line number, no method or maintainers' words. They are folded into
a « Source » detail (or a table's cells, a chart's data), or on the staff page."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from helpers import REPO

pytestmark = pytest.mark.build

# The staff page, and the pages that compare versions for reviewers (their text is the
# contract's data itself, quoted as it changed).
NOT_FOR_RESIDENTS = ("book/mettre-a-jour", "book/changements", "book/versions")

# Each kind of text the issue found in the reading flow, as a pattern, with examples of it.
MAINTAINERS = {
    "a contract line": r"\(lignes? \d|\bligne \d[\d\u202f ]* (?:du contrat|pour)|[Ll]ignes? du contrat\s*:",
    "a QPV code": r"\bQN\d{5}M\b",
    "a method word": r"Recalculé à partir des données|Table Schema|\bcommit [0-9a-f]{7}",
    "a file to add": r"\bdata/[\w/.-]+\.csv\b|Dès qu.un agent",
}
EXAMPLES = {
    "a contract line": ["48 % (ligne 471)", "Ligne du contrat : 1971", "(ligne 1 971 du contrat)"],
    "a QPV code": ["le quartier QN06251M"],
    "a method word": ["Recalculé à partir des données", "commit 667a626"],
    "a file to add": ["Dès qu'un agent ajoutera le fichier data/consultation/age.csv"],
}


# Set aside: what is folded (details), tabulated (tables), code; the findings of « Ce que le
# site a relevé », which cite where in the contract each one stands, as the checks' tables do.
SET_ASIDE = "details, table, pre, code, script, .q2030-findings"


def _reading_flow(html: str) -> str:
    """The text of the page's article, without what is set aside, nor the « Source : … »
    sentences that close a section (a citation, as a footnote is)."""
    article = BeautifulSoup(html, "html.parser").select_one("article.bd-article")
    for folded in article.select(SET_ASIDE):
        folded.decompose()
    for citation in article.find_all("p"):
        if citation.get_text().startswith("Source :"):
            citation.decompose()
    return " ".join(article.get_text(" ").split())


def test_the_patterns_catch_what_the_issue_found():
    for kind, pattern in MAINTAINERS.items():
        for example in EXAMPLES[kind]:
            assert re.search(pattern, example), (kind, example)
    folded = (
        '<article class="bd-article"><p>Vu</p><details><p>(ligne 471) QN06251M</p></details>'
        "<p>Source : contrat de ville (lignes 91 à 127).</p><p>(ligne 2)</p></article>"
    )
    assert _reading_flow(folded) == "Vu (ligne 2)"


def test_no_code_line_or_maintainers_text_in_the_reading_flow(site):
    from quartiers2030.site.pdf import toc_order  # the book's reading order, one place

    found = []
    for name in toc_order(REPO):
        if name in NOT_FOR_RESIDENTS:
            continue
        text = _reading_flow((site / f"{name}.html").read_text(encoding="utf-8"))
        for kind, pattern in MAINTAINERS.items():
            found += [
                (name, kind, text[max(m.start() - 60, 0) : m.end() + 20]) for m in re.finditer(pattern, text)
            ]
    assert not found, found
