"""The glossary: the contract's acronyms and the words of the policy (pilier, enveloppe,
droit commun…); its page, and the links that Sphinx adds at the first use of each acronym
and each word on every page (see site/ext/glossary_links.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from quartiers2030.core.html import Fragment, slug
from quartiers2030.core.templates import render
from quartiers2030.data.datapackage import load

PAGE = "book/glossaire"
RESOURCE = "glossaire"
TERMS = "termes"


def _whole_words(names: set[str], flags: int = 0) -> re.Pattern:
    """Any of `names` as a whole word (not inside a longer word or a hyphenated one),
    longest first, in group 1."""
    escaped = sorted((re.escape(n) for n in names), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(escaped) + r")(?![\w-])", flags)


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
    return _whole_words({e.acronym for e in items})


@dataclass(frozen=True)
class Term:
    """A word of the policy: its forms in the text (« pilier », « piliers »), its definition."""

    term: str
    forms: tuple[str, ...]
    definition: str
    line: int

    @property
    def anchor(self) -> str:
        return f"terme-{slug(self.term)}"


def terms(root: Path | None = None, *, declared: bool = True) -> list[Term]:
    frame = load(TERMS, root, declared=declared)
    items = [
        Term(
            r.terme,
            tuple(f.strip() for f in r.formes.split("|") if f.strip()),
            r.definition,
            int(r.ligne_source),
        )
        for r in frame.itertuples()
    ]
    return sorted(items, key=lambda t: (slug(t.term), t.term))


def terms_pattern(items: list[Term]) -> re.Pattern:
    """One regular expression for every form of every word, as a whole word, longest first,
    whatever the case (« Pilier » at the start of a sentence is « pilier »)."""
    return _whole_words({f for t in items for f in t.forms}, re.IGNORECASE)


def by_form(items: list[Term]) -> dict[str, Term]:
    """Each form, in lower case, to its word."""
    return {f.casefold(): t for t in items for f in t.forms}


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
    """The glossary's acronyms: a line of letters, then a definition list a letter, one
    anchor per acronym."""
    return render("glossary/page.html", letters=by_letter(entries()))


def terms_page() -> Fragment:
    """The glossary's words of the policy: one definition list, one anchor per word."""
    return render("glossary/terms.html", terms=terms())
