"""« Contrôles de cohérence » on the values of part II: parts against their whole, shares
of one whole against 100 %, comparisons between quartiers made without a number, reference
values implied by two printed gaps, numbers the conversion of the PDF truncated, and
comparisons with a value the contract does not give. A check never changes a number.
"""

from __future__ import annotations

import re
from collections import OrderedDict

from quartiers2030.core import fmt
from quartiers2030.core.checks import Check, Verdict, compare
from quartiers2030.parts.geographie import vocabulary
from quartiers2030.parts.geographie.model import (
    Fact,
    facts,
    implied_references,
    latest,
    qpv_of,
    qpvs,
    short_label,
    territory_label,
)
from quartiers2030.parts.geographie.vocabulary import indicator_label
from quartiers2030.parts.geographie.wording import fact_value, plain_value, value_text


def parts_checks(rows: list[Fact]) -> list[Check]:
    checks = []
    for whole_code, part_codes in vocabulary.parts_of().items():
        for whole in rows:
            if whole.indicator != whole_code:
                continue
            parts = [
                f
                for f in rows
                if f.indicator in part_codes and f.territory == whole.territory and f.year == whole.year
            ]
            if not parts:
                continue
            total = sum(f.value for f in parts)
            verdict = Verdict.AGREES if total <= whole.value else Verdict.DIFFERS
            checks.append(
                Check(
                    f"{whole.label} et leurs sous-ensembles ({territory_label(whole.territory)})",
                    f"{plain_value(whole)} au total",
                    f"{fmt.number(total)} dans les sous-ensembles cités",
                    verdict,
                    whole.line,
                    " + ".join(f"{fmt.number(f.value)} ({f.label.lower()})" for f in parts)
                    + (" : pas plus que le total." if verdict is Verdict.AGREES else " : plus que le total."),
                )
            )
    return checks


def breakdown_checks(rows: list[Fact]) -> list[Check]:
    checks = []
    recent = latest(rows)
    for breakdown in vocabulary.breakdowns():
        title, members, complete = breakdown.title, breakdown.members, breakdown.complete
        by_territory: OrderedDict = OrderedDict()
        for f in recent:
            if f.indicator in members:
                by_territory.setdefault(f.territory, []).append(f)
        for territory, parts in by_territory.items():
            if len(parts) < 2:
                continue
            total = sum(f.value for f in parts)
            complete_here = complete and len(parts) == len(members)
            if complete_here:
                verdict = compare(100, total, 0)
                expected = "100 %"
            else:
                verdict = Verdict.AGREES if total <= 100 + 1e-9 else Verdict.DIFFERS
                expected = "100 % au plus"
            checks.append(
                Check(
                    f"{title} ({territory_label(territory)}) : total des parts",
                    expected,
                    fmt.percent(total),
                    verdict,
                    max(f.line for f in parts),
                    " + ".join(
                        f"{fmt.percent(f.value, fmt.decimals_of(f.value))} ({f.label.lower()})" for f in parts
                    )
                    + ("." if complete_here else " ; les autres catégories ne sont pas données."),
                )
            )
    return checks


_HIGHEST = ("le plus élevé", "le plus", "la plus")
_LOWER = ("moins", "moindre", "inférieur")


def _rank_mode(words: str) -> str | None:
    """« le plus élevé » -> "max", « moins marqué » -> "lower", otherwise None."""
    words = words.lower()
    if any(w in words for w in _HIGHEST):
        return "max"
    if any(w in words for w in _LOWER):
        return "lower"
    return None


def _rank_verdict(f: Fact, mode: str, others: list[Fact]) -> tuple[bool, str]:
    if mode == "max":
        ok = all(f.value >= o.value for o in others)
        return ok, "le plus élevé des valeurs données" if ok else "pas le plus élevé"
    lower = [o for o in others if f.value < o.value]
    if lower:
        return True, f"plus bas que dans {len(lower)} des {len(others)} autres valeurs données"
    return False, "pas plus bas que les autres valeurs données"


def _rank_check(f: Fact, mode: str, others: list[Fact]) -> Check:
    mine = qpv_of(f.territory)
    ok, computed = _rank_verdict(f, mode, others)
    listing = " ; ".join(f"{territory_label(o.territory)} {plain_value(o)}" for o in others)
    missing = [q for q in qpvs() if q.code != mine and not any(qpv_of(o.territory) == q.code for o in others)]
    detail = f"Valeurs des autres quartiers dans le contrat : {listing}."
    if missing:
        detail += (
            " Le contrat ne donne pas cette mesure pour : "
            + ", ".join(short_label(q.label) for q in missing)
            + "."
        )
    return Check(
        f"{f.label} ({territory_label(f.territory)}) comparé aux autres quartiers",
        f"« {f.words} » ({plain_value(f)})",
        computed,
        Verdict.AGREES if ok else Verdict.DIFFERS,
        f.line,
        detail,
    )


