"""Key figures: a few numbers a page puts first, each with what it counts and, in small
type, where it comes from (« calculé », a table of the contract…); on the home page, each
links to the page that explains it."""

from __future__ import annotations

from dataclasses import dataclass

from quartiers2030.core.html import Fragment
from quartiers2030.core.templates import render


@dataclass
class KeyFigure:
    value: str
    label: str
    note: str = ""
    link: str = ""  # the page that explains the figure (a relative URL), if any


def key_figures(cards: list[KeyFigure], label: str) -> Fragment:
    """A description list of the cards, named `label` for assistive technologies."""
    return render("core/key_figures.html", cards=cards, label=label)
