"""Sentences and labels of the consultation pages built from the data: question titles,
where a list comes from, and the text alternative of every chart (what a reader who
cannot see the chart must still learn from it)."""

from __future__ import annotations

import pandas as pd

from quartiers2030.core import fmt
from quartiers2030.parts.consultation import model

SHARE_AXIS = "Part des répondants (%)"
RANKED_DOWNLOAD = ("Réponses classées", "consultation/reponses.csv")


def rank_label() -> str:
    return "Rang du Pas-de-Calais parmi les départements de France (préface de l'État)"


def rank_value(fact: pd.Series) -> str:
    """« premier département de France en termes de consultation », the préface's words."""
    return "premier" if int(fact["valeur"]) == 1 else f"{fmt.number(fact['valeur'])}e"


def question_title(code: str) -> str:
    """« Question 1 : … » for a numbered question, its bare label otherwise."""
    q = model.questions().loc[code]
    return f"Question {int(q['numero'])} : {q['libelle']}" if not pd.isna(q["numero"]) else q["libelle"]


def where(territory: str, overall: str) -> str:
    """Whose list it is: `overall` for the list of all respondents, else the quartier."""
    return overall if territory == model.OVERALL else model.territory_names()[territory]


def respondents_label(name: str, n: int) -> str:
    return f"{name} ({fmt.count(n, 'répondant')})"


def split_description(s: pd.DataFrame, total: int) -> str:
    top = s["valeur"].idxmax()
    each = " ; ".join(
        f"{r.libelle_quartier} : {fmt.count(r.repondants, 'répondant')} ({fmt.percent(r.valeur, 3)})"
        for r in s.itertuples()
    )
    half = "plus" if s.at[top, "valeur"] > 50 else "moins"
    return (
        f"Sur {fmt.number(total)} répondants, {each}. Le premier quartier, "
        f"{s.at[top, 'libelle_quartier']}, réunit {half} de la moitié des répondants."
    )


def profile_description(frame: pd.DataFrame, category: str) -> str:
    sources = " ; ".join(dict.fromkeys(frame["source"]))
    top = frame.loc[frame["pourcentage"].idxmax()]
    return (
        f"{top[category]} : {fmt.percent(top['pourcentage'])} des répondants, la part "
        f"la plus élevée. Total des parts : {fmt.percent(frame['pourcentage'].sum())}. "
        f"Source : {sources}."
    )


def ranking_description(frame: pd.DataFrame, total: int) -> str:
    first, last = frame.iloc[0], frame.iloc[-1]
    return (
        f"{fmt.count(len(frame), 'réponse')} proposées, dans l'ordre du contrat. « {first['libelle']} » "
        f"arrive en tête avec {fmt.number(first['nombre'])} sélections "
        f"({fmt.percent(first['nombre'] / total * 100, 0)} des {fmt.number(total)} répondants) ; "
        f"« {last['libelle']} » ferme la liste avec {fmt.number(last['nombre'])}. Un répondant "
        "pouvait choisir plusieurs réponses."
    )


def share_text(value) -> str:
    """A printed percentage with as many decimals as the contract prints."""
    return fmt.percent(value, fmt.decimals_of(value))


def participation_description(p: pd.DataFrame, labels: dict[str, str]) -> str:
    parts = []
    for q, rows in p.groupby("question", sort=False):
        answers = ", ".join(
            f"{labels[r.modalite].lower()} {share_text(r.pourcentage)}" for r in rows.itertuples()
        )
        parts.append(
            f"« {model.question_label(q)} » : {answers} (total {fmt.percent(rows['pourcentage'].sum(), 2)})"
        )
    return f"{fmt.number(int(p['effectif_total'].iloc[0]))} répondants. " + " ; ".join(parts) + "."


def quartiers_description(overall: pd.DataFrame, lists: dict[str, tuple[pd.Series, int]]) -> str:
    """`lists`: for each detailed quartier, its counts by answer and its respondents."""
    names = model.territory_names()
    tops = []
    for t, (counts, n) in lists.items():
        top = counts.idxmax()
        tops.append(
            f"{names[t]} : « {top} » ({fmt.percent(counts[top] / n * 100, 0)} des {fmt.number(n)} répondants)"
        )
    missing = [
        f"« {a} » manque dans la liste du quartier {names[t]}"
        for t, (counts, _) in lists.items()
        for a in overall["libelle"]
        if a not in counts.index
    ]
    return (
        "Réponse la plus citée : " + " ; ".join(tops) + ". Les réponses suivent l'ordre "
        "de l'ensemble des répondants." + (" " + " ; ".join(missing) + "." if missing else "")
    )
