"""« Ce que le site a relevé dans le contrat »: every gap and omission that the « contrôles
de cohérence » boxes of the site report, gathered from the boxes each part builds (never
listed by hand), grouped by part, each with the contract's value, the recalculated one and
a link to its box.

Inputs: everything the boxes read, declared by the page (book/releve.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from quartiers2030.core import fmt, links
from quartiers2030.core.checks import Box, Verdict
from quartiers2030.core.fmt import count
from quartiers2030.core.html import Fragment
from quartiers2030.core.templates import render
from quartiers2030.parts.consultation import checks as consultation_checks
from quartiers2030.parts.consultation import quartier_checks
from quartiers2030.parts.evaluation import checks as evaluation_checks
from quartiers2030.parts.geographie import checks as geographie_checks
from quartiers2030.parts.geographie import ips_checks
from quartiers2030.parts.geographie.model import qpvs
from quartiers2030.parts.gouvernance import checks as gouvernance_checks


def _geographie() -> list[Box]:
    return (
        [geographie_checks.agglomeration_box()]
        + [geographie_checks.quartier_box(q.code) for q in qpvs()]
        + [ips_checks.box(), geographie_checks.comparison_box()]
    )


def _consultation() -> list[Box]:
    return [consultation_checks.demarche(), consultation_checks.answers(), quartier_checks.box()]


# Each part of the contract and how to get its boxes, in the order of the site.
PARTS: dict[str, Callable[[], list[Box]]] = {
    "evaluation": evaluation_checks.boxes,
    "geographie": _geographie,
    "consultation": _consultation,
    "gouvernance": gouvernance_checks.boxes,
}


def boxes(part: str | None = None) -> list[Box]:
    """The boxes of one part, or of every part."""
    if part is None:
        return [b for name in PARTS for b in PARTS[name]()]
    if part not in PARTS:
        raise ValueError(f"Partie inconnue : {part!r} (attendu : {', '.join(PARTS)}).")
    return PARTS[part]()


@dataclass(frozen=True)
class _BoxView:
    """A box as the template reads it: where it is, and what it reports."""

    page_title: str
    title: str
    href: str
    gaps: list


def _view(box: Box) -> _BoxView:
    href = f"{links.page_url(box.page)}#{box.id}"
    return _BoxView(links.title(box.page), box.title, href, box.gaps)


def _counts(found: list[Box]) -> tuple[int, int, int]:
    gaps = [c for b in found for c in b.gaps]
    missing = sum(c.verdict is Verdict.MISSING for c in gaps)
    rounding = sum(c.verdict is Verdict.ROUNDING for c in gaps)
    return len(gaps) - missing - rounding, rounding, missing


def _sentence(found: list[Box]) -> str:
    """« 12 écarts, 3 écarts d'arrondi et 20 lacunes du texte, dans 9 encadrés. »"""
    differ, rounding, missing = _counts(found)
    reporting = sum(bool(b.gaps) for b in found)
    return (
        f"{count(differ, 'écart')}, {count(rounding, 'écart d’arrondi', 'écarts d’arrondi')} et "
        f"{count(missing, 'lacune du texte', 'lacunes du texte')}, dans "
        f"{count(reporting, 'encadré')} de contrôle sur {fmt.number(len(found))}."
    )


def summary() -> Fragment:
    """The page's opening: how many gaps and omissions the site found, in how many boxes."""
    return render("findings/summary.html", total=_sentence(boxes()))


def part(name: str) -> Fragment:
    """Every box of a part that reports something, with each gap it reports."""
    found = boxes(name)
    views = [_view(b) for b in found if b.gaps]
    return render("findings/part.html", sentence=_sentence(found), boxes=views)