def rank_checks(code: str | None = None) -> list[Check]:
    """« Le taux le plus élevé des QPV de la CAB », « moins marqué que dans d'autres QPV » :
    the comparisons with the other quartiers that the text makes without a number, against
    the values the text gives for the other quartiers."""
    all_facts = facts()
    scales = vocabulary.scales()
    checks = []
    for f in all_facts:
        if f.reference != "qpv_cab" or f.reference_value is not None or f.territory in scales:
            continue
        if code is not None and qpv_of(f.territory) != code:
            continue
        mode = _rank_mode(f.words)
        if mode is None:
            continue
        mine = qpv_of(f.territory)
        others = [
            o
            for o in latest(all_facts)
            if o.indicator == f.indicator
            and o.territory not in scales
            and qpv_of(o.territory) not in (None, mine)
        ]
        if others:
            checks.append(_rank_check(f, mode, others))
    return checks


def _rounding_unit(value: float) -> float:
    """A printed amount's precision: « 2 000 » is known to the thousand, « 1 500 » to the
    hundred."""
    value = abs(int(round(value)))
    unit = 1
    while value and value % (unit * 10) == 0:
        unit *= 10
    return unit


def implied_reference_checks(code: str | None = None) -> list[Check]:
    """Two quartiers' gaps to the same reference (Boulogne-sur-Mer, the CAB) imply two values
    of that reference: they should agree within the rounding of the printed numbers."""
    all_facts = facts()
    scales = vocabulary.scales()
    implied = implied_references([f for f in all_facts if f.territory not in scales], all_facts)
    by_ref: OrderedDict = OrderedDict()
    for base, ref, value, gap in implied:
        if ref == "commune":
            continue  # « la valeur communale »: a different commune for each quartier
        by_ref.setdefault((ref, base.indicator, base.year), []).append((base, value, gap))
    checks = []
    for (ref, indicator, year), items in by_ref.items():
        if len(items) < 2:
            continue
        if code is not None and not any(qpv_of(b.territory) == code for b, _, _ in items):
            continue
        (b1, v1, g1), (b2, v2, g2) = items[0], items[1]
        gap = abs(v1 - v2)
        tolerance = (_rounding_unit(g1.value) + _rounding_unit(g2.value)) / 2
        verdict = Verdict.AGREES if gap == 0 else Verdict.ROUNDING if gap <= tolerance else Verdict.DIFFERS
        unit = b1.unit
        checks.append(
            Check(
                f"{indicator_label(indicator)} {year} de la référence « {territory_label(ref)} », "
                "déduit de deux écarts",
                f"{value_text(v1, unit)} d'après {territory_label(b1.territory)}",
                f"{value_text(v2, unit)} d'après {territory_label(b2.territory)}",
                verdict,
                g1.line,
                f"{territory_label(b1.territory)} : {plain_value(b1)} et un écart de {fact_value(g1)} "
                f"(ligne {g1.line}) ; {territory_label(b2.territory)} : {plain_value(b2)} et un écart de "
                f"{fact_value(g2)} (ligne {g2.line}). Écart entre les deux déductions : {value_text(gap, unit)}"
                + (
                    f", dans la marge des arrondis imprimés ({value_text(tolerance, unit)})."
                    if verdict is Verdict.ROUNDING
                    else "."
                ),
            )
        )
    return checks


def garbled_checks(rows: list[Fact]) -> list[Check]:
    """Numbers the conversion of the PDF truncated (the data says so in its remark): shown,
    never repaired."""
    checks = []
    for f in rows:
        if not f.remark or "tronqué" not in f.remark:
            continue
        quoted = re.search(r"«\s*(.+?)\s*»", f.remark)
        checks.append(
            Check(
                f"{f.label} ({territory_label(f.territory)}) : nombre tronqué dans le texte",
                f"« {quoted.group(1)} »" if quoted else fact_value(f),
                "année de comparaison illisible",
                Verdict.MISSING,
                f.line,
                f"La valeur {fact_value(f)} est reprise telle quelle ; sans l'année de départ, "
                "l'évolution ne peut pas être datée ni vérifiée.",
            )
        )
    return checks


def missing_reference_checks(rows: list[Fact]) -> list[Check]:
    """Comparisons with a value the contract does not give (« moins que dans le QPV centre
    ville », « dans la moyenne régionale des QPV »), as the data's remark records them:
    nothing to recompute, said as a gap of the text. A reference that a printed gap implies
    is not missing."""
    implied = {(base.territory, base.indicator) for base, _, _, _ in implied_references(rows, facts())}
    checks = []
    for f in rows:
        if (
            not f.remark
            or not re.search(r"pas donnée|sans valeur", f.remark)
            or (f.territory, f.indicator) in implied
        ):
            continue
        against = (
            f" comparé à « {territory_label(f.reference, short=False)} »"
            if f.reference
            else " : comparaisons"
        )
        checks.append(
            Check(
                f"{f.label} ({territory_label(f.territory)}){against}",
                f"« {f.words} » ({plain_value(f)})",
                "valeur de comparaison non donnée",
                Verdict.MISSING,
                f.line,
                f.remark,
            )
        )
    return checks
