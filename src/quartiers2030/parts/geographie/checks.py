"""« Contrôles de cohérence » of the géographie pages: what part II of the contract states,
against what its other numbers give. Printed counts and totals recomputed; populations of
the text against the QPV table; shares recomputed from counts; parts against their whole;
comparisons between quartiers made without a number; reference values implied by two
printed gaps; numbers the conversion of the PDF truncated. A check never changes a number.
"""

from __future__ import annotations

import re
from collections import OrderedDict

import pandas as pd

from quartiers2030.core import fmt
from quartiers2030.core.checks import Check, Verdict, compare
from quartiers2030.core.checks import render as render_checks
from quartiers2030.core.html import Fragment
from quartiers2030.data.datapackage import load
from quartiers2030.parts.geographie import (
    BREAKDOWNS,
    PARTS_OF,
    PUPILS,
    SCALES,
    SECTION_CAB,
    Fact,
    agglomeration_facts,
    fact_value,
    facts,
    facts_of,
    fmt_value_plain,
    gaps,
    implied_references,
    indicator_label,
    latest,
    qpv,
    qpv_of,
    qpvs,
    short_label,
    sub_quartiers,
    territories_of,
    territory_label,
    value_text,
)
from quartiers2030.parts.geographie import maps as carte


def _printed() -> pd.DataFrame:
    return load("geographie_valeurs_imprimees")


def _count_of_list(territory: str, liste: str) -> int | None:
    frame = load("geographie_listes")
    items = frame[(frame["territoire"] == territory) & (frame["liste"] == liste)]
    return len(items) if len(items) else None


def _recompute(row) -> tuple[float | None, str]:
    """A printed count or total recomputed from the other files, and how."""
    indicator, territory = row.indicateur, row.territoire
    if indicator == "population_qpv":
        return float(sum(q.population for q in qpvs())), "Somme des populations des quatre quartiers."
    if indicator == "nombre_qpv":
        return float(len(qpvs())), "Nombre de lignes du tableau des quartiers."
    if indicator == "nombre_communes_qpv":
        names = {c for q in qpvs() for c in carte.split_communes(q.communes)}
        return float(len(names)), "Communes distinctes : " + ", ".join(sorted(names)) + "."
    if indicator == "nombre_sous_quartiers":
        subs = sub_quartiers(territory)
        return float(len(subs)), "Sous-quartiers : " + ", ".join(s.short for s in subs) + "."
    if indicator == "nombre_logements_zac":
        frame = load("geographie_listes")
        items = frame[(frame["territoire"] == territory) & frame["libelle"].str.contains("ZAC")]
        return float(items["nombre"].sum()), "Somme des logements collectifs et individuels des ZAC."
    stem = indicator.removeprefix("nombre_")
    count = _count_of_list(territory, stem)
    if count is not None:
        items = load("geographie_listes")
        items = items[(items["territoire"] == territory) & (items["liste"] == stem)]
        return float(count), "Éléments de la liste : " + " ; ".join(items["libelle"]) + "."
    return None, ""


PRINTED_SUBJECTS = {
    "population_qpv": "Population des quartiers prioritaires",
    "nombre_qpv": "Nombre de quartiers prioritaires",
    "nombre_communes_qpv": "Nombre de communes concernées",
    "nombre_autres_communes_plus_10000_habitants": "Autres communes de plus de 10 000 habitants",
    "nombre_projets_renovation_urbaine": "Projets de rénovation urbaine",
    "nombre_quartiers_dysfonctionnements_urbains": "Quartiers aux dysfonctionnements persistants",
    "nombre_sous_quartiers": "Nombre de sous-quartiers",
    "nombre_voies_liaison_centre_ville": "Voies reliant le Chemin Vert au centre-ville",
    "nombre_secteurs_npnru": "Secteurs en NPNRU",
    "nombre_logements_zac": "Logements des trois ZAC",
}


def printed_checks(territories: set[str]) -> list[Check]:
    checks = []
    for r in _printed().itertuples():
        if r.territoire not in territories:
            continue
        computed, how = _recompute(r)
        if computed is None:
            continue
        stated = fmt.number(r.valeur) + (
            f" (« {r.valeur_texte} »)" if isinstance(r.valeur_texte, str) else ""
        )
        subject = PRINTED_SUBJECTS.get(r.indicateur, r.indicateur.replace("_", " ").capitalize())
        checks.append(
            Check(
                f"{subject} ({r.tableau})",
                stated,
                fmt.number(computed),
                compare(float(r.valeur), computed, 0),
                int(r.ligne_source),
                how,
            )
        )
    return checks


