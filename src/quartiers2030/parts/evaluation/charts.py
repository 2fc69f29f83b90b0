"""The évaluation's charts, each with its text alternative and its data table
(core.figures: house style, colours, downloads)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from quartiers2030.core import fmt
from quartiers2030.core.bars import BarSeries, bar_chart, column_chart
from quartiers2030.core.figures import Figure, house_figure, on_narrow, series_style, thinned_labels
from quartiers2030.core.tables import Row, Table
from quartiers2030.parts.evaluation import model, wording
from quartiers2030.parts.evaluation.model import PRINTED_AVERAGE_DECIMALS

ENVELOPE_CSV = ("Enveloppe par pilier et par année", "evaluation/enveloppe_etat.csv")
ACTIONS_CSV = ("Actions par pilier et par année", "evaluation/actions.csv")
# A single series: its name beside the hovered value would only repeat the axis title.
NO_SERIES_NAME = dict(namelength=0)
GENDER_CSVS = [
    ("Actions égalité F/H par pilier", "evaluation/egalite_fh_actions.csv"),
    ("Montants égalité F/H", "evaluation/egalite_fh_montants.csv"),
]


def stacked_bars(
    wide: pd.DataFrame, series: list[tuple[str, str]], *, y_title: str, hover_unit: str
) -> go.Figure:
    """One column a year (the index), one stacked series per (column, label). The series'
    name shows beside the hovered value (plotly's secondary box), so the template ends
    without `HOVER_END`."""
    return column_chart(
        [str(y) for y in wide.index],
        [
            BarSeries(
                label, wide[column].tolist(), hover_template=f"%{{hovertext}} : %{{y:,.0f}}{hover_unit}"
            )
            for column, label in series
        ],
        y_title=y_title,
        mode="stack",
        legend_width=None,
    )


def figure_envelope_by_pillar() -> Figure:
    wide = model.envelope()
    present = [p for p in model.pillars() if p.code in wide.columns]
    totals = model.envelope_totals()
    year_list = list(wide.index)
    largest = wide.sum().idxmax()
    largest_label = next(p.short for p in present if p.code == largest)
    table = Table(
        id="donnees-enveloppe-par-pilier",
        caption="Enveloppe État par pilier et par année (€)",
        corner="Année",
        columns=[p.short for p in present] + ["Total"],
        rows=[
            Row(str(y), [fmt.euros(wide.at[y, p.code]) for p in present] + [fmt.euros(totals[y])])
            for y in year_list
        ],
    )
    plot = stacked_bars(
        wide.fillna(0), [(p.code, p.short) for p in present], y_title="Montant (€)", hover_unit=" €"
    )
    return Figure(
        id="enveloppe-par-pilier",
        title=f"Enveloppe politique de la ville de l'État par pilier, {model.span(year_list)}",
        description=wording.envelope_description(totals, largest_label),
        plot=plot,
        table=table,
        downloads=[ENVELOPE_CSV],
    )


def _shares_plot(shares: pd.DataFrame, labels: dict[str, str], period: str) -> go.Figure:
    # The largest share on top; among equal shares, the order the chart always had.
    ordered = shares.sort_values("part").iloc[::-1]
    parts = BarSeries(
        "Part de l'enveloppe", ordered["part"].tolist(), texts=[fmt.percent(v) for v in ordered["part"]]
    )
    names = [labels[c] for c in ordered.index]
    return bar_chart(
        names,
        [parts],
        x_title=f"Part de l'enveloppe cumulée {period} (%)",
        label_width=max(len(n) for n in names),  # a pillar's short name: one line, never cut
        height=360,
        right=48,
        show_legend=False,
    )


def figure_pillar_shares() -> Figure:
    shares = model.pillar_shares()
    labels = model.short_labels()
    period = model.span(list(model.envelope().index))
    table = Table(
        id="donnees-parts-piliers",
        caption=f"Part de chaque pilier dans l'enveloppe cumulée {period}",
        corner="Pilier",
        columns=["Montant cumulé", "Part"],
        rows=[Row(labels[c], [fmt.euros(r.montant), fmt.percent(r.part)]) for c, r in shares.iterrows()],
        footer=[Row("Total", [fmt.euros(shares["montant"].sum()), fmt.percent(100)], "total")],
    )
    return Figure(
        id="parts-piliers",
        title=f"Part de chaque pilier dans l'enveloppe État, {period}",
        description=wording.shares_description(shares, labels, period),
        plot=_shares_plot(shares, labels, period),
        table=table,
        downloads=[ENVELOPE_CSV],
    )


def total_gaps(per_year: pd.DataFrame) -> pd.Series:
    """The printed TOTALs of T-EVAL-02 that the sum of the pillars does not give."""
    return model.printed_gaps(model.printed_series("T-EVAL-02", "total_actions"), per_year["total"])


def figure_new_vs_renewed() -> Figure:
    per_year = model.actions_per_year()
    gaps = total_gaps(per_year)
    share = per_year["reconduites"] / per_year["total"] * 100
    plot = stacked_bars(
        per_year,
        [("nouvelles", "Actions nouvelles"), ("reconduites", "Actions reconduites")],
        y_title="Nombre d'actions",
        hover_unit=" actions",
    )
    table = Table(
        id="donnees-nouvelles-reconduites",
        caption="Actions nouvelles et reconduites par année",
        corner="Année",
        columns=["Nouvelles", "Reconduites", "Total", "Part reconduite"],
        rows=[
            Row(
                str(y),
                [
                    fmt.number(r.nouvelles),
                    fmt.number(r.reconduites),
                    fmt.number(r.total),
                    fmt.percent(share[y]),
                ],
            )
            for y, r in per_year.iterrows()
        ],
        note=wording.recalculated_totals_note(gaps),
    )
    return Figure(
        id="nouvelles-reconduites",
        title=f"Actions nouvelles et reconduites, {model.span(list(per_year.index))}",
        description=wording.renewed_description(per_year, share, gaps),
        plot=plot,
        table=table,
        downloads=[ACTIONS_CSV],
    )


def _average_plot(average: pd.Series) -> go.Figure:
    line = go.Scatter(
        x=[str(y) for y in average.index],
        y=average.round(2).tolist(),
        mode="lines+markers+text",
        name="Montant moyen",
        line=dict(color=series_style(0)["color"], width=3),
        marker=dict(size=9, symbol="circle"),
        text=[fmt.euros(v) for v in average],
        textposition="top center",
        hovertemplate="%{x} : %{y:,.2f} €",
        hoverlabel=NO_SERIES_NAME,
    )
    fig = house_figure(
        [line],
        y_title="Montant moyen par action (€)",
        showlegend=False,
        xaxis=dict(type="category", tickangle=0),
        yaxis=dict(rangemode="tozero"),
    )
    # A phone: the first and the last value written (every one would overlap the next;
    # the table beside gives them all), each inside the chart; fewer years under the axis.
    last = len(average) - 1
    ends = [line.text[i] if i in (0, last) else "" for i in range(len(average))]
    places = [
        "top right" if i == 0 else "top left" if i == last else "top center" for i in range(len(average))
    ]
    years = [str(y) for y in average.index]
    return on_narrow(
        fig,
        layout={"xaxis": {"tickmode": "array", "tickvals": years, "ticktext": thinned_labels(years)}},
        data={0: {"text": ends, "textposition": places}},
    )


def figure_average_per_action() -> Figure:
    average = model.average_per_action()
    per_year = model.actions_per_year()
    totals = model.envelope_totals()
    printed = model.printed_series("T-EVAL-02", "montant_moyen_action_eur")
    gaps = model.printed_gaps(printed, average, PRINTED_AVERAGE_DECIMALS)
    year_list = list(average.index)
    rows = [
        Row(
            str(y),
            [
                fmt.euros(totals[y]),
                fmt.number(per_year.at[y, "total"]),
                fmt.euros(average[y], PRINTED_AVERAGE_DECIMALS),
            ],
        )
        for y in year_list
    ]
    table = Table(
        id="donnees-montant-moyen",
        caption="Montant moyen par action, recalculé",
        corner="Année",
        columns=["Enveloppe État", "Actions", "Montant moyen"],
        rows=rows,
        note=wording.recalculated_totals_note(total_gaps(per_year)),
    )
    return Figure(
        id="montant-moyen",
        title=f"Montant moyen par action, {model.span(year_list)}",
        description=wording.average_description(average, gaps),
        plot=_average_plot(average),
        table=table,
        downloads=[ENVELOPE_CSV, ACTIONS_CSV],
    )


def figure_gender_actions() -> Figure:
    wide = model.gender_actions().pivot(index="annee", columns="pilier", values="total").fillna(0)
    present = [p for p in model.pillars("pilier") if p.code in wide.columns]
    totals = wide.sum(axis=1)
    amounts = model.gender_amounts()
    year_list = list(wide.index)
    plot = stacked_bars(
        wide, [(p.code, p.short) for p in present], y_title="Nombre d'actions", hover_unit=" actions"
    )
    rows = [
        Row(
            str(y),
            [fmt.number(wide.at[y, p.code]) for p in present]
            + [fmt.number(totals[y]), fmt.euros(amounts.get(y))],
        )
        for y in year_list
    ]
    table = Table(
        id="donnees-egalite-fh",
        caption="Actions « égalité Femmes/Hommes » par pilier et montant total",
        corner="Année",
        columns=[p.short for p in present] + ["Total", "Montant total"],
        rows=rows,
    )
    return Figure(
        id="egalite-fh",
        title=f"Actions « égalité Femmes/Hommes » par pilier, {model.span(year_list)}",
        description=wording.gender_description(totals, amounts),
        plot=plot,
        table=table,
        downloads=GENDER_CSVS,
    )
