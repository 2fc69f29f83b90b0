"""« Contrôles de cohérence »: what the contract states, beside what its own data gives.

A check never changes a printed number: it shows both and says whether they agree. The
verdict is written in words (and marked by a symbol), never carried by colour alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from quartiers2030.core.html import Fragment, escape
from quartiers2030.core.tables import Row, Table


class Verdict(Enum):
    AGREES = ("concorde", "✓", "Concorde")
    ROUNDING = ("arrondi", "≈", "Écart d'arrondi")
    DIFFERS = ("ecart", "✗", "Écart")
    # The text announces a value (a number, an annex, a date) and does not give it: there
    # is nothing to recompute, and it is said as such rather than as a gap.
    MISSING = ("lacune", "?", "Lacune du texte")

    def __init__(self, code: str, symbol: str, label: str):
        self.code, self.symbol, self.label = code, symbol, label


def compare(stated: float, computed: float, decimals: int) -> Verdict:
    """Agreement at the precision the contract printed.

    `decimals` is how many decimals the stated value was printed with. A difference below
    one unit of that last digit (a truncation, or a rounding done elsewhere) is a rounding
    gap, not an error, but it is still shown.
    """
    if round(computed, decimals) == round(stated, decimals):
        return Verdict.AGREES
    if abs(computed - stated) < 10**-decimals:
        return Verdict.ROUNDING
    return Verdict.DIFFERS


@dataclass(frozen=True)
class Check:
    subject: str  # what is checked, in French
    stated: str  # the contract's value, formatted
    computed: str  # the value recomputed from the data, formatted
    verdict: Verdict
    source_line: int  # line of the contract's text
    detail: str = ""  # how it was computed, or what explains a gap


def _table(checks: list[Check], caption: str, id: str) -> str:
    """A table of sentences (tables.py): one card a check on a phone."""
    return Table(
        id=id,
        caption=caption,
        corner="Contrôle",
        text=True,
        columns=[
            "Le contrat indique",
            "Recalculé à partir des données",
            "Verdict",
            "Explication",
            "Ligne du contrat",
        ],
        rows=[
            Row(
                c.subject,
                [
                    c.stated,
                    c.computed,
                    Fragment(f'<span aria-hidden="true">{c.verdict.symbol} </span>{escape(c.verdict.label)}'),
                    c.detail,
                    str(c.source_line),
                ],
                classes=f"q2030-check-{c.verdict.code}",
            )
            for c in checks
        ],
    ).html()


def render(checks: Iterable[Check], title: str = "Contrôles de cohérence", id: str = "controles") -> Fragment:
    """The box: every gap in full, then the checks that agree, folded."""
    checks = list(checks)
    gaps = [c for c in checks if c.verdict is not Verdict.AGREES]
    agree = [c for c in checks if c.verdict is Verdict.AGREES]
    missing = [c for c in gaps if c.verdict is Verdict.MISSING]
    differ = len(gaps) - len(missing)

    def plural(n, word):
        return f"{n} {word}{'s' if n > 1 else ''}"

    summary = (
        f"{plural(len(checks), 'contrôle')} : {plural(len(agree), 'valeur')} "
        f"{'concordent' if len(agree) > 1 else 'concorde'}, "
        + (f"{plural(differ, 'écart')} {'relevés' if differ > 1 else 'relevé'}" if differ else "aucun écart")
        + (f", {plural(len(missing), 'lacune')} du texte" if missing else "")
        + "."
    )
    parts = [
        f'<aside class="q2030-checks" id="{escape(id)}" aria-labelledby="{escape(id)}-title">',
        f'<p class="q2030-checks-title" id="{escape(id)}-title"><strong>{escape(title)}</strong></p>',
        f'<p class="q2030-checks-summary">{escape(summary)}</p>',
    ]
    if gaps:
        what = (
            "lacunes du texte"
            if not differ
            else "écarts entre le contrat et le recalcul"
            if not missing
            else "écarts et lacunes du texte"
        )
        parts.append(_table(gaps, f"{title} : {what}", f"{id}-ecarts"))
    if agree:
        parts.append(
            f"<details><summary>Voir les {plural(len(agree), 'contrôle')} qui "
            f"{'concordent' if len(agree) > 1 else 'concorde'}</summary>"
            + _table(agree, f"{title} : valeurs qui concordent", f"{id}-concordent")
            + "</details>"
        )
    parts.append("</aside>")
    return Fragment("".join(parts))
