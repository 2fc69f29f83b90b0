"""The site's sentences and cell words about the governance, built from the data: line
spans, frequencies, groups of members, signature blocks, what the text leaves unsaid."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from quartiers2030.core import fmt
from quartiers2030.parts.gouvernance.model import Instance, text

NOT_SPECIFIED = "non précisée"  # a lead the contract does not give
NOT_STATED = "non indiquée"  # a frequency the contract does not give


def line_spans(values: Iterable) -> str:
    """`[1900, 1901, 1902, 1914]` -> `1900-1902, 1914`."""
    numbers = sorted({int(v) for v in values})
    if not numbers:
        return ""
    spans, start = [], numbers[0]
    for previous, current in zip(numbers, numbers[1:] + [None]):
        if current != previous + 1:
            spans.append(str(start) if start == previous else f"{start}-{previous}")
            start = current
    return ", ".join(spans)


def source_lines(values: Iterable) -> str:
    """« Contrat, ligne 1890. » or « Contrat, lignes 1938-1941. »"""
    spans = line_spans(values)
    word = "lignes" if "-" in spans or "," in spans else "ligne"
    return f"Contrat, {word} {spans}."


def frequency_label(instance: Instance) -> str:
    if instance.per_year is None:
        return "fréquence non indiquée"
    return f"au moins {fmt.count(instance.per_year, 'réunion')} par an"


def frequency_cell(instance: Instance) -> str:
    """The frequency, then the contract's own words for it."""
    if instance.per_year is None:
        return NOT_STATED
    return f"{frequency_label(instance)} (« {instance.frequency_words} »)"


def quoted(words: str | None, missing: str) -> str:
    return f"« {words} »" if words else missing


def member_groups(frame: pd.DataFrame, orgs: pd.DataFrame) -> str:
    """Members in the contract's order; those with the same precision are grouped."""
    groups: list[tuple[list[str], str | None]] = []
    for row in frame.itertuples():
        precision = text(row.precision)
        name = orgs.at[row.organisation, "libelle"]
        if groups and groups[-1][1] == precision:
            groups[-1][0].append(name)
        else:
            groups.append(([name], precision))
    return " ; ".join(
        ", ".join(names) + (f" [{precision}]" if precision else "") for names, precision in groups
    )


def organisation_name(row) -> str:
    """The full name, and the short one of the charts when it differs."""
    if row.libelle_court == row.libelle:
        return row.libelle
    return f"{row.libelle} ({row.libelle_court})"


def yes_no(value: bool) -> str:
    return "oui" if value else "non"


def signatory_name(row) -> str:
    return "Nom non imprimé" if pd.isna(row.nom) else row.nom


def represented(row, orgs: pd.DataFrame) -> str:
    """The organisation(s) a signature block represents."""
    name = "non imprimée" if pd.isna(row.organisation) else orgs.at[row.organisation, "libelle"]
    if not pd.isna(row.organisation_associee):
        name += " ; " + orgs.at[row.organisation_associee, "libelle"]
    return name


def remark_subject(row) -> str:
    """« 14. Procureur de la République (nom non imprimé) »."""
    who = f"{row.fonction} (nom non imprimé)" if pd.isna(row.nom) else row.nom
    return f"{row.ordre}. {who}"


def signatories_note(frame: pd.DataFrame) -> str:
    return (
        f"{fmt.count(len(frame), 'bloc')} de signature, dont "
        f"{fmt.count(int(frame['nom'].isna().sum()), 'fonction')} sans nom : le contrat "
        "imprime la fonction mais pas le nom. Noms et fonctions sont recopiés tels "
        "qu'imprimés, coquilles comprises (voir les remarques ci-dessous)."
    )


def blocks(rows) -> str:
    """« bloc 9 (l. 2028) et bloc 10 (l. 2034) »."""
    return " et ".join(f"bloc {r.ordre} (l. {r.ligne_source})" for r in rows)


def signature_span(frame: pd.DataFrame) -> str:
    lines = frame["ligne_source"]
    return f"{lines.min()}-{lines.max()}"


def date_precision(precision: str) -> str:
    return {"jour": "au jour", "mois": "au mois", "annee": "à l'année"}[precision]


def unsaid_detail(instance: Instance) -> str:
    """What the contract leaves out about an instance's rhythm and lead."""
    if instance.per_year is None and instance.lead is None:
        return (
            "Le contrat ne dit ni à quel rythme l'instance se réunit, ni qui l'anime : le "
            "calendrier ne peut pas la compter."
        )
    if instance.per_year is None:
        return (
            "Le contrat ne dit pas à quel rythme l'instance se réunit : le calendrier ne peut pas la compter."
        )
    return "Le contrat ne dit pas qui anime ou préside l'instance."


def unsaid_stated(instance: Instance) -> str:
    """« Aucune fréquence ; animation non précisée »: what the contract gives, in short."""
    frequency = "Aucune fréquence" if instance.per_year is None else frequency_label(instance).capitalize()
    return f"{frequency} ; {instance.lead or 'animation non précisée'}"
