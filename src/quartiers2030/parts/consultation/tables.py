"""The consultation's tables: the démarche in dates and numbers, and the data beside each
chart (split by quartier, a lost profile, a ranked list, participation, quartiers side
by side)."""

from __future__ import annotations

import pandas as pd

from quartiers2030.core import fmt
from quartiers2030.core.html import slug
from quartiers2030.core.tables import Row, Table
from quartiers2030.data.datapackage import resource
from quartiers2030.parts.consultation import model, wording


def _note(value) -> str | None:
    return None if pd.isna(value) else value


RANK_FACT = "rang_departement_consultation"


def facts_table() -> Table:
    f = model.facts()
    opening, closing = f.loc["ouverture_plateforme"], f.loc["cloture_plateforme"]
    done, all_ = f.at["contributions_completes", "valeur"], f.at["contributions", "valeur"]

    def line(code: str) -> str:
        return str(f.at[code, "ligne_source"])

    rows = [
        Row("Ouverture de la plateforme", [fmt.long_date(opening["date"]), str(opening["ligne_source"])]),
        Row(
            "Clôture de la concertation en ligne",
            [fmt.long_date(closing["date"]), str(closing["ligne_source"])],
        ),
        Row("Contributions individuelles aux questionnaires", [fmt.number(all_), line("contributions")]),
        Row(
            "dont contributions complètes",
            [f"{fmt.number(done)} ({fmt.percent(done / all_ * 100)})", line("contributions_completes")],
            "sub",
        ),
        Row(
            "Répondants habitant un QPV de la CAB (questionnaire complété)",
            [fmt.number(model.respondents()), line(model.RESPONDENTS_FACT)],
        ),
    ]
    if RANK_FACT in f.index:  # the préface de l'État (l. 49)
        rows.append(Row(wording.rank_label(), [wording.rank_value(f.loc[RANK_FACT]), line(RANK_FACT)]))
    return Table(
        id="tableau-consultation",
        caption="La consultation « Quartiers 2030 » en dates et en chiffres",
        corner="Élément",
        columns=["Valeur", "Ligne du contrat"],
        rows=rows,
        note=" ".join(
            filter(None, [_note(f.at[c, "remarque"]) for c in ("contributions", RANK_FACT) if c in f.index])
        ),
    )


def split_table(s: pd.DataFrame, total: int) -> Table:
    return Table(
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


def profile_table(p: model.Profile, frame: pd.DataFrame) -> Table:
    return Table(
        id=f"donnees-repondants-{p.code}",
        caption=p.title,
        corner=resource(p.resource)["schema"]["fields"][0]["title"],
        columns=["Part des répondants", "Source"],
        rows=[Row(r[p.category], [fmt.percent(r["pourcentage"]), r["source"]]) for _, r in frame.iterrows()],
        text=True,
    )


def ranking_table(question: str, territory: str = model.OVERALL) -> Table:
    frame = model.ranking(question, territory)
    where = wording.where(territory, "ensemble des répondants")
    return Table(
        id=f"classement-{slug(question)}-{slug(territory)}",
        caption=f"{wording.question_title(question)} ({where})",
        corner="Rang",
        columns=["Réponse", "Sélections", "Ligne"],
        rows=[
            Row(str(r.rang), [r.libelle, fmt.number(r.nombre), str(r.ligne_source)])
            for r in frame.itertuples()
        ],
        text=True,
    )


def participation_table(p: pd.DataFrame, labels: dict[str, str]) -> Table:
    """`labels`: the answers present in the data (code -> label), in order."""
    wide = p.pivot(index="question", columns="modalite", values="pourcentage")
    rows = []
    for q in dict.fromkeys(p["question"]):
        shares = [wording.share_text(wide.at[q, m]) if not pd.isna(wide.at[q, m]) else "" for m in labels]
        total = fmt.percent(wide.loc[q].sum(), 2)
        n = fmt.number(int(p.loc[p["question"] == q, "effectif_total"].iloc[0]))
        rows.append(Row(model.question_label(q), shares + [total, n]))
    return Table(
        id="donnees-participation",
        caption="Réponses aux deux questions sur la participation",
        corner="Question",
        columns=list(labels.values()) + ["Total", "Répondants"],
        rows=rows,
        text=True,
    )


def quartiers_table(question: str, overall: pd.DataFrame, lists: dict[str, tuple[pd.Series, int]]) -> Table:
    """For each answer of the overall list, each quartier's selections and their share of
    the quartier's respondents (empty when the answer is missing from its list)."""
    names = model.territory_names()
    columns = [c for t in lists for c in (f"{names[t]} : sélections", f"{names[t]} : part")]
    rows = []
    for answer, count in zip(overall["libelle"], overall["nombre"]):
        cells = []
        for counts, n in lists.values():
            present = answer in counts.index
            cells += [
                fmt.number(counts[answer]) if present else "",
                fmt.percent(counts[answer] / n * 100, 0) if present else "",
            ]
        rows.append(Row(answer, cells + [fmt.number(count)]))
    return Table(
        id=f"donnees-quartiers-{slug(question)}",
        caption=f"{wording.question_title(question)} — par quartier",
        corner="Réponse",
        columns=columns + ["Ensemble : sélections"],
        rows=rows,
        note="La part rapporte les sélections au nombre de répondants du quartier, déduit de sa "
        "part imprimée. Une case vide : la réponse manque dans la liste du quartier.",
    )
