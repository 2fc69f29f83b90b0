"""Horizontal bar charts in the house style: the one builder every part uses.

A chart has rows (categories, top to bottom in the order given) and series (one trace
each, one legend entry each). A series may fill only some rows: the roles of the
geography's bars (quartier, cited or deduced comparison) and the school highlighted by
the contract are series of their own over the rows they fill, drawn with
`mode="overlay"`. Rows are placed by position, not by label, so two rows may share a
label and hover texts never show a row's index.

Everything a reader sees comes from the data as plain text and is escaped here
(`plot_text`, `wrap_label`): callers never write plotly markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from quartiers2030.core.figures import (
    GRID_COLOUR,
    LABEL_FONT,
    LABEL_WIDTH,
    LEGEND_ABOVE,
    LINE_BREAK,
    MUTED_TEXT,
    TEXT_COLOUR,
    TEXT_HALO,
    house_figure,
    ink_on,
    plot_text,
    row_height,
    series_style,
    wrap_label,
)

# A series' name in the legend above the chart: this many characters a line.
LEGEND_WIDTH = 36
# The value written beside a bar: readable over hatching and reference lines.
VALUE_FONT = dict(size=13, shadow=TEXT_HALO)
MODES = ("group", "stack", "overlay")


@dataclass(frozen=True)
class BarSeries:
    """One series of bars. `values`, `texts` and `hovers` have one entry per row it fills."""

    name: str  # the legend entry
    values: Sequence[float | None]  # None: no bar (say why in `texts`)
    rows: Sequence[int] | None = None  # the rows it fills (indices of categories); None: all
    texts: Sequence[str] | None = None  # written beside (or inside) each bar
    hovers: Sequence[str] | None = None  # hover text of each bar ("\n": a new line); default « row : text »
    style: dict | None = None  # the marker; default: the house colour and pattern of its rank
    inside: bool = False  # text inside the bar (stacked segments), in the ink its colour needs


def _rows(series: BarSeries, n: int) -> list[int]:
    rows = list(range(n)) if series.rows is None else list(series.rows)
    if len(rows) != len(series.values):
        raise ValueError(
            f"La série « {series.name} » a {len(series.values)} valeurs pour {len(rows)} lignes."
        )
    return rows


def _hovers(series: BarSeries, categories: Sequence[str], rows: list[int], named: bool) -> list[str]:
    """The caller's hover texts (each line escaped, a line feed made plotly's break), else
    « row : text », prefixed by the series' name when several series share a row."""
    if series.hovers is not None:
        return [LINE_BREAK.join(plot_text(line) for line in str(h).split("\n")) for h in series.hovers]
    texts = series.texts or [""] * len(rows)
    out = []
    for row, text in zip(rows, texts, strict=True):
        words = f"{categories[row]} : {text}" if text else str(categories[row])
        out.append(plot_text(series.name) + LINE_BREAK + plot_text(words) if named else plot_text(words))
    return out


def _text_style(series: BarSeries, marker: dict, font: dict) -> dict:
    if not series.inside:
        return dict(textposition="outside", cliponaxis=False, textfont=font)
    colour = marker.get("color", TEXT_COLOUR)
    ink = [ink_on(c) for c in colour] if isinstance(colour, list | tuple) else ink_on(colour)
    return dict(
        textposition="inside",
        insidetextanchor="middle",
        textangle=0,
        constraintext="inside",
        textfont=dict(color=ink),
    )


def bar_traces(
    categories: Sequence[str], series: Sequence[BarSeries], mode: str = "group", value_font: dict = VALUE_FONT
) -> list[go.Bar]:
    """One horizontal `go.Bar` per series, rows placed at their positions 0, 1, 2…"""
    named = len(series) > 1 and mode != "overlay"
    traces = []
    for index, s in enumerate(series):
        rows = _rows(s, len(categories))
        marker = s.style if s.style is not None else series_style(index)
        text = (
            dict(text=[plot_text(t) for t in s.texts], **_text_style(s, marker, value_font))
            if s.texts
            else {}
        )
        traces.append(
            go.Bar(
                orientation="h",
                y=rows,
                x=list(s.values),
                name=wrap_label(s.name, LEGEND_WIDTH),
                marker=marker,
                hovertext=_hovers(s, categories, rows, named),
                hoverinfo="text",
                **text,
            )
        )
    return traces


