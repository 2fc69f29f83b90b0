"""The programmation's rules that its Table Schema cannot say (SCDL « subventions » 2.1.1
and the contract's columns, `suivi/programmation.csv`), in the French form of every other
problem: SIRET with its key (python-stdnum, which knows La Poste's exception), RNA format,
amounts above zero, ISO dates or periods of payment, the quartiers (official codes or
`tous`), an orientation of the row's axis, and the rows of one action in a year agreeing
on what describes the action rather than the grant."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from quartiers2030.data import places
from quartiers2030.data.datapackage import descriptor, load, resource
from quartiers2030.data.problems import Problem

NAME = "programmation"
ALL_QPV = "tous"  # an action for every quartier prioritaire
QPV_SEPARATOR = ";"
RNA = re.compile(r"W\d{9}")
EXCEL_SCIENTIFIC = re.compile(r"^\d(?:[.,]\d+)?E\+?\d+$", re.IGNORECASE)
PERIOD = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:/(\d{4}-\d{2}-\d{2}))?$")
# What one action's rows (one a financer) must share within a year.
ACTION_COLUMNS = ("axe", "qpv", "reconduction", "nomBeneficiaire", "idBeneficiaire", "rnaBeneficiaire")
SIRET_COLUMNS = ("idAttribuant", "idBeneficiaire")


def qpv_codes(cell: str) -> list[str]:
    """« QN06249M;QN06250M » -> the two codes; « tous » -> [« tous »]."""
    return [part.strip() for part in str(cell).split(QPV_SEPARATOR) if part.strip()]


def is_state(name: str, words: list[str]) -> bool:
    """Whether an attribuant's name holds one of the words that mean the State (compared
    without accents, case or hyphens, as whole words)."""
    folded = f" {places.fold(name)} "
    return any(f" {places.fold(w)} " in folded for w in words)


def siret_problem(value: str) -> tuple[str, str] | None:
    """(message, fix) for a SIRET that is not 14 digits with a right key, else None."""
    from stdnum.exceptions import InvalidChecksum, ValidationError
    from stdnum.fr import siret

    text = str(value).strip()
    if EXCEL_SCIENTIFIC.match(text):
        return (
            "Excel a écrit ce SIRET en notation scientifique : ses derniers chiffres sont perdus",
            "Mettez la colonne au format Texte dans Excel, retapez le SIRET (14 chiffres), puis "
            "enregistrez de nouveau.",
        )
    if not re.fullmatch(r"\d{14}", text):
        return (
            "un SIRET s'écrit avec 14 chiffres d'un seul tenant (9 du SIREN, 5 du NIC)",
            "Recopiez le SIRET sans espace ni point depuis l'annuaire des entreprises "
            "(annuaire-entreprises.data.gouv.fr).",
        )
    try:
        siret.validate(text)
    except InvalidChecksum:
        return (
            "ce SIRET n'existe pas : sa clé de contrôle est fausse (un chiffre mal recopié ou deux inversés)",
            "Vérifiez le numéro dans l'annuaire des entreprises (annuaire-entreprises.data.gouv.fr).",
        )
    except ValidationError as error:
        return (f"ce SIRET n'est pas valide ({error})", "Vérifiez le numéro dans l'annuaire des entreprises.")
    return None


def _date_problem(value: str) -> str | None:
    match = PERIOD.match(str(value).strip())
    if not match:
        return "ce n'est ni une date AAAA-MM-JJ ni une période AAAA-MM-JJ/AAAA-MM-JJ"
    try:
        dates = [dt.date.fromisoformat(d) for d in match.groups() if d]
    except ValueError:
        return "cette date n'existe pas dans le calendrier"
    if len(dates) == 2 and dates[1] < dates[0]:
        return "la période finit avant de commencer"
    return None


class _Found:
    """The problems of the file, each at its line (the header is line 1)."""

    def __init__(self, root: Path):
        self.file = f"data/{resource(NAME, root)['path']}"
        self.problems: list[Problem] = []

    def add(self, index, column: str, value, message: str, fix: str) -> None:
        shown = "" if value is None or pd.isna(value) else str(value)
        self.problems.append(Problem(self.file, int(index) + 2, column, shown, message, fix))


def _cells(found: _Found, frame: pd.DataFrame, known_qpv: set[str]) -> None:
    for index, row in frame.iterrows():
        for column in SIRET_COLUMNS:
            if not pd.isna(row[column]) and (said := siret_problem(row[column])):
                found.add(index, column, row[column], *said)
        if pd.isna(row["idBeneficiaire"]) and pd.isna(row["rnaBeneficiaire"]):
            found.add(
                index,
                "idBeneficiaire",
                None,
                "le bénéficiaire n'est identifié ni par son SIRET ni par son numéro RNA",
                "Indiquez le SIRET du bénéficiaire (idBeneficiaire) ou, pour une association "
                "sans SIRET, son numéro RNA (rnaBeneficiaire).",
            )
        rna = row["rnaBeneficiaire"]
        if not pd.isna(rna) and not RNA.fullmatch(str(rna).strip()):
            found.add(
                index,
                "rnaBeneficiaire",
                rna,
                "un numéro RNA s'écrit W suivi de 9 chiffres",
                "Recopiez le numéro RNA de l'association (ex. W622001234) depuis le journal "
                "officiel ou l'annuaire des entreprises.",
            )
        if row["montant"] <= 0:
            found.add(
                index,
                "montant",
                f"{row['montant']:g}",
                "le montant d'une subvention est supérieur à 0",
                "Écrivez le montant accordé en euros ; une subvention retirée se supprime de la "
                "programmation plutôt que de s'écrire en négatif.",
            )
        if said := _date_problem(row["datesPeriodeVersement"]):
            found.add(
                index,
                "datesPeriodeVersement",
                row["datesPeriodeVersement"],
                said,
                "Écrivez la date du versement (ex. 2024-03-14) ou sa période (ex. 2024-03-14/2025-03-14).",
            )
        _qpv(found, index, row["qpv"], known_qpv)


def _qpv(found: _Found, index, cell: str, known: set[str]) -> None:
    codes = qpv_codes(cell)
    fix = (
        f"Écrivez les codes officiels des quartiers séparés par « ; » ({', '.join(sorted(known))} : "
        f"voir data/geographie/qpv.csv), ou {ALL_QPV} pour une action dans les quatre quartiers."
    )
    if ALL_QPV in codes and len(codes) > 1:
        found.add(index, "qpv", cell, f"« {ALL_QPV} » s'écrit seul", fix)
        return
    unknown = [c for c in codes if c != ALL_QPV and c not in known]
    if unknown or not codes:
        found.add(
            index, "qpv", ", ".join(unknown) or cell, "ce code n'est pas celui d'un quartier prioritaire", fix
        )
    elif len(set(codes)) < len(codes):
        found.add(index, "qpv", cell, "un quartier est écrit deux fois", fix)


def _orientations(found: _Found, frame: pd.DataFrame, root: Path) -> None:
    """An orientation belongs to an objective of the row's axis."""
    axis_of_objective = load("objectifs", root, declared=False).set_index("code")["axe"]
    numbers = load("axes", root, declared=False).set_index("code")["numero"]
    objectives = load("orientations", root, declared=False).set_index("code")["objectif"]
    for index, row in frame.dropna(subset=["orientation"]).iterrows():
        axis = numbers.get(axis_of_objective.get(objectives.get(row["orientation"])))
        if axis is not None and int(axis) != int(row["axe"]):
            found.add(
                index,
                "orientation",
                row["orientation"],
                f"cette orientation est de l'axe {int(axis)}, pas de l'axe {int(row['axe'])} de la ligne",
                "Corrigez l'axe ou l'orientation (data/enjeux/orientations.csv : son premier chiffre est son axe).",
            )


