"""The consultation's data as frames and small typed objects: the facts of the démarche,
the split of the respondents by quartier, the questions, the ranked answers, the
participation answers, the quoted contributions and the lost charts of the respondents.

Everything is read through `datapackage.load`, so a notebook must declare what it reads.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from quartiers2030.data.datapackage import load

OVERALL = "ensemble"  # the territory code of the lists that cover all the respondents
RESPONDENTS_FACT = "repondants_qpv"
SPLIT_PREFIX = "part_repondants_"
MORE_THAN_HALF = "conscience_participation"


@dataclass(frozen=True)
class Profile:
    """A chart of the respondents that the published text lost (F-LOC-01, F-LOC-02)."""

    code: str
    resource: str  # the data file that will draw it, once it exists
    category: str  # the column that names a band or a situation
    title: str  # the chart's title as the contract prints it
    line: int  # where the contract announces it
    what: str  # what it shows, in the page's words


# --- facts -----------------------------------------------------------------------------


def facts() -> pd.DataFrame:
    return load("consultation_faits").set_index("code")


def respondents() -> int:
    return int(facts().at[RESPONDENTS_FACT, "valeur"])


def territory_names() -> dict[str, str]:
    territories = load("consultation_territoires")
    return dict(zip(territories["code"], territories["libelle"]))


def split() -> pd.DataFrame:
    """The printed share of the respondents of each quartier, and the whole number of
    respondents it stands for."""
    f = facts()
    rows = f[f.index.str.startswith(SPLIT_PREFIX)].copy()
    total = respondents()
    rows["repondants"] = (rows["valeur"] * total / 100).round().astype(int)
    rows["libelle_quartier"] = rows["territoire"].map(territory_names())
    return rows.reset_index().set_index("territoire")


def profiles() -> dict[str, Profile]:
    """The lost charts, in the order of the contract."""
    return {
        r.code: Profile(r.code, r.ressource, r.colonne, r.libelle, int(r.ligne_source), r.objet)
        for r in load("consultation_profils").itertuples()
    }


# --- questions and answers ----------------------------------------------------------------


def questions() -> pd.DataFrame:
    return load("consultation_questions").set_index("code")


def question_label(code: str) -> str:
    return questions().at[code, "libelle"]


def answers() -> pd.DataFrame:
    return load("consultation_reponses")


def ranked_questions() -> list[str]:
    """Questions answered by a ranked list, in the order of the questionnaire."""
    answered = set(answers()["question"])
    return [q for q in questions().index if q in answered]


def ranking(question: str, territory: str = OVERALL) -> pd.DataFrame:
    r = answers()
    return r[(r["question"] == question) & (r["territoire"] == territory)].sort_values("rang")


def detailed_territories() -> list[str]:
    """The quartiers for which the contract details the lists, in the order it prints them."""
    r = answers().sort_values("ligne_source")
    return [t for t in dict.fromkeys(r["territoire"]) if t != OVERALL]


def detailed_questions() -> list[str]:
    """The ranked questions that the contract also details quartier by quartier."""
    r = answers()
    detailed = set(r.loc[r["territoire"] != OVERALL, "question"])
    return [q for q in ranked_questions() if q in detailed]


def participation() -> pd.DataFrame:
    return load("consultation_participation")


def modalities() -> dict[str, str]:
    """The answers to the closed participation questions (code -> label), in order."""
    m = load("consultation_modalites").sort_values("ordre")
    return dict(zip(m["code"], m["libelle"]))


def quotes(question: str | None = None) -> pd.DataFrame:
    """The quoted contributions: all of them in the file's order, or those of one
    question in the contract's order."""
    c = load("consultation_citations")
    if question is None:
        return c
    return c[c["question"] == question].sort_values("ordre")
