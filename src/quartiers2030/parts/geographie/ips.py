"""The two figures the published contract lost (F-GEO-02, F-GEO-03): the indices de
position sociale (IPS) of the CAB's schools and collèges, from the ministry's open data,
with the values the contract cites, and the checks of those citations.

The school year shown is the one the contract used: the rentrée whose open value equals
the IPS the contract prints for the establishment it names. The commune of the « écoles
boulonnaises » is the commune of that school. Nothing here names a year or a school.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from quartiers2030.core import fmt
from quartiers2030.core.checks import Check, Verdict, compare
from quartiers2030.core.checks import render as render_checks
from quartiers2030.core.figures import LEGEND_ABOVE, Figure, house_figure, plot_text, series_style, wrap_label
from quartiers2030.core.html import Fragment
from quartiers2030.core.tables import Row, Table
from quartiers2030.data.datapackage import load, resource
from quartiers2030.parts.geographie import maps as carte
from quartiers2030.parts.geographie.maps import HALO

HIGHLIGHT = ("Établissement nommé par le contrat", series_style(1))
OTHERS = ("Autre établissement", series_style(0))
SCHOOL_WORDS = {  # the ministry's capitals, in French typography, and shortened for axes
    "ECOLE": "École",
    "ELEMENTAIRE": "élémentaire",
    "PRIMAIRE": "primaire",
    "PRIVEE": "privée",
    "MATERNELLE": "maternelle",
    "GROUPE": "Groupe",
    "SCOLAIRE": "scolaire",
    "D": "d'",
    "L": "l'",
    "APPLICATION": "application",
    "DE": "de",
    "DU": "du",
    "DES": "des",
    "LA": "la",
    "LE": "le",
    "LES": "les",
    "ET": "et",
}
KINDS = ("ECOLE ELEMENTAIRE ", "ECOLE PRIMAIRE PRIVEE ", "ECOLE PRIMAIRE ", "GROUPE SCOLAIRE ")


def college_name(name: str) -> str:
    """« Collège privé Nazareth » -> « Nazareth (privé) » ; « Collège Paul Langevin » ->
    « Paul Langevin »: the axis says they are collèges."""
    if name.startswith("Collège privé "):
        return f"{name.removeprefix('Collège privé ')} (privé)"
    return name.removeprefix("Collège ")


def school_name(raw: str, short: bool = False) -> str:
    """« ECOLE ELEMENTAIRE DUCHENNE QUINET » -> « École élémentaire Duchenne Quinet », or
    « Duchenne Quinet » (short; « (privée) » kept)."""
    text = raw.strip()
    private = "PRIVEE" in text.split()
    if short:
        for kind in KINDS:
            if text.startswith(kind) and len(text) > len(kind):
                text = text[len(kind) :]
                break
    words = [SCHOOL_WORDS.get(w, w.capitalize()) for w in text.split()]
    name = re.sub(r"(d'|l') ", r"\1", " ".join(words))
    name = name[:1].upper() + name[1:]
    return f"{name} (privée)" if short and private else name


_rentree_columns = carte.rentree_columns


def _column(frame: pd.DataFrame, prefix: str, rentree: str) -> str | None:
    """The column of a measure for one school year (`effectifs`, `ecart_type_ips`), if any."""
    name = f"{prefix}_{rentree.replace('-', '_')}"
    return name if name in frame.columns else None


@dataclass(frozen=True)
class Citation:
    code: str
    label: str
    value: float
    uai: str | None
    line: int


def citations() -> list[Citation]:
    """The IPS the contract prints, once each (the same sentence is repeated in two
    portraits: the first line is kept)."""
    seen, out = set(), []
    for r in load("ips_references").sort_values("ligne_source").itertuples():
        if r.code in seen:
            continue
        seen.add(r.code)
        out.append(
            Citation(
                r.code,
                r.libelle,
                float(r.valeur),
                r.uai if isinstance(r.uai, str) else None,
                int(r.ligne_source),
            )
        )
    return out


def schools() -> pd.DataFrame:
    frame = load("ips_ecoles")
    names = {c.code: c.name for c in carte.communes()}
    return frame.assign(commune=frame["code_insee_de_la_commune"].map(names))


def cited_school() -> tuple[Citation, str] | None:
    """The school the contract names, and the rentrée whose IPS equals the printed one."""
    frame = schools()
    for c in citations():
        rows = frame[(frame["uai"] == c.uai) & (frame["ips"].round(2) == round(c.value, 2))]
        if c.uai and len(rows):
            return c, str(rows["rentree_scolaire"].iloc[0])
    return None


def cited_college() -> tuple[Citation, str, str] | None:
    """The collège the contract names, the rentrée and the column of its printed IPS."""
    frame = load("ips_colleges")
    columns = _rentree_columns(frame)
    for c in citations():
        row = frame[frame["uai"] == c.uai]
        for rentree, column in columns.items():
            if c.uai and len(row) and round(float(row[column].iloc[0]), 2) == round(c.value, 2):
                return c, rentree, column
    return None


def college_rentree() -> tuple[str, str]:
    """(column, school year) used for the collèges: the contract's, else the latest."""
    return carte.college_rentree()


