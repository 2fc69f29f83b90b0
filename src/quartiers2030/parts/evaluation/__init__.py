"""Évaluation 2015-2023: the three programming tables (T-EVAL-01..03), their charts, and
the checks of the contract's printed totals and claims.

Every year, pillar and label comes from the data: adding a year or a pillar to the CSV
files extends every table and chart here without a code change.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from quartiers2030.core import fmt
from quartiers2030.core.checks import Check, Verdict, compare
from quartiers2030.core.checks import render as render_checks
from quartiers2030.core.figures import Figure, house_figure, plot_text, series_style
from quartiers2030.core.tables import Row, Table
from quartiers2030.data.datapackage import load

PRINTED_AVERAGE_DECIMALS = 2  # « 14 927.80 € »: the contract prints cents
# Which claims of the commentary each page checks (values of affirmations.calcul).
ENVELOPE_CLAIMS = ("part_pilier_enveloppe", "pilier_moins_dote")
ACTION_CLAIMS = ("subvention_moyenne_action", "actions_par_an", "part_actions_reconduites")


@dataclass(frozen=True)
class Pillar:
    code: str
    label: str
    short: str
    kind: str


def pillars(kind: str | None = None) -> list[Pillar]:
    frame = load("piliers").sort_values("ordre")
    out = [Pillar(r.code, r.libelle, r.libelle_court, r.type) for r in frame.itertuples()]
    return [p for p in out if kind is None or p.kind == kind]


def _years(frame: pd.DataFrame) -> list[int]:
    return sorted(int(y) for y in frame["annee"].unique())


def _span(years: list[int]) -> str:
    return f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])


# --- facts -----------------------------------------------------------------------------


def envelope() -> pd.DataFrame:
    """Amounts by year (rows) and pillar code (columns); NaN where the contract is empty."""
    frame = load("enveloppe_etat")
    wide = frame.pivot(index="annee", columns="pilier", values="montant_eur")
    order = [p.code for p in pillars() if p.code in wide.columns]
    return wide[order].astype("float64")


def envelope_totals() -> pd.Series:
    return envelope().sum(axis=1, min_count=1)


def actions() -> pd.DataFrame:
    frame = load("actions")
    frame["total"] = frame["nouvelles"] + frame["reconduites"]
    return frame


def actions_per_year() -> pd.DataFrame:
    return actions().groupby("annee")[["nouvelles", "reconduites", "total"]].sum()


def average_per_action() -> pd.Series:
    """Envelope total divided by the number of actions, year by year (not rounded)."""
    per_year = actions_per_year()["total"].astype("float64")
    return (envelope_totals() / per_year).dropna()


def gender_actions() -> pd.DataFrame:
    frame = load("egalite_fh_actions")
    frame["total"] = frame["nouvelles"] + frame["reconduites"]
    return frame


# --- tables ----------------------------------------------------------------------------


def _pair(new, renewed) -> str:
    return f"{fmt.number(new)} / {fmt.number(renewed)}"


def envelope_table() -> Table:
    """T-EVAL-01, rebuilt: pillars, their « dont PRE » lines, cross-cutting priorities,
    and a TOTAL computed from the pillar rows (the « dont » lines are parts, not added)."""
    wide = envelope()
    years = list(wide.index)
    pre = load("pre")
    pre_amounts = load("enveloppe_pre").pivot(index="annee", columns="pre", values="montant_eur")
    rows = []
    for p in pillars():
        if p.code not in wide.columns:
            continue
        rows.append(Row(p.label, [fmt.euros(wide.at[y, p.code]) for y in years]))
        for sub in pre[pre["pilier"] == p.code].itertuples():
            rows.append(
                Row(f"Dont {sub.libelle}", [fmt.euros(pre_amounts[sub.code].get(y)) for y in years], "sub")
            )
    totals = envelope_totals()
    return Table(
        id="tableau-enveloppe-etat",
        caption=(
            "Répartition de l'enveloppe politique de la ville État par piliers "
            f"et par années ({_span(years)})"
        ),
        corner="Piliers",
        column_group="Demande de subvention État (ANCT)",
        columns=[str(y) for y in years],
        rows=rows,
        footer=[Row("TOTAL", [fmt.euros(totals[y]) for y in years], "total")],
        note=(
            "Les lignes « Dont PRE » font partie du pilier précarité ; le total est "
            "recalculé à partir des lignes des piliers et des priorités transversales. "
            "Une case vide (–) est vide dans le contrat."
        ),
    )


def _count_table(frame: pd.DataFrame, *, id: str, caption: str, group: str, extra_footer: list[Row]) -> Table:
    years = _years(frame)
    indexed = frame.set_index(["pilier", "annee"])
    rows = []
    for p in pillars("pilier"):
        if p.code not in indexed.index.get_level_values(0):
            continue
        sub = indexed.loc[p.code]
        rows.append(Row(p.label, [fmt.number(sub.at[y, "total"]) if y in sub.index else "" for y in years]))
        rows.append(
            Row(
                "Nouvelles / reconduites",
                [
                    _pair(sub.at[y, "nouvelles"], sub.at[y, "reconduites"]) if y in sub.index else ""
                    for y in years
                ],
                "sub",
            )
        )
    totals = frame.groupby("annee")["total"].sum()
    return Table(
        id=id,
        caption=caption,
        corner="Piliers",
        column_group=group,
        columns=[str(y) for y in years],
        rows=rows,
        footer=[Row("TOTAL", [fmt.number(totals[y]) for y in years], "total"), *extra_footer],
    )


def actions_table() -> Table:
    """T-EVAL-02, rebuilt: actions by pillar, new / renewed, total and average grant."""
    frame = actions()
    years = _years(frame)
    average = average_per_action()
    table = _count_table(
        frame,
        id="tableau-actions",
        caption=(f"Nombre d'actions, nouvelles et reconduites, par piliers et par années ({_span(years)})"),
        group="Nombre d'actions dans la programmation du contrat de ville",
        extra_footer=[
            Row(
                "Montant moyen par action",
                [fmt.euros(average.get(y), PRINTED_AVERAGE_DECIMALS) for y in years],
                "total",
            )
        ],
    )
    table.note = (
        "Le nombre d'actions d'un pilier est la somme des actions nouvelles et "
        "reconduites ; le montant moyen divise le total de l'enveloppe État de "
        "l'année par le total des actions."
    )
    return table


def gender_table() -> Table:
    """T-EVAL-03, rebuilt: gender-equality actions by pillar, and their yearly amount."""
    frame = gender_actions()
    years = _years(frame)
    amounts = load("egalite_fh_montants").set_index("annee")["montant_eur"]
    table = _count_table(
        frame,
        id="tableau-egalite-fh",
        caption=(f"Axe transversal « égalité Femmes/Hommes » par année et par piliers ({_span(years)})"),
        group="Nombre d'actions « Égalité Femmes/Hommes »",
        extra_footer=[Row("Montant total", [fmt.euros(amounts.get(y)) for y in years], "total")],
    )
    table.note = "Le contrat ne détaille pas le montant par pilier."
    return table


# --- figures ---------------------------------------------------------------------------


def _stacked_bars(
    wide: pd.DataFrame, series: list[tuple[str, str]], *, y_title: str, hover_unit: str
) -> go.Figure:
    traces = []
    for i, (column, label) in enumerate(series):
        style = series_style(i)
        label = plot_text(label)
        traces.append(
            go.Bar(
                x=[str(y) for y in wide.index],
                y=wide[column].tolist(),
                name=label,
                marker=style,
                hovertemplate=f"{label}<br>%{{x}} : %{{y:,.0f}}{hover_unit}<extra></extra>",
            )
        )
    return house_figure(traces, y_title=y_title, barmode="stack", xaxis=dict(type="category"))


def figure_envelope_by_pillar() -> Figure:
    wide = envelope()
    present = [p for p in pillars() if p.code in wide.columns]
    totals = envelope_totals()
    years = list(wide.index)
    first, last, peak = years[0], years[-1], totals.idxmax()
    largest = wide.sum().idxmax()
    largest_label = next(p.short for p in present if p.code == largest)
    description = (
        f"Enveloppe État de {fmt.euros(totals[first])} en {first} et de "
        f"{fmt.euros(totals[last])} en {last}, au plus haut en {peak} "
        f"({fmt.euros(totals[peak])}). Le pilier « {largest_label} » reçoit la plus grande "
        "part chaque année ; les montants de chaque pilier figurent dans le tableau "
        "de données ci-dessous."
    )
    table = Table(
        id="donnees-enveloppe-par-pilier",
        caption="Enveloppe État par pilier et par année (€)",
        corner="Année",
        columns=[p.short for p in present] + ["Total"],
        rows=[
            Row(str(y), [fmt.euros(wide.at[y, p.code]) for p in present] + [fmt.euros(totals[y])])
            for y in years
        ],
    )
    return Figure(
        id="enveloppe-par-pilier",
        title=f"Enveloppe politique de la ville de l'État par pilier, {_span(years)}",
        description=description,
        plot=_stacked_bars(
            wide.fillna(0), [(p.code, p.short) for p in present], y_title="Montant (€)", hover_unit=" €"
        ),
        table=table,
        downloads=[("Enveloppe par pilier et par année", "evaluation/enveloppe_etat.csv")],
    )


def pillar_shares() -> pd.DataFrame:
    wide = envelope()
    total = wide.sum().sum()
    frame = pd.DataFrame({"montant": wide.sum(), "part": wide.sum() / total * 100})
    return frame.loc[[p.code for p in pillars() if p.code in frame.index]]


def figure_pillar_shares() -> Figure:
    shares = pillar_shares()
    labels = {p.code: p.short for p in pillars()}
    years = list(envelope().index)
    ordered = shares.sort_values("part")
    plot = house_figure(
        [
            go.Bar(
                x=ordered["part"].tolist(),
                y=[plot_text(labels[c]) for c in ordered.index],
                orientation="h",
                marker=series_style(0),
                text=[fmt.percent(v) for v in ordered["part"]],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y} : %{x:.1f} %<extra></extra>",
            )
        ],
        x_title=f"Part de l'enveloppe cumulée {_span(years)} (%)",
        height=360,
        showlegend=False,
        margin=dict(l=8, r=48, t=16, b=8),
    )
    top = shares["part"].idxmax()
    description = (
        f"Sur {_span(years)}, « {labels[top]} » reçoit {fmt.percent(shares.at[top, 'part'])} "
        "de l'enveloppe État cumulée. Parts des autres lignes : "
        + " ; ".join(f"{labels[c]} {fmt.percent(r.part)}" for c, r in shares.iterrows() if c != top)
        + "."
    )
    table = Table(
        id="donnees-parts-piliers",
        caption=f"Part de chaque pilier dans l'enveloppe cumulée {_span(years)}",
        corner="Pilier",
        columns=["Montant cumulé", "Part"],
        rows=[Row(labels[c], [fmt.euros(r.montant), fmt.percent(r.part)]) for c, r in shares.iterrows()],
        footer=[Row("Total", [fmt.euros(shares["montant"].sum()), fmt.percent(100)], "total")],
    )
    return Figure(
        id="parts-piliers",
        title=f"Part de chaque pilier dans l'enveloppe État, {_span(years)}",
        description=description,
        plot=plot,
        table=table,
        downloads=[("Enveloppe par pilier et par année", "evaluation/enveloppe_etat.csv")],
    )


def figure_new_vs_renewed() -> Figure:
    per_year = actions_per_year()
    years = list(per_year.index)
    share = per_year["reconduites"] / per_year["total"] * 100
    plot = _stacked_bars(
        per_year,
        [("nouvelles", "Actions nouvelles"), ("reconduites", "Actions reconduites")],
        y_title="Nombre d'actions",
        hover_unit=" actions",
    )
    description = (
        f"De {fmt.number(per_year.at[years[0], 'total'])} actions en {years[0]} à "
        f"{fmt.number(per_year.at[years[-1], 'total'])} en {years[-1]}. La part des actions "
        f"reconduites va de {fmt.percent(share.min())} ({share.idxmin()}) à "
        f"{fmt.percent(share.max())} ({share.idxmax()})."
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
    )
    return Figure(
        id="nouvelles-reconduites",
        title=f"Actions nouvelles et reconduites, {_span(years)}",
        description=description,
        plot=plot,
        table=table,
        downloads=[("Actions par pilier et par année", "evaluation/actions.csv")],
    )


def figure_average_per_action() -> Figure:
    average = average_per_action()
    per_year = actions_per_year()
    totals = envelope_totals()
    years = list(average.index)
    plot = house_figure(
        [
            go.Scatter(
                x=[str(y) for y in years],
                y=average.round(2).tolist(),
                mode="lines+markers+text",
                name="Montant moyen",
                line=dict(color=series_style(0)["color"], width=3),
                marker=dict(size=9, symbol="circle"),
                text=[fmt.euros(v) for v in average],
                textposition="top center",
                hovertemplate="%{x} : %{y:,.2f} €<extra></extra>",
            )
        ],
        y_title="Montant moyen par action (€)",
        showlegend=False,
        xaxis=dict(type="category"),
        yaxis=dict(rangemode="tozero"),
    )
    description = (
        f"Le montant moyen par action varie entre {fmt.euros(average.min())} "
        f"({average.idxmin()}) et {fmt.euros(average.max())} ({average.idxmax()})."
    )
    table = Table(
        id="donnees-montant-moyen",
        caption="Montant moyen par action, recalculé",
        corner="Année",
        columns=["Enveloppe État", "Actions", "Montant moyen"],
        rows=[
            Row(
                str(y),
                [
                    fmt.euros(totals[y]),
                    fmt.number(per_year.at[y, "total"]),
                    fmt.euros(average[y], PRINTED_AVERAGE_DECIMALS),
                ],
            )
            for y in years
        ],
    )
    return Figure(
        id="montant-moyen",
        title=f"Montant moyen par action, {_span(years)}",
        description=description,
        plot=plot,
        table=table,
        downloads=[
            ("Enveloppe par pilier et par année", "evaluation/enveloppe_etat.csv"),
            ("Actions par pilier et par année", "evaluation/actions.csv"),
        ],
    )


def figure_gender_actions() -> Figure:
    frame = gender_actions()
    wide = frame.pivot(index="annee", columns="pilier", values="total").fillna(0)
    present = [p for p in pillars("pilier") if p.code in wide.columns]
    totals = wide.sum(axis=1)
    amounts = load("egalite_fh_montants").set_index("annee")["montant_eur"]
    years = list(wide.index)
    plot = _stacked_bars(
        wide, [(p.code, p.short) for p in present], y_title="Nombre d'actions", hover_unit=" actions"
    )
    description = (
        f"{fmt.number(totals[years[0]])} actions « égalité Femmes/Hommes » en {years[0]}, "
        f"{fmt.number(totals[years[-1]])} en {years[-1]} ; montant total de "
        f"{fmt.euros(amounts.get(years[0]))} en {years[0]} et de "
        f"{fmt.euros(amounts.get(years[-1]))} en {years[-1]}."
    )
    table = Table(
        id="donnees-egalite-fh",
        caption="Actions « égalité Femmes/Hommes » par pilier et montant total",
        corner="Année",
        columns=[p.short for p in present] + ["Total", "Montant total"],
        rows=[
            Row(
                str(y),
                [fmt.number(wide.at[y, p.code]) for p in present]
                + [fmt.number(totals[y]), fmt.euros(amounts.get(y))],
            )
            for y in years
        ],
    )
    return Figure(
        id="egalite-fh",
        title=f"Actions « égalité Femmes/Hommes » par pilier, {_span(years)}",
        description=description,
        plot=plot,
        table=table,
        downloads=[
            ("Actions égalité F/H par pilier", "evaluation/egalite_fh_actions.csv"),
            ("Montants égalité F/H", "evaluation/egalite_fh_montants.csv"),
        ],
    )


# --- checks ----------------------------------------------------------------------------


def _printed(table: str) -> pd.DataFrame:
    frame = load("valeurs_imprimees")
    return frame[frame["tableau"] == table]


def _count_check(row, computed: float, what: str) -> Check:
    return Check(
        subject=f"{what} {row.annee}",
        stated=fmt.number(row.valeur),
        computed=fmt.number(computed),
        verdict=compare(row.valeur, computed, 0),
        source_line=int(row.ligne_source),
        detail="Somme des actions nouvelles et reconduites.",
    )


def _average_detail(year, totals, actions_by_year, printed_totals) -> str:
    detail = f"{fmt.euros(totals.get(year))} ÷ {fmt.number(actions_by_year.get(year))} actions."
    printed_total = printed_totals.get(year)
    if printed_total is not None and printed_total != actions_by_year.get(year):
        detail += (
            f" Avec le total imprimé de {fmt.number(printed_total)} actions, le calcul "
            f"donne {fmt.euros(totals.get(year) / printed_total, PRINTED_AVERAGE_DECIMALS)}."
        )
    return detail


def printed_value_checks(table: str) -> list[Check]:
    """Every total, count and average printed in one table (T-EVAL-01, -02 or -03)
    against the sum of its parts."""
    printed = _printed(table)
    if table == "T-EVAL-01":
        totals = envelope_totals()
        return [
            Check(
                subject=f"TOTAL {r.annee}",
                stated=fmt.euros(r.valeur),
                computed=fmt.euros(totals.get(r.annee)),
                verdict=compare(r.valeur, totals.get(r.annee, float("nan")), 0),
                source_line=int(r.ligne_source),
                detail="Somme des piliers et des priorités transversales (sans les lignes « Dont PRE »).",
            )
            for r in printed.itertuples()
        ]
    labels = {p.code: p.short for p in pillars()}
    frame = actions() if table == "T-EVAL-02" else gender_actions()
    by_pillar = frame.set_index(["pilier", "annee"])["total"]
    by_year = frame.groupby("annee")["total"].sum()
    printed_totals = printed[printed["indicateur"] == "total_actions"].set_index("annee")["valeur"]
    checks = []
    for r in printed.itertuples():
        if r.indicateur == "nombre_actions":
            checks.append(
                _count_check(
                    r,
                    by_pillar.get((r.pilier, r.annee), float("nan")),
                    f"Actions « {labels.get(r.pilier, r.pilier)} »",
                )
            )
        elif r.indicateur == "total_actions":
            check = _count_check(r, by_year.get(r.annee, float("nan")), "TOTAL des actions")
            checks.append(
                Check(
                    check.subject,
                    check.stated,
                    check.computed,
                    check.verdict,
                    check.source_line,
                    "Somme des actions des piliers.",
                )
            )
        elif r.indicateur == "montant_moyen_action_eur":
            totals = envelope_totals()
            computed = average_per_action().get(r.annee, float("nan"))
            checks.append(
                Check(
                    subject=f"Montant moyen par action {r.annee}",
                    stated=fmt.euros(r.valeur, PRINTED_AVERAGE_DECIMALS),
                    computed=fmt.euros(computed, PRINTED_AVERAGE_DECIMALS),
                    verdict=compare(r.valeur, computed, PRINTED_AVERAGE_DECIMALS),
                    source_line=int(r.ligne_source),
                    detail=_average_detail(r.annee, totals, by_year, printed_totals),
                )
            )
    return checks


def checks_box(table: str, claims: tuple[str, ...] = ()):
    """The « contrôles de cohérence » box of one page: the printed values of `table`,
    then the commentary's claims of the given kinds."""
    checks = printed_value_checks(table) + (claim_checks(claims) if claims else [])
    return render_checks(checks, id=f"controles-{table.lower()}")


