"""Sentences built from the évaluation data: the text alternative of each chart, and the
line that names where a table and its commentary stand in the contract."""

from __future__ import annotations

import pandas as pd

from quartiers2030.core import fmt
from quartiers2030.parts.evaluation.model import ContractTable


def source_sentence(spec: ContractTable) -> str:
    """Where the table and its commentary are in the contract's text: « tableau … et
    commentaire … » when the commentary follows the table, one range when it surrounds it."""
    if spec.comment_first > spec.last_line:
        return (
            f"Source : contrat de ville, tableau des lignes {spec.title_line} à {spec.last_line} "
            f"et commentaire des lignes {spec.comment_first} à {spec.comment_last}."
        )
    last = max(spec.last_line, spec.comment_last)
    return f"Source : contrat de ville, lignes {spec.title_line} à {last}."


def envelope_description(totals: pd.Series, largest_label: str) -> str:
    first, last, peak = totals.index[0], totals.index[-1], totals.idxmax()
    return (
        f"Enveloppe État de {fmt.euros(totals[first])} en {first} et de "
        f"{fmt.euros(totals[last])} en {last}, au plus haut en {peak} "
        f"({fmt.euros(totals[peak])}). Le pilier « {largest_label} » reçoit la plus grande "
        "part chaque année ; les montants de chaque pilier figurent dans le tableau "
        "de données ci-dessous."
    )


def shares_description(shares: pd.DataFrame, labels: dict[str, str], period: str) -> str:
    top = shares["part"].idxmax()
    others = " ; ".join(f"{labels[c]} {fmt.percent(r.part)}" for c, r in shares.iterrows() if c != top)
    return (
        f"Sur {period}, « {labels[top]} » reçoit {fmt.percent(shares.at[top, 'part'])} "
        f"de l'enveloppe État cumulée. Parts des autres lignes : {others}."
    )


def printed_instead(gaps: pd.Series, euros: bool = False) -> str:
    """« 62 en 2015 », or « 14 927,80 € en 2015 et 13 353,50 € en 2017 »."""
    value = (lambda v: fmt.euros(v, 2)) if euros else fmt.number
    parts = [f"{value(v)} en {y}" for y, v in gaps.items()]
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} et {parts[-1]}"


def recalculated_totals_note(gaps: pd.Series) -> str:
    """Which totals a chart uses, and the contract's printed TOTAL where it differs."""
    note = "Totaux recalculés : somme des actions nouvelles et reconduites des piliers."
    if gaps.empty:
        return note
    return f"{note} Le TOTAL imprimé par le contrat diffère : {printed_instead(gaps)}."


def renewed_description(per_year: pd.DataFrame, share: pd.Series, gaps: pd.Series) -> str:
    first, last = per_year.index[0], per_year.index[-1]
    printed = f" ; le contrat imprime {printed_instead(gaps)} au TOTAL" if not gaps.empty else ""
    return (
        f"De {fmt.number(per_year.at[first, 'total'])} actions en {first} à "
        f"{fmt.number(per_year.at[last, 'total'])} en {last} (totaux recalculés, somme des "
        f"actions nouvelles et reconduites des piliers{printed}). La part des actions "
        f"reconduites, calculée sur ces totaux, va de {fmt.percent(share.min())} ({share.idxmin()}) à "
        f"{fmt.percent(share.max())} ({share.idxmax()})."
    )


def average_description(average: pd.Series, gaps: pd.Series) -> str:
    printed = (
        f" Le contrat imprime {printed_instead(gaps, euros=True)} ; les écarts, dont ceux "
        "d'arrondi, sont signalés dans le tableau ci-dessus."
        if not gaps.empty
        else ""
    )
    return (
        "Le montant moyen par action, recalculé (enveloppe État de l'année divisée par la somme "
        f"des actions des piliers), varie entre {fmt.euros(average.min())} "
        f"({average.idxmin()}) et {fmt.euros(average.max())} ({average.idxmax()}).{printed}"
    )


def gender_description(totals: pd.Series, amounts: pd.Series) -> str:
    first, last = totals.index[0], totals.index[-1]
    return (
        f"{fmt.number(totals[first])} actions « égalité Femmes/Hommes » en {first}, "
        f"{fmt.number(totals[last])} en {last} ; montant total de "
        f"{fmt.euros(amounts.get(first))} en {first} et de "
        f"{fmt.euros(amounts.get(last))} en {last}."
    )
