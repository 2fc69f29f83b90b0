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
from quartiers2030.core.checks import Box, Check, Verdict, compare, render_box
from quartiers2030.core.html import Fragment
from quartiers2030.data.datapackage import load
from quartiers2030.parts.geographie import vocabulary
from quartiers2030.parts.geographie.maps import split_communes
from quartiers2030.parts.geographie.model import (
    SECTION_CAB,
    agglomeration_facts,
    facts_of,
    gaps,
    latest,
    qpv,
    qpvs,
    sub_quartiers,
    territories_of,
    territory_label,
)
from quartiers2030.parts.geographie.value_checks import (
    breakdown_checks,
    garbled_checks,
    implied_reference_checks,
    missing_reference_checks,
    parts_checks,
    rank_checks,
)
from quartiers2030.parts.geographie.vocabulary import indicator_label


def _printed() -> pd.DataFrame:
    return load("geographie_valeurs_imprimees")


def _count_of_list(territory: str, liste: str) -> int | None:
    rows = load("geographie_listes")
    items = rows[(rows["territoire"] == territory) & (rows["liste"] == liste)]
    return len(items) if len(items) else None


def _recompute(row) -> tuple[float | None, str]:
    """A printed count or total recomputed from the other files, and how."""
    indicator, territory = row.indicateur, row.territoire
    if indicator == "population_qpv":
        return float(sum(q.population for q in qpvs())), "Somme des populations des quatre quartiers."
    if indicator == "nombre_qpv":
        return float(len(qpvs())), "Nombre de lignes du tableau des quartiers."
    if indicator == "nombre_communes_qpv":
        names = {c for q in qpvs() for c in split_communes(q.communes)}
        return float(len(names)), "Communes distinctes : " + ", ".join(sorted(names)) + "."
    if indicator == "nombre_sous_quartiers":
        subs = sub_quartiers(territory)
        return float(len(subs)), "Sous-quartiers : " + ", ".join(s.short for s in subs) + "."
    if indicator == "nombre_logements_zac":
        rows = load("geographie_listes")
        items = rows[(rows["territoire"] == territory) & rows["libelle"].str.contains("ZAC")]
        return float(items["nombre"].sum()), "Somme des logements collectifs et individuels des ZAC."
    stem = indicator.removeprefix("nombre_")
    count = _count_of_list(territory, stem)
    if count is not None:
        items = load("geographie_listes")
        items = items[(items["territoire"] == territory) & (items["liste"] == stem)]
        return float(count), "Éléments de la liste : " + " ; ".join(items["libelle"]) + "."
    return None, ""


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
        subject = indicator_label(r.indicateur)
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
    sub_check = _sub_quartiers_check(code, rows)
    return checks + ([sub_check] if sub_check else [])


def _sub_quartiers_check(code: str, rows: list) -> Check | None:
    """The sub-quartiers' populations given in the text: their sum cannot exceed the QPV,
    and what is left must house the pupils the text counts in the other sub-quartiers."""
    q = qpv(code)
    subs = sub_quartiers(code)
    known = [f for f in rows if f.indicator == "population" and f.territory in {s.code for s in subs}]
    if not known:
        return None
    total_known = sum(f.value for f in known)
    rest = q.population - total_known
    others = [s for s in subs if s.code not in {f.territory for f in known}]
    pupils = [
        f
        for f in latest(rows)
        if f.indicator in vocabulary.pupils() and f.territory in {s.code for s in others}
    ]
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
    return Check(
        "Population des sous-quartiers et population du quartier",
        stated,
        computed,
        verdict,
        max(f.line for f in known),
        detail,
    )


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


def quartier_box(code: str) -> Box:
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
    return Box(f"qpv-{code}", f"controles-{code.lower()}", tuple(checks))


def quartier_checks(code: str) -> Fragment:
    return render_box(quartier_box(code))


def agglomeration_box() -> Box:
    rows = agglomeration_facts()
    checks = (
        printed_checks({SECTION_CAB})
        + decree_checks()
        + parts_checks(rows)
        + missing_reference_checks(rows)
        + gap_checks(SECTION_CAB)
    )
    return Box("geographie-vision", "controles-cab", tuple(checks))


def agglomeration_checks() -> Fragment:
    return render_box(agglomeration_box())


def comparison_box() -> Box:
    checks = []
    for q in qpvs():
        checks += population_checks(q.code)
    checks += rank_checks() + implied_reference_checks()
    return Box("geographie-comparer", "controles-comparer", tuple(checks))


def comparison_checks() -> Fragment:
    return render_box(comparison_box())
