"""The programmation 2024-2030 as frames: one row a grant (a financer's subvention to an
action in one year), and what the tableau de bord counts from them. Every year, axis,
quartier, financer and operator comes from the data; a year imported extends every table
without a code change. While no programmation is imported, `empty()` is true and the
pages say so rather than draw anything.

The amount an action receives from a grant is `montant × pourcentageSubvention`, as SCDL
defines them (the part of a grant shared between beneficiaries that goes to this one)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from quartiers2030.data import programmation as rules
from quartiers2030.data.datapackage import load

RESOURCE = "programmation"
TARGET_AXIS = 1  # « Quartiers de plein emploi »
TARGET_SHARE = 30.0  # « qu'il représente 30 % de la programmation globale » (l. 838)
TARGET_LINE = 838
ALL_QPV = rules.ALL_QPV
ACTION_KEY = ["anneeProgrammation", "identifiantAction"]


@dataclass(frozen=True)
class Axis:
    number: int
    code: str
    label: str
    short: str


def grants() -> pd.DataFrame:
    """Every row of the programmation, with `recu`: what this grant gives the action."""
    frame = load(RESOURCE)
    frame["recu"] = frame["montant"].astype("float64") * frame["pourcentageSubvention"].astype("float64")
    frame["anneeProgrammation"] = frame["anneeProgrammation"].astype(int)
    frame["axe"] = frame["axe"].astype(int)
    return frame


def empty() -> bool:
    return grants().empty


def years() -> list[int]:
    return sorted(int(y) for y in grants()["anneeProgrammation"].unique())


def span(year_list: list[int]) -> str:
    return f"{year_list[0]}-{year_list[-1]}" if len(year_list) > 1 else str(year_list[0])


def axes() -> list[Axis]:
    frame = load("axes").sort_values("numero")
    return [Axis(int(r.numero), r.code, r.libelle, r.libelle_court) for r in frame.itertuples()]


def state_words() -> list[str]:
    return list(load("attribuants_etat")["mot"])


def with_state(frame: pd.DataFrame) -> pd.DataFrame:
    """The grants with `etat`: whether the attribuant is the State (attribuants_etat.csv)."""
    words = state_words()
    frame = frame.copy()
    frame["etat"] = [rules.is_state(name, words) for name in frame["nomAttribuant"]]
    return frame


def actions(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row an action in a year: what its rows share (axis, quartiers, renewal,
    operator, object), its amount (the sum of what it receives) and its financers."""
    frame = grants() if frame is None else frame
    grouped = frame.groupby(ACTION_KEY, sort=True)
    out = grouped.agg(
        axe=("axe", "first"),
        orientation=("orientation", "first"),
        qpv=("qpv", "first"),
        reconduction=("reconduction", "first"),
        operateur=("nomBeneficiaire", "first"),
        objet=("objet", "first"),
        montant=("recu", "sum"),
        financeurs=("nomAttribuant", lambda names: list(dict.fromkeys(names))),
    )
    return out.reset_index()


def quartiers() -> pd.DataFrame:
    """The quartiers prioritaires in the contract's order: code and name."""
    return load("qpv")[["code_qpv", "libelle"]]


def places(cell: str, codes: list[str]) -> list[str]:
    """The quartiers where an action applies: every one for `tous`."""
    found = rules.qpv_codes(cell)
    return list(codes) if ALL_QPV in found else [c for c in codes if c in found]


def by_axis(frame: pd.DataFrame) -> pd.DataFrame:
    """Amount and number of actions of every axis (zero where nothing), in the axes' order."""
    acts = actions(frame)
    index = [a.number for a in axes()]
    out = pd.DataFrame(
        {
            "montant": acts.groupby("axe")["montant"].sum().reindex(index, fill_value=0.0),
            "actions": acts.groupby("axe").size().reindex(index, fill_value=0),
        }
    )
    out.index.name = "axe"
    return out


def by_financer(frame: pd.DataFrame) -> pd.DataFrame:
    """Amount given and actions financed by each financer, the largest first."""
    out = pd.DataFrame({"montant": frame.groupby("nomAttribuant")["recu"].sum()})
    out["actions"] = frame.drop_duplicates(ACTION_KEY + ["nomAttribuant"]).groupby("nomAttribuant").size()
    return out.sort_values(["montant", "actions"], ascending=False, kind="stable")