def population_checks(code: str) -> list[Check]:
    """Populations written in the text against the QPV table: the quartier's own, and the
    sub-quartiers' (their sum cannot exceed the QPV, and what is left must house the
    pupils the text counts in the other sub-quartiers)."""
    q = qpv(code)
    rows = facts_of(code)
    checks = []
    for f in rows:
        if f.indicator == "population" and f.territory == code:
            checks.append(
                Check(
                    "Population du quartier dans le texte et dans le tableau",
                    fmt.number(f.value),
                    fmt.number(q.population),
                    compare(f.value, q.population, 0),
                    f.line,
                    f"Tableau de la géographie prioritaire, ligne {q.line} : {fmt.number(q.population)} habitants.",
                )
            )
    subs = sub_quartiers(code)
    known = [f for f in rows if f.indicator == "population" and f.territory in {s.code for s in subs}]
    if not known:
        return checks
    total_known = sum(f.value for f in known)
    rest = q.population - total_known
    others = [s for s in subs if s.code not in {f.territory for f in known}]
    pupils = [f for f in latest(rows) if f.indicator in PUPILS and f.territory in {s.code for s in others}]
    n_pupils = sum(f.value for f in pupils)
    stated = " ; ".join(f"{territory_label(f.territory)} : {fmt.number(f.value)} habitants" for f in known)
    detail = f"Le quartier entier compte {fmt.number(q.population)} habitants (tableau, ligne {q.line}). "
    if rest < 0:
        verdict = Verdict.DIFFERS
        detail += "Les sous-quartiers dépasseraient le quartier."
    elif others:
        names = " et ".join(s.short for s in others)
        by_place = OrderedDict()
        for f in pupils:
            by_place[f.territory] = by_place.get(f.territory, 0) + f.value
        detail += (
            f"Il resterait {fmt.number(rest)} habitants pour {names}, où le texte compte "
            f"{fmt.number(n_pupils)} collégiens et lycéens ("
            + " ; ".join(f"{territory_label(t)} : {fmt.number(n)}" for t, n in by_place.items())
            + ")."
        )
        verdict = Verdict.DIFFERS if n_pupils > rest else Verdict.AGREES
    else:
        verdict = compare(total_known, q.population, 0)
    computed = (
        f"{fmt.number(rest)} habitants pour les autres sous-quartiers" if others else fmt.number(total_known)
    )
    checks.append(
        Check(
            "Population des sous-quartiers et population du quartier",
            stated,
            computed,
            verdict,
            max(f.line for f in known),
            detail,
        )
    )
    return checks


def caf_checks(code: str) -> list[Check]:
    """A share of the population printed beside a count of persons: recomputed with the
    quartier's population from the table."""
    q = qpv(code)
    rows = [f for f in facts_of(code) if f.territory == code]
    checks = []
    for share in rows:
        if not share.indicator.startswith("part_population_"):
            continue
        count = next(
            (
                f
                for f in rows
                if f.indicator == share.indicator.removeprefix("part_") and f.line == share.line
            ),
            None,
        )
        if count is None:
            continue
        computed = count.value / q.population * 100
        checks.append(
            Check(
                f"{share.label} : part de la population",
                fmt.percent(share.value, fmt.decimals_of(share.value)),
                fmt.percent(computed),
                compare(share.value, computed, fmt.decimals_of(share.value)),
                share.line,
                f"{fmt.number(count.value)} personnes pour {fmt.number(q.population)} habitants (tableau, "
                f"ligne {q.line}). Le nombre imprimé est arrondi : à une centaine près, la part va de "
                f"{fmt.percent((count.value - 50) / q.population * 100)} à {fmt.percent((count.value + 50) / q.population * 100)}.",
            )
        )
    return checks


def parts_checks(rows: list[Fact]) -> list[Check]:
    checks = []
    for whole_code, part_codes in PARTS_OF.items():
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
                    f"{fmt_value_plain(whole)} au total",
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
    for title, members, complete in BREAKDOWNS:
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


