"""The géographie data as typed objects: the QPV, their sub-quartiers, the facts of part II
(indicateurs.csv), the gaps of the text (lacunes.csv) and the lists (listes.csv), with the
lookups every page needs (a territory's name, its QPV, the latest value of a measure).

Adding a fact to `indicateurs.csv` adds it to its quartier's page, to its theme's table and,
when it can be compared with something, to a chart, without a code change.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict
from dataclasses import dataclass

import pandas as pd

from quartiers2030.data import value_sources
from quartiers2030.data.datapackage import load
from quartiers2030.parts import sources
from quartiers2030.parts.geographie import vocabulary

INDICATORS_CSV = "geographie/indicateurs.csv"
SECTION_CAB = "cab"  # the `section` of indicateurs.csv for part A, « Vision d'agglomération »


@dataclass(frozen=True)
class Qpv:
    code: str
    label: str
    official_label: str
    communes: str
    population: int
    line: int


def qpvs() -> list[Qpv]:
    return [
        Qpv(r.code_qpv, r.libelle, r.libelle_officiel, r.communes, int(r.population), int(r.ligne_source))
        for r in load("qpv").itertuples()
    ]


def qpv(code: str) -> Qpv:
    for q in qpvs():
        if q.code == code:
            return q
    raise KeyError(f"QPV inconnu : {code}")


def former_code(code: str) -> str | None:
    """The code of the 2015 quartier a 2024 QPV continues (qpv_2015.csv), if any."""
    former = load("qpv_2015").set_index("code_qpv")
    return former.at[code, "code_qpv_2015"] if code in former.index else None


@dataclass(frozen=True)
class SubQuartier:
    code: str
    qpv: str
    label: str
    short: str
    commune: str
    line: int


def sub_quartiers(code_qpv: str | None = None) -> list[SubQuartier]:
    out = [
        SubQuartier(r.code, r.code_qpv, r.libelle, r.libelle_court, r.commune, int(r.ligne_source))
        for r in load("sous_quartiers").itertuples()
    ]
    return [s for s in out if code_qpv is None or s.qpv == code_qpv]


def clean(value):
    """A missing cell (NaN, NA) as None."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def source_lines(lines: list[int], apart: int = 30) -> str:
    """`[433, 606, 620, 640]` -> `lignes 433 et 606 à 640`: one span per passage of the text,
    a new passage when two cited lines are more than `apart` lines away."""
    numbers = sorted(set(lines))
    passages, start = [], numbers[0]
    for previous, current in zip(numbers, numbers[1:] + [None]):
        if current is None or current - previous > apart:
            passages.append((start, previous, None))
            start = current
    return sources.line_ranges(passages)  # the wording every part's « Source » line shares


@dataclass(frozen=True)
class Gap:
    """What part II announced or showed and the published text does not hold (lacunes.csv)."""

    code: str
    territory: str
    nature: str
    subject: str
    title: str | None
    missing: str
    first_line: int
    last_line: int

    @property
    def lines(self) -> str:
        return source_lines(list(range(self.first_line, self.last_line + 1)))


def gaps(territory: str | None = None) -> list[Gap]:
    out = [
        Gap(
            r.code,
            r.territoire,
            r.nature,
            r.objet,
            clean(r.titre),
            r.manque,
            int(r.ligne_source),
            int(r.derniere_ligne),
        )
        for r in load("geographie_lacunes").itertuples()
    ]
    return [g for g in out if territory is None or g.territory == territory]


def short_label(text: str) -> str:
    """« Des résidences Sud du Boulonnais » -> « Résidences Sud du Boulonnais »."""
    stripped = re.sub(r"^(?:Des|Les|Le|La|L')\s+", "", text)
    return stripped[:1].upper() + stripped[1:]


def territory_label(code: str, short: bool = True) -> str:
    for q in qpvs():
        if q.code == code:
            return short_label(q.label) if short else q.label
    for s in sub_quartiers():
        if s.code == code:
            return s.short if short else s.label
    return vocabulary.scales().get(code, code)


def qpv_of(territory: str) -> str | None:
    if territory in {q.code for q in qpvs()}:
        return territory
    return next((s.qpv for s in sub_quartiers() if s.code == territory), None)


def territories_of(code_qpv: str) -> list[str]:
    return [code_qpv] + [s.code for s in sub_quartiers(code_qpv)]


def compared_territories() -> list[str]:
    """Every QPV followed by its sub-quartiers, in the order of the QPV table."""
    return [t for q in qpvs() for t in territories_of(q.code)]


@dataclass(frozen=True)
class Fact:
    section: str
    territory: str
    theme: str
    indicator: str
    words: str
    value: float
    value_words: str | None
    unit: str
    year: int | None
    base_year: int | None
    period: str | None
    reference: str | None
    reference_value: float | None
    remark: str | None
    line: int | None  # the contract's line; None for a value of another source
    source: str = value_sources.CONTRACT  # its code in sources.csv

    @property
    def label(self) -> str:
        return vocabulary.indicator_label(self.indicator)

    @property
    def from_contract(self) -> bool:
        return value_sources.is_contract(self.source)


