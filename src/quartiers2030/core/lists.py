"""Lists of items from the data: a bullet each, nested items under their parent, and an
optional title; the line of the contract each item comes from, when known, is folded into
a « Source » detail after the list (out of the reading flow, kept for reviewers).

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


@dataclass(frozen=True)
class SourceGroup:
    """The lines of some items, in their order: the top items (no label), or the children
    of one item (its text as label)."""

    label: str | Fragment | None
    lines: tuple[int | None, ...]


def _flat(items: Sequence[Item]) -> list[Item]:
    """Items and their descendants, in the order of the list."""
    return [x for item in items for x in (item, *_flat(item.children))]


def source_groups(items: Sequence[Item]) -> list[SourceGroup]:
    """Where the items come from: one group for the top items that have a line, then one
    per item with children (its descendants' lines, in order); none without any line."""
    groups = []
    top = tuple(item.line for item in items if item.line is not None)
    if top:
        groups.append(SourceGroup(None, top))
    for item in items:
        below = _flat(item.children)
        if any(x.line is not None for x in below):
            groups.append(SourceGroup(item.text, tuple(x.line for x in below)))
    return groups


def item_list(
    items: Sequence[Item],
    *,
    id: str | None = None,
    classes: str | None = None,
    ordered: bool = False,
    title: str | None = None,
    title_line: int | None = None,
) -> Fragment:
    """`<ul>` (or `<ol>`) of `items`; with a `title`, inside a `q2030-list` block; then a
    « Source » detail with the title's line of the contract and the items' lines."""
    return render(
        "core/lists.html",
        items=list(items),
        id=id,
        classes=classes,
        tag="ol" if ordered else "ul",
        title=title,
        title_line=title_line,
        groups=source_groups(items),
    )
