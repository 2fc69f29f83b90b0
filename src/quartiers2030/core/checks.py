"""« Contrôles de cohérence »: what the contract states, beside what its own data gives.

A check never changes a printed number: it shows both and says whether they agree. The
verdict is written in words (and marked by a symbol), never carried by colour alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from quartiers2030.core.fmt import count
from quartiers2030.core.html import Fragment
from quartiers2030.core.tables import Row, Table
from quartiers2030.core.templates import render as render_template


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


def marked(stated: str, computed: str, verdict: Verdict) -> str | Fragment:
    """A printed value for its table's cell: as printed when the data agrees; otherwise the
    printed value first, then the verdict (symbol and word) and the recalculated value."""
    if verdict is Verdict.AGREES:
        return stated
    return render_template("core/marked_cell.html", stated=stated, computed=computed, verdict=verdict)


MARKS_NOTE = (
    "Chaque valeur est celle que le contrat imprime. Quand le recalcul à partir des données "
    "donne autre chose, la cellule l'indique à la suite : ✗ pour un écart, ≈ pour un écart "
    "d'arrondi, puis « recalculé : » et la valeur recalculée."
)


# The columns of a box's tables, in plain words: the value the contract prints, the value
# the site computes from the data, the verdict, why, and the contract's line it checks.
COLUMNS = (
    "Ce que dit le contrat",
    "Ce que donne le calcul du site",
    "Verdict",
    "Explication",
    "Où dans le contrat",
)


def _verdict(verdict: Verdict) -> Fragment:
    """The verdict cell: its symbol hidden from screen readers, its word read."""
    return render_template("core/verdict.html", verdict=verdict)


def _table(checks: list[Check], caption: str, id: str) -> Fragment:
    """A table of sentences (tables.py): one card a check on a phone."""
    return Table(
        id=id,
        caption=caption,
        corner="Contrôle",
        text=True,
        columns=list(COLUMNS),
        rows=[
            Row(
                c.subject,
                [c.stated, c.computed, _verdict(c.verdict), c.detail, f"ligne {c.source_line}"],
                classes=f"q2030-check-{c.verdict.code}",
            )
            for c in checks
        ],
    ).fragment()


def _agree_verb(n: int) -> str:
    return "concordent" if n > 1 else "concorde"


def _summary(total: int, agree: int, differ: int, missing: int) -> str:
    """« 3 contrôles : 2 valeurs concordent, 1 écart relevé, 1 lacune du texte. »"""
    gaps = f"{count(differ, 'écart')} {'relevés' if differ > 1 else 'relevé'}" if differ else "aucun écart"
    omissions = f", {count(missing, 'lacune')} du texte" if missing else ""
    return f"{count(total, 'contrôle')} : {count(agree, 'valeur')} {_agree_verb(agree)}, {gaps}{omissions}."


def _gaps_caption(title: str, differ: int, missing: int) -> str:
    if not differ:
        return f"{title} : lacunes du texte"
    if not missing:
        return f"{title} : écarts entre le contrat et le recalcul"
    return f"{title} : écarts et lacunes du texte"


def render(checks: Iterable[Check], title: str = "Contrôles de cohérence", id: str = "controles") -> Fragment:
    """The box: every gap in full, then the checks that agree, folded."""
    checks = list(checks)
    gaps = [c for c in checks if c.verdict is not Verdict.AGREES]
    agree = [c for c in checks if c.verdict is Verdict.AGREES]
    missing = sum(c.verdict is Verdict.MISSING for c in gaps)
    differ = len(gaps) - missing
    return render_template(
        "core/checks.html",
        id=id,
        title=title,
        summary=_summary(len(checks), len(agree), differ, missing),
        gaps=_table(gaps, _gaps_caption(title, differ, missing), f"{id}-ecarts") if gaps else None,
        agree=_table(agree, f"{title} : valeurs qui concordent", f"{id}-concordent") if agree else None,
        agree_label=f"Voir les {count(len(agree), 'contrôle')} qui {_agree_verb(len(agree))}",
    )


@dataclass(frozen=True)
class Box:
    """One « Contrôles de cohérence » box as a page shows it: the page (its MyST label),
    the box's anchor, its title and its checks. Each part lists its boxes (`boxes()` in its
    checks module), so that the page of findings gathers them from the package."""

    page: str  # the MyST label of the page that shows the box
    id: str  # the box's anchor on that page
    checks: tuple[Check, ...]
    title: str = "Contrôles de cohérence"

    @property
    def gaps(self) -> list[Check]:
        """What the box reports: its gaps (écarts, rounding gaps) and the text's omissions."""
        return [c for c in self.checks if c.verdict is not Verdict.AGREES]


def render_box(box: Box) -> Fragment:
    return render(box.checks, title=box.title, id=box.id)
