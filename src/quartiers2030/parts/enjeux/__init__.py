"""Part III, A: the strategic framework of the contract (axes → objectifs → orientations →
actions), the partners each axis calls on, and the targets it sets, from data/enjeux/.

One function renders a whole axis page from the axis code; the figures of the framework and
of the target tracking read every axis, objective, partner and year from the data.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from quartiers2030.core import fmt
from quartiers2030.core.figures import (
    LABEL_FONT,
    LEGEND_ABOVE,
    PALETTE,
    Figure,
    house_figure,
    plot_text,
    wrap_label,
)
from quartiers2030.core.html import Fragment, attrs, escape, slug
from quartiers2030.core.tables import Row, Table
from quartiers2030.data.datapackage import load

# The 2015-2023 contract was organised in pillars, the 2024-2030 one in axes. The contract
# measures the axis 1 target (l. 838) against the share of the emploi pillar (l. 108): that
# pillar's share is the history of the target, year by year.
TARGET_HISTORY = {"part_axe1_programmation": "emploi"}


@dataclass(frozen=True)
class Axis:
    code: str
    number: int
    label: str
    precision: str | None
    kind: str

    @property
    def short(self) -> str:
        """« Axe 1 », or « Axes transversaux » for the part that has no number of its own."""
        return f"Axe {self.number}" if self.kind == "strategique" else "Axes transversaux"

    @property
    def title(self) -> str:
        return f"{self.short} : {self.label}" if self.kind == "strategique" else self.label


def _code_key(code: str) -> tuple:
    """`1.10` after `1.9`, `2.1.a` after `1.3.b`."""
    return tuple(int(p) if p.isdigit() else p for p in str(code).split("."))


# --- facts -----------------------------------------------------------------------------


def axes() -> list[Axis]:
    frame = load("axes").sort_values("numero")
    return [
        Axis(r.code, int(r.numero), r.libelle, None if pd.isna(r.precision) else r.precision, r.type)
        for r in frame.itertuples()
    ]


def axis(code: str) -> Axis:
    for a in axes():
        if a.code == code:
            return a
    raise KeyError(f"L'axe « {code} » n'existe pas dans data/enjeux/axes.csv.")


def objectives() -> pd.DataFrame:
    frame = load("objectifs")
    return frame.iloc[sorted(range(len(frame)), key=lambda i: _code_key(frame["code"].iloc[i]))]


def framework() -> pd.DataFrame:
    """One row per orientation: its axis, its objective and its number of actions, in the
    order of the contract."""
    orientations = load("orientations")
    objectifs = objectives().set_index("code")
    items = load("enjeux_actions").groupby("orientation").size()
    frame = orientations.assign(
        axe=orientations["objectif"].map(objectifs["axe"]),
        objectif_libelle=orientations["objectif"].map(objectifs["libelle"]),
        actions=orientations["code"].map(items).fillna(0).astype(int),
    )
    order = sorted(range(len(frame)), key=lambda i: _code_key(frame["code"].iloc[i]))
    return frame.iloc[order].reset_index(drop=True)


def partners_of(code: str) -> pd.DataFrame:
    """The partners an axis calls on, in the order of its list, with their full names."""
    links = load("partenaires_axes")
    names = load("partenaires").set_index("code")["libelle"]
    rows = links[links["axe"] == code].sort_values(["ordre", "partenaire"], kind="stable")
    return rows.assign(nom=rows["partenaire"].map(names))


def counts() -> pd.DataFrame:
    """Enjeux, objectives, orientations, actions and partners of each axis."""
    frame = framework()
    enjeux = load("enjeux").groupby("axe").size()
    partners = load("partenaires_axes").groupby("axe")["partenaire"].nunique()
    out = pd.DataFrame(
        {
            "enjeux": enjeux,
            "objectifs": frame.groupby("axe")["objectif"].nunique(),
            "orientations": frame.groupby("axe").size(),
            "actions": frame.groupby("axe")["actions"].sum(),
            "partenaires": partners,
        }
    )
    return out.reindex([a.code for a in axes()]).fillna(0).astype(int)


# --- the axis page ---------------------------------------------------------------------


def _items_html(rows: pd.DataFrame) -> str:
    """The items of an orientation as nested lists: a bullet under the paragraph that
    introduces it, a paragraph under its sub-title."""
    children: dict = defaultdict(list)
    top = []
    for r in rows.sort_values("ordre").itertuples():
        (top if pd.isna(r.parent) else children[int(r.parent)]).append(r)

    def item(r) -> str:
        text = escape(r.libelle)
        if r.forme == "intertitre":
            text = f"<strong>{text}</strong>"
        sub = children.get(int(r.ordre))
        inner = f"<ul>{''.join(item(c) for c in sub)}</ul>" if sub else ""
        return f"<li>{text}{inner}</li>"

    return f'<ul class="q2030-items">{"".join(item(r) for r in top)}</ul>'


def _enjeux_html(a: Axis) -> str:
    enjeux = load("enjeux")
    enjeux = enjeux[enjeux["axe"] == a.code].sort_values("ordre")
    titles = objectives().set_index("code")["libelle"]
    out = [f"<section{attrs(id='liste-enjeux-' + slug(a.code), class_='q2030-enjeux')}>", "<h2>Enjeux</h2>"]
    if enjeux.empty:
        out.append(
            "<p>Le contrat ne formule pas de liste d'enjeux pour cet axe : ses "
            "objectifs, ci-dessous, en tiennent lieu.</p></section>"
        )
        return "".join(out)
    out.append("<ol>")
    for r in enjeux.itertuples():
        link = f'<a href="#objectif-{slug(r.objectif)}">objectif {escape(r.objectif)}</a>'
        note = ""
        if titles.get(r.objectif) != r.libelle:
            note = (
                f" ; le titre de l'objectif diffère : « {escape(titles.get(r.objectif))} »"
                f" (ligne {fmt.number(r.ligne_source)} pour l'enjeu)"
            )
        out.append(f"<li>{escape(r.libelle)} ({link}{note})</li>")
    out.append("</ol></section>")
    return "".join(out)


def _objectives_html(a: Axis, frame: pd.DataFrame, items: pd.DataFrame) -> str:
    out = []
    for objective, rows in frame.groupby("objectif", sort=False):
        label = rows["objectif_libelle"].iloc[0]
        n = int(rows["actions"].sum())
        out.append(
            f"<section{attrs(id='objectif-' + slug(objective), class_='q2030-objectif')}>"
            f"<h2>{escape(objective)} {escape(label)}</h2>"
            f'<p class="q2030-counts">{fmt.count(len(rows), "orientation")}, '
            f"{fmt.count(n, 'action')}.</p>"
        )
        for r in rows.itertuples():
            out.append(
                f"<section{attrs(id='orientation-' + slug(r.code), class_='q2030-orientation')}>"
                f"<h3>{escape(r.libelle)}</h3>"
                f'<p class="q2030-counts">Orientation {escape(r.code)} : '
                f"{fmt.count(r.actions, 'action')}.</p>"
                f"{_items_html(items[items['orientation'] == r.code])}</section>"
            )
        out.append("</section>")
    return "".join(out)


def _partners_html(a: Axis) -> str:
    partners = partners_of(a.code)
    out = [
        f"<section{attrs(id='partenaires-' + slug(a.code), class_='q2030-partenaires')}>",
        "<h2>Partenaires à mobiliser</h2>",
    ]
    if partners.empty:
        out.append("<p>Le contrat ne donne pas de liste de partenaires pour cette partie.</p></section>")
        return "".join(out)
    out.append(
        f"<p>{fmt.count(partners['partenaire'].nunique(), 'organisation')}, dans l'ordre "
        f"de la liste du contrat (ligne {fmt.number(partners['ligne_source'].iloc[0])}) ; "
        "entre parenthèses, le nom complet quand la liste l'abrège.</p><ul>"
    )
    for _, entry in partners.groupby("ordre", sort=True):
        printed = entry["libelle_contrat"].iloc[0]
        names = [n for n in entry["nom"] if n != printed]
        full = f" ({escape(' ; '.join(names))})" if names else ""
        out.append(f"<li>{escape(printed)}{full}</li>")
    out.append("</ul></section>")
    return "".join(out)


def _notes_html(items: pd.DataFrame, frame: pd.DataFrame) -> str:
    """How the data transcribes what the text leaves ambiguous, folded at the end."""
    notes = []
    for r in frame[frame["remarque"].notna()].itertuples():
        notes.append(f"Orientation {escape(r.code)} (ligne {r.ligne_source}) : {escape(r.remarque)}")
    for r in items[items["remarque"].notna()].sort_values("ligne_source").itertuples():
        notes.append(
            f"Orientation {escape(r.orientation)}, action {r.ordre} "
            f"(ligne {r.ligne_source}) : {escape(r.remarque)}"
        )
    if not notes:
        return ""
    return (
        '<details class="q2030-notes"><summary>Notes de transcription ('
        f"{fmt.number(len(notes))})</summary><ul>"
        + "".join(f"<li>{n}</li>" for n in notes)
        + "</ul></details>"
    )


def axis_page(code: str) -> Fragment:
    """Everything an axis page shows below its introduction: counts, enjeux, objectives with
    their orientations and actions, partners, the targets to track, transcription notes."""
    a = axis(code)
    frame = framework()
    frame = frame[frame["axe"] == code]
    items = load("enjeux_actions")
    items = items[items["orientation"].isin(frame["code"])]
    count = counts().loc[code]
    summary = (
        f"{fmt.count(count['enjeux'], 'enjeu', 'enjeux')}, "
        f"{fmt.count(count['objectifs'], 'objectif')}, "
        f"{fmt.count(count['orientations'], 'orientation')}, "
        f"{fmt.count(count['actions'], 'action')} et "
        f"{fmt.count(count['partenaires'], 'partenaire')} à mobiliser."
    )
    nav = "".join(
        f'<li><a href="#objectif-{slug(o)}">{escape(o)} {escape(rows["objectif_libelle"].iloc[0])}</a></li>'
        for o, rows in frame.groupby("objectif", sort=False)
    )
    targets = targets_table(axis_code=code)
    parts = [
        f"<div{attrs(id='axe-' + slug(code), class_='q2030-axis')}>",
        f'<p class="q2030-axis-summary"><strong>{escape(a.title)}</strong> : {summary}</p>',
        f'<nav aria-label="Objectifs de l\'axe"><ul>{nav}</ul></nav>',
        _enjeux_html(a),
        _objectives_html(a, frame, items),
        _partners_html(a),
        f"<section{attrs(id='cibles-' + slug(code), class_='q2030-cibles')}><h2>Engagements à suivre</h2>",
        targets.html()
        if targets.rows
        else "<p>Le contrat ne chiffre aucun engagement vérifiable pour cet axe.</p>",
        "</section>",
        _notes_html(items, frame),
        "</div>",
    ]
    return Fragment("".join(parts))


# --- overview --------------------------------------------------------------------------


def framework_table() -> Table:
    c = counts()
    columns = ["Enjeux", "Objectifs", "Orientations", "Actions", "Partenaires"]
    rows = [Row(a.title, [fmt.number(c.at[a.code, k]) for k in c.columns]) for a in axes()]
    distinct = load("partenaires_axes")["partenaire"].nunique()
    return Table(
        id="tableau-cadre-strategique",
        caption="Le cadre stratégique en chiffres, par axe",
        corner="Axe",
        columns=columns,
        rows=rows,
        footer=[
            Row(
                "Ensemble", [fmt.number(c[k].sum()) for k in c.columns[:-1]] + [fmt.number(distinct)], "total"
            )
        ],
        note=(
            "Une action est un paragraphe ou une puce du contrat sous une orientation. "
            "Le total des partenaires compte chaque organisation une fois, même si "
            "plusieurs axes la citent."
        ),
    )


def figure_structure() -> Figure:
    """Axis → objective → orientation, sized by the number of actions: one bar per
    objective, made of one segment per orientation."""
    frame = framework()
    by_axis = {a.code: a for a in axes()}
    colour = {a.code: PALETTE[i % len(PALETTE)] for i, a in enumerate(axes())}
    objectives_order = list(dict.fromkeys(frame["objectif"]))
    axis_of = dict(zip(frame["objectif"], frame["axe"]))
    y = [[wrap_label(by_axis[axis_of[o]].short, 10) for o in objectives_order], objectives_order]
    frame = frame.assign(rank=frame.groupby("objectif").cumcount())
    traces = []
    for _rank, rows in frame.groupby("rank"):
        rows = rows.set_index("objectif").reindex(objectives_order)
        present = rows["code"].notna()
        traces.append(
            go.Bar(
                orientation="h",
                y=y,
                x=[int(v) if ok else None for v, ok in zip(rows["actions"], present)],
                marker=dict(
                    color=[colour[axis_of[o]] for o in objectives_order], line=dict(color="#ffffff", width=2)
                ),
                text=[c.split(".")[-1] if ok else "" for c, ok in zip(rows["code"].fillna(""), present)],
                textposition="inside",
                insidetextanchor="middle",
                textangle=0,
                textfont=dict(color=[_ink(colour[axis_of[o]]) for o in objectives_order]),
                constraintext="inside",
                customdata=[
                    [plot_text(c), plot_text(item)]
                    for c, item in zip(rows["code"].fillna(""), rows["libelle"].fillna(""))
                ],
                hovertemplate="%{customdata[0]} %{customdata[1]}<br>%{x} actions<extra></extra>",
                showlegend=False,
            )
        )
    totals = frame.groupby("objectif", sort=False)["actions"].sum().reindex(objectives_order)
    traces.append(
        go.Scatter(
            y=y,
            x=totals.tolist(),
            mode="text",
            text=[fmt.number(v) for v in totals],
            textposition="middle right",
            hoverinfo="skip",
            showlegend=False,
            cliponaxis=False,
        )
    )
    plot = house_figure(
        traces,
        x_title="Nombre d'actions",
        barmode="stack",
        height=120 + 34 * len(objectives_order),
        showlegend=False,
        margin=dict(l=8, r=40, t=16, b=8),
        uniformtext=dict(minsize=10, mode="hide"),
        yaxis=dict(
            type="multicategory",
            autorange="reversed",
            tickson="boundaries",
            showdividers=True,
            dividercolor="#1a1a1a",
            gridcolor="#ffffff",
            tickfont=LABEL_FONT,
        ),
        xaxis=dict(showgrid=True, gridcolor="#d9d9d9", rangemode="tozero", nticks=5),
    )
    top = frame.loc[frame["actions"].idxmax()]
    per_axis = frame.groupby("axe")["actions"].sum()
    description = (
        f"{fmt.count(len(frame), 'orientation')} réparties en {fmt.count(len(objectives_order), 'objectif')} "
        f"et {fmt.count(frame['axe'].nunique(), 'axe')}, pour {fmt.count(int(frame['actions'].sum()), 'action')}. "
        "Actions par axe : "
        + " ; ".join(f"{by_axis[c].short} {fmt.number(per_axis[c])}" for c in by_axis if c in per_axis)
        + f". L'orientation la plus détaillée est « {top['libelle']} » ({top['code']}, "
        f"{fmt.count(int(top['actions']), 'action')}). Chaque barre est un objectif ; chaque "
        "segment, marqué de sa lettre, une orientation."
    )
    table = Table(
        id="donnees-structure",
        caption="Orientations de chaque objectif et nombre d'actions",
        corner="Orientation",
        columns=["Axe", "Objectif", "Actions"],
        rows=[
            Row(f"{r.code} {r.libelle}", [by_axis[r.axe].short, r.objectif, fmt.number(r.actions)])
            for r in frame.itertuples()
        ],
        footer=[Row("Total", ["", "", fmt.number(int(frame["actions"].sum()))], "total")],
    )
    return Figure(
        id="structure-cadre",
        title="Structure du cadre stratégique : objectifs et orientations, selon le nombre d'actions",
        description=description,
        plot=plot,
        table=table,
        downloads=[("Orientations", "enjeux/orientations.csv"), ("Actions", "enjeux/actions.csv")],
    )


def _short_name(links: pd.DataFrame, names: pd.Series) -> dict[str, str]:
    """The shortest name under which the partner lists cite each partner (« CAF », « ARS »),
    skipping entries that name two partners (« associations communes »); else the full name."""
    shared = links.groupby(["axe", "libelle_contrat"])["partenaire"].transform("nunique")
    own = links[shared == 1].groupby("partenaire")["libelle_contrat"]
    shortest = {p: min(labels, key=len) for p, labels in own}
    return {p: shortest.get(p, names[p]) for p in links["partenaire"].unique()}


def _ink(colour: str) -> str:
    """Black or white text, whichever reads better on a bar of `colour`."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    lum = sum(
        w * (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
        for w, c in zip((0.2126, 0.7152, 0.0722), (r, g, b))
    )
    return "#ffffff" if (1.05 / (lum + 0.05)) >= 4.5 else "#1a1a1a"


