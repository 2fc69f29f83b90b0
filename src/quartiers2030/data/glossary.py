"""The glossary of the contract's acronyms: its page, and the links that Sphinx adds at
the first use of each acronym on every page (see sphinxext)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from quartiers2030.core.html import Fragment, escape, slug
from quartiers2030.data.datapackage import load

PAGE = "book/glossaire"
RESOURCE = "glossaire"


@dataclass(frozen=True)
class Entry:
    acronym: str
    expansion: str
    explanation: str
    certain: bool

    @property
    def anchor(self) -> str:
        return f"sigle-{slug(self.acronym)}"

    @property
    def title(self) -> str:
        return self.expansion + ("" if self.certain else " (sens incertain)")


def entries(root: Path | None = None, *, declared: bool = True) -> list[Entry]:
    frame = load(RESOURCE, root, declared=declared).sort_values("sigle").fillna({"explication": ""})
    return [Entry(r.sigle, r.definition, r.explication, r.statut == "sur") for r in frame.itertuples()]


def pattern(items: list[Entry]) -> re.Pattern:
    """One regular expression for every acronym, as a whole word, longest first."""
    names = sorted((re.escape(e.acronym) for e in items), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(names) + r")(?![\w-])")


def page() -> Fragment:
    """The glossary as a definition list, one anchor per acronym."""
    items = entries()
    letters: dict[str, list[Entry]] = {}
    for e in items:
        letters.setdefault(e.acronym[0], []).append(e)
    nav = " ".join(f'<a href="#lettre-{escape(k.lower())}">{escape(k)}</a>' for k in letters)
    parts = [f'<nav class="q2030-glossary-letters" aria-label="Lettres du glossaire">{nav}</nav>']
    for letter, group in letters.items():
        parts.append(
            f'<h2 id="lettre-{escape(letter.lower())}">{escape(letter)}</h2><dl class="q2030-glossary">'
        )
        for e in group:
            note = "" if e.certain else " <em>(sens incertain : le contrat ne le précise pas)</em>"
            parts.append(
                f'<dt id="{escape(e.anchor)}"><abbr>{escape(e.acronym)}</abbr></dt>'
                f"<dd>{escape(e.expansion)}{note}"
                + (f"<br>{escape(e.explanation)}" if e.explanation else "")
                + "</dd>"
            )
        parts.append("</dl>")
    return Fragment("".join(parts))
