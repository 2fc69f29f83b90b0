"""The charts of the géographie pages: one per measure that the contract gives for two
territories or years, or beside a comparison, and one per set of shares of a whole; each
with its text alternative and its data table."""

from __future__ import annotations

from collections import OrderedDict

import plotly.graph_objects as go

from quartiers2030.core.bars import PLOTLY_VALUE_AXIS, BarSeries, bar_chart
from quartiers2030.core.figures import Figure, wrap_lines
from quartiers2030.core.html import slug
from quartiers2030.core.tables import Row, Table
from quartiers2030.parts.geographie import vocabulary
from quartiers2030.parts.geographie.bars import (
    QUARTIER,
    Bar,
    added_bars,
    indicator_bars,
    measure_plot,
    with_added,
)
from quartiers2030.parts.geographie.model import INDICATORS_CSV, Fact, latest, signed, territory_label
from quartiers2030.parts.geographie.vocabulary import Breakdown, indicator_definition, indicator_label
from quartiers2030.parts.geographie.wording import fact_value, value_text

DOWNLOADS = [("Indicateurs de la géographie prioritaire", INDICATORS_CSV)]
# Units a measure can be charted in: a level or a count, never a year or a ratio of ratios.
CHART_UNITS = {"%", "€", "indice", "personnes", "élèves", "établissements", "habitants", "logements"}
AXIS_TITLES = {"%": "%", "€": "euros", "indice": "indice de position sociale"}


def _description(label: str, definition: str, bars: list[Bar], full) -> str:
    roles = vocabulary.roles()
    parts = [
        f"{b.label} : {full(b)}" + (f" ({roles[b.role].remark})" if roles[b.role].remark else "")
        for b in bars
    ]
    return f"{label}. " + " ; ".join(parts) + "." + (f" {definition}" if definition else "")


def figure_for(
    indicator: str, bars: list[Bar], rows: list[Fact], page: str, subject: str | None = None
) -> Figure:
    """The chart of one measure, described in words and given as a table."""
    unit = next(f.unit for f in rows if f.indicator == indicator)
    label = indicator_label(indicator)
    roles = vocabulary.roles()

    def full(b):
        return value_text(b.value, unit, indicator if b.role == QUARTIER else "")

    table = Table(
        id=f"donnees-{page}-{slug(indicator)}",
        caption=f"{label} : valeurs du graphique",
        corner="Territoire",
        columns=["Valeur", "Nature"],
        rows=[Row(b.label, [full(b), roles[b.role].nature]) for b in bars],
    )
    return Figure(
        id=f"{page}-{slug(indicator)}",
        title=label,
        description=_description(label, indicator_definition(indicator), bars, full),
        plot=measure_plot(bars, x_title=AXIS_TITLES.get(unit, unit), subject=subject),
        table=table,
        downloads=DOWNLOADS,
    )


def _shares_by_territory(breakdown: Breakdown, rows: list[Fact]) -> OrderedDict:
    """territory -> {measure: fact}, for the territories that give two shares or more."""
    scales = vocabulary.scales()
    recent = [f for f in latest(rows) if f.indicator in breakdown.members and f.territory not in scales]
    by_territory: OrderedDict = OrderedDict()
    for f in recent:
        by_territory.setdefault(f.territory, {})[f.indicator] = f
    return OrderedDict((t, v) for t, v in by_territory.items() if len(v) >= 2)


def _share(fact: Fact) -> str:
    return fact_value(fact).split(" (")[0]  # without the contract's words


def _breakdown_plot(breakdown: Breakdown, kept: OrderedDict, present: list[str]) -> go.Figure:
    """A row per share of the whole, a series per territory over the shares it gives;
    plotly's value axis, values and labels in the chart's font size."""
    series = [
        BarSeries(
            territory_label(territory),
            [values[m].value for m in present if m in values],
            rows=[r for r, m in enumerate(present) if m in values],
            texts=[_share(values[m]) for m in present if m in values],
            # The share's name as the axis writes it, then its value.
            hovers=["\n".join(wrap_lines(indicator_label(m))) for m in present if m in values],
            hover_template="%{hovertext} : %{x} %",
        )
        for territory, values in kept.items()
    ]
    return bar_chart(
        [indicator_label(m) for m in present],
        series,
        x_title="% des ménages" if "menages" in breakdown.members[0] else "%",
        height=110 + 46 * len(present) * max(1, len(kept)) // (1 if len(kept) == 1 else 2),
        mode="group",
        show_legend=len(kept) > 1,
        legend_width=None,
        margin=dict(l=8, r=16, t=8, b=8),
        x_range=(0, 100),
        value_font=None,
        xaxis=PLOTLY_VALUE_AXIS,
        yaxis=dict(tickfont=None),
    )


def breakdown_figure(breakdown: Breakdown, rows: list[Fact], page: str) -> Figure | None:
    """Shares of one whole (household sizes…) for each territory that gives two or more."""
    kept = _shares_by_territory(breakdown, rows)
    if not kept:
        return None
    present = [m for m in breakdown.members if any(m in v for v in kept.values())]
    title = breakdown.title
    description = (
        f"{title}. "
        + " ; ".join(
            f"{territory_label(t)} : "
            + ", ".join(f"{indicator_label(m).lower()} {_share(v[m])}" for m in present if m in v)
            for t, v in kept.items()
        )
        + "."
    )
    table = Table(
        id=f"donnees-{page}-{slug(title)}",
        caption=f"{title} : valeurs du graphique",
        corner="Part",
        columns=[territory_label(t) for t in kept],
        rows=[
            Row(indicator_label(m), [fact_value(v[m]) if m in v else "" for v in kept.values()])
            for m in present
        ],
    )
    if len(kept) == 1:
        title = f"{title} : {territory_label(next(iter(kept)))}"
    return Figure(
        id=f"{page}-{slug(title)}",
        title=title,
        description=description,
        plot=_breakdown_plot(breakdown, kept, present),
        table=table,
        downloads=DOWNLOADS,
    )


def _chartable(indicator: str, unit: str) -> bool:
    return unit in CHART_UNITS and not signed(indicator) and not indicator.startswith("annee_")


def theme_figures(
    rows: list[Fact],
    all_facts: list[Fact],
    aggregates: list[Fact],
    page: str,
    agglomeration: bool = False,
    added: tuple = (),
) -> list[Figure]:
    """Every chart a group of facts supports: the shares of a whole, then each measure that
    the contract gives for two territories or years, or beside a comparison; a value added
    after the contract (`added`) extends its measure's chart, as a series of its own."""
    figures = []
    in_breakdown = set()
    for breakdown in vocabulary.breakdowns():
        figure = breakdown_figure(breakdown, rows, page)
        if figure is not None:
            figures.append(figure)
            in_breakdown |= set(breakdown.members)
    for indicator in OrderedDict.fromkeys(f.indicator for f in rows):
        sample = next(f for f in rows if f.indicator == indicator)
        if not _chartable(indicator, sample.unit):
            continue
        bars = indicator_bars(indicator, rows, all_facts, aggregates, scales_are_subjects=agglomeration)
        bars = with_added(bars, added_bars(indicator, list(added)))
        # A breakdown's share already drawn for its only territory needs no chart of its own.
        if len(bars) < 2 or (
            indicator in in_breakdown
            and all(b.role == QUARTIER for b in bars)
            and len({b.label.split(",")[0] for b in bars}) < 2
        ):
            continue
        subject = "Valeur citée par le contrat" if agglomeration else None
        figures.append(figure_for(indicator, bars, rows, page, subject=subject))
    return figures
