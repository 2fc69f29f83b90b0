"""The commentary's figures (affirmations.csv: shares, averages, a ranking), recomputed
from the data. Each kind of claim (its `calcul`) has one function below; a table's box
checks the claims that stand in the lines of its commentary (tableaux.csv)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from quartiers2030.core import fmt
from quartiers2030.core.checks import Check, Verdict, compare
from quartiers2030.parts.evaluation import model
from quartiers2030.parts.evaluation.model import PRINTED_AVERAGE_DECIMALS


@dataclass(frozen=True)
class Facts:
    """What every claim is computed from, read once per box."""

    labels: dict[str, str]  # pillar code -> short label
    wide: pd.DataFrame  # envelope, years x pillars
    per_year: pd.DataFrame  # actions per year: nouvelles, reconduites, total
    period: str  # « 2015-2023 »

    @classmethod
    def read(cls) -> Facts:
        wide = model.envelope()
        return cls(model.short_labels(), wide, model.actions_per_year(), model.span(list(wide.index)))


def pillar_share(claim, facts: Facts) -> Check:
    wide = facts.wide
    part = wide[claim.pilier].sum() / wide.sum().sum() * 100
    decimals = fmt.decimals_of(claim.valeur)
    return Check(
        f"Part du pilier « {facts.labels[claim.pilier]} »",
        fmt.percent(claim.valeur, decimals),
        fmt.percent(part),
        compare(claim.valeur, part, decimals),
        int(claim.ligne_source),
        f"Montant cumulé {facts.period} du pilier ({fmt.euros(wide[claim.pilier].sum())}) "
        f"rapporté à l'enveloppe cumulée ({fmt.euros(wide.sum().sum())}).",
    )


def _lowest_detail(cumulated: pd.Series, yearly: pd.Series, labels: dict[str, str]) -> str:
    by_pillar = {code: [str(y) for y, c in yearly.items() if c == code] for code in cumulated.index}
    amounts = " ; ".join(f"{labels[c]} {fmt.euros(v)}" for c, v in cumulated.sort_values().items())
    years = " ; ".join(f"{labels[c]} en {', '.join(ys)}" for c, ys in by_pillar.items() if ys)
    return f"Montants cumulés : {amounts}. Pilier le moins doté, année par année : {years}."


def lowest_pillar(claim, facts: Facts) -> Check:
    """The pillar with the smallest cumulated amount (the cross-cutting line is no pillar)."""
    wide = facts.wide
    cumulated = wide[[p.code for p in model.pillars("pilier") if p.code in wide.columns]].sum()
    lowest = cumulated.idxmin()
    yearly = wide[cumulated.index].idxmin(axis=1)
    return Check(
        "Pilier le moins doté",
        f"« {facts.labels[claim.pilier]} »",
        f"« {facts.labels[lowest]} »",
        Verdict.AGREES if lowest == claim.pilier else Verdict.DIFFERS,
        int(claim.ligne_source),
        _lowest_detail(cumulated, yearly, facts.labels),
    )


def average_grant(claim, facts: Facts) -> Check:
    """Cumulated envelope over cumulated actions; the mean of the printed yearly averages
    is given too, as the contract may have computed it that way."""
    envelope = model.envelope_totals().sum()
    actions = facts.per_year["total"].sum()
    printed = model.printed("T-EVAL-02")
    printed_avg = printed[printed["indicateur"] == "montant_moyen_action_eur"]["valeur"]
    detail = (
        f"Enveloppe cumulée {facts.period} ({fmt.euros(envelope)}) divisée par "
        f"le nombre cumulé d'actions ({fmt.number(actions)})."
    )
    if len(printed_avg):
        detail += (
            " La moyenne des montants moyens imprimés dans le tableau vaut "
            f"{fmt.euros(printed_avg.mean(), PRINTED_AVERAGE_DECIMALS)}."
        )
    average = envelope / actions
    return Check(
        "Subvention moyenne par action",
        fmt.euros(claim.valeur),
        fmt.euros(average),
        compare(claim.valeur, average, 0),
        int(claim.ligne_source),
        detail,
    )


def actions_per_year(claim, facts: Facts) -> Check:
    mean = facts.per_year["total"].mean()
    return Check(
        "Actions financées par an, en moyenne",
        fmt.number(claim.valeur),
        fmt.number(mean, 1),
        compare(claim.valeur, mean, 0),
        int(claim.ligne_source),
        f"Moyenne des totaux annuels {facts.period}.",
    )


def renewed_share(claim, facts: Facts) -> Check:
    per_year = facts.per_year
    part = per_year["reconduites"].sum() / per_year["total"].sum() * 100
    decimals = fmt.decimals_of(claim.valeur)
    return Check(
        "Part des actions reconduites",
        fmt.percent(claim.valeur, decimals),
        fmt.percent(part),
        compare(claim.valeur, part, decimals),
        int(claim.ligne_source),
        f"Actions reconduites cumulées / actions cumulées, {facts.period}.",
    )


def _rise(subject: str, claim, totals: pd.Series) -> Check:
    """« Le nombre augmente » from a year: the last year's total above the first's, and
    every year in which it fell, said as the other reading of the sentence."""
    totals = totals[totals.index >= claim.valeur] if not pd.isna(claim.valeur) else totals
    first, last = totals.index[0], totals.index[-1]
    falls = [
        f"{y} ({fmt.number(totals[p])} → {fmt.number(v)})"
        for p, (y, v) in zip(totals.index, list(totals.items())[1:])
        if v < totals[p]
    ]
    detail = f"Totaux par année : {' ; '.join(f'{y} : {fmt.number(v)}' for y, v in totals.items())}."
    if falls:
        detail += f" Hausse sur la période, mais le nombre baisse en {', '.join(falls)} : lu année par année, l'énoncé ne vaut pas."
    return Check(
        subject,
        f"hausse depuis {first}",
        f"{fmt.number(totals[first])} en {first}, {fmt.number(totals[last])} en {last}",
        Verdict.AGREES if totals[last] > totals[first] else Verdict.DIFFERS,
        int(claim.ligne_source),
        detail,
    )


def actions_rise(claim, facts: Facts) -> Check:
    """T-EVAL-02 (l. 129): « depuis 2016 a augmenté au fil du temps »."""
    return _rise("Hausse du nombre d'actions", claim, facts.per_year["total"])


def gender_actions_rise(claim, facts: Facts) -> Check:
    """T-EVAL-03 (l. 135): « Depuis, leur nombre augmente »."""
    totals = model.gender_actions().groupby("annee")["total"].sum()
    return _rise("Hausse du nombre d'actions « égalité Femmes/Hommes »", claim, totals)


def gender_first_year(claim, facts: Facts) -> Check:
    """T-EVAL-03 (l. 135): the actions « ont intégré la programmation en 2018 »: the table
    starts that year."""
    first = int(model.gender_actions()["annee"].min())
    return Check(
        "Première année des actions « égalité Femmes/Hommes »",
        str(int(claim.valeur)),
        str(first),
        Verdict.AGREES if first == int(claim.valeur) else Verdict.DIFFERS,
        int(claim.ligne_source),
        "Première année du tableau. Les actions reconduites de cette année-là sont contrôlées plus bas.",
    )


# affirmations.calcul -> how to check it (the schema's enum lists the same names).
CALCULATIONS: dict[str, Callable[..., Check]] = {
    "part_pilier_enveloppe": pillar_share,
    "pilier_moins_dote": lowest_pillar,
    "subvention_moyenne_action": average_grant,
    "actions_par_an": actions_per_year,
    "part_actions_reconduites": renewed_share,
    "hausse_actions": actions_rise,
    "hausse_actions_egalite": gender_actions_rise,
    "annee_integration_egalite": gender_first_year,
}


def claim_checks(table: str) -> list[Check]:
    """The claims of the commentary of `table`, in the contract's order."""
    rows = model.claims(table)
    if rows.empty:
        return []
    facts = Facts.read()
    return [CALCULATIONS[claim.calcul](claim, facts) for claim in rows.itertuples()]
