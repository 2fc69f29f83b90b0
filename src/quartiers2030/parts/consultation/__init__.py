"""Part III, B: the « Quartiers 2030 » consultation (dates, respondents, ranked answers,
participation, quoted contributions) and the local orientations of each quartier, from
data/consultation/ and data/enjeux/.

Every question, quartier and answer comes from the data. The checks compare what the
contract prints with what its own numbers give: the order of a ranking with its counts, a
quartier's counts with the overall ones, a percentage with the 152 respondents.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from quartiers2030.core import fmt
from quartiers2030.core import links as pages
from quartiers2030.core.checks import Check, Verdict, compare
from quartiers2030.core.checks import render as render_checks
from quartiers2030.core.figures import (
    LABEL_FONT,
    LEGEND_ABOVE,
    Figure,
    house_figure,
    plot_text,
    row_height,
    series_style,
    wrap_label,
)
from quartiers2030.core.html import Fragment, attrs, escape, slug
from quartiers2030.core.tables import Row, Table
from quartiers2030.data.datapackage import available, load, resource

OVERALL = "ensemble"  # the territory code of the lists that cover all 152 respondents
RESPONDENTS_FACT = "repondants_qpv"
SPLIT_PREFIX = "part_repondants_"
MORE_THAN_HALF = "conscience_participation"
MODALITIES = {"oui": "Oui", "non": "Non", "nsp": "Ne se prononcent pas"}  # schema enum


@dataclass(frozen=True)
class Profile:
    """A chart of the respondents that the published text lost (F-LOC-01, F-LOC-02)."""

    resource: str
    category: str  # the column that names a band or a situation
    title: str  # the chart's title as the contract prints it
    line: int  # where the contract announces it
    what: str  # in the page's words


PROFILES = {
    "age": Profile(
        "consultation_repondants_age",
        "tranche_age",
        "Les tranches d'âges des répondants QPV de la Communauté d'agglomération du Boulonnais",
        1579,
        "la répartition des répondants par tranche d'âge",
    ),
    "situation": Profile(
        "consultation_repondants_situation",
        "situation",
        "La situation professionnelle des répondants QPV de la Communauté d'agglomération du Boulonnais",
        1583,
        "la répartition des répondants par situation professionnelle",
    ),
}


# --- facts -----------------------------------------------------------------------------


def facts() -> pd.DataFrame:
    return load("consultation_faits").set_index("code")


def respondents() -> int:
    return int(facts().at[RESPONDENTS_FACT, "valeur"])


def territory_names() -> dict[str, str]:
    return dict(zip(*load("consultation_territoires")[["code", "libelle"]].T.values))


def split() -> pd.DataFrame:
    """The printed share of the respondents of each quartier, and the whole number of
    respondents it stands for."""
    f = facts()
    rows = f[f.index.str.startswith(SPLIT_PREFIX)].copy()
    total = respondents()
    rows["repondants"] = (rows["valeur"] * total / 100).round().astype(int)
    rows["libelle_quartier"] = rows["territoire"].map(territory_names())
    return rows.reset_index().set_index("territoire")


def questions() -> pd.DataFrame:
    return load("consultation_questions").set_index("code")


def ranked_questions() -> list[str]:
    """Questions answered by a ranked list, in the order of the questionnaire."""
    answered = set(load("consultation_reponses")["question"])
    return [q for q in questions().index if q in answered]


def ranking(question: str, territory: str = OVERALL) -> pd.DataFrame:
    r = load("consultation_reponses")
    return r[(r["question"] == question) & (r["territoire"] == territory)].sort_values("rang")


def detailed_territories() -> list[str]:
    """The quartiers for which the contract details the lists, in the order it prints them."""
    r = load("consultation_reponses").sort_values("ligne_source")
    return [t for t in dict.fromkeys(r["territoire"]) if t != OVERALL]


def _question_title(code: str) -> str:
    q = questions().loc[code]
    return f"Question {int(q['numero'])} : {q['libelle']}" if not pd.isna(q["numero"]) else q["libelle"]


# --- the démarche ----------------------------------------------------------------------


def facts_table() -> Table:
    f = facts()
    opening, closing = f.loc["ouverture_plateforme"], f.loc["cloture_plateforme"]
    done, all_ = f.at["contributions_completes", "valeur"], f.at["contributions", "valeur"]
    rows = [
        Row("Ouverture de la plateforme", [fmt.long_date(opening["date"]), str(opening["ligne_source"])]),
        Row(
            "Clôture de la concertation en ligne",
            [fmt.long_date(closing["date"]), str(closing["ligne_source"])],
        ),
        Row(
            "Contributions individuelles aux questionnaires",
            [fmt.number(all_), str(f.at["contributions", "ligne_source"])],
        ),
        Row(
            "dont contributions complètes",
            [
                f"{fmt.number(done)} ({fmt.percent(done / all_ * 100)})",
                str(f.at["contributions_completes", "ligne_source"]),
            ],
            "sub",
        ),
        Row(
            "Répondants habitant un QPV de la CAB (questionnaire complété)",
            [fmt.number(respondents()), str(f.at[RESPONDENTS_FACT, "ligne_source"])],
        ),
    ]
    return Table(
        id="tableau-consultation",
        caption="La consultation « Quartiers 2030 » en dates et en chiffres",
        corner="Élément",
        columns=["Valeur", "Ligne du contrat"],
        rows=rows,
        note=f.at["contributions", "remarque"] if not pd.isna(f.at["contributions", "remarque"]) else None,
    )


def quartiers_list() -> Fragment:
    """The quartiers whose answers the synthesis analyses (SL-LOC-02)."""
    s = split()
    items = "".join(f"<li>{escape(r.libelle_quartier)}</li>" for r in s.itertuples())
    return Fragment(f'<ul id="quartiers-analyses">{items}</ul>')


def figure_split() -> Figure:
    s = split()
    total = respondents()
    ordered = s.sort_values("valeur")
    labels = [
        wrap_label(f"{q} ({fmt.count(n, 'répondant')})")
        for q, n in zip(ordered["libelle_quartier"], ordered["repondants"])
    ]
    plot = house_figure(
        [
            go.Bar(
                x=ordered["valeur"].tolist(),
                y=labels,
                orientation="h",
                marker=series_style(0),
                text=[fmt.percent(v, 3) for v in ordered["valeur"]],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y} : %{x:.3f} %<extra></extra>",
            )
        ],
        x_title="Part des répondants (%)",
        height=120 + row_height(labels, 60) * len(s),
        showlegend=False,
        margin=dict(l=8, r=16, t=16, b=8),
        xaxis=dict(range=[0, 100], nticks=5),
        yaxis=dict(tickfont=LABEL_FONT),
    )
    top = s["valeur"].idxmax()
    description = (
        f"Sur {fmt.number(total)} répondants, "
        + " ; ".join(
            f"{r.libelle_quartier} : {fmt.count(r.repondants, 'répondant')} ({fmt.percent(r.valeur, 3)})"
            for r in s.itertuples()
        )
        + f". Le premier quartier, {s.at[top, 'libelle_quartier']}, réunit "
        f"{'plus' if s.at[top, 'valeur'] > 50 else 'moins'} de la moitié des répondants."
    )
    table = Table(
        id="donnees-repartition-repondants",
        caption="Répartition des répondants par quartier",
        corner="Quartier",
        columns=["Part imprimée", "Répondants (recalculé)", "Ligne"],
        rows=[
            Row(r.libelle_quartier, [fmt.percent(r.valeur, 3), fmt.number(r.repondants), str(r.ligne_source)])
            for r in s.itertuples()
        ],
        footer=[
            Row("Total", [fmt.percent(s["valeur"].sum(), 3), fmt.number(s["repondants"].sum()), ""], "total")
        ],
        note=f"Le nombre de répondants est la part imprimée appliquée aux {fmt.number(total)} répondants.",
    )
    return Figure(
        id="repartition-repondants",
        title=f"Les {fmt.number(total)} répondants des quartiers prioritaires, par quartier",
        description=description,
        plot=plot,
        table=table,
        downloads=[("Faits chiffrés de la consultation", "consultation/faits.csv")],
    )


def profile(kind: str) -> Figure | Fragment:
    """A lost chart of the respondents: drawn when its data file exists, otherwise a plain
    statement that the published text does not hold its data."""
    p = PROFILES[kind]
    path = resource(p.resource)["path"]
    if not available(p.resource):
        return Fragment(
            f"<aside{attrs(id='graphique-absent-' + kind, class_='q2030-missing', role='note')}>"
            "<p><strong>Les données de ce graphique ne figurent pas dans le texte publié du "
            f"contrat.</strong> À cet endroit (ligne {p.line}), le contrat annonce un graphique, "
            f"« {escape(p.title)} », qui présente en pourcentage {escape(p.what)}. Le texte "
            "publié a perdu ce graphique et ses valeurs : le site ne les invente pas.</p>"
            f"<p>Dès qu'un agent ajoutera le fichier <code>data/{escape(path)}</code> (ses "
            "colonnes sont décrites dans la page « Mettre à jour les données »), le "
            "graphique apparaîtra ici.</p></aside>"
        )
    frame = load(p.resource)
    plot = _bars(
        frame[p.category],
        frame["pourcentage"],
        [fmt.percent(v) for v in frame["pourcentage"]],
        "%{y} : %{x:.1f} %<extra></extra>",
        "Part des répondants (%)",
        base=120,
        right=56,
    )
    sources = " ; ".join(dict.fromkeys(frame["source"]))
    top = frame.loc[frame["pourcentage"].idxmax()]
    description = (
        f"{top[p.category]} : {fmt.percent(top['pourcentage'])} des répondants, la part "
        f"la plus élevée. Total des parts : {fmt.percent(frame['pourcentage'].sum())}. "
        f"Source : {sources}."
    )
    table = Table(
        id=f"donnees-repondants-{kind}",
        caption=p.title,
        corner=resource(p.resource)["schema"]["fields"][0]["title"],
        columns=["Part des répondants", "Source"],
        rows=[Row(r[p.category], [fmt.percent(r["pourcentage"]), r["source"]]) for _, r in frame.iterrows()],
        text=True,
    )
    return Figure(
        id=f"repondants-{kind}",
        title=p.title,
        description=description,
        plot=plot,
        table=table,
        downloads=[(p.title, path)],
    )


def split_checks() -> list[Check]:
    s = split()
    total = respondents()
    checks = [
        Check(
            "Somme des parts de répondants par quartier",
            "100 % (tous les répondants)",
            fmt.percent(s["valeur"].sum(), 3),
            compare(100, s["valeur"].sum(), 3),
            int(s["ligne_source"].min()),
            "Chaque répondant habite un des quartiers listés : les parts doivent faire 100 %.",
        )
    ]
    for r in s.itertuples():
        back = r.repondants / total * 100
        checks.append(
            Check(
                f"Part de {r.libelle_quartier}",
                fmt.percent(r.valeur, 3),
                f"{fmt.count(r.repondants, 'répondant')} sur {fmt.number(total)} = {fmt.percent(back, 3)}",
                compare(r.valeur, back, fmt.decimals_of(r.valeur)),
                int(r.ligne_source),
                "La part doit correspondre à un nombre entier de répondants.",
            )
        )
    return checks


def _profile_check(kind: str) -> Check:
    """A lost chart is a gap of the text until its file exists; then its shares must add
    up to 100 %."""
    p = PROFILES[kind]
    subject = f"Graphique « {p.title} »"
    if not available(p.resource):
        return Check(
            subject,
            "un graphique en pourcentage",
            "aucune valeur dans le texte publié",
            Verdict.MISSING,
            p.line,
            f"Le texte annonce {p.what} mais n'en donne ni le graphique ni les valeurs.",
        )
    total = load(p.resource)["pourcentage"].sum()
    return Check(
        subject,
        "100 % des répondants",
        fmt.percent(total),
        compare(100, total, 0),
        p.line,
        "Somme des parts du fichier ajouté au site (voir sa colonne source).",
    )


def _scope_check() -> Check:
    """What the 12 809 contributions cover, which the text does not say."""
    f = facts()
    row = f.loc["contributions"]
    return Check(
        "Périmètre des contributions",
        f"{fmt.number(row['valeur'])} contributions",
        f"{fmt.number(respondents())} répondants des QPV de la CAB",
        Verdict.MISSING,
        int(row["ligne_source"]),
        row["remarque"] if not pd.isna(row["remarque"]) else "",
    )


def demarche_checks() -> Fragment:
    checks = split_checks() + [_scope_check()] + [_profile_check(k) for k in PROFILES]
    return render_checks(checks, id="controles-consultation-repondants")


# --- answers ---------------------------------------------------------------------------


def _bars(categories, values, texts: list[str], hover: str, x_title: str, base: int, right: int) -> go.Figure:
    """One series of horizontal bars, a category a row from the top, its value written
    beside the bar (`right`: room for that text)."""
    labels = [wrap_label(v) for v in categories]
    return house_figure(
        [
            go.Bar(
                x=list(values),
                y=labels,
                orientation="h",
                marker=series_style(0),
                text=texts,
                textposition="outside",
                cliponaxis=False,
                hovertemplate=hover,
            )
        ],
        x_title=x_title,
        height=base + row_height(labels, 44) * len(labels),
        showlegend=False,
        margin=dict(l=8, r=right, t=16, b=8),
        xaxis=dict(nticks=5),
        yaxis=dict(autorange="reversed", tickfont=LABEL_FONT),
    )


def _ranked_bars(frame: pd.DataFrame) -> go.Figure:
    return _bars(
        frame["libelle"],
        frame["nombre"],
        [fmt.number(v) for v in frame["nombre"]],
        "%{y} : %{x} sélections<extra></extra>",
        "Nombre de sélections",
        base=110,
        right=40,
    )


def ranking_table(question: str, territory: str = OVERALL) -> Table:
    frame = ranking(question, territory)
    where = "ensemble des répondants" if territory == OVERALL else territory_names()[territory]
    return Table(
        id=f"classement-{slug(question)}-{slug(territory)}",
        caption=f"{_question_title(question)} ({where})",
        corner="Rang",
        columns=["Réponse", "Sélections", "Ligne"],
        rows=[
            Row(str(r.rang), [r.libelle, fmt.number(r.nombre), str(r.ligne_source)])
            for r in frame.itertuples()
        ],
        text=True,
    )


def figure_ranking(question: str) -> Figure:
    frame = ranking(question)
    total = respondents()
    first, last = frame.iloc[0], frame.iloc[-1]
    description = (
        f"{fmt.count(len(frame), 'réponse')} proposées, dans l'ordre du contrat. « {first['libelle']} » "
        f"arrive en tête avec {fmt.number(first['nombre'])} sélections "
        f"({fmt.percent(first['nombre'] / total * 100, 0)} des {fmt.number(total)} répondants) ; "
        f"« {last['libelle']} » ferme la liste avec {fmt.number(last['nombre'])}. Un répondant "
        "pouvait choisir plusieurs réponses."
    )
    return Figure(
        id=f"classement-{slug(question)}",
        title=_question_title(question),
        description=description,
        plot=_ranked_bars(frame),
        table=ranking_table(question),
        downloads=[("Réponses classées", "consultation/reponses.csv")],
    )


def quotes(question: str) -> Fragment:
    c = load("consultation_citations")
    c = c[c["question"] == question].sort_values("ordre")
    if c.empty:
        return Fragment("")
    items = "".join(
        f'<figure class="q2030-quote"><blockquote><p>« {escape(r.citation)} »</p></blockquote>'
        f"<figcaption>{escape(r.attribution)} (ligne {r.ligne_source})</figcaption></figure>"
        for r in c.itertuples()
    )
    return Fragment(
        f"<div{attrs(id='citations-' + slug(question), class_='q2030-quotes')}>"
        f"<p><strong>Contributions originales citées par le contrat</strong></p>{items}</div>"
    )


def participation() -> pd.DataFrame:
    return load("consultation_participation")


def figure_participation() -> Figure:
    p = participation()
    qs = list(dict.fromkeys(p["question"]))
    modalities = [m for m in MODALITIES if m in set(p["modalite"])]
    labels = {q: wrap_label(questions().at[q, "libelle"]) for q in qs}
    traces = []
    for i, m in enumerate(modalities):
        rows = p[p["modalite"] == m].set_index("question")
        traces.append(
            go.Bar(
                orientation="h",
                y=[labels[q] for q in qs],
                x=[rows["pourcentage"].get(q) for q in qs],
                name=MODALITIES[m],
                marker=series_style(i),
                text=[
                    fmt.percent(rows["pourcentage"].get(q), fmt.decimals_of(rows["pourcentage"].get(q)))
                    if q in rows.index
                    else ""
                    for q in qs
                ],
                textposition="outside",
                cliponaxis=False,
                hovertemplate=f"{MODALITIES[m]} : %{{x}} %<extra></extra>",
            )
        )
    plot = house_figure(
        traces,
        x_title="Part des répondants (%)",
        barmode="group",
        height=200 + row_height(list(labels.values()), 110) * len(qs),
        margin=dict(l=8, r=64, t=16, b=8),
        legend=LEGEND_ABOVE,
        yaxis=dict(autorange="reversed", tickfont=LABEL_FONT),
        xaxis=dict(range=[0, 100], nticks=5),
    )
    parts = []
    for q in qs:
        rows = p[p["question"] == q]
        parts.append(
            f"« {questions().at[q, 'libelle']} » : "
            + ", ".join(
                f"{MODALITIES[r.modalite].lower()} {fmt.percent(r.pourcentage, fmt.decimals_of(r.pourcentage))}"
                for r in rows.itertuples()
            )
            + f" (total {fmt.percent(rows['pourcentage'].sum(), 2)})"
        )
    description = f"{fmt.number(int(p['effectif_total'].iloc[0]))} répondants. " + " ; ".join(parts) + "."
    wide = p.pivot(index="question", columns="modalite", values="pourcentage")
    table = Table(
        id="donnees-participation",
        caption="Réponses aux deux questions sur la participation",
        corner="Question",
        columns=[MODALITIES[m] for m in modalities] + ["Total", "Répondants"],
        rows=[
            Row(
                questions().at[q, "libelle"],
                [
                    fmt.percent(wide.at[q, m], fmt.decimals_of(wide.at[q, m]))
                    if not pd.isna(wide.at[q, m])
                    else ""
                    for m in modalities
                ]
                + [
                    fmt.percent(wide.loc[q].sum(), 2),
                    fmt.number(int(p.loc[p["question"] == q, "effectif_total"].iloc[0])),
                ],
            )
            for q in qs
        ],
        text=True,
    )
    return Figure(
        id="participation",
        title="Connaître et pratiquer la participation",
        description=description,
        plot=plot,
        table=table,
        downloads=[("Participation", "consultation/participation.csv")],
    )


def _order_check(question: str, territory: str) -> Check:
    frame = ranking(question, territory)
    where = "ensemble" if territory == OVERALL else territory_names()[territory]
    counts = list(frame["nombre"])
    rises = [i for i in range(1, len(counts)) if counts[i] > counts[i - 1]]
    subject = f"Ordre du classement « {questions().at[question, 'libelle']} » ({where})"
    if not rises:
        return Check(
            subject,
            f"{fmt.count(len(counts), 'réponse')} classées",
            "nombres décroissants",
            Verdict.AGREES,
            int(frame["ligne_source"].iloc[0]),
            "Chaque réponse a au moins autant de sélections que la suivante.",
        )
    first = frame.iloc[rises[0]]
    details = []
    for i in rises:
        r = frame.iloc[i]
        above = frame.iloc[:i][frame.iloc[:i]["nombre"] < r["nombre"]]
        details.append(
            f"« {r['libelle']} » ({fmt.number(r['nombre'])}), rang {r['rang']}, vient après "
            + ", ".join(f"« {a['libelle']} » ({fmt.number(a['nombre'])})" for _, a in above.iterrows())
        )
    expected = int((frame["nombre"] > first["nombre"]).sum()) + 1
    return Check(
        subject,
        f"« {first['libelle']} » au rang {first['rang']}",
        f"rang {expected} d'après ses {fmt.number(first['nombre'])} sélections",
        Verdict.DIFFERS,
        int(first["ligne_source"]),
        "; ".join(details) + ".",
    )


def _participation_checks() -> list[Check]:
    p = participation()
    checks = []
    for q, rows in p.groupby("question", sort=False):
        total = int(rows["effectif_total"].iloc[0])
        label = questions().at[q, "libelle"]
        s = rows["pourcentage"].sum()
        checks.append(
            Check(
                f"Somme des réponses à « {label} »",
                " + ".join(fmt.percent(v, fmt.decimals_of(v)) for v in rows["pourcentage"]),
                fmt.percent(s, 2),
                compare(100, s, 2),
                int(rows["ligne_source"].iloc[0]),
                "Les réponses s'excluent l'une l'autre : leur somme doit faire 100 %.",
            )
        )
        for r in rows.itertuples():
            decimals = fmt.decimals_of(r.pourcentage)
            n = round(r.pourcentage * total / 100)
            back = n / total * 100
            verdict = compare(r.pourcentage, back, decimals)
            detail = f"{fmt.percent(r.pourcentage, decimals)} de {fmt.number(total)} = {fmt.number(r.pourcentage * total / 100, 2)}."
            if verdict is not Verdict.AGREES:
                lo, hi = int(r.pourcentage * total / 100), int(r.pourcentage * total / 100) + 1
                others = rows[rows["modalite"] != r.modalite]
                rest = total - sum(round(v * total / 100) for v in others["pourcentage"])
                detail += (
                    f" {fmt.count(lo, 'répondant')} = {fmt.percent(lo / total * 100, decimals)} ; "
                    f"{fmt.count(hi, 'répondant')} = {fmt.percent(hi / total * 100, decimals)}. "
                    f"Les autres réponses laissent {fmt.count(rest, 'répondant')}, soit "
                    f"{fmt.percent(rest / total * 100, decimals)}."
                )
            checks.append(
                Check(
                    f"« {MODALITIES[r.modalite]} » à « {label} »",
                    fmt.percent(r.pourcentage, decimals),
                    f"{fmt.count(n, 'répondant')} sur {fmt.number(total)} = {fmt.percent(back, decimals)}",
                    verdict,
                    int(r.ligne_source),
                    detail,
                )
            )
    fact = facts().loc[MORE_THAN_HALF]
    yes = p[(p["question"] == p["question"].iloc[0]) & (p["modalite"] == "oui")]["pourcentage"].iloc[0]
    words = fact["libelle"].split(" des ")[0].lower()
    checks.append(
        Check(
            "Synthèse : part des répondants qui savent pouvoir participer",
            f"« {words} »"
            + (f" (plus de {fmt.percent(fact['valeur'], 0)})" if fact["comparateur"] == "superieur" else ""),
            f"{fmt.percent(yes)} de « oui »",
            Verdict.AGREES
            if (
                yes > fact["valeur"]
                if fact["comparateur"] == "superieur"
                else compare(fact["valeur"], yes, 0) is Verdict.AGREES
            )
            else Verdict.DIFFERS,
            int(fact["ligne_source"]),
            "La synthèse reprend en mots la réponse à la première question fermée.",
        )
    )
    return checks


def _quote_checks() -> list[Check]:
    """A quoted contribution attributed to a quartier outside those the synthesis analyses."""
    analysed = set(split().index)
    names = territory_names()
    checks = []
    for r in load("consultation_citations").itertuples():
        if r.territoire in analysed:
            continue
        checks.append(
            Check(
                f"Quartier de la contribution citée sous « {questions().at[r.question, 'libelle']} »",
                f"« {r.attribution} »",
                f"{names[r.territoire]} : hors des quartiers analysés",
                Verdict.DIFFERS,
                int(r.ligne_source),
                "La synthèse ne retient que les réponses des quartiers qu'elle liste ("
                + ", ".join(split()["libelle_quartier"])
                + ") ; celui-ci n'en fait pas partie et n'a "
                "aucune part des répondants.",
            )
        )
    return checks


def answers_checks() -> Fragment:
    checks = [_order_check(q, OVERALL) for q in ranked_questions()]
    checks += _participation_checks() + _quote_checks()
    return render_checks(checks, id="controles-consultation-reponses")


# --- by quartier -----------------------------------------------------------------------


def detailed_questions() -> list[str]:
    r = load("consultation_reponses")
    detailed = set(r.loc[r["territoire"] != OVERALL, "question"])
    return [q for q in ranked_questions() if q in detailed]


def figure_quartiers(question: str) -> Figure:
    """The detailed quartiers side by side: for each answer, the share of the quartier's
    respondents who selected it (the quartiers do not have the same number of respondents)."""
    overall = ranking(question)
    s = split()
    territories = detailed_territories()
    names = territory_names()
    labels = [wrap_label(v) for v in overall["libelle"]]
    traces, rows = [], {}
    for i, t in enumerate(territories):
        counts = ranking(question, t).set_index("libelle")["nombre"]
        n = int(s.at[t, "repondants"])
        shares = [counts[a] / n * 100 if a in counts.index else None for a in overall["libelle"]]
        rows[t] = (counts, n, shares)
        # An answer missing from the quartier's list: no bar, but said in words at 0.
        traces.append(
            go.Bar(
                orientation="h",
                y=labels,
                x=[0 if v is None else v for v in shares],
                name=wrap_label(f"{names[t]} ({fmt.count(n, 'répondant')})", 34),
                marker=series_style(i),
                customdata=[
                    f"{fmt.number(counts[a])} sélections" if a in counts.index else "absente de la liste"
                    for a in overall["libelle"]
                ],
                text=[fmt.percent(v, 0) if v is not None else "absente de la liste" for v in shares],
                textposition="outside",
                cliponaxis=False,
                hovertemplate=f"{plot_text(names[t])}<br>%{{y}} : %{{customdata}}<extra></extra>",
            )
        )
    plot = house_figure(
        traces,
        x_title="Part des répondants (%)",
        barmode="group",
        height=160 + row_height(labels, 60) * len(overall),
        margin=dict(l=8, r=48, t=16, b=8),
        legend=LEGEND_ABOVE,
        yaxis=dict(autorange="reversed", tickfont=LABEL_FONT),
        xaxis=dict(range=[0, 100], nticks=5),
    )
    tops = []
    for t in territories:
        counts, n, _ = rows[t]
        top = counts.idxmax()
        tops.append(
            f"{names[t]} : « {top} » ({fmt.percent(counts[top] / n * 100, 0)} des {fmt.number(n)} répondants)"
        )
    missing = [
        f"« {a} » manque dans la liste du quartier {names[t]}"
        for t in territories
        for a in overall["libelle"]
        if a not in rows[t][0].index
    ]
    description = (
        "Réponse la plus citée : " + " ; ".join(tops) + ". Les réponses suivent l'ordre "
        "de l'ensemble des répondants." + (" " + " ; ".join(missing) + "." if missing else "")
    )
    columns = []
    for t in territories:
        columns += [f"{names[t]} : sélections", f"{names[t]} : part"]
    table = Table(
        id=f"donnees-quartiers-{slug(question)}",
        caption=f"{_question_title(question)} — par quartier",
        corner="Réponse",
        columns=columns + ["Ensemble : sélections"],
        rows=[
            Row(
                a,
                sum(
                    (
                        [
                            fmt.number(rows[t][0][a]) if a in rows[t][0].index else "",
                            fmt.percent(rows[t][2][i], 0) if rows[t][2][i] is not None else "",
                        ]
                        for t in territories
                    ),
                    [],
                )
                + [fmt.number(c)],
            )
            for i, (a, c) in enumerate(zip(overall["libelle"], overall["nombre"]))
        ],
        note="La part rapporte les sélections au nombre de répondants du quartier, déduit de sa "
        "part imprimée. Une case vide : la réponse manque dans la liste du quartier.",
    )
    return Figure(
        id=f"quartiers-{slug(question)}",
        title=f"{_question_title(question)} — les quartiers côte à côte",
        description=description,
        plot=plot,
        table=table,
        downloads=[("Réponses classées", "consultation/reponses.csv")],
    )


def quartier_rankings() -> Fragment:
    """Every list the contract details for one quartier, quartier by quartier."""
    names = territory_names()
    out = []
    for t in detailed_territories():
        out.append(
            f"<section{attrs(id='reponses-' + slug(t), class_='q2030-quartier')}><h3>{escape(names[t])}</h3>"
        )
        out += [ranking_table(q, t).html() for q in detailed_questions() if not ranking(q, t).empty]
        out.append("</section>")
    return Fragment("".join(out))


def quartier_checks() -> Fragment:
    s = split()
    total = respondents()
    territories = detailed_territories()
    names = territory_names()
    others = total - int(s.loc[territories, "repondants"].sum())
    checks = [_order_check(q, t) for t in territories for q in detailed_questions()]
    for t in territories:
        n = int(s.at[t, "repondants"])
        for q in detailed_questions():
            frame = ranking(q, t)
            if frame.empty:
                continue
            top = frame["nombre"].max()
            checks.append(
                Check(
                    f"Sélections au plus égales aux répondants : {names[t]}, « {questions().at[q, 'libelle']} »",
                    f"au plus {fmt.number(top)} sélections",
                    f"{fmt.count(n, 'répondant')}",
                    Verdict.AGREES if top <= n else Verdict.DIFFERS,
                    int(frame["ligne_source"].iloc[0]),
                    "Un répondant ne sélectionne une réponse qu'une fois.",
                )
            )
    for q in detailed_questions():
        overall = ranking(q)
        lists = {t: ranking(q, t).set_index("libelle") for t in territories}
        for t in territories:
            missing = [a for a in overall["libelle"] if a not in lists[t].index]
            if missing or len(lists[t]) != len(overall):
                checks.append(
                    Check(
                        f"Réponses de la liste « {questions().at[q, 'libelle']} » : {names[t]}",
                        f"{fmt.count(len(lists[t]), 'réponse')}",
                        f"{fmt.count(len(overall), 'réponse')} dans la liste de l'ensemble",
                        Verdict.DIFFERS,
                        int(lists[t]["ligne_source"].min()),
                        "Absente : " + ", ".join(f"« {a} »" for a in missing) + ".",
                    )
                )
        for r in overall.itertuples():
            parts = {t: int(lists[t]["nombre"].get(r.libelle, 0)) for t in territories}
            rest = r.nombre - sum(parts.values())
            ok = 0 <= rest <= others
            checks.append(
                Check(
                    f"« {r.libelle} » ({questions().at[q, 'libelle']}) : ensemble et quartiers",
                    fmt.number(r.nombre),
                    " + ".join(fmt.number(v) for v in parts.values())
                    + f" = {fmt.number(sum(parts.values()))} "
                    "dans les quartiers détaillés",
                    Verdict.AGREES if ok else Verdict.DIFFERS,
                    int(r.ligne_source),
                    f"L'ensemble compte {fmt.number(total)} répondants, les quartiers détaillés "
                    f"{fmt.number(total - others)} : il doit valoir leur somme plus 0 à {fmt.number(others)}"
                    + (
                        "."
                        if ok
                        else f" ; il lui manque {fmt.number(-rest)} sélection(s)."
                        if rest < 0
                        else f" ; l'écart est de {fmt.number(rest)}."
                    ),
                )
            )
    return render_checks(checks, id="controles-consultation-quartiers")


# --- local orientations ----------------------------------------------------------------


def local_orientations(territory: str) -> Fragment:
    """The orientations of one quartier or sub-quartier, with its QPV and the targets it
    sets; for a quartier whose orientations are given by sub-quartier, what they are."""
    places = load("orientations_territoires").set_index("code")
    if territory not in places.index:
        raise KeyError(f"Le territoire « {territory} » n'existe pas dans data/enjeux/territoires.csv.")
    place = places.loc[territory]
    items = load("orientations_locales")
    items = items[items["territoire"] == territory].sort_values("ordre")
    children = places[places["parent"] == territory].sort_values("ordre")
    out = [
        f"<div{attrs(id='orientations-locales-' + slug(territory), class_='q2030-local')}>",
        f'<p class="q2030-qpv">Quartier prioritaire 2024 : <a href="{escape(pages.url("qpv-" + place["qpv"]))}">'
        f"<strong>{escape(place['qpv'])}</strong></a>"
        f" (code officiel ; voir la page du quartier) — ligne {place['ligne_source']} du contrat.</p>",
    ]
    if not children.empty:
        all_items = load("orientations_locales")
        out.append(
            "<p>Le contrat donne ses orientations sous-quartier par sous-quartier : "
            + " ; ".join(
                f"{escape(c.libelle)} ({fmt.count(int((all_items['territoire'] == c.Index).sum()), 'orientation')})"
                for c in children.itertuples()
            )
            + ".</p>"
        )
    if not items.empty:
        out.append(
            '<ul class="q2030-items">'
            + "".join(f"<li>{escape(r.libelle)}</li>" for r in items.itertuples())
            + "</ul>"
        )
        notes = [
            f"ligne {r.ligne_source} : {escape(r.remarque)}"
            for r in items.itertuples()
            if not pd.isna(r.remarque)
        ]
        if notes:
            out.append('<p class="q2030-table-note">Note de transcription, ' + " ; ".join(notes) + "</p>")
    cibles = load("cibles")
    cibles = cibles[cibles["territoire"] == territory]
    for r in cibles.itertuples():
        unit = "" if pd.isna(r.unite) else f"\u00a0{r.unite}"
        out.append(
            f'<p class="q2030-target"><strong>Engagement chiffré à suivre :</strong> '
            f"{fmt.number(r.valeur, fmt.decimals_of(r.valeur))}{escape(unit)} (« {escape(r.libelle)} »). "
            f"Indicateur proposé : {escape(r.indicateur_suivi)}</p>"
        )
    out.append("</div>")
    return Fragment("".join(out))


def unplaced_territories(placed: list[str]) -> Fragment:
    """Territories of the data that the page gives no section of their own (a territory
    added to territoires.csv after the page was written): shown here, so that nothing in
    the data is left out, until the page gives them a section."""
    places = load("orientations_territoires").sort_values("ordre")
    rest = places[~places["code"].isin(placed)]
    if rest.empty:
        return Fragment("")
    parts = ['<section id="orientations-autres-territoires"><h2>Autres territoires</h2>']
    for r in rest.itertuples():
        parts.append(f"<h3>{escape(r.libelle)}</h3>{local_orientations(r.code).markup}")
    parts.append("</section>")
    return Fragment("".join(parts))
