"""Accessible HTML tables: a caption, header cells with scopes, deterministic ids.

Ids derive from the table's id (given by the caller), never from a random source, so two
builds of the same data produce the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from quartiers2030.core.html import Fragment, attrs, escape


@dataclass
class Row:
    header: str
    cells: Sequence[str | Fragment]  # a Fragment is markup the caller built
    kind: str = "body"  # "body", "sub" (an indented « dont » line) or "total"
    classes: str = ""  # more classes of the row (a check's verdict)


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
        role = self._role
        out = [
            f'<div class="q2030-table-wrap" tabindex="0" role="region"'
            f"{attrs(aria_labelledby=self.id + '-caption')}>",
            f"<table{attrs(id=self.id, class_='q2030-table q2030-table-text q2030-cards' if self.text else 'q2030-table')}"
            f"{role('table')}>",
            f"<caption{attrs(id=self.id + '-caption')}>{escape(self.caption)}</caption>",
            f"<thead{role('rowgroup')}>",
        ]
        if self.column_group:
            out.append(
                f'<tr{role("row")}><td{role("cell")}></td><th scope="colgroup" colspan="{len(self.columns)}"'
                f"{role('columnheader')}>{escape(self.column_group)}</th></tr>"
            )
        out.append(
            f"<tr{role('row')}>"
            + f'<th scope="col"{role("columnheader")}>{escape(self.corner)}</th>'
            + "".join(f'<th scope="col"{role("columnheader")}>{escape(c)}</th>' for c in self.columns)
            + "</tr>"
        )
        out.append("</thead>")
        out.append(f"<tbody{role('rowgroup')}>" + "".join(self._row(r) for r in self.rows) + "</tbody>")
        if self.footer:
            out.append(f"<tfoot{role('rowgroup')}>" + "".join(self._row(r) for r in self.footer) + "</tfoot>")
        out.append("</table>")
        if self.note:
            out.append(f'<p class="q2030-table-note">{escape(self.note)}</p>')
        out.append("</div>")
        return "".join(out)

    def _role(self, name: str) -> str:
        """A text table is read as one card a row on a phone (q2030.css, `.q2030-cards`): its
        explicit roles keep it a table for screen readers when CSS changes its layout."""
        return attrs(role=name if self.text else None)

    def _row(self, row: Row) -> str:
        def cell(column: str, value: str | Fragment) -> str:
            content = (
                value.markup
                if isinstance(value, Fragment)
                else escape(value)
                if value != ""
                else '<span aria-hidden="true">–</span><span class="q2030-sr-only">vide</span>'
            )
            return f"<td{self._role('cell')}{attrs(data_label=column if self.text else None)}>{content}</td>"

        cells = "".join(cell(column, value) for column, value in zip(self.columns, row.cells, strict=True))
        header = f'<th scope="row"{self._role("rowheader")}>{escape(row.header)}</th>'
        classes = " ".join(filter(None, ["q2030-row-" + row.kind, row.classes]))
        return f"<tr{attrs(class_=classes)}{self._role('row')}>{header}{cells}</tr>"

    def _repr_html_(self) -> str:
        return self.html()

    def fragment(self) -> Fragment:
        return Fragment(self.html())
