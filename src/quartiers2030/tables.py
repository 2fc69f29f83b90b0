"""Accessible HTML tables: a caption, header cells with scopes, deterministic ids.

Ids derive from the table's id (given by the caller), never from a random source, so two
builds of the same data produce the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from quartiers2030.html import Fragment, attrs, escape


@dataclass
class Row:
    header: str
    cells: Sequence[str]
    kind: str = "body"  # "body", "sub" (an indented « dont » line) or "total"


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

    def html(self) -> str:
        out = [f'<div class="q2030-table-wrap" tabindex="0" role="region"'
               f'{attrs(aria_labelledby=self.id + "-caption")}>',
               f'<table{attrs(id=self.id, class_="q2030-table q2030-table-text" if self.text else "q2030-table")}>',
               f'<caption{attrs(id=self.id + "-caption")}>{escape(self.caption)}</caption>',
               "<thead>"]
        if self.column_group:
            out.append(f'<tr><td></td><th scope="colgroup" colspan="{len(self.columns)}">'
                       f"{escape(self.column_group)}</th></tr>")
        out.append("<tr>" + f'<th scope="col">{escape(self.corner)}</th>'
                   + "".join(f'<th scope="col">{escape(c)}</th>' for c in self.columns) + "</tr>")
        out.append("</thead>")
        out.append("<tbody>" + "".join(self._row(r) for r in self.rows) + "</tbody>")
        if self.footer:
            out.append("<tfoot>" + "".join(self._row(r) for r in self.footer) + "</tfoot>")
        out.append("</table>")
        if self.note:
            out.append(f'<p class="q2030-table-note">{escape(self.note)}</p>')
        out.append("</div>")
        return "".join(out)

    @staticmethod
    def _row(row: Row) -> str:
        cells = "".join(f"<td>{escape(c)}</td>" if c != "" else
                        '<td><span aria-hidden="true">–</span>'
                        '<span class="q2030-sr-only">vide</span></td>' for c in row.cells)
        return (f'<tr{attrs(class_="q2030-row-" + row.kind)}>'
                f'<th scope="row">{escape(row.header)}</th>{cells}</tr>')

    def _repr_html_(self) -> str:
        return self.html()

    def fragment(self) -> Fragment:
        return Fragment(self.html())
