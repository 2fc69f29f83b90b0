"""The figures of the enjeux part: the structure of the framework, the partner matrix and
the tracking of the axis 1 target. Data and wording come from model and wording."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from quartiers2030.core import fmt
from quartiers2030.core.bars import PLOTLY_VALUE_AXIS, BarSeries, bar_chart, stack_totals
from quartiers2030.core.figures import (
    GRID_COLOUR,
    LABEL_FONT,
    LEGEND_ABOVE,
    LIGHT_GRID_COLOUR,
    LINE_BREAK,
    PALETTE,
    TEXT_COLOUR,
    WHITE,
    Figure,
    house_figure,
    hover_template,
    plot_text,
    wrap_label,
)
from quartiers2030.data.datapackage import load
from quartiers2030.parts.enjeux import model, tables, wording

# --- structure -------------------------------------------------------------------------


def _segments(frame: pd.DataFrame, order: list[str], colours: list[str]) -> list[BarSeries]:
    """One series per rank: the orientation of that rank in each objective (none where an
    objective has fewer), a segment in its axis' colour with its letter inside."""
    ranked = frame.assign(rank=frame.groupby("objectif").cumcount())
    series = []
    for rank, rows in ranked.groupby("rank"):
        rows = rows.set_index("objectif").reindex(order)
        present = rows["code"].notna()
        codes, items = rows["code"].fillna(""), rows["libelle"].fillna("")
        series.append(
            BarSeries(
                f"Orientations de rang {rank + 1}",
                [int(v) if ok else None for v, ok in zip(rows["actions"], present)],
                texts=[c.split(".")[-1] if ok else "" for c, ok in zip(codes, present)],
                hovers=[f"{c} {item}" if ok else "" for c, item, ok in zip(codes, items, present)],
                hover_template=hover_template("%{hovertext}", "%{x} actions"),
                style=dict(color=colours, line=dict(color=WHITE, width=2)),
                inside=True,
            )
        )
    return series


def _structure_plot(frame: pd.DataFrame, by_axis: dict) -> go.Figure:
    """A row per objective beside its axis (a two-level axis), its total at the end."""
    colour = {code: PALETTE[i % len(PALETTE)] for i, code in enumerate(by_axis)}
    order = list(dict.fromkeys(frame["objectif"]))
    axis_of = dict(zip(frame["objectif"], frame["axe"]))
    series = _segments(frame, order, [colour[axis_of[o]] for o in order])
    totals = frame.groupby("objectif", sort=False)["actions"].sum().reindex(order)
    return bar_chart(
        order,
        series,
        x_title="Nombre d'actions",
        mode="stack",
        groups=[by_axis[axis_of[o]].short for o in order],
        label_width=10,
        height=120 + 34 * len(order),
        show_legend=False,
        right=40,
        uniformtext=dict(minsize=10, mode="hide"),
        extra=[stack_totals(order, series, [fmt.number(v) for v in totals])],
        xaxis=dict(PLOTLY_VALUE_AXIS, nticks=5, rangemode="tozero"),
        yaxis=dict(showgrid=None, gridcolor=WHITE),  # white lines between rows cut the value grid
    )


def figure_structure() -> Figure:
    """Axis → objective → orientation, sized by the number of actions: one bar per
    objective, made of one segment per orientation."""
    frame = model.framework()
    by_axis = {a.code: a for a in model.axes()}
    return Figure(
        id="structure-cadre",
        title="Structure du cadre stratégique : objectifs et orientations, selon le nombre d'actions",
        description=wording.structure_description(frame, by_axis, frame["objectif"].nunique()),
        plot=_structure_plot(frame, by_axis),
        table=tables.structure_table(frame, by_axis),
        downloads=[("Orientations", "enjeux/orientations.csv"), ("Actions", "enjeux/actions.csv")],
    )


# --- partners --------------------------------------------------------------------------


def short_names(links: pd.DataFrame, names: pd.Series) -> dict[str, str]:
    """The shortest name under which the partner lists cite each partner (« CAF », « ARS »),
    skipping entries that name two partners (« associations communes »); else the full name."""
    shared = links.groupby(["axe", "libelle_contrat"])["partenaire"].transform("nunique")
    own = links[shared == 1].groupby("partenaire")["libelle_contrat"]
    shortest = {p: min(labels, key=len) for p, labels in own}
    return {p: shortest.get(p, names[p]) for p in links["partenaire"].unique()}


def partner_order(links: pd.DataFrame, listed: list) -> list[str]:
    """Partners cited by most axes first; ties in the order the lists first cite them."""
    axis_rank = {a.code: i for i, a in enumerate(listed)}
    first = links.assign(r=links["axe"].map(axis_rank)).sort_values(["r", "ordre"])
    order = first.groupby("partenaire", sort=False).agg(n=("axe", "nunique"))
    order["seen"] = range(len(order))
    return order.sort_values(["n", "seen"], ascending=[False, True]).index.tolist()


