"""The bars of a géographie chart: for one measure, each territory's value, then what the
contract compares it with (printed references, references implied by a printed gap, the
same measure for an aggregate scale), and the horizontal bar chart that draws them
(core.bars)."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from quartiers2030.core.bars import LEGEND_WIDTH, BarSeries, bar_chart
from quartiers2030.core.figures import axis_title_lines, series_style, wrap_lines
from quartiers2030.parts.geographie import vocabulary
from quartiers2030.parts.geographie.model import Fact, implied_references, source_text, territory_label
from quartiers2030.parts.geographie.wording import bar_text, fact_value, period_text, value_text

QUARTIER, REFERENCE, IMPLIED = "quartier", "reference", "deduite"  # roles_graphiques.csv
ADDED = "ajoutee"  # a value added after the contract (another source, a later year)


@dataclass
class Bar:
    label: str
    value: float
    text: str
    role: str = QUARTIER
    hover: str = ""


def bar_label(f: Fact, many_territories: bool, many_years: bool) -> str:
    label = territory_label(f.territory) if many_territories else ""
    if many_years:
        label = f"{label}, {f.year}" if label and f.year else label or str(f.year or "année non dite")
    return label or territory_label(f.territory)


def own_bars(rows: list[Fact]) -> list[Bar]:
    """One bar per fact, its year in the label when a territory gives several years."""
    many_years = len({(f.territory, f.year) for f in rows}) > len({f.territory for f in rows})
    return [
        Bar(
            bar_label(f, True, many_years),
            f.value,
            bar_text(f.value, f.unit, f.indicator),
            QUARTIER,
            f"{territory_label(f.territory)} ({period_text(f)}) : {fact_value(f)}",
        )
        for f in rows
    ]


def added_bars(indicator: str, added: list[Fact]) -> list[Bar]:
    """The values of `indicator` added after the contract, each with its year and source:
    a series of their own (the legend names it), never mixed with the contract's."""
    return [
        Bar(
            f"{territory_label(f.territory)}, {f.year or 'année non dite'}",
            f.value,
            bar_text(f.value, f.unit, f.indicator),
            ADDED,
            f"{territory_label(f.territory)} ({period_text(f)}) : {fact_value(f)}, {source_text(f)}",
        )
        for f in sorted(added, key=lambda f: (f.year or 0, f.source))
        if f.indicator == indicator
    ]


def with_added(bars: list[Bar], more: list[Bar]) -> list[Bar]:
    """The added bars right after the quartiers' own, before what they are compared with."""
    if not more:
        return bars
    own = [b for b in bars if b.role == QUARTIER]
    return own + more + [b for b in bars if b.role != QUARTIER]


def _reference_bar(f: Fact, detail: str) -> Bar:
    return Bar(
        territory_label(f.territory),
        f.value,
        bar_text(f.value, f.unit),
        REFERENCE,
        f"{territory_label(f.territory)} : {fact_value(f)} ({detail})",
    )


def _printed_reference_bars(own: list[Fact], refs: list[Fact], seen: set) -> list[Bar]:
    """References printed beside a value, then facts about a scale of comparison."""
    bars = []
    for f in own:
        if f.reference and f.reference_value is not None and (f.reference, f.reference_value) not in seen:
            seen.add((f.reference, f.reference_value))
            name = territory_label(f.reference)
            bars.append(
                Bar(
                    name,
                    f.reference_value,
                    bar_text(f.reference_value, f.unit, f.indicator),
                    REFERENCE,
                    f"{name} : {value_text(f.reference_value, f.unit)} (cité par le contrat, ligne {f.line})",
                )
            )
    for f in refs:
        if (f.territory, f.value) not in seen:
            seen.add((f.territory, f.value))
            bars.append(_reference_bar(f, f"ligne {f.line}"))
    return bars


def _implied_bars(own: list[Fact], all_facts: list[Fact], seen: set) -> list[Bar]:
    """References the contract does not print but a printed gap gives: value − gap."""
    bars = []
    for base, ref, implied, gap in implied_references(own, all_facts):
        if (ref, implied) in seen:
            continue
        seen.add((ref, implied))
        label = territory_label(ref)
        if ref == "commune":
            label = f"{label} ({territory_label(base.territory)})"
        bars.append(
            Bar(
                label,
                implied,
                bar_text(implied, base.unit),
                IMPLIED,
                f"{label} : {value_text(implied, base.unit)}, déduit de "
                f"{fact_value(base)} et d'un écart de {fact_value(gap)} (ligne {gap.line})",
            )
        )
    return bars


def indicator_bars(
    indicator: str,
    rows: list[Fact],
    all_facts: list[Fact],
    aggregates: list[Fact],
    scales_are_subjects: bool = False,
) -> list[Bar]:
    """The bars of one measure: each territory's value (every year given), then what the
    contract compares it with. On the agglomeration's page the scales are the subject."""
    scales = vocabulary.scales()
    own = [f for f in rows if f.indicator == indicator and (scales_are_subjects or f.territory not in scales)]
    refs = [f for f in rows if f.indicator == indicator and f not in own]
    if not own and not refs:
        return []
    seen: set = set()
    bars = own_bars(own) + _printed_reference_bars(own, refs, seen) + _implied_bars(own, all_facts, seen)
    for f in aggregates:
        if f.indicator == indicator and (f.territory, f.value) not in seen:
            seen.add((f.territory, f.value))
            bars.append(_reference_bar(f, f"{period_text(f)}, ligne {f.line}"))
    return bars


def _series(bars: list[Bar], subject: str | None) -> list[BarSeries]:
    """One series per role over the rows it fills, so that the legend names the roles."""
    series = []
    for role in vocabulary.roles().values():
        members = [i for i, b in enumerate(bars) if b.role == role.key]
        if not members:
            continue
        series.append(
            BarSeries(
                subject if role.key == QUARTIER and subject else role.label,
                [bars[i].value for i in members],
                rows=members,
                texts=[bars[i].text for i in members],
                hovers=[bars[i].hover or f"{bars[i].label} : {bars[i].text}" for i in members],
                style=series_style(role.style),
            )
        )
    return series


def measure_plot(
    bars: list[Bar], *, x_title: str = "", legend: bool = True, subject: str | None = None
) -> go.Figure:
    """Horizontal bars, one per item, top to bottom; one series per role for the legend,
    whose names are never cut (wrapped between words to fit a phone). The labels keep the
    chart's font size (no `tickfont`)."""
    series = _series(bars, subject)
    top = max(b.value for b in bars)
    lines = max(max(1, len(wrap_lines(b.label))) for b in bars)
    # A phone: one legend entry a line (or two), a long axis title on two lines.
    legend_px = max(40, 20 * sum(len(wrap_lines(s.name, LEGEND_WIDTH)) for s in series)) if legend else 0
    title_px = 20 * (len(axis_title_lines(x_title)) - 1)
    return bar_chart(
        [b.label for b in bars],
        series,
        x_title=x_title,
        mode="overlay",
        show_legend=legend and len(series) > 1,
        height=max(170, 70 + len(bars) * max(34, 18 * lines) + legend_px + title_px),
        nticks=3 if top >= 10_000 else 5,
        bargap=0.25,
        margin=dict(l=8, r=16, t=8, b=8),
        yaxis=dict(tickfont=None),
    )