def row_note(categories: Sequence[str], rows: Sequence[int], text: str, name: str) -> go.Scatter:
    """A word where a row has no bar (« non indiquée »): a value the text does not give is
    not a value of zero, and must not be drawn as one."""
    return go.Scatter(
        x=[0] * len(rows),
        y=list(rows),
        mode="text",
        text=[plot_text(text)] * len(rows),
        textposition="middle right",
        textfont=dict(color=MUTED_TEXT, size=13),
        name=plot_text(name),
        hoverinfo="skip",
        showlegend=False,
        cliponaxis=False,
    )


def reference_line(x: float, name: str, *, dash: str = "dash", colour: str = TEXT_COLOUR) -> dict:
    """A vertical line across the bars (a mean), drawn under them so that their values
    stay readable, and named in the legend."""
    return dict(
        type="line",
        xref="x",
        yref="paper",
        x0=x,
        x1=x,
        y0=0,
        y1=1,
        layer="below",
        line=dict(color=colour, width=2.5, dash=dash),
        showlegend=True,
        name=wrap_label(name, LEGEND_WIDTH),
    )


def value_range(series: Sequence[BarSeries]) -> list[float] | None:
    """Room at the right of the longest bar for the value written beside it, on a phone;
    None (plotly's own range) when no value is written outside."""
    outside = [s for s in series if s.texts and not s.inside]
    values = [v for s in series for v in s.values if v is not None]
    if not outside or not values:
        return None
    longest = max(len(t) for s in outside for t in s.texts)
    return [0, max(values) * (1.12 + 0.05 * longest)]


def _axes(labels: list[str], series: Sequence[BarSeries], x_range, nticks: int) -> tuple[dict, dict]:
    xaxis = dict(
        range=list(x_range) if x_range is not None else value_range(series),
        showgrid=True,
        gridcolor=GRID_COLOUR,
        zeroline=True,
        zerolinecolor=TEXT_COLOUR,
        nticks=nticks,
        tickangle=0,
        tickformat=",~r",
    )
    yaxis = dict(
        tickmode="array",
        tickvals=list(range(len(labels))),
        ticktext=labels,
        autorange="reversed",
        zeroline=False,
        showgrid=False,
        ticklabelstandoff=6,
        tickfont=LABEL_FONT,
    )
    return xaxis, yaxis


def bar_chart(
    categories: Sequence[str],
    series: Sequence[BarSeries],
    *,
    x_title: str = "",
    mode: str = "group",
    show_legend: bool | None = None,
    label_width: int = LABEL_WIDTH,
    row_minimum: int = 40,
    base: int = 110,
    height: int | None = None,
    right: int = 16,
    x_range: Sequence[float] | None = None,
    nticks: int = 5,
    lines: Sequence[dict] = (),
    extra: Sequence[go.BaseTraceType] = (),
    value_font: dict = VALUE_FONT,
    xaxis: dict | None = None,
    yaxis: dict | None = None,
    **layout,
) -> go.Figure:
    """Horizontal bars, a row a category from the top, labels wrapped to `label_width`
    characters, the height grown with the longest label (`row_height`), the legend above
    (shown when there are two series or more, unless `show_legend` says), `lines` from
    `reference_line`, `extra` traces (e.g. `row_note`) drawn over the bars. `xaxis`,
    `yaxis` and any other layout argument (`legend`, `margin`, `bargap`…) adjust the
    defaults; a `yaxis` `range` (tighter than plotly's) replaces the reversed autorange."""
    if mode not in MODES:
        raise ValueError(f"Mode de barres inconnu : {mode} (attendu : {', '.join(MODES)}).")
    labels = [wrap_label(c, label_width) for c in categories]
    shown = show_legend if show_legend is not None else len(series) + len(lines) > 1
    x_defaults, y_defaults = _axes(labels, series, x_range, nticks)
    if "range" in (yaxis or {}):
        y_defaults["autorange"] = False
    defaults = dict(
        height=height or base + row_height(labels, row_minimum) * len(labels),
        barmode=mode,
        showlegend=shown,
        legend=LEGEND_ABOVE,
        margin=dict(l=8, r=right, t=16, b=8),
        shapes=list(lines),
        xaxis={**x_defaults, **(xaxis or {})},
        yaxis={**y_defaults, **(yaxis or {})},
    )
    traces = [*bar_traces(categories, series, mode, value_font), *extra]
    return house_figure(traces, x_title=x_title, **{**defaults, **layout})
