"""The one wording of a page's « Source » line, shared by every part: the contract's line
ranges a page draws on (« lignes 828 à 1039 », « lignes 556 à 568, 693 et 770 »)."""

from __future__ import annotations

Passage = tuple[int, int, str | None]


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


def source_sentence(passages: list[Passage], part: str | None = None) -> str:
    """« Source : contrat de ville, lignes 17, 81, 391 à 412 et 1553. »"""
    return f"Source : contrat de ville, {part + ', ' if part else ''}{line_ranges(passages)}."
