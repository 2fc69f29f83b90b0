"""« Combien de réunions par an, au minimum »: one bar per instance whose rhythm the
contract gives; the others are named, with no bar (no number is not the same as none)."""

from __future__ import annotations

import plotly.graph_objects as go

from quartiers2030.core import fmt
from quartiers2030.core.figures import (
    GRID_COLOUR,
    MUTED_TEXT,
    PALETTE,
    Figure,
    house_figure,
    plot_text,
    wrap_label,
)
from quartiers2030.core.tables import Row, Table
from quartiers2030.parts.gouvernance import model, wording

WRAP_ROW = 18
DOWNLOADS = [("Instances", "gouvernance/instances.csv")]
PER_YEAR = "Réunions par an, au minimum"


def _bars(stated: list[model.Instance], label: dict[str, str]) -> go.Bar:
    return go.Bar(
        x=[i.per_year for i in stated],
        y=[label[i.code] for i in stated],
        orientation="h",
        name=PER_YEAR,
        marker=dict(color=PALETTE[0]),
        text=[fmt.number(i.per_year) for i in stated],
        textposition="outside",
        cliponaxis=False,
        hovertext=[f"{plot_text(i.short)} : « {plot_text(i.frequency_words)} »" for i in stated],
        hoverinfo="text",
    )


def _unstated(missing: list[model.Instance], label: dict[str, str]) -> go.Scatter:
    """No bar at 0: the contract gives no number, which is not the same as none."""
    return go.Scatter(
        x=[0.05] * len(missing),
        y=[label[i.code] for i in missing],
        mode="text",
        text=[wording.NOT_STATED] * len(missing),
        textposition="middle right",
        textfont=dict(color=MUTED_TEXT, size=13),
        name="Fréquence non indiquée",
        hoverinfo="skip",
    )


def _plot(insts: list[model.Instance]) -> go.Figure:
    stated = [i for i in insts if i.per_year is not None]
    missing = [i for i in insts if i.per_year is None]
    label = {i.code: wrap_label(i.short, WRAP_ROW) for i in insts}
    traces = [_bars(stated, label)] + ([_unstated(missing, label)] if missing else [])
    top = max((i.per_year for i in stated), default=1)
    return house_figure(
        traces,
        height=62 * len(insts) + 70,
        showlegend=False,
        x_title="Réunions par an",
        margin=dict(l=8, r=16, t=8, b=8),
        xaxis=dict(range=[0, top + 0.6], dtick=1, showgrid=True, gridcolor=GRID_COLOUR, fixedrange=True),
        yaxis=dict(
            type="category",
            categoryorder="array",
            categoryarray=[label[i.code] for i in insts],
            autorange="reversed",
            showgrid=False,
            zeroline=False,
            fixedrange=True,
            tickfont=dict(size=12),
        ),
    )


def _description(insts: list[model.Instance]) -> str:
    stated = " ; ".join(f"{i.short} {i.per_year}" for i in insts if i.per_year is not None)
    missing = [i.short for i in insts if i.per_year is None]
    tail = f". Sans fréquence dans le contrat (aucune barre) : {', '.join(missing)}" if missing else ""
    return f"Nombre minimal de réunions par an que le contrat fixe à chaque instance : {stated}{tail}."


def _table(insts: list[model.Instance]) -> Table:
    rows = [
        Row(
            i.short,
            [
                fmt.number(i.per_year) if i.per_year is not None else wording.NOT_STATED,
                wording.quoted(i.frequency_words, "non indiqué"),
            ],
        )
        for i in insts
    ]
    return Table(
        id="donnees-calendrier",
        caption=model.title("donnees-calendrier").text,
        corner="Instance",
        columns=[PER_YEAR, "Rythme écrit dans le contrat"],
        rows=rows,
        text=True,
    )


def figure() -> Figure:
    insts = model.instances()
    return Figure(
        id="calendrier-reunions",
        title=model.title("calendrier-reunions").text,
        description=_description(insts),
        plot=_plot(insts),
        table=_table(insts),
        downloads=DOWNLOADS,
    )