def of_year(frame: pd.DataFrame, year: int | None) -> pd.DataFrame:
    """The grants of one year, or of every year (None: the sum of the years' actions)."""
    return frame if year is None else frame[frame["anneeProgrammation"] == year]


@dataclass(frozen=True)
class Share:
    """Axis 1's share of a year's programmation, three ways (the contract does not say which)."""

    year: int | None  # None: every year together
    amount: float  # % of the amount, over every financer, axes transversaux included
    actions: float  # % of the number of actions
    state: float | None  # % of the State's grants alone (None: the State gave nothing)


def _share(part: float, whole: float) -> float | None:
    return part / whole * 100 if whole else None


def target_shares() -> list[Share]:
    """Axis 1's share year by year, then over every year."""
    frame = with_state(grants())
    out = []
    for year in [*years(), None]:
        rows = of_year(frame, year)
        acts = actions(rows)
        state = rows[rows["etat"]]
        out.append(
            Share(
                year,
                _share(rows.loc[rows["axe"] == TARGET_AXIS, "recu"].sum(), rows["recu"].sum()) or 0.0,
                _share(int((acts["axe"] == TARGET_AXIS).sum()), len(acts)) or 0.0,
                _share(state.loc[state["axe"] == TARGET_AXIS, "recu"].sum(), state["recu"].sum()),
            )
        )
    return out


def by_quartier(frame: pd.DataFrame) -> pd.DataFrame:
    """Amount and actions of each quartier: an action for several quartiers (or `tous`)
    counts, whole, in each; `seul`: the part of actions for this quartier alone."""
    acts = actions(frame)
    codes = list(quartiers()["code_qpv"])
    rows = []
    for code in codes:
        mine = acts[[code in places(cell, codes) for cell in acts["qpv"]]]
        alone = mine[[places(cell, codes) == [code] for cell in mine["qpv"]]]
        rows.append((code, mine["montant"].sum(), len(mine), len(alone)))
    return pd.DataFrame(rows, columns=["qpv", "montant", "actions", "seul"]).set_index("qpv")


def renewal(frame: pd.DataFrame) -> pd.DataFrame:
    """New and renewed actions (number and amount) by year."""
    acts = actions(frame)
    out = acts.pivot_table(
        index="anneeProgrammation",
        columns="reconduction",
        values="montant",
        aggfunc=["size", "sum"],
        fill_value=0,
    )
    result = pd.DataFrame(index=sorted(acts["anneeProgrammation"].unique()))
    for kind in ("nouvelle", "reconduite"):
        result[f"{kind}s"] = out["size"].get(kind, 0)
        result[f"montant_{kind}s"] = out["sum"].get(kind, 0.0)
    return result


def operators(frame: pd.DataFrame) -> pd.DataFrame:
    """Each operator (beneficiary): its actions, the amount it receives, its years."""
    acts = actions(frame)
    out = acts.groupby("operateur").agg(
        actions=("identifiantAction", "size"),
        montant=("montant", "sum"),
        annees=("anneeProgrammation", lambda ys: sorted({int(y) for y in ys})),
    )
    return out.sort_values(["montant", "actions"], ascending=False, kind="stable")


def orientations_without_grants(frame: pd.DataFrame) -> pd.DataFrame:
    """The contract's orientations no action of these years names, with their axis."""
    orientations = load("orientations")
    objectives = load("objectifs").set_index("code")["axe"]
    numbers = {a.code: a.number for a in axes()}
    named = set(frame["orientation"].dropna())
    missing = orientations[~orientations["code"].isin(named)].copy()
    missing["axe"] = [numbers[objectives[o]] for o in missing["objectif"]]
    return missing[["code", "axe", "libelle", "ligne_source"]]


def without_orientation(frame: pd.DataFrame) -> int:
    return int(actions(frame)["orientation"].isna().sum())


def state_by_year() -> pd.DataFrame:
    """The State's grants per year: amount and actions it finances (attribuants_etat.csv)."""
    frame = with_state(grants())
    state = frame[frame["etat"]]
    index = years()
    return pd.DataFrame(
        {
            "montant": state.groupby("anneeProgrammation")["recu"].sum().reindex(index, fill_value=0.0),
            "actions": actions(state).groupby("anneeProgrammation").size().reindex(index, fill_value=0),
        }
    )


def source_codes(frame: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(frame["source"]))
