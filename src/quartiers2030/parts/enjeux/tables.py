"""The tables of the enjeux part: the framework in figures, the targets, and the data
tables shown under each figure."""

from __future__ import annotations

import pandas as pd

from quartiers2030.core import fmt
from quartiers2030.core.checks import compare, marked
from quartiers2030.core.html import Fragment, slug
from quartiers2030.core.tables import Row, Table
from quartiers2030.parts.enjeux import model, wording
from quartiers2030.parts.enjeux.model import Axis

COUNT_COLUMNS = ["Enjeux", "Objectifs", "Orientations", "Actions", "Partenaires"]


def framework_table() -> Table:
    c = model.counts()
    rows = [Row(a.title, [fmt.number(c.at[a.code, k]) for k in c.columns]) for a in model.axes()]
    # a partner cited by several axes is counted once in the total
    totals = [fmt.number(c[k].sum()) for k in c.columns[:-1]] + [fmt.number(model.distinct_partners())]
    return Table(
        id="tableau-cadre-strategique",
        caption="Le cadre stratégique en chiffres, par axe",
        corner="Axe",
        columns=COUNT_COLUMNS,
        rows=rows,
        footer=[Row("Ensemble", totals, "total")],
        note=(
            "Une action est un paragraphe ou une puce du contrat sous une orientation. "
            "Le total des partenaires compte chaque organisation une fois, même si "
            "plusieurs axes la citent."
        ),
    )


def _target_row(r, axis_titles: dict[str, str], places, with_place: bool) -> Row:
    where = []
    if with_place:
        where = [axis_titles.get(r.axe, "") if not pd.isna(r.axe) else places.get(r.territoire, "")]
    return Row(
        r.libelle,
        where
        + [
            wording.target_value(r),
            "" if pd.isna(r.echeance) else str(r.echeance),
            r.indicateur_suivi,
            "" if pd.isna(r.remarque) else r.remarque,
            fmt.number(r.ligne_source),
        ],
    )


def targets_table(axis_code: str | None = None) -> Table:
    """The contract's quantified targets and verifiable commitments (all of them, or those
    of one axis), with the indicator that could track each."""
    every = axis_code is None
    axis_titles = {a.code: a.short for a in model.axes()}
    places = model.places() if every else {}
    columns = (["Axe ou territoire"] if every else []) + [
        "Valeur",
        "Échéance",
        "Indicateur de suivi proposé",
        "Remarque",
        "Ligne",
    ]
    rows = [_target_row(r, axis_titles, places, every) for r in model.targets(axis_code).itertuples()]
    return Table(
        id="tableau-cibles" + ("" if every else "-" + slug(axis_code)),
        caption="Engagements chiffrés ou vérifiables du contrat"
        + ("" if every else f" — {axis_titles[axis_code]}"),
        corner="Engagement (mots du contrat)",
        columns=columns,
        rows=rows,
        text=True,
        note=(
            "L'indicateur de suivi est une proposition de ce site, pas du contrat. Une case "
            "vide : le contrat ne donne ni valeur ni échéance."
        ),
    )


def structure_table(frame: pd.DataFrame, by_axis: dict[str, Axis]) -> Table:
    return Table(
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


def partner_matrix_table(
    links: pd.DataFrame, names: pd.Series, listed: list[Axis], order: list[str]
) -> Table:
    per_partner = links.groupby("partenaire")["axe"].nunique()
    cited = set(zip(links["partenaire"], links["axe"]))
    return Table(
        id="donnees-partenaires-axes",
        caption="Partenaires à mobiliser, par axe",
        corner="Partenaire",
        columns=[a.short for a in listed] + ["Axes"],
        rows=[
            Row(
                names[p],
                ["oui" if (p, a.code) in cited else "" for a in listed] + [fmt.number(per_partner[p])],
            )
            for p in order
        ],
        note="Une case vide : le partenaire n'est pas dans la liste de cet axe.",
    )


def _total_cell(r) -> str | Fragment:
    """The number of actions of the year: the TOTAL as printed, the sum of the pillars
    (on which the share is computed) beside it when it differs."""
    if pd.isna(r.actions_total_imprime):
        return fmt.number(r.actions_total)
    verdict = compare(r.actions_total_imprime, r.actions_total, 0)
    return marked(fmt.number(r.actions_total_imprime), fmt.number(r.actions_total), verdict)


def tracking_table(history: pd.DataFrame, goal: float, pillar: str, line) -> Table:
    goal_text = fmt.percent(goal, 0)
    return Table(
        id="donnees-suivi-axe1",
        caption=f"Part du pilier « {pillar} » et objectif de {goal_text}",
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
                    _total_cell(r),
                    fmt.percent(r.part_actions),
                    goal_text,
                ],
            )
            for y, r in history.iterrows()
        ],
        note=(
            "Parts recalculées à partir des tableaux de l'évaluation 2015-2023 ; l'enveloppe "
            "comprend les priorités transversales. La part des actions divise les actions du "
            "pilier par la somme des actions des piliers ; la colonne « Actions » donne le "
            "TOTAL imprimé par le contrat et, quand il diffère, cette somme (« recalculé »)."
        ),
        source=f"Objectif de {goal_text} : contrat de ville, ligne {fmt.number(line)}.",
    )
