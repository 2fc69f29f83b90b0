"""The checks of the IPS the contract prints against the ministry's open data, and the note
on what the open data cannot confirm (the departmental mean it cites)."""

from __future__ import annotations

import pandas as pd

from quartiers2030.core import fmt
from quartiers2030.core.checks import Box, Check, Verdict, compare, render_box
from quartiers2030.core.html import Fragment
from quartiers2030.core.templates import render
from quartiers2030.data.datapackage import load
from quartiers2030.parts.geographie import ips
from quartiers2030.parts.geographie import maps as carte


def _open_values(citation: ips.Citation, schools: pd.DataFrame, colleges: pd.DataFrame) -> tuple[dict, str]:
    """{school year: IPS} of the establishment cited, from the open data, and its name."""
    if citation.uai in set(colleges["uai"]):
        row = colleges[colleges["uai"] == citation.uai].iloc[0]
        columns = ips.rentree_columns(colleges)
        return {y: float(row[col]) for y, col in columns.items()}, row["nom"]
    rows = schools[schools["uai"] == citation.uai]
    values = {r.rentree_scolaire: r.ips for r in rows.itertuples() if r.ips == r.ips}
    name = ips.school_name(rows["nom_de_l_etablissement"].iloc[0]) if len(rows) else citation.label
    return values, name


def _value_check(citation: ips.Citation, values: dict, name: str) -> Check:
    """One printed IPS: the year whose open value equals it, else the closest value."""
    match = [y for y, v in values.items() if round(v, 2) == round(citation.value, 2)]
    closest = min(values, key=lambda y: abs(values[y] - citation.value)) if values else None
    found = fmt.number(values[match[0]] if match else values[closest], 1) if values else "absent des données"
    return Check(
        f"IPS cité : {citation.label}",
        fmt.number(citation.value, fmt.decimals_of(citation.value)),
        found,
        Verdict.AGREES if match else Verdict.DIFFERS,
        citation.line,
        f"{name}, données ouvertes : "
        + " ; ".join(f"{y} : {fmt.number(v, 1)}" for y, v in sorted(values.items()))
        + (f". Le contrat reprend la valeur {match[0]} sans dire l'année." if match else "."),
    )


def _mean_check(schools: pd.DataFrame) -> Check | None:
    """The mean of the « écoles boulonnaises » the contract prints, recomputed."""
    named, cited_mean = ips.cited_school(), ips.citation("moyenne_etablissements_boulonnais")
    if not (named and cited_mean):
        return None
    citation, rentree = named
    _, year = ips.city_schools(schools, citation.uai, rentree)
    mean = year["ips"].mean()
    decimals = fmt.decimals_of(cited_mean.value)
    return Check(
        f"Moyenne citée : {cited_mean.label}",
        fmt.number(cited_mean.value, decimals),
        fmt.number(mean, decimals),
        compare(cited_mean.value, mean, decimals),
        cited_mean.line,
        f"Moyenne des IPS {rentree} des {fmt.number(year['ips'].notna().sum())} écoles de "
        f"{year['commune'].iloc[0]} (publiques et privées).",
    )


def _spread_check(colleges: pd.DataFrame) -> Check | None:
    """The contract's « très restreint » spread of the named collège's IPS: the smallest?"""
    found = ips.cited_college()
    spread = ips.column(colleges, "ecart_type_ips", found[1]) if found else None
    if not (found and spread):
        return None
    citation = found[0]
    row = colleges[colleges["uai"] == citation.uai].iloc[0]
    smallest = colleges.loc[colleges[spread].idxmin()]
    ok = smallest["uai"] == citation.uai
    return Check(
        f"Écart-type des IPS du {row['nom']} « très restreint »",
        "« très restreint »",
        f"{fmt.number(row[spread], 1)}, "
        + (
            "le plus faible des collèges de la CAB"
            if ok
            else f"le plus faible est celui du {smallest['nom']}"
        ),
        Verdict.AGREES if ok else Verdict.DIFFERS,
        citation.line,
        f"Écarts-types {found[1]} des {fmt.number(len(colleges))} collèges : de "
        f"{fmt.number(colleges[spread].min(), 1)} à {fmt.number(colleges[spread].max(), 1)}.",
    )


def box() -> Box:
    """Each IPS the contract prints against the open data, and its claim on the spread of
    the named collège's IPS."""
    schools, colleges = ips.schools(), load("ips_colleges")
    checks = [_value_check(c, *_open_values(c, schools, colleges)) for c in ips.citations() if c.uai]
    checks += [c for c in (_mean_check(schools), _spread_check(colleges)) if c is not None]
    return Box("geographie-ips", "controles-ips", tuple(checks))


def ips_checks() -> Fragment:
    return render_box(box())


def reference_note() -> Fragment:
    """What the open data cannot confirm: the departmental mean the contract cites."""
    mean = carte.departmental_mean()
    frame = ips.schools()
    if not mean:
        return Fragment("")
    school_means = sorted(
        set(frame["ips_departemental"].dropna()) | set(frame["ips_departemental_public"].dropna())
    )
    if any(round(v, 2) == round(mean[0], 2) for v in school_means):
        return Fragment("")
    return render(
        "geographie/ips_reference_note.html",
        mean=fmt.number(mean[0], 2),
        line=mean[1],
        school_means=", ".join(fmt.number(v, 1) for v in school_means),
    )
