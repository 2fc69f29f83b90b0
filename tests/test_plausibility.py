"""Plausible values: ranges kept in the schema or as data (a measure's or a unit's row), and
shares written as ratios. Unit tests on a small data package, then the book's ranges
against the values the contract prints, read from its text at the line the data cites."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from helpers import REPO, contract_lines, printed_numbers
from quartiers2030.data import datapackage, plausibility


@pytest.mark.parametrize(
    "values,suspects",
    [
        ([55.9, 0.441, 48.03, 46.05, 8.92], [1]),  # one share written as a ratio
        ([0.559, 0.441], [0, 1]),  # a whole column of ratios
        ([0.559, 0.441, 0], [0, 1]),  # zero is zero either way
        ([0.441], []),  # a lone value: 0,441 % or 44,1 %? never guessed
        ([63.816, 34.868, 0.658, 0.658, 50], []),  # the contract's « 0,658 % » twice (l. 1576-1577)
        ([95.0, 0.2], []),  # 20 would be far below 95: a small share, not a ratio
        ([40.0, 46.2, 50.0], []),
        ([], []),
    ],
)
def test_ratio_suspects(values, suspects):
    assert plausibility.ratio_suspects(values) == suspects


def test_numbers_are_said_as_printed():
    assert plausibility.french(0.441) == "0,441"
    assert plausibility.french(2000000).replace("\u202f", " ") == "2 000 000"


# --- a small package: a long table of values, its measures, a percentage column ---------

MEASURES = (
    "indicateur,minimum_plausible,maximum_plausible\n"
    "part_menages,0,100\nevolution_part,-50,50\npopulation,0,200000\n"
)
VALUES = (
    "territoire,indicateur,valeur,unite\n"
    "a,part_menages,40,%\nb,part_menages,0.441,%\nc,part_menages,46,%\n"
    "a,evolution_part,-4,points\na,population,7543,habitants\n"
)


def _package(tmp_path: Path, values: str = VALUES, share: dict | None = None) -> Path:
    fields = [
        {"name": "territoire", "type": "string"},
        {"name": "indicateur", "type": "string"},
        {
            "name": "valeur",
            "type": "number",
            "unitField": "unite",
            "plausibleRange": {"resource": "mesures", "key": "indicateur"},
        },
        {"name": "unite", "type": "string"},
    ]
    share = share or {"name": "pourcentage", "type": "number", "unit": "%", "constraints": {"minimum": 0}}
    resources = [
        {
            "name": "mesures",
            "path": "mesures.csv",
            "schema": {
                "fields": [
                    {"name": "indicateur", "type": "string"},
                    {"name": "minimum_plausible", "type": "number"},
                    {"name": "maximum_plausible", "type": "number"},
                ],
                "primaryKey": "indicateur",
            },
        },
        {"name": "valeurs", "path": "valeurs.csv", "schema": {"fields": fields}},
        {
            "name": "parts",
            "path": "parts.csv",
            "schema": {"fields": [{"name": "code", "type": "string"}, share]},
        },
    ]
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    (data / "datapackage.json").write_text(json.dumps({"resources": resources}), encoding="utf-8")
    (data / "mesures.csv").write_text(MEASURES, encoding="utf-8")
    (data / "valeurs.csv").write_text(values, encoding="utf-8")
    (data / "parts.csv").write_text("code,pourcentage\noui,55.9\nnon,0.441\nnsp,8.92\n", encoding="utf-8")
    datapackage._descriptor.cache_clear()
    return tmp_path


@pytest.fixture(autouse=True)
def _outside_a_build(monkeypatch):
    monkeypatch.delenv(datapackage.DECLARED_INPUTS_ENV, raising=False)
    yield
    datapackage._descriptor.cache_clear()


def test_a_share_written_as_a_ratio_is_said_with_the_value_to_write(tmp_path):
    problems = plausibility.shares_written_as_ratios(_package(tmp_path))
    assert [(p.file, p.line, p.column, p.value) for p in problems] == [
        ("data/valeurs.csv", 3, "valeur", "0.441"),
        ("data/parts.csv", 3, "pourcentage", "0.441"),
    ]
    assert str(problems[1]) == (
        "data/parts.csv, ligne 3, colonne « pourcentage » : 0,441 ressemble à une proportion : "
        "écrivez 44,1 (dans cette colonne, un pourcentage s'écrit de 0 à 100) (valeur trouvée : « 0.441 »).\n"
        "    → Écrivez 44,1 pour 44,1 %, sans le signe %."
    )


def test_a_column_of_proportions_by_definition_is_never_suspected(tmp_path):
    """SCDL's pourcentageSubvention is a share written between 0 and 1."""
    share = {"name": "pourcentage", "type": "number", "unit": "%", "proportion": True}
    problems = plausibility.shares_written_as_ratios(_package(tmp_path, share=share))
    assert [p.file for p in problems] == ["data/valeurs.csv"]