def _citation(code: str) -> Citation | None:
    return next((c for c in citations() if c.code == code), None)


def _vline(x: float, name: str, dash: str, colour: str) -> dict:
    """A vertical reference line, drawn under the bars (their values stay readable) and
    named in the legend."""
    return dict(
        type="line",
        xref="x",
        yref="paper",
        x0=x,
        x1=x,
        y0=0,
        y1=1,
        layer="below",
        line=dict(color=colour, width=2.5, dash=dash),
        showlegend=True,
        name=wrap_label(name, 36),
    )


LEGEND = dict(LEGEND_ABOVE, font=dict(size=13))


def figure_city_schools() -> Figure | None:
    """F-GEO-02: the schools of the commune of the school the contract names, in the year
    the contract used, with the mean it cites (recomputed) and the departmental mean."""
    found = cited_school()
    if found is None:
        return None
    named, rentree = found
    frame = schools()
    commune_code = frame.loc[frame["uai"] == named.uai, "code_insee_de_la_commune"].iloc[0]
    year = frame[(frame["rentree_scolaire"] == rentree) & (frame["code_insee_de_la_commune"] == commune_code)]
    shown = year[year["ips"].notna()].sort_values("ips")
    commune = shown["commune"].iloc[0]
    n = len(shown)
    mean = shown["ips"].mean()
    departmental = float(year["ips_departemental"].iloc[0])
    traces = []
    for (label, style), members in (
        (OTHERS, shown[shown["uai"] != named.uai]),
        (HIGHLIGHT, shown[shown["uai"] == named.uai]),
    ):
        positions = [list(shown["uai"]).index(u) for u in members["uai"]]
        traces.append(
            go.Bar(
                y=positions,
                x=list(members["ips"]),
                orientation="h",
                name=wrap_label(label, 36),
                marker=style,
                text=[fmt.number(v, 1) for v in members["ips"]],
                textposition="outside",
                cliponaxis=False,
                textfont=dict(shadow=HALO),
                hovertext=[
                    plot_text(f"{school_name(s)} ({sec}) : IPS {fmt.number(v, 1)}")
                    for s, sec, v in zip(
                        members["nom_de_l_etablissement"], members["secteur"], members["ips"]
                    )
                ],
                hoverinfo="text",
            )
        )
    cited_mean = _citation("moyenne_etablissements_boulonnais")
    cited = " (citée par le contrat)" if cited_mean and round(mean, 2) == round(cited_mean.value, 2) else ""
    lines = [
        _vline(mean, f"Moyenne des écoles de {commune} : {fmt.number(mean, 2)}{cited}", "dash", "#1a1a1a"),
        _vline(
            departmental,
            f"Moyenne des écoles du département : {fmt.number(departmental, 1)}",
            "dot",
            "#009E73",
        ),
    ]
    plot = house_figure(
        traces,
        x_title="IPS",
        height=150 + 34 * n,
        barmode="overlay",
        margin=dict(l=8, r=8, t=8, b=8),
        legend=LEGEND,
        shapes=lines,
        xaxis=dict(range=[0, shown["ips"].max() * 1.28], showgrid=True, gridcolor="#d9d9d9", nticks=5),
        yaxis=dict(
            tickmode="array",
            tickvals=list(range(n)),
            ticktext=[wrap_label(school_name(s, short=True), 20) for s in shown["nom_de_l_etablissement"]],
            range=[n - 0.3, -0.7],
            zeroline=False,
            showgrid=False,
            ticklabelstandoff=6,
        ),
    )
    lowest, highest = shown.iloc[0], shown.iloc[-1]
    description = (
        f"IPS des {fmt.number(n)} écoles de {commune} à la rentrée {rentree}, de "
        f"{fmt.number(lowest['ips'], 1)} ({school_name(lowest['nom_de_l_etablissement'])}) à "
        f"{fmt.number(highest['ips'], 1)} ({school_name(highest['nom_de_l_etablissement'])}). "
        f"{school_name(year.loc[year['uai'] == named.uai, 'nom_de_l_etablissement'].iloc[0])}, nommée par le "
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
    rentrees = sorted(frame["rentree_scolaire"].unique())
    wide = frame.pivot_table(
        index=["commune", "nom_de_l_etablissement", "secteur", "uai"],
        columns="rentree_scolaire",
        values="ips",
        aggfunc="first",
    )
    rows = []
    for (commune, name, sector, _uai), values in wide.sort_index().iterrows():
        rows.append(
            Row(
                school_name(name),
                [commune, sector]
                + [fmt.number(values.get(r), 1) if pd.notna(values.get(r)) else "" for r in rentrees],
            )
        )
    return Table(
        id=id,
        caption=caption,
        corner="École",
        columns=["Commune", "Secteur"] + rentrees,
        rows=rows,
        note="Une case vide : IPS non publié par le ministère (« NS »).",
    )


def figure_cab_schools() -> Figure | None:
    """Every school of the CAB, commune by commune, in the year of the contract: the
    communes with a QPV stand out (colour and symbol)."""
    found = cited_school()
    if found is None:
        return None
    named, rentree = found
    frame = schools()
    year = frame[(frame["rentree_scolaire"] == rentree) & frame["ips"].notna()]
    with_qpv = {c for codes in carte.qpv_communes().values() for c in codes}
    order = year.groupby("commune")["ips"].mean().sort_values()
    communes = list(order.index)
    traces = []
    groups = (
        (
            "École d'une commune comptant un quartier prioritaire",
            series_style(1)["color"],
            "diamond",
            year["code_insee_de_la_commune"].isin(with_qpv),
        ),
        (
            "École d'une autre commune",
            series_style(0)["color"],
            "circle",
            ~year["code_insee_de_la_commune"].isin(with_qpv),
        ),
    )
    for label, colour, symbol, mask in groups:
        members = year[mask]
        traces.append(
            go.Scatter(
                x=list(members["ips"]),
                y=[communes.index(c) for c in members["commune"]],
                mode="markers",
                name=wrap_label(label, 36),
                marker=dict(
                    color=colour, symbol=symbol, size=11, opacity=0.85, line=dict(color="#1a1a1a", width=1)
                ),
                hovertext=[
                    plot_text(f"{school_name(s)} ({c}) : IPS {fmt.number(v, 1)}")
                    for s, c, v in zip(members["nom_de_l_etablissement"], members["commune"], members["ips"])
                ],
                hoverinfo="text",
            )
        )
    cited = year[year["uai"] == named.uai]
    traces.append(
        go.Scatter(
            x=list(cited["ips"]),
            y=[communes.index(c) for c in cited["commune"]],
            mode="markers+text",
            name=wrap_label(
                f"{school_name(cited['nom_de_l_etablissement'].iloc[0])}, nommée par le contrat", 36
            ),
            marker=dict(color="#000000", symbol="star", size=16, line=dict(color="#ffffff", width=1)),
            text=[fmt.number(v, 1) for v in cited["ips"]],
            textposition="bottom center",
            cliponaxis=False,
            hoverinfo="name",
        )
    )
    departmental = float(year["ips_departemental"].iloc[0])
    lines = [
        _vline(
            departmental,
            f"Moyenne des écoles du département : {fmt.number(departmental, 1)}",
            "dot",
            "#009E73",
        )
    ]
    plot = house_figure(
        traces,
        x_title="IPS",
        height=200 + 32 * len(communes),
        margin=dict(l=8, r=16, t=8, b=8),
        hovermode="closest",
        legend=LEGEND,
        shapes=lines,
        xaxis=dict(showgrid=True, gridcolor="#d9d9d9", nticks=5, tickangle=0),
        yaxis=dict(
            tickmode="array",
            tickvals=list(range(len(communes))),
            ticktext=[wrap_label(c, 16) for c in communes],
            range=[len(communes) - 0.3, -0.7],
            zeroline=False,
            showgrid=True,
            gridcolor="#efefef",
            ticklabelstandoff=6,
        ),
    )
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
        description += (
            f" {fmt.number(len(skipped))} école(s) sans IPS publié cette année-là : "
            + ", ".join(school_name(s) for s in skipped["nom_de_l_etablissement"])
            + "."
        )
    table = _schools_table(
        frame, "donnees-ips-ecoles-cab", "IPS des écoles de la CAB, toutes les rentrées publiées"
    )
    return Figure(
        id="ips-ecoles-cab",
        title=f"IPS des écoles de la CAB par commune, rentrée {rentree}",
        description=description,
        plot=plot,
        table=table,
        downloads=[("IPS des écoles de la CAB", resource("ips_ecoles")["path"])],
    )


def figure_colleges() -> Figure:
    """F-GEO-03: the CAB's collèges in the year the contract used, the named one
    highlighted, the departmental mean it cites as a line, the next year as a mark."""
    frame = load("ips_colleges")
    columns = _rentree_columns(frame)
    column, rentree = college_rentree()
    found = cited_college()
    named_uai = found[0].uai if found else None
    shown = frame.sort_values(column).reset_index(drop=True)
    n = len(shown)
    traces = []
    for (label, style), mask in ((OTHERS, shown["uai"] != named_uai), (HIGHLIGHT, shown["uai"] == named_uai)):
        members = shown[mask]
        traces.append(
            go.Bar(
                y=list(members.index),
                x=list(members[column]),
                orientation="h",
                name=wrap_label(label, 36),
                marker=style,
                text=[fmt.number(v, 1) for v in members[column]],
                textposition="outside",
                cliponaxis=False,
                textfont=dict(shadow=HALO),
                hovertext=[
                    plot_text(f"{nom} ({commune}, {sector}) : IPS {rentree} {fmt.number(v, 1)}")
                    for nom, commune, sector, v in zip(
                        members["nom"], members["commune"], members["secteur"], members[column]
                    )
                ],
                hoverinfo="text",
            )
        )
    later = [r for r in sorted(columns) if r > rentree]
    mean = carte.departmental_mean()
    lines = (
        [
            _vline(
                mean[0],
                f"Moyenne départementale citée par le contrat : {fmt.number(mean[0], 2)}",
                "dash",
                "#1a1a1a",
            )
        ]
        if mean
        else []
    )
    plot = house_figure(
        traces,
        x_title="IPS",
        height=150 + 36 * n,
        barmode="overlay",
        margin=dict(l=8, r=8, t=8, b=8),
        legend=LEGEND,
        shapes=lines,
        xaxis=dict(range=[0, shown[column].max() * 1.28], showgrid=True, gridcolor="#d9d9d9", nticks=5),
        yaxis=dict(
            tickmode="array",
            tickvals=list(range(n)),
            ticktext=[wrap_label(college_name(nom), 20) for nom in shown["nom"]],
            range=[n - 0.3, -0.7],
            zeroline=False,
            showgrid=False,
            ticklabelstandoff=6,
        ),
    )
    low, high = shown.iloc[0], shown.iloc[-1]
    description = (
        f"IPS des {fmt.number(n)} collèges de la CAB à la rentrée {rentree}, de {fmt.number(low[column], 1)} "
        f"({low['nom']}) à {fmt.number(high[column], 1)} ({high['nom']})."
    )
    if found:
        description += f" Le contrat nomme le {found[0].label.split(',')[0].removeprefix('Le ')} ({fmt.number(found[0].value, 1)})."
    if mean:
        description += f" Moyenne départementale citée par le contrat : {fmt.number(mean[0], 2)}."
    if later:
        description += (
            f" Les IPS de la rentrée {', '.join(later)} figurent dans le tableau de données ci-dessous."
        )
    pupils, spread = _column(shown, "effectifs", rentree), _column(shown, "ecart_type_ips", rentree)
    table = Table(
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
    return Figure(
        id="ips-colleges",
        title=f"IPS des collèges de la CAB, rentrée {rentree}",
        description=description,
        plot=plot,
        table=table,
        downloads=[("IPS des collèges de la CAB", resource("ips_colleges")["path"])],
    )


def ips_checks() -> Fragment:
    """Each IPS the contract prints against the open data, and its claim on the spread of
    the named collège's IPS."""
    checks = []
    frame = schools()
    colleges = load("ips_colleges")
    columns = _rentree_columns(colleges)
    for c in citations():
        if not c.uai:
            continue
        if c.uai in set(colleges["uai"]):
            row = colleges[colleges["uai"] == c.uai].iloc[0]
            values = {y: float(row[col]) for y, col in columns.items()}
            name = row["nom"]
        else:
            rows = frame[frame["uai"] == c.uai]
            values = {r.rentree_scolaire: r.ips for r in rows.itertuples() if r.ips == r.ips}
            name = school_name(rows["nom_de_l_etablissement"].iloc[0]) if len(rows) else c.label
        match = [y for y, v in values.items() if round(v, 2) == round(c.value, 2)]
        closest = min(values, key=lambda y: abs(values[y] - c.value)) if values else None
        checks.append(
            Check(
                f"IPS cité : {c.label}",
                fmt.number(c.value, fmt.decimals_of(c.value)),
                fmt.number(values[match[0]] if match else values[closest], 1)
                if values
                else "absent des données",
                Verdict.AGREES if match else Verdict.DIFFERS if values else Verdict.DIFFERS,
                c.line,
                f"{name}, données ouvertes : "
                + " ; ".join(f"{y} : {fmt.number(v, 1)}" for y, v in sorted(values.items()))
                + (f". Le contrat reprend la valeur {match[0]} sans dire l'année." if match else "."),
            )
        )
    named = cited_school()
    cited_mean = _citation("moyenne_etablissements_boulonnais")
    if named and cited_mean:
        citation, rentree = named
        commune_code = frame.loc[frame["uai"] == citation.uai, "code_insee_de_la_commune"].iloc[0]
        year = frame[
            (frame["rentree_scolaire"] == rentree) & (frame["code_insee_de_la_commune"] == commune_code)
        ]
        mean = year["ips"].mean()
        decimals = fmt.decimals_of(cited_mean.value)
        checks.append(
            Check(
                f"Moyenne citée : {cited_mean.label}",
                fmt.number(cited_mean.value, decimals),
                fmt.number(mean, decimals),
                compare(cited_mean.value, mean, decimals),
                cited_mean.line,
                f"Moyenne des IPS {rentree} des {fmt.number(year['ips'].notna().sum())} écoles de "
                f"{year['commune'].iloc[0]} (publiques et privées).",
            )
        )
    found = cited_college()
    spread = _column(colleges, "ecart_type_ips", found[1]) if found else None
    if found and spread:
        citation = found[0]
        row = colleges[colleges["uai"] == citation.uai].iloc[0]
        smallest = colleges.loc[colleges[spread].idxmin()]
        ok = smallest["uai"] == citation.uai
        checks.append(
            Check(
                f"Écart-type des IPS du {row['nom']} « très restreint »",
                "« très restreint »",
                f"{fmt.number(row[spread], 1)}, "
                + (
                    "le plus faible des collèges de la CAB"
                    if ok
                    else f"le plus faible est celui du {smallest['nom']}"
                ),
                Verdict.AGREES if ok else Verdict.DIFFERS,
                citation.line,
                f"Écarts-types {found[1]} des {fmt.number(len(colleges))} collèges : de "
                f"{fmt.number(colleges[spread].min(), 1)} à {fmt.number(colleges[spread].max(), 1)}.",
            )
        )
    return render_checks(checks, id="controles-ips")


def reference_note() -> Fragment:
    """What the open data cannot confirm: the departmental mean the contract cites."""
    mean = carte.departmental_mean()
    frame = schools()
    if not mean:
        return Fragment("")
    school_means = sorted(
        set(frame["ips_departemental"].dropna()) | set(frame["ips_departemental_public"].dropna())
    )
    if any(round(v, 2) == round(mean[0], 2) for v in school_means):
        return Fragment("")
    return Fragment(
        f'<p class="q2030-notice">La moyenne départementale de {fmt.number(mean[0], 2)} que le contrat cite '
        f"(ligne {mean[1]}) ne figure pas dans les données ouvertes reprises par le site ; elle est "
        "montrée telle que le contrat l'imprime. Les moyennes départementales des écoles publiées "
        "par le ministère sont : " + ", ".join(fmt.number(v, 1) for v in school_means) + ".</p>"
    )