def _actions(found: _Found, frame: pd.DataFrame) -> None:
    """The rows of one action in a year (one a financer) describe the same action."""
    for (year, action), rows in frame.groupby(["anneeProgrammation", "identifiantAction"], sort=False):
        first = rows.iloc[0]
        for index, row in rows.iloc[1:].iterrows():
            for column in ACTION_COLUMNS:
                mine, theirs = row[column], first[column]
                if (pd.isna(mine) and pd.isna(theirs)) or (not pd.isna(mine) and mine == theirs):
                    continue
                found.add(
                    index,
                    column,
                    mine,
                    f"l'action {action} de {year} a plusieurs lignes (une par financeur) qui "
                    f"ne disent pas la même chose : « {'' if pd.isna(theirs) else theirs} » à la "
                    f"ligne {int(rows.index[0]) + 2}",
                    "Les lignes d'une même action dans l'année ont le même axe, les mêmes "
                    "quartiers, la même reconduction et le même bénéficiaire ; sinon, donnez à "
                    "l'autre action son propre identifiant (identifiantAction).",
                )


def rules(root: Path) -> list[Problem]:
    """Every problem of the programmation that its schema could not find."""
    if NAME not in {r["name"] for r in descriptor(root)["resources"]}:
        return []  # a package without the programmation (a test's own)
    frame = load(NAME, root, declared=False)
    if frame.empty:
        return []
    found = _Found(root)
    known = set(load("qpv", root, declared=False)["code_qpv"])
    _cells(found, frame, known)
    _orientations(found, frame, root)
    _actions(found, frame)
    return sorted(found.problems, key=lambda p: p.line or 0)
