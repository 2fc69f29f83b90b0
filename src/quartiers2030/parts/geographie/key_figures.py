"""The key figures of the géographie pages: a quartier's population and share of the QPV
population, then its headline measures (mesures.csv); the agglomeration's, from
chiffres_cles_cab.csv, then the counts computed from the QPV table."""

from __future__ import annotations

from quartiers2030.core import fmt
from quartiers2030.core.key_figures import KeyFigure
from quartiers2030.data.datapackage import load
from quartiers2030.parts.geographie import vocabulary
from quartiers2030.parts.geographie.model import (
    agglomeration_facts,
    facts_of,
    latest,
    qpv,
    qpvs,
    source_text,
    territory_label,
)
from quartiers2030.parts.geographie.wording import NOT_SAID, bar_text, period_text, value_text

CARDS = 8  # a quartier's key figures fit two rows of a phone's screen
COMPUTED = "calculé"


def _value(f) -> str:
    if f.unit in ("%", "€"):
        return value_text(f.value, f.unit, f.indicator)
    return fmt.number(f.value, fmt.decimals_of(f.value))


def newest_added(f, added: list) -> object | None:
    """The most recent value added after the contract for `f`'s measure and territory."""
    same = [a for a in added if (a.territory, a.indicator) == (f.territory, f.indicator)]
    return max(same, key=lambda a: (a.year or 0, a.source), default=None)


def _card(f, code: str, added: list = ()) -> KeyFigure:
    """The contract's value; the newest value added after the contract beside it, in the note."""
    where = [] if f.territory == code else [territory_label(f.territory)]
    when = [] if period_text(f) == NOT_SAID else [period_text(f)]
    note = ", ".join(where + when)
    newer = newest_added(f, list(added))
    if newer is not None:
        note += (
            f" ; valeur ajoutée après le contrat : {_value(newer)} ({period_text(newer)}, "
            f"{source_text(newer)})"
        )
    return KeyFigure(_value(f), f.label[:1].lower() + f.label[1:], note)


def quartier_cards(code: str) -> list[KeyFigure]:
    q = qpv(code)
    total = sum(x.population for x in qpvs())
    cards = [
        KeyFigure(fmt.number(q.population), "habitants", "tableau de la géographie prioritaire"),
        KeyFigure(
            fmt.percent(q.population / total * 100),
            "des habitants des quartiers prioritaires de la CAB",
            COMPUTED,
        ),
    ]
    recent = latest(facts_of(code))
    added = facts_of(code, added=True)
    scales = vocabulary.scales()
    for indicator in vocabulary.headlines():
        found = [f for f in recent if f.indicator == indicator and f.territory not in scales]
        cards += [_card(f, code, added) for f in found[:2]]
        if len(cards) >= CARDS:
            break
    return cards


def agglomeration_cards() -> list[KeyFigure]:
    rows = {(f.territory, f.indicator): f for f in agglomeration_facts()}
    total = sum(q.population for q in qpvs())
    cards = []
    for r in load("geographie_chiffres_cles_cab").sort_values("ordre").itertuples():
        f = rows.get((r.territoire, r.indicateur))
        if f is not None:
            # A count without its unit: the legend says it (« habitants de la CAB »).
            cards.append(KeyFigure(bar_text(f.value, f.unit), r.libelle))
    cards.append(KeyFigure(fmt.number(len(qpvs())), "quartiers prioritaires", COMPUTED))
    cards.append(KeyFigure(fmt.number(total), "habitants dans ces quartiers", COMPUTED))
    population = rows.get(("cab", "population"))
    if population is not None:
        cards.append(
            KeyFigure(
                fmt.percent(total / population.value * 100),
                "des habitants de la CAB vivent dans un quartier prioritaire",
                COMPUTED,
            )
        )
    return cards