def rank_checks(code: str | None = None) -> list[Check]:
    """« Le taux le plus élevé des QPV de la CAB », « moins marqué que dans d'autres QPV » :
    the comparisons with the other quartiers that the text makes without a number, against
    the values the text gives for the other quartiers."""
    all_facts = facts()
    checks = []
    for f in all_facts:
        if f.reference != "qpv_cab" or f.reference_value is not None or f.territory in SCALES:
            continue
        if code is not None and qpv_of(f.territory) != code:
            continue
        words = f.words.lower()
        mode = (
            "max"
            if any(w in words for w in _HIGHEST)
            else "lower"
            if any(w in words for w in _LOWER)
            else None
        )
        if mode is None:
            continue
        mine = qpv_of(f.territory)
        others = [
            o
            for o in latest(all_facts)
            if o.indicator == f.indicator
            and o.territory not in SCALES
            and qpv_of(o.territory) not in (None, mine)
        ]
        if not others:
            continue
        listing = " ; ".join(f"{territory_label(o.territory)} {fmt_value_plain(o)}" for o in others)
        if mode == "max":
            ok = all(f.value >= o.value for o in others)
            stated = f"« {f.words} » ({fmt_value_plain(f)})"
            computed = "le plus élevé des valeurs données" if ok else "pas le plus élevé"
        else:
            lower = [o for o in others if f.value < o.value]
            ok = bool(lower)
            stated = f"« {f.words} » ({fmt_value_plain(f)})"
            computed = (
                f"plus bas que dans {len(lower)} des {len(others)} autres valeurs données"
                if ok
                else "pas plus bas que les autres valeurs données"
            )
        missing = [
            q for q in qpvs() if q.code != mine and not any(qpv_of(o.territory) == q.code for o in others)
        ]
        detail = f"Valeurs des autres quartiers dans le contrat : {listing}."
        if missing:
            detail += (
                " Le contrat ne donne pas cette mesure pour : "
                + ", ".join(short_label(q.label) for q in missing)
                + "."
            )
        checks.append(
            Check(
                f"{f.label} ({territory_label(f.territory)}) comparé aux autres quartiers",
                stated,
                computed,
                Verdict.AGREES if ok else Verdict.DIFFERS,
                f.line,
                detail,
            )
        )
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
    implied = implied_references([f for f in all_facts if f.territory not in SCALES], all_facts)
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
                f"{territory_label(b1.territory)} : {fmt_value_plain(b1)} et un écart de {fact_value(g1)} "
                f"(ligne {g1.line}) ; {territory_label(b2.territory)} : {fmt_value_plain(b2)} et un écart de "
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
                f"« {f.words} » ({fmt_value_plain(f)})",
                "valeur de comparaison non donnée",
                Verdict.MISSING,
                f.line,
                f.remark,
            )
        )
    return checks


def decree_checks() -> list[Check]:
    """The decree's printed number against its publication date (chronologie of part IV
    data, whose remark keeps the printed number)."""
    checks = []
    for r in load("chronologie").itertuples():
        remark = r.remarque if isinstance(r.remarque, str) else ""
        match = re.search(r"«\s*(\d{4})-(\d+)\s*»", remark)
        if not match or "décret" not in r.evenement.lower():
            continue
        date = pd.Timestamp(r.date)
        printed_year = int(match.group(1))
        checks.append(
            Check(
                "Numéro du décret et date de publication",
                f"décret {match.group(1)}-{match.group(2)}",
                f"publié le {fmt.date_text(date)}",
                compare(printed_year, date.year, 0),
                int(r.ligne_source),
                remark,
            )
        )
    return checks


def gap_checks(territory: str) -> list[Check]:
    """What the text announced or showed there and does not hold (lacunes.csv): said as a gap
    of the text, with the lines where it stands."""
    return [
        Check(
            g.subject,
            f"« {g.title} » ({g.lines})" if g.title else g.lines.capitalize(),
            "absent du texte publié",
            Verdict.MISSING,
            g.first_line,
            g.missing,
        )
        for g in gaps(territory)
    ]


def quartier_checks(code: str) -> Fragment:
    rows = facts_of(code)
    checks = (
        printed_checks(set(territories_of(code)))
        + population_checks(code)
        + caf_checks(code)
        + parts_checks(rows)
        + breakdown_checks(rows)
        + rank_checks(code)
        + implied_reference_checks(code)
        + missing_reference_checks(rows)
        + garbled_checks(rows)
        + gap_checks(code)
    )
    return render_checks(checks, id=f"controles-{code.lower()}")


def agglomeration_checks() -> Fragment:
    rows = agglomeration_facts()
    checks = (
        printed_checks({SECTION_CAB})
        + decree_checks()
        + parts_checks(rows)
        + missing_reference_checks(rows)
        + gap_checks(SECTION_CAB)
    )
    return render_checks(checks, id="controles-cab")


def comparison_checks() -> Fragment:
    checks = []
    for q in qpvs():
        checks += population_checks(q.code)
    checks += rank_checks() + implied_reference_checks()
    return render_checks(checks, id="controles-comparer")