def figure_partner_matrix() -> Figure:
    links = load("partenaires_axes")
    names = load("partenaires").set_index("code")["libelle"]
    listed = [a for a in axes() if a.code in set(links["axe"])]
    short = _short_name(links, names)
    axis_rank = {a.code: i for i, a in enumerate(listed)}
    first = links.assign(r=links["axe"].map(axis_rank)).sort_values(["r", "ordre"])
    order = first.groupby("partenaire", sort=False).agg(
        n=("axe", "nunique"), first=("r", "min"), pos=("ordre", "min")
    )
    order["seen"] = range(len(order))
    order = order.sort_values(["n", "seen"], ascending=[False, True]).index.tolist()
    label = {p: wrap_label(short[p], 30) for p in order}  # at most two lines a row
    x, y, hover = [], [], []
    for r in links.itertuples():
        a = next(a for a in listed if a.code == r.axe)
        x.append(a.short)
        y.append(label[r.partenaire])
        hover.append(
            f"{plot_text(names[r.partenaire])}<br>{plot_text(a.short)} : « {plot_text(r.libelle_contrat)} »"
        )
    plot = house_figure(
        [
            go.Scatter(
                x=x,
                y=y,
                mode="markers",
                marker=dict(symbol="square", size=16, color=PALETTE[0]),
                text=hover,
                hovertemplate="%{text}<extra></extra>",
                showlegend=False,
            )
        ],
        x_title="Axe",
        height=110 + 36 * len(order),
        showlegend=False,
        margin=dict(l=8, r=16, t=16, b=8),
        xaxis=dict(
            type="category",
            side="top",
            categoryorder="array",
            categoryarray=[a.short for a in listed],
            tickvals=[a.short for a in listed],
            # numbers only: four columns must fit beside the names on a phone
            ticktext=[str(a.number) for a in listed],
            tickangle=0,
            showgrid=True,
            gridcolor="#d9d9d9",
        ),
        yaxis=dict(
            type="category",
            categoryorder="array",
            categoryarray=[label[p] for p in order],
            autorange="reversed",
            showgrid=True,
            gridcolor="#eeeeee",
            zeroline=False,
            tickfont=LABEL_FONT,
        ),
    )
    per_partner = links.groupby("partenaire")["axe"].nunique()
    everywhere = [names[p] for p in order if per_partner[p] == len(listed)]
    once = int((per_partner == 1).sum())
    description = (
        f"{fmt.count(len(order), 'organisation')} citées dans les listes « Partenaires à mobiliser » "
        f"des {fmt.count(len(listed), 'axe')} qui en ont une. "
        + (f"Citées pour tous ces axes : {', '.join(everywhere)}. " if everywhere else "")
        + f"{fmt.number(once)} ne sont citées que pour un axe. Un carré marque chaque "
        "organisation citée pour un axe."
    )
    table = Table(
        id="donnees-partenaires-axes",
        caption="Partenaires à mobiliser, par axe",
        corner="Partenaire",
        columns=[a.short for a in listed] + ["Axes"],
        rows=[
            Row(
                names[p],
                [
                    "oui" if ((links["partenaire"] == p) & (links["axe"] == a.code)).any() else ""
                    for a in listed
                ]
                + [fmt.number(per_partner[p])],
            )
            for p in order
        ],
        note="Une case vide : le partenaire n'est pas dans la liste de cet axe.",
    )
    return Figure(
        id="partenaires-axes",
        title="Quelle organisation est appelée pour quel axe",
        description=description,
        plot=plot,
        table=table,
        downloads=[
            ("Partenaires par axe", "enjeux/partenaires_axes.csv"),
            ("Partenaires", "enjeux/partenaires.csv"),
        ],
    )


