"""Sentences and labels built from the framework's data: counts, notes, the value of a
target, the descriptions of the figures. Plain text only (templates add the markup)."""

from __future__ import annotations

import pandas as pd

from quartiers2030.core import fmt
from quartiers2030.parts.enjeux.model import Axis


def axis_summary(count: pd.Series) -> str:
    """« 3 enjeux, 3 objectifs, 11 orientations, 33 actions et 12 partenaires à mobiliser. »"""
    return (
        f"{fmt.count(count['enjeux'], 'enjeu', 'enjeux')}, "
        f"{fmt.count(count['objectifs'], 'objectif')}, "
        f"{fmt.count(count['orientations'], 'orientation')}, "
        f"{fmt.count(count['actions'], 'action')} et "
        f"{fmt.count(count['partenaires'], 'partenaire')} à mobiliser."
    )


def facts_group_title(a: Axis, objective_code, titles: pd.Series) -> str:
    """« Introduction de l'axe 1 », « Introduction des axes transversaux » or « 1.1 Titre »."""
    if pd.isna(objective_code):
        return (
            f"Introduction de l'{a.short.lower()}" if a.strategic else f"Introduction des {a.short.lower()}"
        )
    return f"{objective_code} {titles[objective_code]}"


def objective_counts(orientations: int, actions: int) -> str:
    return f"{fmt.count(orientations, 'orientation')}, {fmt.count(actions, 'action')}."


def orientation_counts(code: str, actions: int) -> str:
    return f"Orientation {code} : {fmt.count(actions, 'action')}."


def partners_intro(organisations: int) -> str:
    return (
        f"{fmt.count(organisations, 'organisation')}, dans l'ordre de la liste du contrat ; "
        "entre parenthèses, le nom complet quand la liste l'abrège."
    )


def repeat_note(earlier_ranks: list[int]) -> str:
    """« répète l'entrée 2 de la liste », for a partner the list has already cited."""
    if not earlier_ranks:
        return ""
    return f"répète l'entrée {fmt.number(min(earlier_ranks))} de la liste"


def transcription_notes(frame: pd.DataFrame, items: pd.DataFrame) -> list[str]:
    """The remarks of the orientations, then those of their actions in the order of the text."""
    notes = [
        f"Orientation {r.code} (ligne {r.ligne_source}) : {r.remarque}"
        for r in frame[frame["remarque"].notna()].itertuples()
    ]
    notes += [
        f"Orientation {r.orientation}, action {r.ordre} (ligne {r.ligne_source}) : {r.remarque}"
        for r in items[items["remarque"].notna()].sort_values("ligne_source").itertuples()
    ]
    return notes


def target_value(r) -> str:
    """« 30 % », « 15 à 20 heures par semaine », or "" for a commitment with no value."""
    if pd.isna(r.valeur):
        return ""
    unit = "" if pd.isna(r.unite) else r.unite
    low = fmt.number(r.valeur, fmt.decimals_of(r.valeur))
    if not pd.isna(r.valeur_max):
        low = f"{low} à {fmt.number(r.valeur_max, fmt.decimals_of(r.valeur_max))}"
    return f"{low}\u00a0{unit}".strip() if unit else low


def structure_description(frame: pd.DataFrame, by_axis: dict[str, Axis], objectives: int) -> str:
    top = frame.loc[frame["actions"].idxmax()]
    per_axis = frame.groupby("axe")["actions"].sum()
    return (
        f"{fmt.count(len(frame), 'orientation')} réparties en {fmt.count(objectives, 'objectif')} "
        f"et {fmt.count(frame['axe'].nunique(), 'axe')}, pour "
        f"{fmt.count(int(frame['actions'].sum()), 'action')}. Actions par axe : "
        + " ; ".join(f"{by_axis[c].short} {fmt.number(per_axis[c])}" for c in by_axis if c in per_axis)
        + f". L'orientation la plus détaillée est « {top['libelle']} » ({top['code']}, "
        f"{fmt.count(int(top['actions']), 'action')}). Chaque barre est un objectif ; chaque "
        "segment, marqué de sa lettre, une orientation."
    )


def partner_matrix_description(partners: int, axes: int, everywhere: list[str], once: int) -> str:
    return (
        f"{fmt.count(partners, 'organisation')} citées dans les listes « Partenaires à mobiliser » "
        f"des {fmt.count(axes, 'axe')} qui en ont une. "
        + (f"Citées pour tous ces axes : {', '.join(everywhere)}. " if everywhere else "")
        + f"{fmt.number(once)} ne sont citées que pour un axe. Un carré marque chaque "
        "organisation citée pour un axe."
    )


def _sum_basis(history: pd.DataFrame) -> str:
    """Which number of actions the shares use, when the printed TOTAL is another."""
    printed = history["actions_total_imprime"]
    differ = [
        (y, r) for y, r in history.iterrows() if not pd.isna(printed[y]) and printed[y] != r.actions_total
    ]
    if not differ:
        return ""
    years = " ; ".join(
        f"{fmt.number(r.actions_total)} en {y} quand le contrat imprime "
        f"{fmt.number(r.actions_total_imprime)} au TOTAL"
        for y, r in differ
    )
    return f" (parts calculées sur la somme des actions des piliers : {years})"


def tracking_description(a: Axis, goal: float, pillar: str, history: pd.DataFrame) -> str:
    amount, count = history["part_montant"], history["part_actions"]
    years = [str(y) for y in history.index]
    reached = [str(y) for y, v in amount.items() if v >= goal]
    return (
        f"L'objectif de l'{a.short.lower()} est que la programmation lui consacre "
        f"{fmt.percent(goal, 0)}. De {years[0]} à "
        f"{years[-1]}, le pilier « {pillar} », qui le précédait, a reçu entre "
        f"{fmt.percent(amount.min())} ({amount.idxmin()}) et {fmt.percent(amount.max())} "
        f"({amount.idxmax()}) de l'enveloppe de l'État, et entre {fmt.percent(count.min())} et "
        f"{fmt.percent(count.max())} des actions financées{_sum_basis(history)}. "
        + (
            "Il n'a atteint l'objectif aucune année."
            if not reached
            else f"Il l'a atteint en {', '.join(reached)}."
        )
    )
