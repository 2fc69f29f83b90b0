"""The collèges on the maps: their IPS in the school year the contract used, and the three
classes the maps draw them in.

Inputs: `ips_colleges` (the ministry's open data) and `ips_references` (the values the
contract prints, among them the departmental mean that bounds the middle class).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quartiers2030.core import fmt
from quartiers2030.core.html import escape
from quartiers2030.data.datapackage import load

# IPS classes of the collèges. The bound of the first class is the site's choice (below it,
# an intake the ministry's scale calls very working-class); the bound of the second is the
# departmental mean the contract cites (data: ips_references.csv). They stay here, not in a
# data file, because every page that draws a map would then have to declare that file.
VERY_LOW_IPS = 80
IPS_CLASS_KEYS = ("low", "mid", "high")  # in the order of the legend
NO_MEAN = 100.0  # the middle bound if the contract's mean were missing from the data


@dataclass(frozen=True)
class College:
    uai: str
    name: str
    commune: str
    sector: str
    ips: float
    lon: float
    lat: float


def colleges(rentree_column: str) -> list[College]:
    """The collèges that have an IPS in that column."""
    frame = load("ips_colleges")
    return [
        College(
            r.uai, r.nom, r.commune, r.secteur, float(getattr(r, rentree_column)), float(r.lon), float(r.lat)
        )
        for r in frame.itertuples()
        if getattr(r, rentree_column) == getattr(r, rentree_column)  # not NaN
    ]


def rentree_columns(frame) -> dict[str, str]:
    """IPS columns of the collèges file, by school year: {"2022-2023": "ips_2022_2023"}."""
    out = {}
    for column in frame.columns:
        match = re.fullmatch(r"ips_(\d{4})_(\d{4})", column)
        if match:
            out[f"{match.group(1)}-{match.group(2)}"] = column
    return out


def college_rentree() -> tuple[str, str]:
    """(column, school year) of the collèges' IPS that the maps show: the year whose value
    equals the one the contract prints for the collège it names, else the latest."""
    frame = load("ips_colleges")
    columns = rentree_columns(frame)
    for ref in load("ips_references").itertuples():
        row = frame[frame["uai"] == ref.uai]
        for rentree, column in columns.items():
            if len(row) and round(float(row[column].iloc[0]), 2) == round(float(ref.valeur), 2):
                return column, rentree
    rentree = sorted(columns)[-1]
    return columns[rentree], rentree


def departmental_mean() -> tuple[float, int] | None:
    """The departmental mean IPS the contract cites, and its source line."""
    refs = load("ips_references")
    rows = refs[refs["code"] == "moyenne_departementale"]
    if rows.empty:
        return None
    return float(rows["valeur"].iloc[0]), int(rows["ligne_source"].iloc[0])


def ips_class(value: float, mean: float) -> str:
    if value < VERY_LOW_IPS:
        return "low"
    return "mid" if value < mean else "high"


def ips_class_labels(mean: float) -> dict[str, str]:
    """Short enough for a phone's legend; the description says what the upper bound is."""
    low, high = fmt.number(VERY_LOW_IPS), fmt.number(mean, fmt.decimals_of(mean))
    return {
        "low": f"Collège, IPS inférieur à {low}",
        "mid": f"Collège, IPS de {low} à {high}",
        "high": f"Collège, IPS d'au moins {high}",
    }


def legend_text(mean: float) -> str:
    return escape(" ; ".join(ips_class_labels(mean).values()))