# --- targets ---------------------------------------------------------------------------


def _target_value(r) -> str:
    if pd.isna(r.valeur):
        return ""
    unit = "" if pd.isna(r.unite) else r.unite
    low = fmt.number(r.valeur, fmt.decimals_of(r.valeur))
    if not pd.isna(r.valeur_max):
        low = f"{low} à {fmt.number(r.valeur_max, fmt.decimals_of(r.valeur_max))}"
    return f"{low}\u00a0{unit}".strip() if unit else low


def targets_table(axis_code: str | None = None) -> Table:
    """The contract's quantified targets and verifiable commitments (all of them, or those
    of one axis), with the indicator that could track each."""
    cibles = load("cibles")
    if axis_code is not None:
        cibles = cibles[cibles["axe"] == axis_code]
    axis_titles = {a.code: a.short for a in axes()}
    places = load("orientations_territoires").set_index("code")["libelle"] if axis_code is None else {}
    columns = (["Axe ou territoire"] if axis_code is None else []) + [
        "Valeur",
        "Échéance",
        "Indicateur de suivi proposé",
        "Remarque",
        "Ligne",
    ]
    rows = []
    for r in cibles.itertuples():
        where = (
            [axis_titles.get(r.axe, "") if not pd.isna(r.axe) else places.get(r.territoire, "")]
            if axis_code is None
            else []
        )
        rows.append(
            Row(
                r.libelle,
                where
                + [
                    _target_value(r),
                    "" if pd.isna(r.echeance) else str(r.echeance),
                    r.indicateur_suivi,
                    "" if pd.isna(r.remarque) else r.remarque,
                    fmt.number(r.ligne_source),
                ],
            )
        )
    suffix = "" if axis_code is None else f" — {axis_titles[axis_code]}"
    return Table(
        id="tableau-cibles" + ("" if axis_code is None else "-" + slug(axis_code)),
        caption=f"Engagements chiffrés ou vérifiables du contrat{suffix}",
        corner="Engagement (mots du contrat)",
        columns=columns,
        rows=rows,
        text=True,
        note=(
            "L'indicateur de suivi est une proposition de ce site, pas du contrat. Une case "
            "vide : le contrat ne donne ni valeur ni échéance."
        ),
    )


