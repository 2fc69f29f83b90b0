"""The glossary of the contract's acronyms: its page, and the links that Sphinx adds at
the first use of each acronym on every page (see site/ext/glossary_links.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from quartiers2030.core.html import Fragment, slug
from quartiers2030.core.templates import render
from quartiers2030.data.datapackage import load

PAGE = "book/glossaire"
RESOURCE = "glossaire"


@dataclass(frozen=True)
class Entry:
    acronym: str
    expansion: str
    explanation: str
    certain: bool

    @property
    def anchor(self) -> str:
        return f"sigle-{slug(self.acronym)}"

    @property
    def title(self) -> str:
        return self.expansion + ("" if self.certain else " (sens incertain)")


def entries(root: Path | None = None, *, declared: bool = True) -> list[Entry]:
    frame = load(RESOURCE, root, declared=declared).sort_values("sigle").fillna({"explication": ""})
    return [Entry(r.sigle, r.definition, r.explication, r.statut == "sur") for r in frame.itertuples()]


def pattern(items: list[Entry]) -> re.Pattern:
    """One regular expression for every acronym, as a whole word, longest first."""
    names = sorted((re.escape(e.acronym) for e in items), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(names) + r")(?![\w-])")


@dataclass(frozen=True)
class Letter:
    """The acronyms that begin with one letter: one heading of the glossary page."""

    name: str
    entries: list[Entry]

    @property
    def anchor(self) -> str:
        return self.name.lower()


def by_letter(items: list[Entry]) -> list[Letter]:
    """Entries grouped by their first letter, in the order of `items` (sorted by acronym)."""
    groups: dict[str, list[Entry]] = {}
    for e in items:
        groups.setdefault(e.acronym[0], []).append(e)
    return [Letter(name, group) for name, group in groups.items()]


def page() -> Fragment:
    """The glossary: a line of letters, then a definition list a letter, one anchor per acronym."""
    return render("glossary/page.html", letters=by_letter(entries()))
