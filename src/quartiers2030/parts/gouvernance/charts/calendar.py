"""« Combien de réunions par an, au minimum »: one bar per instance whose rhythm the
contract gives; the others are named, with no bar (no number is not the same as none)."""

from __future__ import annotations

import plotly.graph_objects as go

from quartiers2030.core import fmt
from quartiers2030.core.bars import PLOTLY_VALUE_AXIS, BarSeries, bar_chart, row_note
from quartiers2030.core.figures import BLUE, Figure
from quartiers2030.core.tables import Row, Table
from quartiers2030.parts.gouvernance import model, wording

WRAP_ROW = 18
DOWNLOADS = [("Instances", "gouvernance/instances.csv")]
PER_YEAR = "Réunions par an, au minimum"


def _plot(insts: list[model.Instance]) -> go.Figure:
    """A row per instance; a bar where the contract gives a rhythm, a word where it does not.
    Plotly's value axis (a tick a meeting), the labels without the house's standoff."""
    stated = [r for r, i in enumerate(insts) if i.per_year is not None]
    missing = [r for r, i in enumerate(insts) if i.per_year is None]
    names = [i.short for i in insts]
    bars = BarSeries(
        PER_YEAR,
        [insts[r].per_year for r in stated],
        rows=stated,
        texts=[fmt.number(insts[r].per_year) for r in stated],
        hovers=[f"{insts[r].short} : « {insts[r].frequency_words} »" for r in stated],
        style=dict(color=BLUE),
    )
    # No bar at 0: the contract gives no number, which is not the same as none.
    notes = (
        [row_note(names, missing, wording.NOT_STATED, "Fréquence non indiquée", x=0.05)] if missing else []
    )
    top = max((insts[r].per_year for r in stated), default=1)
    return bar_chart(
        names,
        [bars],
        x_title="Réunions par an",
        label_width=WRAP_ROW,
        height=62 * len(insts) + 70,
        show_legend=False,
        margin=dict(l=8, r=16, t=8, b=8),
        x_range=(0, top + 0.6),
        value_font=None,
        extra=notes,
        xaxis=dict(PLOTLY_VALUE_AXIS, dtick=1, fixedrange=True),
        yaxis=dict(ticklabelstandoff=None, fixedrange=True),
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
