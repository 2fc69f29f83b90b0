"""The facts of part IV, read from data/gouvernance/*.csv into typed objects and frames:
instances, organisations, who sits where, the links between instances, the signatories,
the timeline, and the comparison of the steering committee with the signatories.

Every row added to a file appears in every table and figure without a code change.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from quartiers2030.data.datapackage import load


@dataclass(frozen=True)
class Instance:
    code: str
    label: str  # as the contract writes it
    short: str  # for charts and compact tables
    role: str
    lead: str | None
    per_year: int | None
    frequency_words: str | None
    line: int


@dataclass(frozen=True)
class Title:
    """The words above a table, figure or box (data/gouvernance/titres.csv)."""

    text: str
    note: str | None


def text(value) -> str | None:
    """A cell of a frame as text, an empty cell as None."""
    return None if pd.isna(value) else str(value)


def instances() -> list[Instance]:
    return [
        Instance(
            r.code,
            r.libelle,
            r.libelle_court,
            r.role,
            text(r.pilotage),
            None if pd.isna(r.frequence_min_par_an) else int(r.frequence_min_par_an),
            text(r.frequence_texte),
            int(r.ligne_source),
        )
        for r in load("instances").itertuples()
    ]


def by_code() -> dict[str, Instance]:
    return {i.code: i for i in instances()}


def organisations() -> pd.DataFrame:
    return load("organisations").set_index("code")


def organisation_types() -> dict[str, str]:
    """Code of organisations.type -> the word the site writes for it."""
    frame = load("types_organisation")
    return dict(zip(frame["code"], frame["libelle"]))


def members() -> pd.DataFrame:
    return load("membres")


def relations() -> pd.DataFrame:
    return load("relations")


def missions() -> pd.DataFrame:
    return load("missions").sort_values(["ordre"], kind="stable")


def signatories() -> pd.DataFrame:
    return load("signataires").sort_values("ordre")


def timeline() -> pd.DataFrame:
    return load("chronologie").sort_values("date", kind="stable")


def claims() -> pd.DataFrame:
    return load("constats")


def title(fragment_id: str, **values) -> Title:
    """The title and fixed note of a table, figure or box; `values` fill its `{…}` slots."""
    row = load("titres").set_index("id").loc[fragment_id]
    return Title(row["titre"].format(**values), text(row["note"]))


# --- the steering committee and the signatories -------------------------------------------

COMPOSITION_CLAIM = "composition_egale_signataires"


def composition_claim():
    """The row of constats.csv where the contract says an instance is all its signatories."""
    frame = claims()
    return frame[frame["nature"] == COMPOSITION_CLAIM].iloc[0]


def steering_committee() -> str:
    """Code of the instance the contract says is made of all the signatories."""
    return composition_claim()["instance"]


def signatory_organisations() -> dict[str, list]:
    """Organisation code -> the signature blocks (rows) that represent it."""
    out: dict[str, list] = {}
    for row in signatories().itertuples():
        for code in (row.organisation, row.organisation_associee):
            if not pd.isna(code):
                out.setdefault(code, []).append(row)
    return out


@dataclass(frozen=True)
class Comparison:
    both: list[str]  # organisation codes on both lists
    only_signing: list[str]  # sign, but are not on the committee's list
    only_committee: list[str]  # on the committee's list, but do not sign
    unattached: list  # signature blocks that print no organisation


def compare_committee_and_signatories() -> Comparison:
    frame = members()
    committee = list(frame.loc[frame["instance"] == steering_committee(), "organisation"])
    signing = signatory_organisations()
    unattached = [r for r in signatories().itertuples() if pd.isna(r.organisation)]
    return Comparison(
        both=[c for c in committee if c in signing],
        only_signing=[c for c in signing if c not in committee],
        only_committee=[c for c in committee if c not in signing],
        unattached=unattached,
    )


def committee_lines() -> pd.Series:
    """Organisation code -> the line where the committee's list names it."""
    frame = members()
    frame = frame[frame["instance"] == steering_committee()].set_index("organisation")
    return frame["ligne_source"]