def _matrix_plot(links, names, listed, order, short) -> go.Figure:
    label = {p: wrap_label(short[p], 30) for p in order}  # at most two lines a row
    by_code = {a.code: a for a in listed}
    hover = [
        LINE_BREAK.join(
            [
                plot_text(names[r.partenaire]),
                f"{plot_text(by_code[r.axe].short)} : « {plot_text(r.libelle_contrat)} »",
            ]
        )
        for r in links.itertuples()
    ]
    marks = go.Scatter(
        x=[by_code[a].short for a in links["axe"]],
        y=[label[p] for p in links["partenaire"]],
        mode="markers",
        marker=dict(symbol="square", size=16, color=PALETTE[0]),
        text=hover,
        hovertemplate=hover_template("%{text}"),
        showlegend=False,
    )
    columns = [a.short for a in listed]
    return house_figure(
        [marks],
        x_title="Axe",
        height=110 + 36 * len(order),
        showlegend=False,
        margin=dict(l=8, r=16, t=16, b=8),
        xaxis=dict(
            type="category",
            side="top",
            categoryorder="array",
            categoryarray=columns,
            tickvals=columns,
            # numbers only: four columns must fit beside the names on a phone
            ticktext=[str(a.number) for a in listed],
            tickangle=0,
            showgrid=True,
            gridcolor=GRID_COLOUR,
        ),
        yaxis=dict(
            type="category",
            categoryorder="array",
            categoryarray=[label[p] for p in order],
            autorange="reversed",
            showgrid=True,
            gridcolor=LIGHT_GRID_COLOUR,
            zeroline=False,
            tickfont=LABEL_FONT,
        ),
    )


def figure_partner_matrix() -> Figure:
    # A partner a list cites twice is one square: its first citation.
    links = load("partenaires_axes").drop_duplicates(["axe", "partenaire"])
    names = load("partenaires").set_index("code")["libelle"]
    listed = [a for a in model.axes() if a.code in set(links["axe"])]
    order = partner_order(links, listed)
    per_partner = links.groupby("partenaire")["axe"].nunique()
    everywhere = [names[p] for p in order if per_partner[p] == len(listed)]
    once = int((per_partner == 1).sum())
    return Figure(
        id="partenaires-axes",
        title="Quelle organisation est appelée pour quel axe",
        description=wording.partner_matrix_description(len(order), len(listed), everywhere, once),
        plot=_matrix_plot(links, names, listed, order, short_names(links, names)),
        table=tables.partner_matrix_table(links, names, listed, order),
        downloads=[
            ("Partenaires par axe", "enjeux/partenaires_axes.csv"),
            ("Partenaires", "enjeux/partenaires.csv"),
        ],
    )


# --- target tracking -------------------------------------------------------------------


def _tracking_traces(history: pd.DataFrame, goal: float, pillar: str, a: model.Axis) -> list:
    years = [str(y) for y in history.index]
    line = dict(mode="lines+markers", x=years)
    return [
        go.Scatter(
            **line,
            y=history["part_montant"].round(1).tolist(),
            name=wrap_label(f"Pilier « {pillar} » : part de l'enveloppe État", 34),
            line=dict(color=PALETTE[0], width=3),
            marker=dict(size=9, symbol="circle"),
            hovertemplate=hover_template("%{x} : %{y:.1f} % de l'enveloppe"),
        ),
        go.Scatter(
            **line,
            y=history["part_actions"].round(1).tolist(),
            name=wrap_label(f"Pilier « {pillar} » : part des actions", 34),
            line=dict(color=PALETTE[1], width=2, dash="dot"),
            marker=dict(size=9, symbol="diamond"),
            hovertemplate=hover_template("%{x} : %{y:.1f} % des actions"),
        ),
        go.Scatter(
            x=years,
            y=[goal] * len(years),
            mode="lines",
            name=wrap_label(
                f"Objectif du contrat 2024-2030 pour l'{a.short.lower()} : {fmt.percent(goal, 0)}", 34
            ),
            line=dict(color=TEXT_COLOUR, width=2, dash="dash"),
            hovertemplate=hover_template(f"Objectif : {fmt.percent(goal, 0)}"),
        ),
    ]


def figure_target_tracking(target: str = "part_axe1_programmation") -> Figure:
    cible = model.target(target)
    pillar = model.pillar_label(model.history_pillar(target))
    a = model.axis(cible["axe"])
    history = model.target_history(target)
    goal = float(cible["valeur"])
    top = max(goal, history["part_montant"].max(), history["part_actions"].max())
    plot = house_figure(
        _tracking_traces(history, goal, pillar, a),
        y_title="Part du pilier (%)",
        height=440,
        xaxis=dict(type="category"),
        yaxis=dict(rangemode="tozero", range=[0, top * 1.15]),
        legend=LEGEND_ABOVE,
    )
    years = f"{history.index[0]}-{history.index[-1]}"
    return Figure(
        id="suivi-objectif-axe1",
        title=f"Objectif de {fmt.percent(goal, 0)} pour l'{a.short.lower()} et part du pilier « {pillar} », {years}",
        description=wording.tracking_description(a, goal, pillar, history),
        plot=plot,
        table=tables.tracking_table(history, goal, pillar, cible["ligne_source"]),
        downloads=[
            ("Engagements du contrat", "enjeux/cibles.csv"),
            ("Enveloppe par pilier et par année", "evaluation/enveloppe_etat.csv"),
            ("Actions par pilier et par année", "evaluation/actions.csv"),
        ],
    )
