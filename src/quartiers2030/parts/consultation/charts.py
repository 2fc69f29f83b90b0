"""The consultation's charts, each a `Figure` with its text alternative and its data:
respondents by quartier, a lost profile once its file exists, a ranked list, the two
participation questions, and the detailed quartiers side by side."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from quartiers2030.core import fmt
from quartiers2030.core.figures import (
    LABEL_FONT,
    LEGEND_ABOVE,
    LINE_BREAK,
    Figure,
    house_figure,
    hover_template,
    plot_text,
    row_height,
    series_style,
    wrap_label,
)
from quartiers2030.core.html import slug
from quartiers2030.data.datapackage import load
from quartiers2030.parts.consultation import model, tables, wording

PERCENT_AXIS = dict(range=[0, 100], nticks=5)


def _hover(template: str) -> str:
    """A hover template whose box shows only `template` (the category says it all)."""
    return hover_template(template)


def _bar(values, labels: list[str], texts: list[str], hover: str, index: int = 0, **trace) -> go.Bar:
    """One series of horizontal bars, its value written beside each bar."""
    return go.Bar(
        x=list(values),
        y=labels,
        orientation="h",
        marker=series_style(index),
        text=texts,
        textposition="outside",
        cliponaxis=False,
        hovertemplate=hover,
        **trace,
    )


def _bars(categories, values, texts: list[str], hover: str, x_title: str, base: int, right: int) -> go.Figure:
    """A single series, a category a row from the top (`right`: room for the value text)."""
    labels = [wrap_label(v) for v in categories]
    return house_figure(
        [_bar(values, labels, texts, hover)],
        x_title=x_title,
        height=base + row_height(labels, 44) * len(labels),
        showlegend=False,
        margin=dict(l=8, r=right, t=16, b=8),
        xaxis=dict(nticks=5),
        yaxis=dict(autorange="reversed", tickfont=LABEL_FONT),
    )


def _grouped(traces: list[go.Bar], labels: list[str], base: int, minimum: int, right: int) -> go.Figure:
    """Several series side by side, the legend above, shares out of 100 %."""
    return house_figure(
        traces,
        x_title=wording.SHARE_AXIS,
        barmode="group",
        height=base + row_height(labels, minimum) * len(labels),
        margin=dict(l=8, r=right, t=16, b=8),
        legend=LEGEND_ABOVE,
        yaxis=dict(autorange="reversed", tickfont=LABEL_FONT),
        xaxis=PERCENT_AXIS,
    )


def figure_split() -> Figure:
    s = model.split()
    total = model.respondents()
    ordered = s.sort_values("valeur")  # plotly draws the first row at the bottom
    labels = [
        wrap_label(wording.respondents_label(q, n))
        for q, n in zip(ordered["libelle_quartier"], ordered["repondants"])
    ]
    texts = [fmt.percent(v, 3) for v in ordered["valeur"]]
    plot = house_figure(
        [_bar(ordered["valeur"], labels, texts, _hover("%{y} : %{x:.3f} %"))],
        x_title=wording.SHARE_AXIS,
        height=120 + row_height(labels, 60) * len(s),
        showlegend=False,
        margin=dict(l=8, r=16, t=16, b=8),
        xaxis=PERCENT_AXIS,
        yaxis=dict(tickfont=LABEL_FONT),
    )
    return Figure(
        id="repartition-repondants",
        title=f"Les {fmt.number(total)} répondants des quartiers prioritaires, par quartier",
        description=wording.split_description(s, total),
        plot=plot,
        table=tables.split_table(s, total),
        downloads=[("Faits chiffrés de la consultation", "consultation/faits.csv")],
    )


def figure_profile(p: model.Profile, path: str) -> Figure:
    """A lost chart of the respondents, drawn from the file staff added."""
    frame = load(p.resource)
    plot = _bars(
        frame[p.category],
        frame["pourcentage"],
        [fmt.percent(v) for v in frame["pourcentage"]],
        _hover("%{y} : %{x:.1f} %"),
        wording.SHARE_AXIS,
        base=120,
        right=56,
    )
    return Figure(
        id=f"repondants-{p.code}",
        title=p.title,
        description=wording.profile_description(frame, p.category),
        plot=plot,
        table=tables.profile_table(p, frame),
        downloads=[(p.title, path)],
    )


def figure_ranking(question: str) -> Figure:
    frame = model.ranking(question)
    plot = _bars(
        frame["libelle"],
        frame["nombre"],
        [fmt.number(v) for v in frame["nombre"]],
        _hover("%{y} : %{x} sélections"),
        "Nombre de sélections",
        base=110,
        right=40,
    )
    return Figure(
        id=f"classement-{slug(question)}",
        title=wording.question_title(question),
        description=wording.ranking_description(frame, model.respondents()),
        plot=plot,
        table=tables.ranking_table(question),
        downloads=[wording.RANKED_DOWNLOAD],
    )


def figure_participation() -> Figure:
    p = model.participation()
    present = set(p["modalite"])
    labels = {m: name for m, name in model.modalities().items() if m in present}
    qs = list(dict.fromkeys(p["question"]))
    rows_labels = [wrap_label(model.question_label(q)) for q in qs]
    traces = []
    for i, (m, name) in enumerate(labels.items()):
        shares = p[p["modalite"] == m].set_index("question")["pourcentage"]
        texts = [wording.share_text(shares.get(q)) if q in shares.index else "" for q in qs]
        values = [shares.get(q) for q in qs]
        traces.append(_bar(values, rows_labels, texts, _hover(f"{name} : %{{x}} %"), i, name=name))
    return Figure(
        id="participation",
        title="Connaître et pratiquer la participation",
        description=wording.participation_description(p, labels),
        plot=_grouped(traces, rows_labels, base=200, minimum=110, right=64),
        table=tables.participation_table(p, labels),
        downloads=[("Participation", "consultation/participation.csv")],
    )


def _quartier_lists(question: str) -> dict[str, tuple[pd.Series, int]]:
    """For each detailed quartier: its counts by answer, and its number of respondents."""
    s = model.split()
    return {
        t: (model.ranking(question, t).set_index("libelle")["nombre"], int(s.at[t, "repondants"]))
        for t in model.detailed_territories()
    }


def _quartier_trace(i: int, t: str, counts: pd.Series, n: int, answers: list[str]) -> go.Bar:
    """An answer missing from the quartier's list: no bar, but said in words."""
    name = model.territory_names()[t]
    shares = [counts[a] / n * 100 if a in counts.index else None for a in answers]
    return _bar(
        [0 if v is None else v for v in shares],
        [wrap_label(a) for a in answers],
        [fmt.percent(v, 0) if v is not None else "absente de la liste" for v in shares],
        _hover(f"{plot_text(name)}{LINE_BREAK}%{{y}} : %{{customdata}}"),
        i,
        name=wrap_label(wording.respondents_label(name, n), 34),
        customdata=[
            f"{fmt.number(counts[a])} sélections" if a in counts.index else "absente de la liste"
            for a in answers
        ],
    )


def figure_quartiers(question: str) -> Figure:
    """The detailed quartiers side by side: for each answer, the share of the quartier's
    respondents who selected it (the quartiers do not have the same number of respondents)."""
    overall = model.ranking(question)
    answers = list(overall["libelle"])
    lists = _quartier_lists(question)
    traces = [_quartier_trace(i, t, counts, n, answers) for i, (t, (counts, n)) in enumerate(lists.items())]
    return Figure(
        id=f"quartiers-{slug(question)}",
        title=f"{wording.question_title(question)} — les quartiers côte à côte",
        description=wording.quartiers_description(overall, lists),
        plot=_grouped(traces, [wrap_label(a) for a in answers], base=160, minimum=60, right=48),
        table=tables.quartiers_table(question, overall, lists),
        downloads=[wording.RANKED_DOWNLOAD],
    )
