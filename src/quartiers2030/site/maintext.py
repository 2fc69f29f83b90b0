"""The main text of a built page: what a reader reads, without the site's furniture.

One function, used wherever two states of the site are compared as text (the redesign's
before/after check, the changes page of a new version): the page's article only, without
header, footer, banner, version switcher and navigation, one block of text a line
(a heading, a paragraph, a list item, a table row with its cells separated by « | »).
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, SoupStrainer, Tag

# Inside the article: navigation and the site's furniture, never the page's content.
FURNITURE = (
    "nav",
    "header",
    "footer",
    "script",
    "style",
    "template",
    ".q2030-version-banner",
    ".q2030-build",
    ".q2030-pdf",
    ".headerlink",
    ".d-print-none",
    ".q2030-table-hint",  # « Faire glisser pour voir la suite » above a wide table
)
BLOCKS = {
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "li",
    "dt",
    "dd",
    "caption",
    "figcaption",
    "pre",
    "summary",
}
ROW = "tr"
SPACE = re.compile(r"\s+")


def _text(tag: Tag) -> str:
    return SPACE.sub(" ", tag.get_text(" ")).strip()


def _blocks(tag: Tag, out: list[str]) -> None:
    """Depth-first: a block's text is one line; a table row is its cells, separated by « | »."""
    for child in tag.children:
        if isinstance(child, NavigableString):
            text = SPACE.sub(" ", str(child)).strip()
            if text:
                out.append(text)
            continue
        if not isinstance(child, Tag):
            continue
        if child.name == ROW:
            cells = [_text(c) for c in child.find_all(["th", "td"], recursive=False)]
            out.append(" | ".join(cells))
        elif child.name in BLOCKS and not child.find(list(BLOCKS | {"table", "div", "ul", "ol"})):
            text = _text(child)
            if text:
                out.append(text)
        else:
            _blocks(child, out)


def main_text(page_html: str) -> str:
    """The page's main text, one block a line ("" for a page without an article)."""
    # Only the article is built into a tree (the header and the navigation are most of a
    # page); the furniture is found in one pass over it.
    soup = BeautifulSoup(page_html, "html.parser", parse_only=SoupStrainer("article"))
    article = soup.find("article")
    if article is None:
        article = BeautifulSoup(page_html, "html.parser", parse_only=SoupStrainer("main")).find("main")
    if article is None:
        return ""
    for tag in article.select(", ".join(FURNITURE)):
        tag.decompose()
    lines: list[str] = []
    _blocks(article, lines)
    return "\n".join(lines) + ("\n" if lines else "")


def site_texts(site: Path) -> dict[str, str]:
    """Every page of a built site (its path relative to the site) and its main text."""
    return {
        path.relative_to(site).as_posix(): main_text(path.read_text(encoding="utf-8"))
        for path in sorted(site.rglob("*.html"))
        if "_static" not in path.parts
    }
