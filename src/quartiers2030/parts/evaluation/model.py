"""The évaluation 2015-2023 data as typed objects and frames: pillars, the contract's
tables (titles and labels as printed), the State envelope, the actions and the values the
contract prints. Every year, pillar and label comes from the data files."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from quartiers2030.core.checks import Verdict, compare
from quartiers2030.data import periods
from quartiers2030.data.datapackage import load

PRINTED_AVERAGE_DECIMALS = 2  # « 14 927.80 € »: the contract prints cents


@dataclass(frozen=True)
class Pillar:
    code: str
    label: str
    short: str
    kind: str  # "pilier" or "transversal"


@dataclass(frozen=True)
class ContractTable:
    """One of the contract's tables (T-EVAL-01..03) as it prints it, and where it stands."""

    code: str
    title: str
    corner: str
    column_group: str
    title_line: int
    first_line: int
    last_line: int
    comment_first: int
    comment_last: int
    labels: dict[str, str]  # row role (dont, detail, total, moyenne, montant) -> label

    def label(self, role: str) -> str:
        return self.labels[role]


def pillars(kind: str | None = None) -> list[Pillar]:
    frame = load("piliers").sort_values("ordre")
    out = [Pillar(r.code, r.libelle, r.libelle_court, r.type) for r in frame.itertuples()]
    return [p for p in out if kind is None or p.kind == kind]


def short_labels() -> dict[str, str]:
    return {p.code: p.short for p in pillars()}


def contract_table(code: str) -> ContractTable:
    row = load("tableaux").set_index("code").loc[code]
    labels = load("tableaux_lignes")
    labels = labels[labels["tableau"] == code].set_index("role")["libelle"].to_dict()
    return ContractTable(
        code=code,
        title=row["titre"],
        corner=row["entete"],
        column_group=row["groupe_colonnes"],
        title_line=int(row["ligne_titre"]),
        first_line=int(row["ligne_debut"]),
        last_line=int(row["ligne_fin"]),
        comment_first=int(row["commentaire_debut"]),
        comment_last=int(row["commentaire_fin"]),
        labels=labels,
    )


def years(frame: pd.DataFrame) -> list[int]:
    return sorted(int(y) for y in frame["annee"].unique())


def span(year_list: list[int]) -> str:
    """`2015-2023`, or the single year."""
    return f"{year_list[0]}-{year_list[-1]}" if len(year_list) > 1 else str(year_list[0])


# --- facts -----------------------------------------------------------------------------


def _contract(name: str) -> pd.DataFrame:
    """A resource's rows over the evaluation's period only (its `closedPeriod`): what the
    contract prints, its claims and their verdicts never read a year added later."""
    return periods.within(load(name), name)


def envelope() -> pd.DataFrame:
    """Amounts by year (rows) and pillar code (columns); NaN where the contract is empty."""
    frame = _contract("enveloppe_etat")
    wide = frame.pivot(index="annee", columns="pilier", values="montant_eur")
    order = [p.code for p in pillars() if p.code in wide.columns]
    return wide[order].astype("float64")


def envelope_totals() -> pd.Series:
    return envelope().sum(axis=1, min_count=1)


def pre_programmes() -> pd.DataFrame:
    return load("pre")


def pre_amounts() -> pd.DataFrame:
    """« Dont PRE » amounts by year (rows) and PRE code (columns)."""
    return _contract("enveloppe_pre").pivot(index="annee", columns="pre", values="montant_eur")


def _with_total(frame: pd.DataFrame) -> pd.DataFrame:
    frame["total"] = frame["nouvelles"] + frame["reconduites"]
    return frame


def actions() -> pd.DataFrame:
    return _with_total(_contract("actions"))


def actions_per_year() -> pd.DataFrame:
    return actions().groupby("annee")[["nouvelles", "reconduites", "total"]].sum()


def average_per_action() -> pd.Series:
    """Envelope total divided by the number of actions, year by year (not rounded)."""
    per_year = actions_per_year()["total"].astype("float64")
    return (envelope_totals() / per_year).dropna()


def gender_actions() -> pd.DataFrame:
    return _with_total(_contract("egalite_fh_actions"))


def gender_amounts() -> pd.Series:
    return _contract("egalite_fh_montants").set_index("annee")["montant_eur"]


def pillar_shares() -> pd.DataFrame:
    """Cumulated amount and share (%) of each pillar over every year, in the pillars' order."""
    wide = envelope()
    total = wide.sum().sum()
    frame = pd.DataFrame({"montant": wide.sum(), "part": wide.sum() / total * 100})
    return frame.loc[[p.code for p in pillars() if p.code in frame.index]]


def printed(table: str) -> pd.DataFrame:
    """The totals, counts and averages the contract prints in one table."""
    frame = _contract("valeurs_imprimees")
    return frame[frame["tableau"] == table]


def printed_series(table: str, indicator: str, pillar: str | None = None) -> pd.Series:
    """The values the contract prints for one indicator (and pillar) of a table, by year."""
    frame = printed(table)
    frame = frame[frame["indicateur"] == indicator]
    if pillar is not None:
        frame = frame[frame["pilier"] == pillar]
    return frame.set_index("annee")["valeur"]


def printed_gaps(stated: pd.Series, computed: pd.Series, decimals: int = 0) -> pd.Series:
    """The printed values that the recalculation does not reproduce (a rounding gap aside),
    by year: what a sentence built on a recalculated figure must name."""
    gaps = {
        y: v
        for y, v in stated.items()
        if compare(v, computed.get(y, float("nan")), decimals) is Verdict.DIFFERS
    }
    return pd.Series(gaps, dtype="float64")


def claims(table: str) -> pd.DataFrame:
    """The commentary's claims that stand in the lines of this table's commentary."""
    spec = contract_table(table)
    frame = load("affirmations")
    inside = frame["ligne_source"].between(spec.comment_first, spec.comment_last)
    return frame[inside]
