"""French number formatting: `1 032 347 €`, `45,6 %`.

Digits are grouped with a narrow no-break space (U+202F) as French typography and the
CLDR `fr` locale do; units are joined with a no-break space (U+00A0) so that a number
never wraps away from its unit on a phone.
"""

from __future__ import annotations

import math

from babel.dates import format_date
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
