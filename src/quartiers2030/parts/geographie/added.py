"""Values added after the contract (indicateurs.csv rows whose source is not the contract):
each stands beside the contract's value of the same measure and territory, marked, with
its year and its source; the contract's value stays the one its tables, checks and
verdicts use. A measure the contract does not give comes after the contract's rows."""

from __future__ import annotations

from quartiers2030.parts.geographie.model import Fact, source_text

MARK = "ajoutée après le contrat"  # beside the measure's name, on every added row
NOTE = (
    "Données ajoutées après le contrat, source : {sources}. Elles ne remplacent pas les "
    "valeurs du contrat : celles-ci restent à côté, avec leur ligne."
)


def marked(label: str) -> str:
    return f"{label} ({MARK})"


def beside(rows: list[Fact], added: list[Fact]) -> list[Fact]:
    """The contract's rows, each followed by the added values of its measure and territory
    (oldest first), then the added values the contract has no row for."""
    pending = sorted(added, key=lambda f: (f.year or 0, f.source))
    out: list[Fact] = []
    for f in rows:
        out.append(f)
        if f is _last_of(rows, f):
            out += [a for a in pending if (a.territory, a.indicator) == (f.territory, f.indicator)]
    placed = {id(a) for a in out}
    return out + [a for a in pending if id(a) not in placed]


def _last_of(rows: list[Fact], f: Fact) -> Fact:
    return [r for r in rows if (r.territory, r.indicator) == (f.territory, f.indicator)][-1]


def sources_of(added: list[Fact]) -> list[str]:
    """The sources of these values, in order of first appearance, once each."""
    return list(dict.fromkeys(source_text(f) for f in added))


def note(added: list[Fact]) -> str:
    """« Données ajoutées après le contrat, source : Insee, Filosofi 2021. … »."""
    if not added:
        return ""
    return (
        NOTE.format(sources=" ; ".join(sources_of(added))) + " : celles-ci restent à côté, avec leur ligne."
    )
