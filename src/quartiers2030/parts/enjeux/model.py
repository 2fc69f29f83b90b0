"""The strategic framework read from data/enjeux/ into typed objects and frames: axes,
objectives, orientations with their actions, partners, targets and the history a target is
measured against. No wording and no HTML here."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from quartiers2030.data import periods
from quartiers2030.data.datapackage import load


@dataclass(frozen=True)
class Axis:
    code: str
    number: int
    label: str
    precision: str | None
    kind: str
    short: str  # « Axe 1 », or « Axes transversaux » for the part that has no number

    @property
    def strategic(self) -> bool:
        return self.kind == "strategique"

    @property
    def title(self) -> str:
        return f"{self.short} : {self.label}" if self.strategic else self.label


def code_key(code: str) -> tuple:
    """`1.10` after `1.9`, `2.1.a` after `1.3.b`."""
    return tuple(int(p) if p.isdigit() else p for p in str(code).split("."))


def _in_code_order(frame: pd.DataFrame) -> pd.DataFrame:
    order = sorted(range(len(frame)), key=lambda i: code_key(frame["code"].iloc[i]))
    return frame.iloc[order].reset_index(drop=True)


def axes() -> list[Axis]:
    frame = load("axes").sort_values("numero")
    return [
        Axis(
            r.code,
            int(r.numero),
            r.libelle,
            None if pd.isna(r.precision) else r.precision,
            r.type,
            r.libelle_court,
        )
        for r in frame.itertuples()
    ]


def axis(code: str) -> Axis:
    for a in axes():
        if a.code == code:
            return a
    raise KeyError(f"L'axe « {code} » n'existe pas dans data/enjeux/axes.csv.")


def objectives() -> pd.DataFrame:
    return _in_code_order(load("objectifs"))


def framework() -> pd.DataFrame:
    """One row per orientation: its axis, its objective and its number of actions, in the
    order of the contract."""
    orientations = load("orientations")
    objectifs = objectives().set_index("code")
    items = load("enjeux_actions").groupby("orientation").size()
    frame = orientations.assign(
        axe=orientations["objectif"].map(objectifs["axe"]),
        objectif_libelle=orientations["objectif"].map(objectifs["libelle"]),
        actions=orientations["code"].map(items).fillna(0).astype(int),
    )
    return _in_code_order(frame)


def framework_of(axis_code: str) -> pd.DataFrame:
    axis(axis_code)  # an unknown axis is refused with the French message
    frame = framework()
    return frame[frame["axe"] == axis_code]


def objective_rows(axis_code: str, objective: str) -> pd.DataFrame:
    """The orientations of one objective of an axis; refuses an objective of another axis."""
    frame = framework_of(axis_code)
    rows = frame[frame["objectif"] == objective]
    if rows.empty:
        raise KeyError(f"L'objectif « {objective} » n'a pas d'orientation dans l'axe « {axis_code} ».")
    return rows


def orientation(code: str):
    """One orientation (a row of `framework()`)."""
    frame = framework().set_index("code", drop=False)
    if code not in frame.index:
        raise KeyError(f"L'orientation « {code} » n'existe pas dans data/enjeux/orientations.csv.")
    return frame.loc[code]


def items_of(orientation_codes) -> pd.DataFrame:
    """The actions (paragraphs, bullets, sub-titles) of the given orientations."""
    items = load("enjeux_actions")
    return items[items["orientation"].isin(list(orientation_codes))]


def enjeux_of(axis_code: str) -> pd.DataFrame:
    enjeux = load("enjeux")
    return enjeux[enjeux["axe"] == axis_code].sort_values("ordre")


def facts_of(axis_code: str) -> pd.DataFrame:
    """The dates and numbers of an axis's text (its introduction, objectives, orientations),
    each said in the site's words with its line, in the order of the text."""
    facts = load("enjeux_faits")
    return facts[facts["axe"] == axis_code].sort_values("ordre")


def objective_titles() -> pd.Series:
    return objectives().set_index("code")["libelle"]


def partners_of(code: str) -> pd.DataFrame:
    """The partners an axis calls on, in the order of its list, with their full names."""
    links = load("partenaires_axes")
    names = load("partenaires").set_index("code")["libelle"]
    rows = links[links["axe"] == code].sort_values(["ordre", "partenaire"], kind="stable")
    return rows.assign(nom=rows["partenaire"].map(names))


def counts() -> pd.DataFrame:
    """Enjeux, objectives, orientations, actions and partners of each axis."""
    frame = framework()
    partners = load("partenaires_axes").groupby("axe")["partenaire"].nunique()
    out = pd.DataFrame(
        {
            "enjeux": load("enjeux").groupby("axe").size(),
            "objectifs": frame.groupby("axe")["objectif"].nunique(),
            "orientations": frame.groupby("axe").size(),
            "actions": frame.groupby("axe")["actions"].sum(),
            "partenaires": partners,
        }
    )
    return out.reindex([a.code for a in axes()]).fillna(0).astype(int)


def distinct_partners() -> int:
    return int(load("partenaires_axes")["partenaire"].nunique())


def targets(axis_code: str | None = None) -> pd.DataFrame:
    cibles = load("cibles")
    return cibles if axis_code is None else cibles[cibles["axe"] == axis_code]


def target(code: str) -> pd.Series:
    return load("cibles").set_index("code").loc[code]


def places() -> pd.Series:
    return load("orientations_territoires").set_index("code")["libelle"]


def history_pillar(target_code: str) -> str:
    """The pillar of the 2015-2023 contract whose share is the history of a target
    (data/enjeux/cibles_historique.csv)."""
    links = load("cibles_historique").set_index("cible")["pilier"]
    if target_code not in links.index:
        raise KeyError(
            f"La cible « {target_code} » n'a pas d'historique dans data/enjeux/cibles_historique.csv."
        )
    return links[target_code]


def pillar_label(pillar: str) -> str:
    return load("piliers").set_index("code").loc[pillar, "libelle"]


def printed_action_totals() -> pd.Series:
    """The TOTAL of actions the contract prints each year (T-EVAL-02, line 126), which the
    sum of the pillars does not always give: a share built on the sum says so."""
    printed = periods.within(load("valeurs_imprimees"), "valeurs_imprimees")
    rows = printed[(printed["tableau"] == "T-EVAL-02") & (printed["indicateur"] == "total_actions")]
    return rows.set_index("annee")["valeur"]


def target_history(target_code: str = "part_axe1_programmation") -> pd.DataFrame:
    """Year by year, the share of the predecessor pillar of a target in the State envelope
    and in the number of actions of the programmation (in %), the latter on the sum of the
    pillars' actions; beside it, the TOTAL the contract prints."""
    pillar = history_pillar(target_code)
    # The evaluation's years only (its closed period): the history the contract reports on.
    envelope = periods.within(load("enveloppe_etat"), "enveloppe_etat").pivot(
        index="annee", columns="pilier", values="montant_eur"
    )
    actions = periods.within(load("actions"), "actions")
    actions = actions.assign(total=actions["nouvelles"] + actions["reconduites"])
    by_pillar = actions.pivot(index="annee", columns="pilier", values="total")
    frame = pd.DataFrame(
        {
            "montant": envelope[pillar],
            "enveloppe": envelope.sum(axis=1),
            "actions": by_pillar[pillar],
            "actions_total": by_pillar.sum(axis=1),
            "actions_total_imprime": printed_action_totals(),
        }
    )
    frame["part_montant"] = frame["montant"] / frame["enveloppe"] * 100
    frame["part_actions"] = frame["actions"] / frame["actions_total"] * 100
    return frame
