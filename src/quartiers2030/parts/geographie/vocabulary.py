"""The contract's words for the géographie pages, read from `data/geographie/`: names of the
scales of comparison, labels and definitions of the measures, titles of the lists, the page
themes and which themes of `indicateurs.csv` they gather, the measures that share a whole,
the « dont » counts, the roles of a chart's bars. Words, never facts: a code missing from
these files is shown with a label made from the code itself, so a new measure never breaks
a page.
"""

from __future__ import annotations

from dataclasses import dataclass

from quartiers2030.data.datapackage import load


def _from_code(code: str) -> str:
    return code.replace("_", " ").capitalize()


def scales() -> dict[str, str]:
    """Scales of comparison (echelles.csv): code -> name on the pages."""
    rows = load("geographie_echelles")
    return dict(zip(rows["code"], rows["libelle"]))


def aggregates() -> set[str]:
    """Scales that gather several QPV: never ranked among them."""
    scales_ = load("geographie_echelles")
    return set(scales_.loc[scales_["agregat"].astype(bool), "code"])


def _measures():
    return load("geographie_mesures").set_index("indicateur")


def indicator_label(code: str) -> str:
    measures = _measures()
    return measures.at[code, "libelle"] if code in measures.index else _from_code(code)


def indicator_definition(code: str) -> str:
    measures = _measures()
    if code not in measures.index or not isinstance(measures.at[code, "definition"], str):
        return ""
    return measures.at[code, "definition"]


def headlines() -> list[str]:
    """The measures a quartier's key figures show first, in their order."""
    measures = _measures()
    ranked = measures[measures["rang_chiffre_cle"].notna()].sort_values("rang_chiffre_cle")
    return list(ranked.index)


def pupils() -> set[str]:
    """Counts of pupils of one school level: they must fit in the population."""
    measures = _measures()
    return set(measures.index[measures["eleves"].astype(bool)])


def list_title(code: str) -> str:
    titles = load("geographie_titres_listes").set_index("liste")["titre"]
    return titles.get(code, _from_code(code))


def agglomeration_page_lists() -> tuple[str, ...]:
    """Lists shown on the « Vision d'agglomération » page only, even those about a quartier."""
    titles = load("geographie_titres_listes")
    return tuple(titles.loc[titles["sur_la_vision"].astype(bool), "liste"])


@dataclass(frozen=True)
class Section:
    """A theme of the pages and the themes of indicateurs.csv it gathers."""

    key: str
    title: str
    themes: tuple[str, ...]
    core: bool  # on every quartier page, even without a number


def sections() -> list[Section]:
    themes = load("geographie_themes")
    return [
        Section(
            r.section,
            r.titre,
            tuple(themes.loc[themes["section"] == r.section, "theme"]),
            bool(r.essentielle),
        )
        for r in load("geographie_sections").sort_values("ordre").itertuples()
    ]


def section(key: str) -> Section:
    found = [s for s in sections() if s.key == key]
    if not found:
        raise KeyError(f"Thème inconnu : {key} (voir geographie/sections.csv)")
    return found[0]


@dataclass(frozen=True)
class Breakdown:
    """Measures that share one whole: their parts cannot exceed 100 %, and a complete set
    must make 100 %."""

    title: str
    members: tuple[str, ...]
    complete: bool


def breakdowns() -> list[Breakdown]:
    rows = load("geographie_decompositions").sort_values(["decomposition", "ordre"])
    return [
        Breakdown(str(items["titre"].iloc[0]), tuple(items["indicateur"]), bool(items["complete"].iloc[0]))
        for _, items in rows.groupby("decomposition", sort=True)
    ]


def parts_of() -> dict[str, tuple[str, ...]]:
    """Counts printed with their « dont » parts: the parts cannot exceed the whole."""
    rows = load("geographie_parties").sort_values("ordre", kind="stable")
    order = list(dict.fromkeys(rows["total"]))
    return {total: tuple(rows.loc[rows["total"] == total, "partie"]) for total in order}


@dataclass(frozen=True)
class Role:
    """What a bar stands for: its legend, its series style, its nature in the data table."""

    key: str
    label: str
    style: int
    nature: str
    remark: str


def roles() -> dict[str, Role]:
    return {
        r.role: Role(
            r.role, r.libelle, int(r.style), r.nature, r.precision if isinstance(r.precision, str) else ""
        )
        for r in load("geographie_roles_graphiques").itertuples()
    }


def passage(key: str) -> tuple[int, int]:
    """First and last lines of a passage of part II that a page cites (passages.csv)."""
    rows = load("geographie_passages").set_index("passage")
    return int(rows.at[key, "premiere_ligne"]), int(rows.at[key, "derniere_ligne"])
