"""Lists of items from the data: a bullet each, with the line of the contract it comes
from when known, nested items under their parent, and an optional title.

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
    line: int | None = None  # line of the contract's text, shown as « (ligne N) »
    children: Sequence[Item] = field(default_factory=tuple)
    strong: bool = False  # a sub-title among the items


def item_list(
    items: Sequence[Item],
    *,
    id: str | None = None,
    classes: str | None = None,
    ordered: bool = False,
    title: str | None = None,
    title_line: int | None = None,
) -> Fragment:
    """`<ul>` (or `<ol>`) of `items`; with a `title`, inside a `q2030-list` block whose
    title gives the line of the contract the whole list comes from."""
    return render(
        "core/lists.html",
        items=list(items),
        id=id,
        classes=classes,
        tag="ol" if ordered else "ul",
        title=title,
        title_line=title_line,
    )
