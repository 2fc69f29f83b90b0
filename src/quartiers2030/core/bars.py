"""Bar charts in the house style: the one builder every part uses.

A chart has rows (categories, top to bottom in the order given; with `column_chart`,
columns from left to right) and series (one trace each, one legend entry each). A series
may fill only some rows: the roles of the geography's bars (quartier, cited or deduced
comparison) and the school highlighted by the contract are series of their own over the
rows they fill, drawn with `mode="overlay"`. Rows are placed by position, not by label,
so two rows may share a label and hover texts never show a row's index; with `groups`
(a two-level axis: the group's name beside its rows), `bar_chart` turns every position
into its (group, row) pair.

Everything a reader sees comes from the data as plain text and is escaped here
(`plot_text`, `wrap_label`): callers never write plotly markup but a hover template's
placeholders (`%{hovertext}`, `%{x}`). Colours and patterns are those of core.figures.
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
    on_narrow,
    plot_text,
    row_height,
    series_style,
    thinned_labels,
    wrap_label,
)

# A series' name in the legend above the chart: this many characters a line (its swatch
# and its text fit a phone's chart, 312 px at 360).
LEGEND_WIDTH = 28
# The value written beside a bar: readable over hatching and reference lines.
VALUE_FONT = dict(size=13, shadow=TEXT_HALO)
MODES = ("group", "stack", "overlay")
# `xaxis=` of a chart that keeps plotly's own value axis (its ticks, its zero line) rather
# than the house's: the charts drawn so before they came here.
PLOTLY_VALUE_AXIS = dict(nticks=None, tickangle=None, tickformat=None, zeroline=None, zerolinecolor=None)


@dataclass(frozen=True)
class BarSeries:
    """One series of bars. `values`, `texts` and `hovers` have one entry per row it fills."""

    name: str  # the legend entry
    values: Sequence[float | None]  # None: no bar (say why in `texts`)
    rows: Sequence[int] | None = None  # the rows it fills (indices of categories); None: all
    texts: Sequence[str] | None = None  # written beside (or inside) each bar
    hovers: Sequence[str] | None = None  # hover text of each bar ("\n": a new line); default « row : text »
    # The marker (its colour may be a list, one a bar); default: the house colour and
    # pattern of the series' rank.
    style: dict | None = None
    inside: bool = False  # text inside the bar (stacked segments), in the ink its colour needs
    # A plotly hover template instead of the hover text alone: `%{hovertext}` is the bar's
    # hover text (`hovers`, by default its row's label), `%{x}`/`%{y}` its value as plotly
    # writes numbers; `core.figures.hover_template` ends it without the series' name.
    hover_template: str | None = None


def _rows(series: BarSeries, n: int) -> list[int]:
    rows = list(range(n)) if series.rows is None else list(series.rows)
    if len(rows) != len(series.values):
        raise ValueError(
            f"La série « {series.name} » a {len(series.values)} valeurs pour {len(rows)} lignes."
        )
    return rows


def _hovers(series: BarSeries, categories: Sequence[str], rows: list[int], named: bool) -> list[str]:
    """The caller's hover texts (each line escaped, a line feed made plotly's break), else
    the row's label for a template, else « row : text », prefixed by the series' name when
    several series share a row."""
    if series.hovers is not None:
        return [LINE_BREAK.join(plot_text(line) for line in str(h).split("\n")) for h in series.hovers]
    if series.hover_template is not None:
        return [plot_text(categories[row]) for row in rows]
    texts = series.texts or [""] * len(rows)
    out = []
    for row, text in zip(rows, texts, strict=True):
        words = f"{categories[row]} : {text}" if text else str(categories[row])
        out.append(plot_text(series.name) + LINE_BREAK + plot_text(words) if named else plot_text(words))
    return out


def _text_style(series: BarSeries, marker: dict, font: dict | None) -> dict:
    """Text beside the bar (in `font`, else the chart's), or inside it in a readable ink."""
    if not series.inside:
        return dict(textposition="outside", cliponaxis=False, **({"textfont": font} if font else {}))
    colour = marker.get("color", TEXT_COLOUR)
    ink = [ink_on(c) for c in colour] if isinstance(colour, list | tuple) else ink_on(colour)
    return dict(
        textposition="inside",
        insidetextanchor="middle",
        textangle=0,
        constraintext="inside",
        textfont=dict(color=ink),
    )


def _hover(series: BarSeries, categories: Sequence[str], rows: list[int], named: bool) -> dict:
    hovertext = _hovers(series, categories, rows, named)
    if series.hover_template is not None:
        return dict(hovertext=hovertext, hovertemplate=series.hover_template)
    return dict(hovertext=hovertext, hoverinfo="text")


def bar_traces(
    categories: Sequence[str],
    series: Sequence[BarSeries],
    mode: str = "group",
    value_font: dict | None = VALUE_FONT,
    *,
    vertical: bool = False,
    legend_width: int | None = LEGEND_WIDTH,
) -> list[go.Bar]:
    """One `go.Bar` per series, rows placed at their positions 0, 1, 2… (horizontal bars,
    or columns when `vertical`); legend names cut at `legend_width` (None: never)."""
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
        place = dict(x=rows, y=list(s.values)) if vertical else dict(y=rows, x=list(s.values))
        traces.append(
            go.Bar(
                orientation="v" if vertical else "h",
                **place,
                name=plot_text(s.name) if legend_width is None else wrap_label(s.name, legend_width),
                marker=marker,
                **_hover(s, categories, rows, named),
                **text,
            )
        )
    return traces


def row_note(
    categories: Sequence[str], rows: Sequence[int], text: str, name: str, x: float = 0
) -> go.Scatter:
    """A word where a row has no bar (« non indiquée »), at `x`: a value the text does not
    give is not a value of zero, and must not be drawn as one."""
    return go.Scatter(
        x=[x] * len(rows),
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


def stack_totals(categories: Sequence[str], series: Sequence[BarSeries], texts: Sequence[str]) -> go.Scatter:
    """Each row's total written at the end of its stack (`texts`: one a row, formatted)."""
    totals = [0] * len(categories)
    for s in series:
        for row, value in zip(_rows(s, len(categories)), s.values, strict=True):
            totals[row] += value or 0
    return go.Scatter(
        x=totals,
        y=list(range(len(categories))),
        mode="text",
        text=[plot_text(t) for t in texts],
        textposition="middle right",
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


# Room for the value written beside the longest bar, a share of the axis a character.
ROOM_PER_CHARACTER = 0.05
ROOM_PER_CHARACTER_NARROW = 0.09  # a phone: the plot is narrow, the text as wide


def value_range(series: Sequence[BarSeries], per_character: float = ROOM_PER_CHARACTER) -> list[float] | None:
    """Room at the right of the longest bar for the value written beside it; None
    (plotly's own range) when no value is written outside."""
    outside = [s for s in series if s.texts and not s.inside]
    values = [v for s in series for v in s.values if v is not None]
    if not outside or not values:
        return None
    longest = max(len(t) for s in outside for t in s.texts)
    return [0, max(values) * (1.12 + per_character * longest)]


def adjusted(defaults: dict, changes: dict | None) -> dict:
    """`defaults` with the caller's `changes`; a change to None removes a default (plotly's
    own applies), so that a chart may keep a look of its own."""
    merged = {**defaults, **(changes or {})}
    return {k: v for k, v in merged.items() if v is not None}


def _value_axis(series: Sequence[BarSeries], x_range, nticks: int) -> dict:
    return dict(
        range=list(x_range) if x_range is not None else value_range(series),
        showgrid=True,
        gridcolor=GRID_COLOUR,
        zeroline=True,
        zerolinecolor=TEXT_COLOUR,
        nticks=nticks,
        tickangle=0,
        tickformat=",~r",
    )


def _row_axis(labels: list[str], two_level: bool) -> dict:
    """Rows from the top: ticks at their positions, or a two-level axis (groups beside
    their rows, a divider between groups)."""
    if two_level:
        return dict(
            type="multicategory",
            autorange="reversed",
            tickson="boundaries",
            showdividers=True,
            dividercolor=TEXT_COLOUR,
            zeroline=False,
            showgrid=False,
            tickfont=LABEL_FONT,
        )
    return dict(
        tickmode="array",
        tickvals=list(range(len(labels))),
        ticktext=labels,
        autorange="reversed",
        zeroline=False,
        showgrid=False,
        ticklabelstandoff=6,
        tickfont=LABEL_FONT,
    )


def _on_two_levels(traces: list, labels: list[str], groups: list[str]) -> None:
    """Every trace's row positions made (group, row) pairs of a two-level axis."""
    for trace in traces:
        rows = list(trace.y)
        trace.y = [[groups[r] for r in rows], [labels[r] for r in rows]]


def bar_chart(
    categories: Sequence[str],
    series: Sequence[BarSeries],
    *,
    x_title: str = "",
    mode: str = "group",
    show_legend: bool | None = None,
    legend_width: int | None = LEGEND_WIDTH,
    label_width: int = LABEL_WIDTH,
    groups: Sequence[str] | None = None,
    row_minimum: int = 40,
    base: int = 110,
    height: int | None = None,
    right: int = 16,
    x_range: Sequence[float] | None = None,
    nticks: int = 5,
    lines: Sequence[dict] = (),
    extra: Sequence[go.BaseTraceType] = (),
    value_font: dict | None = VALUE_FONT,
    xaxis: dict | None = None,
    yaxis: dict | None = None,
    **layout,
) -> go.Figure:
    """Horizontal bars, a row a category from the top, labels wrapped to `label_width`
    characters (those of `groups`, one a row, too), the height grown with the longest label
    (`row_height`), the legend above (shown when there are two series or more, unless
    `show_legend` says), `lines` from `reference_line`, `extra` traces (`row_note`,
    `stack_totals`) drawn over the bars. `xaxis`, `yaxis` and any other layout argument
    (`legend`, `margin`, `bargap`…) adjust the defaults (see `adjusted`); a `yaxis` `range`
    (tighter than plotly's) replaces the reversed autorange."""
    if mode not in MODES:
        raise ValueError(f"Mode de barres inconnu : {mode} (attendu : {', '.join(MODES)}).")
    labels = [wrap_label(c, label_width) for c in categories]
    shown = show_legend if show_legend is not None else len(series) + len(lines) > 1
    y_defaults = _row_axis(labels, groups is not None)
    if "range" in (yaxis or {}):
        y_defaults["autorange"] = False
    defaults = dict(
        height=height or base + row_height(labels, row_minimum) * len(labels),
        barmode=mode,
        showlegend=shown,
        legend=LEGEND_ABOVE,
        margin=dict(l=8, r=right, t=16, b=8),
        shapes=list(lines),
        xaxis=adjusted(_value_axis(series, x_range, nticks), xaxis),
        yaxis=adjusted(y_defaults, yaxis),
    )
    traces = [*bar_traces(categories, series, mode, value_font, legend_width=legend_width), *extra]
    if groups is not None:
        _on_two_levels(traces, labels, [wrap_label(g, label_width) for g in groups])
    fig = house_figure(traces, x_title=x_title, **{**defaults, **layout})
    room = value_range(series, ROOM_PER_CHARACTER_NARROW)
    if room is not None and "range" not in (xaxis or {}):
        # A phone: more room for the values beside the bars, and fewer ticks under them.
        low, high = x_range if x_range is not None else room
        on_narrow(fig, layout={"xaxis": {"range": [low, max(high, room[1])], "nticks": min(nticks, 4)}})
    return fig


def column_chart(
    categories: Sequence[str],
    series: Sequence[BarSeries],
    *,
    y_title: str = "",
    mode: str = "stack",
    show_legend: bool | None = None,
    legend_width: int | None = LEGEND_WIDTH,
    xaxis: dict | None = None,
    yaxis: dict | None = None,
    **layout,
) -> go.Figure:
    """Vertical bars (columns), a column a category from the left (years, whose labels are
    short, level, fewer on a phone), the legend above the plot, shown when there are two
    series or more."""
    if mode not in MODES:
        raise ValueError(f"Mode de barres inconnu : {mode} (attendu : {', '.join(MODES)}).")
    texts = [plot_text(c) for c in categories]
    x_defaults = dict(
        tickmode="array",
        tickvals=list(range(len(categories))),
        ticktext=texts,
        tickangle=0,  # years read level, never slanted
        zeroline=False,  # positions, not values: no line at the first column
        ticklabeloverflow="allow",  # as a category axis: the margin grows, no label is hidden
    )
    defaults = dict(
        barmode=mode,
        showlegend=show_legend if show_legend is not None else len(series) > 1,
        legend=LEGEND_ABOVE,  # below, it met the years
        xaxis=adjusted(x_defaults, xaxis),
        yaxis=adjusted({}, yaxis),
    )
    traces = bar_traces(categories, series, mode, None, vertical=True, legend_width=legend_width)
    fig = house_figure(traces, y_title=y_title, **{**defaults, **layout})
    if "ticktext" not in (xaxis or {}):
        # A phone: a label every other column (or fewer), a tick under each.
        on_narrow(fig, layout={"xaxis": {"ticktext": thinned_labels(texts)}})
    return fig
