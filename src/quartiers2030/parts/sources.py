"""The one « Source » line of the book's pages, shared by every part: the contract's line
ranges a page draws on (« lignes 828 à 1039 », « lignes 556 à 568, 693 et 770 »), and the
paragraph each page prints from data/sources_pages.csv (`page_source`)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

import pandas as pd

from quartiers2030.core.html import Fragment
from quartiers2030.core.templates import render
from quartiers2030.data.datapackage import load

Passage = tuple[int, int, str | None]
RESOURCE = "sources_pages"


def passage(first: int, last: int, subject: str | None = None) -> str:
    """« 1896 à 1914 (comité de pilotage) », « 17 »."""
    span = str(first) if first == last else f"{first} à {last}"
    return f"{span} ({subject})" if subject else span


def line_ranges(passages: list[Passage]) -> str:
    """« ligne 298 », « lignes 1537 à 1547 et 1796 à 1877 », « lignes 556 à 568, 693 et 770 »."""
    if not passages:
        raise ValueError("Aucun passage du contrat à citer.")
    spans = [passage(*p) for p in passages]
    joined = spans[0] if len(spans) == 1 else ", ".join(spans[:-1]) + " et " + spans[-1]
    single = len(passages) == 1 and passages[0][0] == passages[0][1]
    return f"{'ligne' if single else 'lignes'} {joined}"


def _sentence(clauses: list[str], part: str | None) -> str:
    return f"Source : contrat de ville, {part + ', ' if part else ''}{' ; '.join(clauses)}."


def source_sentence(passages: list[Passage], part: str | None = None) -> str:
    """« Source : contrat de ville, lignes 17, 81, 391 à 412 et 1553. »"""
    return _sentence([line_ranges(passages)], part)


@dataclass(frozen=True)
class Cited:
    """One row of data/sources_pages.csv: a passage of the contract (its lines), or a source
    other than the contract (`other`)."""

    first: int | None = None
    last: int | None = None
    part: str | None = None  # partie: the part of the contract, named once for the page
    name: str | None = None  # intitule: written before the lines, which go in parentheses
    subject: str | None = None  # objet: in parentheses after the lines
    use: str | None = None  # usage: what the page takes from it, after the lines
    other: str | None = None  # autre_source: a source other than the contract


def _clause(group: list[Cited]) -> str:
    """« lignes 838 à 1867 pour les engagements », « tableaux de … (lignes 91 à 127) … »."""
    head = group[0]
    if head.other:
        text = head.other
    else:
        ranges = line_ranges([(c.first, c.last, c.subject) for c in group])
        text = f"{head.name} ({ranges})" if head.name else ranges
    return f"{text} {head.use}" if head.use else text


def page_sentence(cited: list[Cited]) -> str:
    """A page's « Source » sentence: consecutive passages with the same name and use are cited
    together, each group (and each other source) a clause, the clauses separated by « ; »."""
    if not cited:
        raise ValueError("Aucune source à citer.")
    groups = [list(g) for _, g in groupby(cited, key=lambda c: (c.other, c.name, c.use))]
    parts = [c.part for c in cited if c.part]
    return _sentence([_clause(g) for g in groups], parts[0] if parts else None)


def _text(value) -> str | None:
    return None if pd.isna(value) else str(value)


def _line(value) -> int | None:
    return None if pd.isna(value) else int(value)


def page_sources(page: str) -> list[Cited]:
    """What a page cites, in the order of its « Source » line (data/sources_pages.csv)."""
    frame = load(RESOURCE)
    frame = frame[frame["page"] == page].sort_values("ordre")
    return [
        Cited(
            first=_line(r.ligne_debut),
            last=_line(r.ligne_fin),
            part=_text(r.partie),
            name=_text(r.intitule),
            subject=_text(r.objet),
            use=_text(r.usage),
            other=_text(r.autre_source),
        )
        for r in frame.itertuples()
    ]


def page_source(page: str) -> Fragment:
    """The « Source » paragraph of a page, `page` being its path under notebooks/ without
    extension (« enjeux/plein-emploi »)."""
    cited = page_sources(page)
    if not cited:
        raise KeyError(f"Aucune source pour la page « {page} » dans data/sources_pages.csv.")
    return render("core/source.html", text=page_sentence(cited))