def _int_or_none(value) -> int | None:
    return None if clean(value) is None else int(value)


def _float_or_none(value) -> float | None:
    return None if clean(value) is None else float(value)


def all_facts() -> list[Fact]:
    """Every value of indicateurs.csv: the contract's and those added after it."""
    return [
        Fact(
            r.section,
            r.territoire,
            r.theme,
            r.indicateur,
            r.libelle,
            float(r.valeur),
            clean(r.valeur_texte),
            r.unite,
            _int_or_none(r.annee),
            _int_or_none(r.annee_base),
            clean(r.periode),
            clean(r.reference_territoire),
            _float_or_none(r.reference_valeur),
            clean(r.remarque),
            _int_or_none(r.ligne_source),
            r.source,
        )
        for r in load("geographie_indicateurs").astype(object).itertuples()
    ]


def facts() -> list[Fact]:
    """The contract's values: what every table, chart, check and verdict about the contract
    reads. A value added later (another source, a later year, a correction) is never among
    them: it stands beside the contract's (`added_facts`)."""
    return [f for f in all_facts() if f.from_contract]


def added_facts() -> list[Fact]:
    """The values added after the contract (their source is not the contract)."""
    return [f for f in all_facts() if not f.from_contract]


def source_text(f: Fact) -> str:
    """Where a value comes from, as the pages write it: « ligne 551 » for the contract,
    « Insee, Filosofi 2021 » for another source."""
    return f"ligne {f.line}" if f.from_contract else value_sources.label(f.source)


def facts_of(code_qpv: str, *, added: bool = False) -> list[Fact]:
    """The facts of one QPV's portrait, and those elsewhere that are about it (`added`:
    the values added after the contract instead of the contract's)."""
    own = set(territories_of(code_qpv))
    return [f for f in (added_facts() if added else facts()) if f.section == code_qpv or f.territory in own]


def agglomeration_facts(*, added: bool = False) -> list[Fact]:
    own = {q.code for q in qpvs()} | {s.code for s in sub_quartiers()}
    rows = added_facts() if added else facts()
    return [f for f in rows if f.section == SECTION_CAB and f.territory not in own]


def section_facts(rows: list[Fact], key: str) -> list[Fact]:
    """The facts of one page theme (sections.csv, themes.csv)."""
    themes = vocabulary.section(key).themes
    return [f for f in rows if f.theme in themes]


def signed(indicator: str) -> bool:
    """A change or a gap: written with its sign, never charted as a level."""
    return indicator.startswith(("evolution_", "ecart_"))


def latest(rows: list[Fact]) -> list[Fact]:
    """One fact per (territory, indicator): the most recent year (undated ones count as
    current: the text gives them without a year)."""
    out: OrderedDict = OrderedDict()
    for f in rows:
        key = (f.territory, f.indicator)
        kept = out.get(key)
        if kept is None or (f.year or 9999) > (kept.year or 9999):
            out[key] = f
    return list(out.values())


def implied_references(rows: list[Fact], all_facts: list[Fact]) -> list[tuple[Fact, str, float, Fact]]:
    """(base fact, reference territory, implied reference value, écart fact) for every
    « écart » printed beside a value: reference = value − écart."""
    out = []
    for gap in all_facts:
        if (
            not gap.indicator.startswith("ecart_")
            or gap.indicator.startswith("ecart_relatif")
            or not gap.reference
        ):
            continue
        stem = gap.indicator.removeprefix("ecart_")
        for base in rows:
            if (
                base.territory == gap.territory
                and base.indicator.startswith(stem)
                and base.year == gap.year
                and base.section == gap.section
                and not signed(base.indicator)
            ):
                out.append((base, gap.reference, base.value - gap.value, gap))
    return out


def comparable_indicators(minimum: int = 2) -> list[str]:
    """Measures the contract gives for at least `minimum` quartiers or sub-quartiers."""
    places = set(compared_territories())
    counts: OrderedDict = OrderedDict()
    for f in facts():
        if f.territory in places and not signed(f.indicator) and not f.indicator.startswith("annee_"):
            counts.setdefault(f.indicator, set()).add(f.territory)
    return [i for i, t in counts.items() if len(t) >= minimum]


def list_rows(territories: list[str]) -> pd.DataFrame:
    """The items of listes.csv about these territories, in their order, then the text's."""
    items = load("geographie_listes")
    items = items[items["territoire"].isin(territories)]
    order = {t: i for i, t in enumerate(territories)}
    return items.assign(_t=items["territoire"].map(order)).sort_values(["_t", "ligne_source", "ordre"])
