"""« Chronologie du contrat de ville »: one row per date, oldest at the top; the event is
written above its marker, across the whole width, so that the time axis keeps the width
of the page (a phone too). A date known to the year only is a bar over that year."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from quartiers2030.core import fmt
from quartiers2030.core.figures import (
    GRID_COLOUR,
    PALETTE,
    TEXT_COLOUR,
    Figure,
    house_figure,
    plot_text,
    wrap_label,
    wrap_lines,
)
from quartiers2030.core.tables import Row, Table
from quartiers2030.parts.gouvernance import model, wording

WRAP_EVENT = 48
DOWNLOADS = [("Chronologie", "gouvernance/chronologie.csv")]


def _labels(frame: pd.DataFrame) -> list[str]:
    return [f"{fmt.date_text(r.date, r.precision)} : {r.evenement}" for r in frame.itertuples()]


def _year_bars(frame: pd.DataFrame) -> go.Scatter:
    """A date given to the year only covers the whole year."""
    xs, ys = [], []
    for row, r in enumerate(frame.itertuples()):
        if r.precision == "annee":
            xs += [r.date, r.date + pd.DateOffset(years=1) - pd.DateOffset(days=1), None]
            ys += [row, row, None]
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        name="Année seulement (barre sur l'année)",
        line=dict(color=PALETTE[1], width=10),
        hoverinfo="skip",
    )


def _day_markers(frame: pd.DataFrame, labels: list[str]) -> go.Scatter:
    by_day = [
        (row, r, label)
        for row, (r, label) in enumerate(zip(frame.itertuples(), labels))
        if r.precision != "annee"
    ]
    return go.Scatter(
        x=[r.date for _, r, _ in by_day],
        y=[row for row, _, _ in by_day],
        mode="markers",
        name="Date connue au jour près",
        marker=dict(symbol="circle", size=12, color=PALETTE[0], line=dict(color=TEXT_COLOUR, width=1)),
        hovertext=[plot_text(label) for _, _, label in by_day],
        hoverinfo="text",
    )


def _event(row: int, label: str) -> dict:
    return dict(
        x=0,
        xref="paper",
        y=row,
        yref="y",
        yshift=9,
        xanchor="left",
        yanchor="bottom",
        align="left",
        showarrow=False,
        text=wrap_label(label, WRAP_EVENT),
        font=dict(size=12, color=TEXT_COLOUR),
    )


def _plot(frame: pd.DataFrame, labels: list[str]) -> go.Figure:
    traces = [_year_bars(frame)] if (frame["precision"] == "annee").any() else []
    traces.append(_day_markers(frame, labels))
    first, last = frame["date"].min(), frame["date"].max()
    tallest = max(len(wrap_lines(item, WRAP_EVENT)) for item in labels)
    return house_figure(
        traces,
        height=(15 * tallest + 34) * len(frame) + 110,
        annotations=[_event(row, label) for row, label in enumerate(labels)],
        margin=dict(l=8, r=8, t=8, b=8),
        legend=dict(orientation="h", yanchor="top", y=-0.04, xanchor="left", x=0),
        xaxis=dict(
            type="date",
            range=[first - pd.DateOffset(months=8), last + pd.DateOffset(months=20)],
            tickformat="%Y",
            nticks=6,
            tickangle=0,
            showgrid=True,
            gridcolor=GRID_COLOUR,
            fixedrange=True,
        ),
        yaxis=dict(range=[len(frame) - 0.6, -1.1], visible=False, fixedrange=True),
    )


def _description(frame: pd.DataFrame, labels: list[str]) -> str:
    first, last = frame["date"].min(), frame["date"].max()
    return (
        f"{fmt.count(len(frame), 'date')} de {first.year} à {last.year}, une par ligne, de la plus "
        "ancienne (en haut) à la plus récente : " + " ; ".join(labels) + ". Un rond marque une "
        "date connue au jour près ; une barre couvre l'année entière quand le contrat ne donne "
        "que l'année."
    )


def _table(frame: pd.DataFrame) -> Table:
    rows = [
        Row(fmt.date_text(r.date, r.precision), [r.evenement, wording.date_precision(r.precision)])
        for r in frame.itertuples()
    ]
    return Table(
        id="donnees-chronologie",
        caption=model.title("donnees-chronologie").text,
        corner="Date",
        columns=["Événement", "Précision de la date"],
        rows=rows,
        text=True,
    )


def figure() -> Figure:
    frame = model.timeline().reset_index(drop=True)
    labels = _labels(frame)
    first, last = frame["date"].min(), frame["date"].max()
    return Figure(
        id="chronologie",
        title=model.title("chronologie", premiere=first.year, derniere=last.year).text,
        description=_description(frame, labels),
        plot=_plot(frame, labels),
        table=_table(frame),
        downloads=DOWNLOADS,
    )
