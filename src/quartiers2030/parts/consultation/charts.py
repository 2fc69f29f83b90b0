"""The consultation's charts, each a `Figure` with its text alternative and its data:
respondents by quartier, a lost profile once its file exists, a ranked list, the two
participation questions, and the detailed quartiers side by side."""

from __future__ import annotations

import pandas as pd

from quartiers2030.core import fmt
from quartiers2030.core.bars import BarSeries, bar_chart
from quartiers2030.core.figures import Figure
from quartiers2030.core.html import slug
from quartiers2030.data.datapackage import load
from quartiers2030.parts.consultation import model, tables, wording

PERCENT_RANGE = (0, 100)


def figure_split() -> Figure:
    s = model.split()
    total = model.respondents()
    # The largest share on top; among equal shares, the order the chart always had.
    ordered = s.sort_values("valeur").iloc[::-1]
    labels = [
        wording.respondents_label(q, n) for q, n in zip(ordered["libelle_quartier"], ordered["repondants"])
    ]
    shares = BarSeries(
        wording.SHARE_AXIS, list(ordered["valeur"]), texts=[fmt.percent(v, 3) for v in ordered["valeur"]]
    )
    plot = bar_chart(
        labels,
        [shares],
        x_title=wording.SHARE_AXIS,
        base=120,
        row_minimum=60,
        x_range=PERCENT_RANGE,
        show_legend=False,
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
    shares = BarSeries(
        p.title, list(frame["pourcentage"]), texts=[fmt.percent(v) for v in frame["pourcentage"]]
    )
    plot = bar_chart(
        list(frame[p.category]),
        [shares],
        x_title=wording.SHARE_AXIS,
        base=120,
        row_minimum=44,
        right=56,
        show_legend=False,
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
    counts = BarSeries(
        "Nombre de sélections",
        list(frame["nombre"]),
        texts=[fmt.number(v) for v in frame["nombre"]],
        hovers=[f"{a} : {fmt.number(v)} sélections" for a, v in zip(frame["libelle"], frame["nombre"])],
    )
    plot = bar_chart(
        list(frame["libelle"]),
        [counts],
        x_title="Nombre de sélections",
        base=110,
        row_minimum=44,
        right=40,
        show_legend=False,
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
    series = []
    for m, name in labels.items():
        shares = p[p["modalite"] == m].set_index("question")["pourcentage"]
        texts = [wording.share_text(shares.get(q)) if q in shares.index else "" for q in qs]
        series.append(BarSeries(name, [shares.get(q) for q in qs], texts=texts))
    plot = bar_chart(
        [model.question_label(q) for q in qs],
        series,
        x_title=wording.SHARE_AXIS,
        base=200,
        row_minimum=110,
        right=64,
        x_range=PERCENT_RANGE,
    )
    return Figure(
        id="participation",
        title="Connaître et pratiquer la participation",
        description=wording.participation_description(p, labels),
        plot=plot,
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


def _quartier_series(t: str, counts: pd.Series, n: int, answers: list[str]) -> BarSeries:
    """An answer missing from the quartier's list: no bar, but said in words."""
    name = model.territory_names()[t]
    shares = [counts[a] / n * 100 if a in counts.index else None for a in answers]
    missing = "absente de la liste"
    return BarSeries(
        wording.respondents_label(name, n),
        [0 if v is None else v for v in shares],
        texts=[fmt.percent(v, 0) if v is not None else missing for v in shares],
        hovers=[
            f"{name}\n{a} : " + (f"{fmt.number(counts[a])} sélections" if a in counts.index else missing)
            for a in answers
        ],
    )


def figure_quartiers(question: str) -> Figure:
    """The detailed quartiers side by side: for each answer, the share of the quartier's
    respondents who selected it (the quartiers do not have the same number of respondents)."""
    overall = model.ranking(question)
    answers = list(overall["libelle"])
    lists = _quartier_lists(question)
    series = [_quartier_series(t, counts, n, answers) for t, (counts, n) in lists.items()]
    plot = bar_chart(
        answers,
        series,
        x_title=wording.SHARE_AXIS,
        base=160,
        row_minimum=60,
        right=48,
        x_range=PERCENT_RANGE,
    )
    return Figure(
        id=f"quartiers-{slug(question)}",
        title=f"{wording.question_title(question)} — les quartiers côte à côte",
        description=wording.quartiers_description(overall, lists),
        plot=plot,
        table=tables.quartiers_table(question, overall, lists),
        downloads=[wording.RANKED_DOWNLOAD],
    )
