"""The IPS (indices de position sociale) of the CAB's schools and collèges as the two lost
figures of the contract need them (F-GEO-02, F-GEO-03): the values the contract prints,
the ministry's open data, and the names of the establishments as the site writes them.

The school year shown is the one the contract used: the rentrée whose open value equals
the IPS the contract prints for the establishment it names. The commune of the « écoles
boulonnaises » is the commune of that school. Nothing here names a year or a school.
The figures are in ips_charts.py, the checks of the citations in ips_checks.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from quartiers2030.data.datapackage import load
from quartiers2030.parts.geographie import maps as carte

SCHOOL_NAMES = "ips_noms_ecoles"  # the ministry's capitals -> French typography


@dataclass(frozen=True)
class SchoolNames:
    """The names of schools as the site writes them, from the ministry's capitals."""

    words: dict[str, str]  # a word in capitals -> its spelling
    kinds: tuple[str, ...]  # beginnings naming the kind of school, longest first

    @classmethod
    def load(cls) -> SchoolNames:
        frame = load(SCHOOL_NAMES)
        words = frame[frame["nature"] == "mot"]
        kinds = frame.loc[frame["nature"] == "type", "forme_ministere"]
        # Longest first, so that « ECOLE PRIMAIRE PRIVEE » is tried before « ECOLE PRIMAIRE ».
        return cls(
            dict(zip(words["forme_ministere"], words["graphie"])), tuple(sorted(kinds, key=len, reverse=True))
        )

    def __call__(self, raw: str, short: bool = False) -> str:
        """« ECOLE ELEMENTAIRE DUCHENNE QUINET » -> « École élémentaire Duchenne Quinet », or
        « Duchenne Quinet » (short; « (privée) » kept)."""
        text = raw.strip()
        private = "PRIVEE" in text.split()
        if short:
            for kind in self.kinds:
                if text.startswith(kind + " ") and len(text) > len(kind) + 1:
                    text = text[len(kind) + 1 :]
                    break
        spelled = [self.words.get(w, w.capitalize()) for w in text.split()]
        name = re.sub(r"(d'|l') ", r"\1", " ".join(spelled))
        name = name[:1].upper() + name[1:]
        return f"{name} (privée)" if short and private else name


def college_name(name: str) -> str:
    """« Collège privé Nazareth » -> « Nazareth (privé) » ; « Collège Paul Langevin » ->
    « Paul Langevin »: the axis says they are collèges."""
    if name.startswith("Collège privé "):
        return f"{name.removeprefix('Collège privé ')} (privé)"
    return name.removeprefix("Collège ")


def school_name(raw: str, short: bool = False) -> str:
    """One name (a figure with many uses `SchoolNames.load()` once)."""
    return SchoolNames.load()(raw, short)


rentree_columns = carte.rentree_columns
college_rentree = carte.college_rentree  # (column, school year): the contract's, else the latest


def column(frame: pd.DataFrame, prefix: str, rentree: str) -> str | None:
    """The column of a measure for one school year (`effectifs`, `ecart_type_ips`), if any."""
    name = f"{prefix}_{rentree.replace('-', '_')}"
    return name if name in frame.columns else None


@dataclass(frozen=True)
class Citation:
    code: str
    label: str
    value: float
    uai: str | None
    line: int


def citations() -> list[Citation]:
    """The IPS the contract prints, once each (the same sentence is repeated in two
    portraits: the first line is kept)."""
    seen, out = set(), []
    for r in load("ips_references").sort_values("ligne_source").itertuples():
        if r.code in seen:
            continue
        seen.add(r.code)
        uai = r.uai if isinstance(r.uai, str) else None
        out.append(Citation(r.code, r.libelle, float(r.valeur), uai, int(r.ligne_source)))
    return out


def citation(code: str) -> Citation | None:
    return next((c for c in citations() if c.code == code), None)


def schools() -> pd.DataFrame:
    """The ministry's file of the schools, with the name of each one's commune."""
    frame = load("ips_ecoles")
    names = {c.code: c.name for c in carte.communes()}
    return frame.assign(commune=frame["code_insee_de_la_commune"].map(names))


def cited_school() -> tuple[Citation, str] | None:
    """The school the contract names, and the rentrée whose IPS equals the printed one."""
    frame = schools()
    for c in citations():
        rows = frame[(frame["uai"] == c.uai) & (frame["ips"].round(2) == round(c.value, 2))]
        if c.uai and len(rows):
            return c, str(rows["rentree_scolaire"].iloc[0])
    return None


def cited_college() -> tuple[Citation, str, str] | None:
    """The collège the contract names, the rentrée and the column of its printed IPS."""
    frame = load("ips_colleges")
    columns = rentree_columns(frame)
    for c in citations():
        row = frame[frame["uai"] == c.uai]
        for rentree, name in columns.items():
            if c.uai and len(row) and round(float(row[name].iloc[0]), 2) == round(c.value, 2):
                return c, rentree, name
    return None


def city_schools(frame: pd.DataFrame, uai: str, rentree: str) -> tuple[str, pd.DataFrame]:
    """The INSEE code of the commune of the school `uai`, and that commune's schools in
    that school year (the « écoles boulonnaises » of the contract)."""
    commune_code = frame.loc[frame["uai"] == uai, "code_insee_de_la_commune"].iloc[0]
    year = frame[(frame["rentree_scolaire"] == rentree) & (frame["code_insee_de_la_commune"] == commune_code)]
    return commune_code, year
