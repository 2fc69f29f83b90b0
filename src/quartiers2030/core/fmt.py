"""French number formatting: `1 032 347 €`, `45,6 %`.

Digits are grouped with a narrow no-break space (U+202F) as French typography and the
CLDR `fr` locale do; units are joined with a no-break space (U+00A0) so that a number
never wraps away from its unit on a phone.
"""

from __future__ import annotations

import math
import re

from babel.dates import format_date, get_month_names
from babel.numbers import format_decimal

NBSP = "\u00a0"
NNBSP = "\u202f"
LOCALE = "fr_FR"


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value, decimals: int = 0) -> str:
    """`1032347` -> `1 032 347`; `14927.8, 2` -> `14 927,80`."""
    if _is_missing(value):
        return ""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def euros(value, decimals: int = 0) -> str:
    return "" if _is_missing(value) else f"{number(value, decimals)}{NBSP}€"


def percent(value, decimals: int = 1) -> str:
    """`value` is already a percentage: `45.6` -> `45,6 %`."""
    return "" if _is_missing(value) else f"{number(value, decimals)}{NBSP}%"


def decimals_of(value) -> int:
    """How many decimals a printed number carries (`45.6` -> 1, `25` -> 0)."""
    text = repr(float(value)).rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def with_unit(value, unit: str | None, decimals: int = 0) -> str:
    if unit == "€":
        return euros(value, decimals)
    if unit == "%":
        return percent(value, decimals)
    text = number(value, decimals)
    return f"{text}{NBSP}{unit}" if unit else text


def long_date(value) -> str:
    """`2023-09-20` (a date or a pandas Timestamp) -> `20 septembre 2023`."""
    if value is None or (not isinstance(value, str) and value != value):
        return ""
    day = value.date() if hasattr(value, "date") else value
    return format_date(day, format="long", locale=LOCALE)


def count(n: int, singular: str, plural: str | None = None) -> str:
    """`count(3, "bloc")` -> `3 blocs`, `count(1250, "répondant")` -> `1 250 répondants`.
    In French 0 and 1 take the singular; the plural is singular + s unless given."""
    return f"{number(n)} {singular if n <= 1 else (plural or singular + 's')}"


MONTHS = [get_month_names("wide", locale=LOCALE)[m] for m in range(1, 13)]


def date_text(value, precision: str = "jour") -> str:
    """A date as precise as its source gives it: `1er juin 2015`, `26 juin 2015`,
    `juin 2015` (precision `mois`), `2015` (precision `annee`)."""
    if precision == "annee":
        return str(value.year)
    month = f"{MONTHS[value.month - 1]} {value.year}"
    if precision == "mois":
        return month
    return f"{'1er' if value.day == 1 else value.day} {month}"


def short_date(iso: str) -> str:
    """`2024-06-26` -> `26/06/2024` (the date of a version, in footers and lists); "" if not ISO."""
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", iso or ""):
        return ""
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"
