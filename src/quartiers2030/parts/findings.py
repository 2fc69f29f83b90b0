"""« Ce que le site a relevé dans le contrat »: every gap and omission that the « contrôles
de cohérence » boxes of the site report, gathered from the boxes each part builds (never
listed by hand), grouped by part, each with the contract's value, the recalculated one and
a link to its box. The suivi's box is not one of them: it sets an imported programmation
against the contract's objectives, which says how the contract is carried out, not what
its text gets wrong.

Inputs: everything the boxes read, declared by the page (book/releve.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from quartiers2030.core import links
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
class _Place:
    """Where a box is: its page's title and the link to the box."""

    title: str
    href: str


@dataclass
class _BoxView:
    """A box as the template reads it: where it is, and the gaps it is the first to report;
    a gap that other boxes report too (a quartier's, again on « Comparer ») names them."""

    where: _Place
    title: str
    gaps: list  # of (Check, [other places])


def _place(box: Box) -> _Place:
    return _Place(links.title(box.page), f"{links.page_url(box.page)}#{box.id}")


def _views(parts: dict[str, list[Box]]) -> dict[str, list[_BoxView]]:
    """Each part's boxes, every gap listed once, under the first box that reports it."""
    places: dict = {}
    for found in parts.values():
        for b in found:
            for c in b.gaps:
                places.setdefault(c, []).append(_place(b))
    views: dict[str, list[_BoxView]] = {}
    listed: set = set()
    for name, found in parts.items():
        views[name] = []
        for b in found:
            gaps = [(c, places[c][1:]) for c in b.gaps if c not in listed]
            listed.update(c for c, _ in gaps)
            if gaps:
                views[name].append(_BoxView(_place(b), b.title, gaps))
    return views


def _counts(checks: list) -> tuple[int, int, int]:
    missing = sum(c.verdict is Verdict.MISSING for c in checks)
    rounding = sum(c.verdict is Verdict.ROUNDING for c in checks)
    return len(checks) - missing - rounding, rounding, missing


def _sentence(views: list[_BoxView]) -> str:
    """« 12 écarts, 3 écarts d'arrondi et 20 lacunes du texte. »"""
    differ, rounding, missing = _counts([c for v in views for c, _ in v.gaps])
    return (
        f"{count(differ, 'écart')}, {count(rounding, 'écart d’arrondi', 'écarts d’arrondi')} et "
        f"{count(missing, 'lacune du texte', 'lacunes du texte')}."
    )


@dataclass(frozen=True)
class Report:
    """Every part's boxes, built once for the page (each box reads and recomputes its part's
    data: the page asks for the summary and then each part)."""

    views: dict[str, list[_BoxView]]

    def summary(self) -> Fragment:
        """The page's opening: how many gaps and omissions the site found, each counted once."""
        every = [v for part in self.views.values() for v in part]
        return render("findings/summary.html", total=_sentence(every))

    def part(self, name: str) -> Fragment:
        """The gaps a part's boxes report (those an earlier part reported already are not
        repeated), box by box, each linked to its box."""
        if name not in PARTS:
            raise ValueError(f"Partie inconnue : {name!r} (attendu : {', '.join(PARTS)}).")
        views = self.views[name]
        return render("findings/part.html", sentence=_sentence(views), boxes=views)


def report() -> Report:
    """The boxes of every part, gathered now from the data as it is."""
    return Report(_views({name: boxes(name) for name in PARTS}))
