"""Checks of the page « Les réponses par quartier »: each detailed list goes down, has no
more selections than its quartier has respondents and holds the answers of the overall
list; each overall count is the sum of the detailed quartiers plus what the other
respondents may add."""

from __future__ import annotations

import pandas as pd

from quartiers2030.core import fmt
from quartiers2030.core.checks import Box, Check, Verdict, render_box
from quartiers2030.core.html import Fragment
from quartiers2030.parts.consultation import model
from quartiers2030.parts.consultation.checks import order_check


def _at_most_respondents(question: str, territory: str, n: int) -> Check | None:
    frame = model.ranking(question, territory)
    if frame.empty:
        return None
    top = frame["nombre"].max()
    name = model.territory_names()[territory]
    return Check(
        f"Sélections au plus égales aux répondants : {name}, « {model.question_label(question)} »",
        f"au plus {fmt.number(top)} sélections",
        f"{fmt.count(n, 'répondant')}",
        Verdict.AGREES if top <= n else Verdict.DIFFERS,
        int(frame["ligne_source"].iloc[0]),
        "Un répondant ne sélectionne une réponse qu'une fois.",
    )


def _same_answers(question: str, territory: str, overall: pd.DataFrame, own: pd.DataFrame) -> Check | None:
    """A quartier's list that lacks an answer of the overall list, or has another length."""
    missing = [a for a in overall["libelle"] if a not in own.index]
    if not missing and len(own) == len(overall):
        return None
    return Check(
        f"Réponses de la liste « {model.question_label(question)} » : {model.territory_names()[territory]}",
        f"{fmt.count(len(own), 'réponse')}",
        f"{fmt.count(len(overall), 'réponse')} dans la liste de l'ensemble",
        Verdict.DIFFERS,
        int(own["ligne_source"].min()),
        "Absente : " + ", ".join(f"« {a} »" for a in missing) + ".",
    )


def _sum_of_quartiers(question: str, r, parts: dict[str, int], total: int, others: int) -> Check:
    """The overall count is the detailed quartiers' sum plus 0 to `others` (the respondents
    of the other quartiers, one selection each at most)."""
    detailed = sum(parts.values())
    rest = r.nombre - detailed
    ok = 0 <= rest <= others
    if ok:
        end = "."
    elif rest < 0:
        end = f" ; il lui manque {fmt.number(-rest)} sélection(s)."
    else:
        end = f" ; l'écart est de {fmt.number(rest)}."
    return Check(
        f"« {r.libelle} » ({model.question_label(question)}) : ensemble et quartiers",
        fmt.number(r.nombre),
        " + ".join(fmt.number(v) for v in parts.values())
        + f" = {fmt.number(detailed)} dans les quartiers détaillés",
        Verdict.AGREES if ok else Verdict.DIFFERS,
        int(r.ligne_source),
        f"L'ensemble compte {fmt.number(total)} répondants, les quartiers détaillés "
        f"{fmt.number(total - others)} : il doit valoir leur somme plus 0 à {fmt.number(others)}" + end,
    )


def _question_checks(question: str, territories: list[str], total: int, others: int) -> list[Check]:
    overall = model.ranking(question)
    lists = {t: model.ranking(question, t).set_index("libelle") for t in territories}
    checks = [_same_answers(question, t, overall, lists[t]) for t in territories]
    for r in overall.itertuples():
        parts = {t: int(lists[t]["nombre"].get(r.libelle, 0)) for t in territories}
        checks.append(_sum_of_quartiers(question, r, parts, total, others))
    return [c for c in checks if c is not None]


def box() -> Box:
    s = model.split()
    total = model.respondents()
    territories = model.detailed_territories()
    questions = model.detailed_questions()
    others = total - int(s.loc[territories, "repondants"].sum())
    checks = [order_check(q, t) for t in territories for q in questions]
    for t in territories:
        found = (_at_most_respondents(q, t, int(s.at[t, "repondants"])) for q in questions)
        checks += [c for c in found if c is not None]
    for q in questions:
        checks += _question_checks(q, territories, total, others)
    return Box("consultation-quartiers", "controles-consultation-quartiers", tuple(checks))


def quartier_checks() -> Fragment:
    return render_box(box())