def test_an_evolution_is_not_a_share(tmp_path):
    values = VALUES.replace("a,evolution_part,-4,points", "a,evolution_part,0.4,%\nb,evolution_part,-3,%")
    problems = plausibility.shares_written_as_ratios(_package(tmp_path, values))
    assert [p.line for p in problems if p.file == "data/valeurs.csv"] == [3]


def test_a_value_outside_its_measures_range_is_refused(tmp_path):
    values = VALUES.replace("a,population,7543,", "a,population,7543000,")
    [problem] = plausibility.values_in_their_range(_package(tmp_path, values))
    assert (problem.file, problem.line, problem.column, problem.value) == (
        "data/valeurs.csv",
        6,
        "valeur",
        "7543000",
    )
    assert plausibility.french(200000) in problem.message and "data/mesures.csv" in problem.message
    assert "élargissez la plage de « population » dans data/mesures.csv" in problem.fix


def test_a_negative_value_is_refused_where_the_measure_cannot_be_negative(tmp_path):
    values = VALUES.replace("a,part_menages,40,", "a,part_menages,-40,")
    [problem] = plausibility.values_in_their_range(_package(tmp_path, values))
    assert problem.line == 2 and problem.value == "-40"
    assert problem.message.startswith("la valeur est négative, or « part_menages » ne peut pas l'être")
    assert problem.fix.startswith("Retirez le signe moins")


def test_a_measure_without_a_range_is_refused(tmp_path):
    values = VALUES + "a,nombre_ecoles,3,écoles\n"
    [problem] = plausibility.values_in_their_range(_package(tmp_path, values))
    assert (problem.line, problem.column, problem.value) == (7, "indicateur", "nombre_ecoles")
    assert problem.message == (
        "« nombre_ecoles » n'a pas de plage plausible dans data/mesures.csv, qui borne la colonne « valeur »"
    )


# --- the book's ranges and the contract ------------------------------------------------

# Columns whose numbers are positions or context, not values printed on the row's line.
NOT_PRINTED = {"annee", "annee_base", "ligne_source", "ordre", "rang", "parent", "effectif_total", "echeance"}
WORDS = {"deux": 2, "trois": 3, "quatre": 4, "moitié": 50}


def _ranged_fields(res: dict) -> list[dict]:
    return [
        f
        for f in res["schema"]["fields"]
        if f["type"] in ("integer", "number")
        and f["name"] not in NOT_PRINTED
        and (f.get(datapackage.PLAUSIBLE_RANGE) or "maximum" in f.get("constraints", {}))
    ]


def test_the_ranges_refuse_no_value_the_contract_prints():
    """Each ranged number of each row, read from the contract at the line the row cites (the
    sign is the data's: a « recul » is stored negative), lies within its range."""
    checked = set()
    for res in datapackage.descriptor(REPO)["resources"]:
        if "schema" not in res or not datapackage.available(res["name"], REPO):
            continue
        fields = _ranged_fields(res)
        if not fields or "ligne_source" not in {f["name"] for f in res["schema"]["fields"]}:
            continue
        for _, row in datapackage.load(res["name"], REPO).iterrows():
            printed = printed_numbers(contract_lines()[int(row["ligne_source"]) - 1], WORDS)
            for field in fields:
                value = row[field["name"]]
                if pd.isna(value) or abs(float(value)) not in printed:
                    continue
                number = next(n for n in printed if n == abs(float(value)))
                number = -number if float(value) < 0 else number
                low, high = plausibility.bounds(field, row, REPO)
                where = f"{res['path']} l. {row['ligne_source']} {field['name']}={number}"
                assert (low is None or low <= number) and (high is None or number <= high), where
                checked.add((res["name"], field["name"]))
    assert {
        ("enveloppe_etat", "montant_eur"),
        ("actions", "nouvelles"),
        ("valeurs_imprimees", "valeur"),
        ("affirmations", "valeur"),
        ("consultation_faits", "valeur"),
        ("consultation_reponses", "nombre"),
        ("geographie_indicateurs", "valeur"),
        ("geographie_indicateurs", "reference_valeur"),
        ("geographie_valeurs_imprimees", "valeur"),
        ("ips_references", "valeur"),
        ("cibles", "valeur"),
        ("qpv", "population"),
    } <= checked


def test_the_books_data_passes_its_ranges_and_holds_no_ratio():
    assert plausibility.values_in_their_range(REPO) == []
    assert plausibility.shares_written_as_ratios(REPO) == []
