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


def renewed_description(per_year: pd.DataFrame, share: pd.Series) -> str:
    first, last = per_year.index[0], per_year.index[-1]
    return (
        f"De {fmt.number(per_year.at[first, 'total'])} actions en {first} à "
        f"{fmt.number(per_year.at[last, 'total'])} en {last}. La part des actions "
        f"reconduites va de {fmt.percent(share.min())} ({share.idxmin()}) à "
        f"{fmt.percent(share.max())} ({share.idxmax()})."
    )


def average_description(average: pd.Series) -> str:
    return (
        f"Le montant moyen par action varie entre {fmt.euros(average.min())} "
        f"({average.idxmin()}) et {fmt.euros(average.max())} ({average.idxmax()})."
    )


def gender_description(totals: pd.Series, amounts: pd.Series) -> str:
    first, last = totals.index[0], totals.index[-1]
    return (
        f"{fmt.number(totals[first])} actions « égalité Femmes/Hommes » en {first}, "
        f"{fmt.number(totals[last])} en {last} ; montant total de "
        f"{fmt.euros(amounts.get(first))} en {first} et de "
        f"{fmt.euros(amounts.get(last))} en {last}."
    )
