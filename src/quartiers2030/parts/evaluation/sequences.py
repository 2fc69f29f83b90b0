"""What the évaluation's tables make possible or impossible from one row, one year or one
table to another (checked per pillar and year, shown in each page's box):

- an action renewed (« reconduite ») in a year existed the year before: a pillar's renewed
  actions are at most its actions of the previous year (T-EVAL-02, T-EVAL-03);
- an axis whose actions « ont intégré la programmation en 2018 » (l. 135) has no renewed
  action in 2018 (T-EVAL-03; the year is a claim of affirmations.csv);
- the « égalité Femmes/Hommes » actions are actions of the programmation: a pillar's new
  (renewed) ones are at most its new (renewed) actions of T-EVAL-02 that year;
- the « Dont PRE » lines are parts of their pillar: their sum is at most its amount
  (T-EVAL-01).

A rule never changes a printed number: it says whether the rows can all be true."""

from __future__ import annotations

import pandas as pd

from quartiers2030.core import fmt
from quartiers2030.core.checks import Check, Verdict
from quartiers2030.parts.evaluation import model

INTEGRATION_CLAIM = "annee_integration_egalite"
RELABEL_CAVEAT = (
    " Le texte ne dit pas si une action déjà financée sans être classée « égalité » l'année "
    "précédente compte comme reconduite ; lue ainsi, la règle ne vaudrait plus."
)


def _verdict(ok: bool) -> Verdict:
    return Verdict.AGREES if ok else Verdict.DIFFERS


def _renewed_check(label: str, r, before: int | None, start, caveat: str) -> Check:
    """One pillar's renewed actions of a year (`r`, a row) against its actions of the year
    before; `start` is (year, line) of the claim that the table's actions began that year;
    `caveat`, what a gap may also mean."""
    year, renewed, line = int(r.annee), int(r.reconduites), int(r.ligne_source)
    subject = f"Actions reconduites « {label} » {year}"
    if before is None:
        start_year, start_line = start
        return Check(
            subject,
            fmt.count(renewed, "reconduite"),
            "0 (première année)",
            _verdict(renewed == 0),
            line,
            f"Le contrat écrit que ces actions ont intégré la programmation en {start_year} "
            f"(ligne {start_line}) : aucune ne peut être reconduite cette année-là."
            + ("" if renewed == 0 else caveat),
        )
    ok = renewed <= before
    return Check(
        subject,
        fmt.count(renewed, "reconduite"),
        f"au plus {fmt.number(before)}",
        _verdict(ok),
        line,
        f"Une action reconduite existait l'année précédente : le pilier comptait "
        f"{fmt.count(before, 'action')} en {year - 1}." + ("" if ok else caveat),
    )


def renewed_checks(
    frame: pd.DataFrame, start: tuple[int, int] | None = None, caveat: str = ""
) -> list[Check]:
    """Per pillar and year, renewed actions against the previous year's actions. The first
    year is checked only when the contract says the actions began that year (`start`)."""
    labels = model.short_labels()
    checks = []
    for pillar, rows in frame.sort_values("annee").groupby("pilier", sort=False):
        totals = dict(zip(rows["annee"], rows["nouvelles"] + rows["reconduites"]))
        for r in rows.itertuples():
            before = totals.get(r.annee - 1)
            if before is None and (start is None or r.annee != start[0]):
                continue  # no previous year in the table, and nothing said about it
            checks.append(_renewed_check(labels.get(pillar, pillar), r, before, start, caveat))
    return checks


def subset_checks(part: pd.DataFrame, whole: pd.DataFrame) -> list[Check]:
    """Per pillar and year, the « égalité » actions (new, renewed) against all the
    programmation's actions of the pillar that year (T-EVAL-02)."""
    labels = model.short_labels()
    indexed = whole.set_index(["pilier", "annee"])
    checks = []
    for r in part.itertuples():
        if (r.pilier, r.annee) not in indexed.index:
            continue
        w = indexed.loc[(r.pilier, r.annee)]
        ok = r.nouvelles <= w["nouvelles"] and r.reconduites <= w["reconduites"]
        checks.append(
            Check(
                f"Actions « égalité » parmi les actions « {labels.get(r.pilier, r.pilier)} » {r.annee}",
                f"{fmt.number(r.nouvelles)} / {fmt.number(r.reconduites)}",
                f"au plus {fmt.number(w['nouvelles'])} / {fmt.number(w['reconduites'])}",
                _verdict(bool(ok)),
                int(r.ligne_source),
                "Nouvelles / reconduites de l'axe transversal, au plus les nouvelles / reconduites "
                f"du pilier dans la programmation (tableau des actions, ligne {int(w['ligne_source'])}).",
            )
        )
    return checks


def pre_checks() -> list[Check]:
    """Per year, the « Dont PRE » lines of a pillar against the pillar's amount."""
    wide, amounts, pre = model.envelope(), model.pre_amounts(), model.pre_programmes()
    labels = model.short_labels()
    checks = []
    for pillar, programmes in pre.groupby("pilier", sort=False):
        codes = [c for c in programmes["code"] if c in amounts.columns]
        for year in wide.index:
            part = amounts.loc[year, codes].sum() if year in amounts.index else 0
            whole = wide.at[year, pillar]
            checks.append(
                Check(
                    f"Lignes « Dont PRE » du pilier « {labels[pillar]} » {year}",
                    fmt.euros(part),
                    f"au plus {fmt.euros(whole)}",
                    _verdict(bool(part <= whole)),
                    int(programmes["ligne_source"].min()),
                    "Les lignes « Dont » sont des parts du pilier : leur somme ne peut pas dépasser "
                    "le montant du pilier.",
                )
            )
    return checks


def integration_start() -> tuple[int, int] | None:
    """(year, line) of the claim that the « égalité » actions began that year, if any."""
    claims = model.claims("T-EVAL-03")
    rows = claims[claims["calcul"] == INTEGRATION_CLAIM]
    if rows.empty:
        return None
    return int(rows["valeur"].iloc[0]), int(rows["ligne_source"].iloc[0])


def sequence_checks(table: str) -> list[Check]:
    """The rules across years and tables of one table's page."""
    if table == "T-EVAL-01":
        return pre_checks()
    if table == "T-EVAL-02":
        return renewed_checks(model.actions())
    gender = model.gender_actions()
    return renewed_checks(gender, integration_start(), RELABEL_CAVEAT) + subset_checks(
        gender, model.actions()
    )
