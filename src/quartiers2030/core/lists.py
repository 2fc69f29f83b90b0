"""Lists of items from the data: a bullet each, with the line of the contract it comes
from when known (folded into a « Source » after the list), nested items under their
parent, and an optional title.

`Item.text` is escaped unless it is a `Fragment` (markup the caller built, e.g. a link).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from quartiers2030.core.html import Fragment
from quartiers2030.core.templates import render


@dataclass(frozen=True)
class Item:
    text: str | Fragment
    line: int | None = None  # line of the contract's text, given in the list's « Source »
    children: Sequence[Item] = field(default_factory=tuple)
    strong: bool = False  # a sub-title among the items


def _lines(items: Sequence[Item]) -> list[int]:
    found = []
    for item in items:
        if item.line is not None:
            found.append(item.line)
        found += _lines(item.children)
    return found


def item_list(
    items: Sequence[Item],
    *,
    id: str | None = None,
    classes: str | None = None,
    ordered: bool = False,
    title: str | None = None,
    title_line: int | None = None,
) -> Fragment:
    """`<ul>` (or `<ol>`) of `items`; with a `title`, inside a `q2030-list` block. The lines
    of the contract (the title's, then the items' in their order) are folded into a
    « Source » after the list, out of the reading flow."""
    lines = ([] if title_line is None else [title_line]) + _lines(items)
    return render(
        "core/lists.html",
        items=list(items),
        lines=lines,
        id=id,
        classes=classes,
        tag="ol" if ordered else "ul",
        title=title,
    )