def target_history(target: str = "part_axe1_programmation") -> pd.DataFrame:
    """Year by year, the share of the predecessor pillar of a target in the State envelope
    and in the number of actions of the programmation (in %)."""
    pillar = TARGET_HISTORY[target]
    envelope = load("enveloppe_etat").pivot(index="annee", columns="pilier", values="montant_eur")
    actions = load("actions")
    actions = actions.assign(total=actions["nouvelles"] + actions["reconduites"])
    by_pillar = actions.pivot(index="annee", columns="pilier", values="total")
    frame = pd.DataFrame(
        {
            "montant": envelope[pillar],
            "enveloppe": envelope.sum(axis=1),
            "actions": by_pillar[pillar],
            "actions_total": by_pillar.sum(axis=1),
        }
    )
    frame["part_montant"] = frame["montant"] / frame["enveloppe"] * 100
    frame["part_actions"] = frame["actions"] / frame["actions_total"] * 100
    return frame


def figure_target_tracking(target: str = "part_axe1_programmation") -> Figure:
    cible = load("cibles").set_index("code").loc[target]
    pillar = TARGET_HISTORY[target]
    pillar_label = load("piliers").set_index("code").loc[pillar, "libelle"]
    a = axis(cible["axe"])
    history = target_history(target)
    years = [str(y) for y in history.index]
    goal = float(cible["valeur"])
    amount, count = history["part_montant"], history["part_actions"]
    traces = [
        go.Scatter(
            x=years,
            y=amount.round(1).tolist(),
            mode="lines+markers",
            name=wrap_label(f"Pilier « {pillar_label} » : part de l'enveloppe État", 34),
            line=dict(color=PALETTE[0], width=3),
            marker=dict(size=9, symbol="circle"),
            hovertemplate="%{x} : %{y:.1f} % de l'enveloppe<extra></extra>",
        ),
        go.Scatter(
            x=years,
            y=count.round(1).tolist(),
            mode="lines+markers",
            name=wrap_label(f"Pilier « {pillar_label} » : part des actions", 34),
            line=dict(color=PALETTE[1], width=2, dash="dot"),
            marker=dict(size=9, symbol="diamond"),
            hovertemplate="%{x} : %{y:.1f} % des actions<extra></extra>",
        ),
        go.Scatter(
            x=years,
            y=[goal] * len(years),
            mode="lines",
            name=wrap_label(
                f"Objectif du contrat 2024-2030 pour l'{a.short.lower()} : {fmt.percent(goal, 0)}", 34
            ),
            line=dict(color="#1a1a1a", width=2, dash="dash"),
            hovertemplate=f"Objectif : {fmt.percent(goal, 0)}<extra></extra>",
        ),
    ]
    plot = house_figure(
        traces,
        y_title="Part du pilier (%)",
        height=440,
        xaxis=dict(type="category"),
        yaxis=dict(rangemode="tozero", range=[0, max(goal, amount.max(), count.max()) * 1.15]),
        legend=LEGEND_ABOVE,
    )
    reached = [y for y, v in amount.items() if v >= goal]
    description = (
        f"L'objectif de l'{a.short.lower()} est que la programmation lui consacre "
        f"{fmt.percent(goal, 0)} (ligne {cible['ligne_source']} du contrat). De {years[0]} à "
        f"{years[-1]}, le pilier « {pillar_label} », qui le précédait, a reçu entre "
        f"{fmt.percent(amount.min())} ({amount.idxmin()}) et {fmt.percent(amount.max())} "
        f"({amount.idxmax()}) de l'enveloppe de l'État, et entre {fmt.percent(count.min())} et "
        f"{fmt.percent(count.max())} des actions financées. "
        + (
            "Il n'a atteint l'objectif aucune année."
            if not reached
            else f"Il l'a atteint en {', '.join(str(y) for y in reached)}."
        )
    )
    table = Table(
        id="donnees-suivi-axe1",
        caption=f"Part du pilier « {pillar_label} » et objectif de {fmt.percent(goal, 0)}",
        corner="Année",
        columns=[
            "Montant du pilier",
            "Enveloppe État",
            "Part de l'enveloppe",
            "Actions du pilier",
            "Actions",
            "Part des actions",
            "Objectif",
        ],
        rows=[
            Row(
                str(y),
                [
                    fmt.euros(r.montant),
                    fmt.euros(r.enveloppe),
                    fmt.percent(r.part_montant),
                    fmt.number(r.actions),
                    fmt.number(r.actions_total),
                    fmt.percent(r.part_actions),
                    fmt.percent(goal, 0),
                ],
            )
            for y, r in history.iterrows()
        ],
        note=(
            "Parts recalculées à partir des tableaux de l'évaluation 2015-2023 ; l'enveloppe "
            "comprend les priorités transversales. Ajouter une année aux fichiers "
            "enveloppe_etat.csv et actions.csv prolonge les courbes."
        ),
    )
    return Figure(
        id="suivi-objectif-axe1",
        title=f"Objectif de {fmt.percent(goal, 0)} pour l'{a.short.lower()} et part du pilier "
        f"« {pillar_label} », {years[0]}-{years[-1]}",
        description=description,
        plot=plot,
        table=table,
        downloads=[
            ("Engagements du contrat", "enjeux/cibles.csv"),
            ("Enveloppe par pilier et par année", "evaluation/enveloppe_etat.csv"),
            ("Actions par pilier et par année", "evaluation/actions.csv"),
        ],
    )
