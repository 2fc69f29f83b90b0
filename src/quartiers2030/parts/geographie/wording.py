"""Values and periods as the géographie pages write them: « 48 % », « +4,6 points »,
« 13 820 € », « de 2014 à 2020 », « Agglomération (CAB) : 19,7 % »."""

from __future__ import annotations

from quartiers2030.core import fmt
from quartiers2030.parts.geographie.model import Fact, signed, territory_label

# Units written in full on a bar; a count's unit is on the axis, not on every bar.
UNITS_ON_BARS = ("%", "€", "points", "fois", "indice", "année")
NOT_SAID = "non précisée"


def value_text(value: float, unit: str, indicator: str = "", words: str | None = None) -> str:
    """A value as the page writes it: « 48 % », « +4,6 points », « 13 820 € », « 2004 »."""
    decimals = fmt.decimals_of(value)
    sign = "+" if signed(indicator) and value > 0 else ""
    if unit == "année":
        text = str(int(value))
    elif unit == "points":
        text = f"{sign}{fmt.number(value, decimals)}{fmt.NBSP}point{'s' if abs(value) >= 2 else ''}"
    elif unit == "fois":
        text = f"{fmt.number(value, decimals)}{fmt.NBSP}fois"
    elif unit == "indice":
        text = fmt.number(value, decimals)
    else:
        text = sign + fmt.with_unit(value, unit, decimals)
    return f"{text} (« {words} »)" if words else text


def fact_value(fact: Fact) -> str:
    """A fact's value, with the contract's own words when it wrote the number in words."""
    return value_text(fact.value, fact.unit, fact.indicator, fact.value_words)


def plain_value(fact: Fact) -> str:
    """A value without the contract's words."""
    return value_text(fact.value, fact.unit, fact.indicator)


def bar_text(value: float, unit: str, indicator: str = "") -> str:
    """A value written on its bar: the unit of a count is on the axis, not on every bar."""
    if unit in UNITS_ON_BARS:
        return value_text(value, unit, indicator)
    return fmt.number(value, fmt.decimals_of(value))


def period_text(fact: Fact) -> str:
    """The period of a fact: the contract's words, led by the years when they do not say them."""
    if fact.period:
        years = (str(y) for y in (fact.year, fact.base_year) if y)
        if fact.year and not any(y in fact.period for y in years):
            lead = f"de {fact.base_year} à {fact.year}" if fact.base_year else str(fact.year)
            return f"{lead} ({fact.period})"
        return fact.period
    if fact.base_year and fact.year:
        return f"de {fact.base_year} à {fact.year}"
    return str(fact.year) if fact.year else NOT_SAID


def comparison_text(fact: Fact) -> str:
    """What the contract compares a fact with: « Agglomération (CAB) : 19,7 % »."""
    if not fact.reference:
        return ""
    name = territory_label(fact.reference)
    if fact.reference_value is None:
        return name
    return f"{name} : {value_text(fact.reference_value, fact.unit, fact.indicator)}"
