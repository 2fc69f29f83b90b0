"""Accessible HTML tables: a caption, header cells with scopes, deterministic ids.

Ids derive from the table's id (given by the caller), never from a random source, so two
builds of the same data produce the same bytes. The markup is in `templates/core/`:
`table.html` for tables of numbers, `card_table.html` for tables of sentences, which a
phone shows as one card a row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from quartiers2030.core.html import Fragment
from quartiers2030.core.templates import render


@dataclass
class Row:
    header: str
    cells: Sequence[str | Fragment]  # a Fragment is markup the caller built
    kind: str = "body"  # "body", "sub" (an indented « dont » line) or "total"
    classes: str = ""  # more classes of the row (a check's verdict)


@dataclass(frozen=True)
class _RowView:
    """A row as the template reads it: its classes joined, each cell beside its column."""

    header: str
    classes: str
    cells: list[tuple[str, str | Fragment]]


@dataclass
class Table:
    id: str
    caption: str
    corner: str
    columns: Sequence[str]
    rows: list[Row] = field(default_factory=list)
    footer: list[Row] = field(default_factory=list)
    note: str | None = None
    column_group: str | None = None  # a spanning header over the value columns
    text: bool = False  # cells hold sentences: wrap them and align them left
    source: str | Fragment | None = None  # codes and lines, folded into « Source » after the table

    def html(self) -> str:
        template = "core/card_table.html" if self.text else "core/table.html"
        return render(
            template,
            table=self,
            body=[self._view(r) for r in self.rows],
            foot=[self._view(r) for r in self.footer],
        ).markup

    def _view(self, row: Row) -> _RowView:
        # A row with more or fewer cells than columns is an error, not a shifted table.
        cells = list(zip(self.columns, row.cells, strict=True))
        classes = " ".join(filter(None, ["q2030-row-" + row.kind, row.classes]))
        return _RowView(row.header, classes, cells)

    def _repr_html_(self) -> str:
        return self.html()

    def fragment(self) -> Fragment:
        return Fragment(self.html())