def claim_checks(kinds: tuple[str, ...] | None = None) -> list[Check]:
    """The commentary's shares, averages and ranking, recomputed from the data."""
    labels = {p.code: p.short for p in pillars()}
    wide = envelope()
    years = list(wide.index)
    span = _span(years)
    per_year = actions_per_year()
    checks = []
    for claim in load("affirmations").itertuples():
        if kinds is not None and claim.calcul not in kinds:
            continue
        line = int(claim.ligne_source)
        if claim.calcul == "part_pilier_enveloppe":
            part = wide[claim.pilier].sum() / wide.sum().sum() * 100
            decimals = fmt.decimals_of(claim.valeur)
            checks.append(
                Check(
                    f"Part du pilier « {labels[claim.pilier]} »",
                    fmt.percent(claim.valeur, decimals),
                    fmt.percent(part),
                    compare(claim.valeur, part, decimals),
                    line,
                    f"Montant cumulé {span} du pilier ({fmt.euros(wide[claim.pilier].sum())}) "
                    f"rapporté à l'enveloppe cumulée ({fmt.euros(wide.sum().sum())}).",
                )
            )
        elif claim.calcul == "pilier_moins_dote":
            cumulated = wide[[p.code for p in pillars("pilier") if p.code in wide.columns]].sum()
            lowest = cumulated.idxmin()
            yearly = wide[cumulated.index].idxmin(axis=1)
            by_pillar = {code: [str(y) for y, c in yearly.items() if c == code] for code in cumulated.index}
            detail = (
                "Montants cumulés : "
                + " ; ".join(f"{labels[c]} {fmt.euros(v)}" for c, v in cumulated.sort_values().items())
                + ". Pilier le moins doté, année par année : "
                + " ; ".join(f"{labels[c]} en {', '.join(ys)}" for c, ys in by_pillar.items() if ys)
                + "."
            )
            checks.append(
                Check(
                    "Pilier le moins doté",
                    f"« {labels[claim.pilier]} »",
                    f"« {labels[lowest]} »",
                    Verdict.AGREES if lowest == claim.pilier else Verdict.DIFFERS,
                    line,
                    detail,
                )
            )
        elif claim.calcul == "subvention_moyenne_action":
            average = envelope_totals().sum() / per_year["total"].sum()
            printed = _printed("T-EVAL-02")
            printed_avg = printed[printed["indicateur"] == "montant_moyen_action_eur"]["valeur"]
            detail = (
                f"Enveloppe cumulée {span} ({fmt.euros(envelope_totals().sum())}) divisée par "
                f"le nombre cumulé d'actions ({fmt.number(per_year['total'].sum())})."
            )
            if len(printed_avg):
                detail += (
                    " La moyenne des montants moyens imprimés dans le tableau vaut "
                    f"{fmt.euros(printed_avg.mean(), PRINTED_AVERAGE_DECIMALS)}."
                )
            checks.append(
                Check(
                    "Subvention moyenne par action",
                    fmt.euros(claim.valeur),
                    fmt.euros(average),
                    compare(claim.valeur, average, 0),
                    line,
                    detail,
                )
            )
        elif claim.calcul == "actions_par_an":
            mean = per_year["total"].mean()
            checks.append(
                Check(
                    "Actions financées par an, en moyenne",
                    fmt.number(claim.valeur),
                    fmt.number(mean, 1),
                    compare(claim.valeur, mean, 0),
                    line,
                    f"Moyenne des totaux annuels {span}.",
                )
            )
        elif claim.calcul == "part_actions_reconduites":
            part = per_year["reconduites"].sum() / per_year["total"].sum() * 100
            decimals = fmt.decimals_of(claim.valeur)
            checks.append(
                Check(
                    "Part des actions reconduites",
                    fmt.percent(claim.valeur, decimals),
                    fmt.percent(part),
                    compare(claim.valeur, part, decimals),
                    line,
                    f"Actions reconduites cumulées / actions cumulées, {span}.",
                )
            )
    return checks
