"""The two figures the published contract lost, redrawn from the ministry's open data:
F-GEO-02, the IPS of the schools (of the commune of the school the contract names, then
of the whole CAB), and F-GEO-03, the IPS of the collèges. Each is a house `Figure` with its
text alternative and its data table."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from quartiers2030.core import fmt
from quartiers2030.core.bars import LEGEND_WIDTH, BarSeries, bar_chart, reference_line
from quartiers2030.core.figures import (
    BLACK,
    BLUISH_GREEN,
    GRID_COLOUR,
    LEGEND_ABOVE,
    LIGHT_GRID_COLOUR,
    TEXT_COLOUR,
    WHITE,
    Figure,
    house_figure,
    plot_text,
    series_style,
    wrap_label,
)
from quartiers2030.core.tables import Row, Table
from quartiers2030.data.datapackage import load, resource
from quartiers2030.parts.geographie import ips
from quartiers2030.parts.geographie import maps as carte

HIGHLIGHT = ("Établissement nommé par le contrat", series_style(1))
OTHERS = ("Autre établissement", series_style(0))
LEGEND = dict(LEGEND_ABOVE, font=dict(size=13))
DEPARTMENT_COLOUR = BLUISH_GREEN  # the departmental mean of the schools, dotted
AXIS_ROOM = 1.28  # of the largest value: the bars' printed values fit beside them


def _department_line(value: float) -> dict:
    return reference_line(
        value,
        f"Moyenne des écoles du département : {fmt.number(value, 1)}",
        dash="dot",
        colour=DEPARTMENT_COLOUR,
    )


def _series(shown: pd.DataFrame, value: str, named_uai: str | None, hover: list[str]) -> list[BarSeries]:
    """One row per establishment of `shown` (in its order), the one the contract names a
    series of its own (its style, its legend entry); `hover` gives one text per row."""
    shown = shown.reset_index(drop=True)
    series = []
    for (label, style), mask in ((OTHERS, shown["uai"] != named_uai), (HIGHLIGHT, shown["uai"] == named_uai)):
        members = shown[mask]
        series.append(
            BarSeries(
                label,
                list(members[value]),
                rows=list(members.index),
                texts=[fmt.number(v, 1) for v in members[value]],
                hovers=[hover[i] for i in members.index],
                style=style,
            )
        )
    return series


def _bar_figure(labels: list[str], series: list[BarSeries], lines: list, largest: float, row_px: int):
    """The house style of both bar charts: one row per establishment, lowest IPS on top."""
    n = len(labels)
    return bar_chart(
        labels,
        series,
        x_title="IPS",
        mode="overlay",
        height=150 + row_px * n,
        margin=dict(l=8, r=8, t=8, b=8),
        legend=LEGEND,
        lines=lines,
        x_range=[0, largest * AXIS_ROOM],
        yaxis=dict(range=[n - 0.3, -0.7]),
    )


# --- F-GEO-02: the schools ------------------------------------------------------------------


def figure_city_schools() -> Figure | None:
    """F-GEO-02: the schools of the commune of the school the contract names, in the year
    the contract used, with the mean it cites (recomputed) and the departmental mean."""
    found = ips.cited_school()
    if found is None:
        return None
    named, rentree = found
    name = ips.SchoolNames.load()
    frame = ips.schools()
    commune_code, year = ips.city_schools(frame, named.uai, rentree)
    shown = year[year["ips"].notna()].sort_values("ips")
    commune, mean = shown["commune"].iloc[0], shown["ips"].mean()
    departmental = float(year["ips_departemental"].iloc[0])
    hover = [
        f"{name(s)} ({sec}) : IPS {fmt.number(v, 1)}"
        for s, sec, v in zip(shown["nom_de_l_etablissement"], shown["secteur"], shown["ips"])
    ]
    cited_mean = ips.citation("moyenne_etablissements_boulonnais")
    cited = " (citée par le contrat)" if cited_mean and round(mean, 2) == round(cited_mean.value, 2) else ""
    lines = [
        reference_line(mean, f"Moyenne des écoles de {commune} : {fmt.number(mean, 2)}{cited}"),
        _department_line(departmental),
    ]
    labels = [name(s, short=True) for s in shown["nom_de_l_etablissement"]]
    plot = _bar_figure(labels, _series(shown, "ips", named.uai, hover), lines, shown["ips"].max(), 34)
    lowest, highest = shown.iloc[0], shown.iloc[-1]
    description = (
        f"IPS des {fmt.number(len(shown))} écoles de {commune} à la rentrée {rentree}, de "
        f"{fmt.number(lowest['ips'], 1)} ({name(lowest['nom_de_l_etablissement'])}) à "
        f"{fmt.number(highest['ips'], 1)} ({name(highest['nom_de_l_etablissement'])}). "
        f"{name(year.loc[year['uai'] == named.uai, 'nom_de_l_etablissement'].iloc[0])}, nommée par le "
        f"contrat, est à {fmt.number(named.value, 1)} ; la moyenne des écoles de {commune} est de "
        f"{fmt.number(mean, 2)} et celle des écoles du département de {fmt.number(departmental, 1)}."
    )
    table = _schools_table(
        frame[frame["code_insee_de_la_commune"] == commune_code],
        f"donnees-ips-ecoles-{commune_code}",
        f"IPS des écoles de {commune}, toutes les rentrées publiées",
    )
    return Figure(
        id="ips-ecoles",
        title=f"IPS des écoles de {commune}, rentrée {rentree}",
        description=description,
        plot=plot,
        table=table,
        downloads=[("IPS des écoles de la CAB", resource("ips_ecoles")["path"])],
    )


def _schools_table(frame: pd.DataFrame, id: str, caption: str) -> Table:
    """Every school of `frame`, one column per published school year."""
    name = ips.SchoolNames.load()
    rentrees = sorted(frame["rentree_scolaire"].unique())
    wide = frame.pivot_table(
        index=["commune", "nom_de_l_etablissement", "secteur", "uai"],
        columns="rentree_scolaire",
        values="ips",
        aggfunc="first",
    )
    rows = [
        Row(
            name(school),
            [commune, sector]
            + [fmt.number(values.get(r), 1) if pd.notna(values.get(r)) else "" for r in rentrees],
        )
        for (commune, school, sector, _uai), values in wide.sort_index().iterrows()
    ]
    return Table(
        id=id,
        caption=caption,
        corner="École",
        columns=["Commune", "Secteur"] + rentrees,
        rows=rows,
        note="Une case vide : IPS non publié par le ministère (« NS »).",
    )


def _cab_school_traces(year: pd.DataFrame, communes: list[str], with_qpv: set, named_uai: str) -> list:
    """A dot per school on its commune's row, by group (colour and symbol), and a star for
    the school the contract names."""
    name = ips.SchoolNames.load()
    in_qpv = year["code_insee_de_la_commune"].isin(with_qpv)
    groups = (
        ("École d'une commune comptant un quartier prioritaire", series_style(1)["color"], "diamond", in_qpv),
        ("École d'une autre commune", series_style(0)["color"], "circle", ~in_qpv),
    )
    traces = []
    for label, colour, symbol, mask in groups:
        members = year[mask]
        traces.append(
            go.Scatter(
                x=list(members["ips"]),
                y=[communes.index(c) for c in members["commune"]],
                mode="markers",
                name=wrap_label(label, LEGEND_WIDTH),
                marker=dict(
                    color=colour, symbol=symbol, size=11, opacity=0.85, line=dict(color=TEXT_COLOUR, width=1)
                ),
                hovertext=[
                    plot_text(f"{name(s)} ({c}) : IPS {fmt.number(v, 1)}")
                    for s, c, v in zip(members["nom_de_l_etablissement"], members["commune"], members["ips"])
                ],
                hoverinfo="text",
            )
        )
    cited = year[year["uai"] == named_uai]
    traces.append(
        go.Scatter(
            x=list(cited["ips"]),
            y=[communes.index(c) for c in cited["commune"]],
            mode="markers+text",
            name=wrap_label(
                f"{name(cited['nom_de_l_etablissement'].iloc[0])}, nommée par le contrat", LEGEND_WIDTH
            ),
            marker=dict(color=BLACK, symbol="star", size=16, line=dict(color=WHITE, width=1)),
            text=[fmt.number(v, 1) for v in cited["ips"]],
            textposition="bottom center",
            cliponaxis=False,
            hoverinfo="name",
        )
    )
    return traces


def _cab_schools_plot(traces: list, communes: list[str], departmental: float):
    return house_figure(
        traces,
        x_title="IPS",
        height=200 + 36 * len(communes),  # two lines of a commune's name, and a gap
        margin=dict(l=8, r=16, t=8, b=8),
        hovermode="closest",
        legend=LEGEND,
        shapes=[_department_line(departmental)],
        xaxis=dict(showgrid=True, gridcolor=GRID_COLOUR, nticks=5, tickangle=0),
        yaxis=dict(
            tickmode="array",
            tickvals=list(range(len(communes))),
            ticktext=[wrap_label(c, 16) for c in communes],
            range=[len(communes) - 0.3, -0.7],
            zeroline=False,
            showgrid=True,
            gridcolor=LIGHT_GRID_COLOUR,
            ticklabelstandoff=6,
        ),
    )


def _cab_schools_description(frame, year, communes, with_qpv, rentree, departmental) -> str:
    in_qpv = year[year["code_insee_de_la_commune"].isin(with_qpv)]["ips"]
    elsewhere = year[~year["code_insee_de_la_commune"].isin(with_qpv)]["ips"]
    description = (
        f"IPS de {fmt.number(len(year))} écoles de {fmt.number(len(communes))} communes de la CAB à la "
        f"rentrée {rentree}, une ligne par commune, rangées de la moyenne la plus basse "
        f"({communes[0]}) à la plus haute ({communes[-1]}). Dans les communes qui comptent un quartier "
        f"prioritaire, les IPS vont de {fmt.number(in_qpv.min(), 1)} à {fmt.number(in_qpv.max(), 1)} ; "
        f"ailleurs, de {fmt.number(elsewhere.min(), 1)} à {fmt.number(elsewhere.max(), 1)}. Moyenne "
        f"départementale des écoles : {fmt.number(departmental, 1)}."
    )
    skipped = frame[(frame["rentree_scolaire"] == rentree) & frame["ips"].isna()]
    if len(skipped):
        name = ips.SchoolNames.load()
        description += (
            f" {fmt.number(len(skipped))} école(s) sans IPS publié cette année-là : "
            + ", ".join(name(s) for s in skipped["nom_de_l_etablissement"])
            + "."
        )
    return description


def figure_cab_schools() -> Figure | None:
    """Every school of the CAB, commune by commune, in the year of the contract: the
    communes with a QPV stand out (colour and symbol)."""
    found = ips.cited_school()
    if found is None:
        return None
    named, rentree = found
    frame = ips.schools()
    year = frame[(frame["rentree_scolaire"] == rentree) & frame["ips"].notna()]
    with_qpv = {c for codes in carte.qpv_communes().values() for c in codes}
    communes = list(year.groupby("commune")["ips"].mean().sort_values().index)
    departmental = float(year["ips_departemental"].iloc[0])
    plot = _cab_schools_plot(_cab_school_traces(year, communes, with_qpv, named.uai), communes, departmental)
    table = _schools_table(
        frame, "donnees-ips-ecoles-cab", "IPS des écoles de la CAB, toutes les rentrées publiées"
    )
    return Figure(
        id="ips-ecoles-cab",
        title=f"IPS des écoles de la CAB par commune, rentrée {rentree}",
        description=_cab_schools_description(frame, year, communes, with_qpv, rentree, departmental),
        plot=plot,
        table=table,
        downloads=[("IPS des écoles de la CAB", resource("ips_ecoles")["path"])],
    )


# --- F-GEO-03: the collèges -----------------------------------------------------------------


def figure_colleges() -> Figure:
    """F-GEO-03: the CAB's collèges in the year the contract used, the named one
    highlighted, the departmental mean it cites as a line, the next year as a mark."""
    frame = load("ips_colleges")
    columns = ips.rentree_columns(frame)
    column, rentree = ips.college_rentree()
    found = ips.cited_college()
    shown = frame.sort_values(column).reset_index(drop=True)
    hover = [
        f"{nom} ({commune}, {sector}) : IPS {rentree} {fmt.number(v, 1)}"
        for nom, commune, sector, v in zip(shown["nom"], shown["commune"], shown["secteur"], shown[column])
    ]
    mean = carte.departmental_mean()
    cited = f"Moyenne départementale citée par le contrat : {fmt.number(mean[0], 2)}" if mean else ""
    lines = [reference_line(mean[0], cited)] if mean else []
    labels = [ips.college_name(nom) for nom in shown["nom"]]
    series = _series(shown, column, found[0].uai if found else None, hover)
    return Figure(
        id="ips-colleges",
        title=f"IPS des collèges de la CAB, rentrée {rentree}",
        description=_colleges_description(shown, column, rentree, found, mean, columns),
        plot=_bar_figure(labels, series, lines, shown[column].max(), 36),
        table=_colleges_table(shown, columns, rentree),
        downloads=[("IPS des collèges de la CAB", resource("ips_colleges")["path"])],
    )


def _colleges_description(shown, column, rentree, found, mean, columns) -> str:
    low, high = shown.iloc[0], shown.iloc[-1]
    description = (
        f"IPS des {fmt.number(len(shown))} collèges de la CAB à la rentrée {rentree}, de "
        f"{fmt.number(low[column], 1)} ({low['nom']}) à {fmt.number(high[column], 1)} ({high['nom']})."
    )
    if found:
        named = found[0].label.split(",")[0].removeprefix("Le ")
        description += f" Le contrat nomme le {named} ({fmt.number(found[0].value, 1)})."
    if mean:
        description += f" Moyenne départementale citée par le contrat : {fmt.number(mean[0], 2)}."
    later = [r for r in sorted(columns) if r > rentree]
    if later:
        description += (
            f" Les IPS de la rentrée {', '.join(later)} figurent dans le tableau de données ci-dessous."
        )
    return description


def _colleges_table(shown: pd.DataFrame, columns: dict[str, str], rentree: str) -> Table:
    pupils, spread = ips.column(shown, "effectifs", rentree), ips.column(shown, "ecart_type_ips", rentree)
    return Table(
        id="donnees-ips-colleges",
        caption="IPS des collèges de la CAB",
        corner="Collège",
        columns=["Commune", "Secteur", f"Élèves ({rentree})", f"Écart-type de l'IPS ({rentree})"]
        + [f"IPS {y}" for y in sorted(columns)],
        rows=[
            Row(
                r["nom"],
                [
                    r["commune"],
                    r["secteur"],
                    fmt.number(r[pupils]) if pupils else "",
                    fmt.number(r[spread], 1) if spread else "",
                ]
                + [fmt.number(r[columns[y]], 1) for y in sorted(columns)],
            )
            for _, r in shown.iterrows()
        ],
    )
