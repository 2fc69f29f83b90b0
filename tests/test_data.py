"""The data files: valid against their Table Schema, traceable to the contract's text
line by line, and errors reported in French with file, line and column."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers import REPO, contract_lines, squash, stands_on
from quartiers2030.data import datapackage, validation, value_sources

# Numbers that are not printed on their row's line: years head their column; frequencies
# are written in words (« deux fois l'an »); INSEE codes come from the official lists;
# ranks, parents and the number of respondents are positions or context, not values.
NOT_ON_SOURCE_LINE = {
    "annee",
    "ligne_source",
    "ordre",
    "frequence_min_par_an",
    "code_insee",
    "parent",
    "rang",
    "effectif_total",
    "premiere_ligne",
    "derniere_ligne",
}


def test_every_data_file_is_valid():
    assert validation.validate(REPO) == []


def test_every_field_has_a_french_title_and_description():
    for res in datapackage.descriptor(REPO)["resources"]:
        assert res.get("title") and res.get("description") and res.get("sources"), res["name"]
        for field in res.get("schema", {}).get("fields", []):  # GeoJSON outlines: no schema
            assert field.get("title") and field.get("description"), f"{res['name']}.{field['name']}"


NUMBER_WORDS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "moitié": 50,
}


def _numbers(line: str) -> set[float]:
    """Every number printed on a line, in figures (« 1 250 », « 45,6 », « 0, 658 ») or in
    words (« deux terrains », « la moitié »)."""
    found = re.findall(r"\d[\d \u00a0\u202f]*(?:, ?\d+|\.\d+)?", line)
    numbers = {float(re.sub(r"[\s\u00a0\u202f]", "", n).replace(",", ".")) for n in found}
    words = re.findall(r"[a-zé]+", line.lower())
    return numbers | {float(NUMBER_WORDS[w]) for w in words if w in NUMBER_WORDS}


def _rows_with_source_line(root: Path = REPO):
    """Every row that cites a line of the contract: those of another source (a `source`
    column naming sources.csv) cite none and are checked against their own files."""
    for res in datapackage.descriptor(root)["resources"]:
        names = [f["name"] for f in res.get("schema", {}).get("fields", [])]
        if "ligne_source" not in names:
            continue
        frame = datapackage.load(res["name"], root)
        for index, row in frame.iterrows():
            if value_sources.names_sources(res) and not value_sources.is_contract(row["source"]):
                continue
            yield res, index, row


def test_every_value_stands_on_its_source_line():
    lines = contract_lines()
    checked = 0
    for res, index, row in _rows_with_source_line():
        line = lines[int(row["ligne_source"]) - 1]
        where = f"{res['path']} ligne {index + 2} (source l. {row['ligne_source']})"
        for field in res["schema"]["fields"]:
            name, value = field["name"], row[field["name"]]
            if name in NOT_ON_SOURCE_LINE or pd.isna(value):
                continue
            if field["type"] in ("integer", "number"):
                words = row.get(f"{name}_texte")
                if words is not None and not pd.isna(words):
                    # Written in words or as a fraction (« trois », « 1/3 »): the words stand there.
                    assert squash(str(words)) in squash(line), f"{where} : {name}_texte={words!r}"
                else:
                    # A « recul » is stored negative; the line prints its size.
                    assert abs(float(value)) in _numbers(line), f"{where} : {name}={value}"
                checked += 1
            elif name in ("libelle", "citation"):
                assert stands_on(str(value), int(row["ligne_source"])), f"{where} : {name}={value!r}"
                checked += 1
    assert checked > 250


def test_undeclared_resource_is_refused_while_a_notebook_executes(monkeypatch):
    monkeypatch.setenv(datapackage.DECLARED_INPUTS_ENV, "piliers")
    datapackage.load("piliers", REPO)
    with pytest.raises(datapackage.UndeclaredInput, match="enveloppe_etat"):
        datapackage.load("enveloppe_etat", REPO)


def test_declared_path_is_the_one_check_of_what_a_page_declared(monkeypatch):
    monkeypatch.setenv(datapackage.DECLARED_INPUTS_ENV, "piliers")
    assert datapackage.declared_path("piliers", REPO) == REPO / "data" / "evaluation" / "piliers.csv"
    with pytest.raises(datapackage.UndeclaredInput, match="« enveloppe_etat » sans la déclarer"):
        datapackage.declared_path("enveloppe_etat", REPO)
    monkeypatch.delenv(datapackage.DECLARED_INPUTS_ENV)
    assert datapackage.declared_path("enveloppe_etat", REPO).name == "enveloppe_etat.csv"


def test_load_reads_a_file_once_and_again_when_it_changes(tmp_path, monkeypatch):
    monkeypatch.delenv(datapackage.DECLARED_INPUTS_ENV, raising=False)
    shutil.copytree(REPO / "data", tmp_path / "data")
    reads = []
    original = datapackage._read
    monkeypatch.setattr(
        datapackage, "_read", lambda res, path: reads.append(path.name) or original(res, path)
    )
    first = datapackage.load("egalite_fh_montants", tmp_path)
    first.loc[0, "montant_eur"] = -1  # a caller changing its copy changes nobody else's
    again = datapackage.load("egalite_fh_montants", tmp_path)
    assert reads == ["egalite_fh_montants.csv"]
    assert again.loc[0, "montant_eur"] != -1
    path = tmp_path / "data" / "evaluation" / "egalite_fh_montants.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2019,38943,", "2019,38944,"), encoding="utf-8")
    changed = datapackage.load("egalite_fh_montants", tmp_path).set_index("annee")["montant_eur"]
    assert reads == ["egalite_fh_montants.csv"] * 2
    assert changed[2019] == 38944


# --- errors in French ------------------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path) -> Path:
    shutil.copytree(REPO / "data", tmp_path / "data")
    datapackage._descriptor.cache_clear()
    return tmp_path


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / "data" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(root: Path, rel: str, needle: str) -> int:
    lines = (root / "data" / rel).read_text(encoding="utf-8").split("\n")
    return next(i for i, item in enumerate(lines, 1) if needle in item)


def test_amount_with_a_space_is_reported_with_file_line_and_column(data_copy):
    _edit(data_copy, "evaluation/enveloppe_etat.csv", "2016,emploi,287285,95", "2016,emploi,287 285,95")
    [problem] = validation.validate(data_copy)
    assert problem.file == "data/evaluation/enveloppe_etat.csv"
    assert problem.line == _line_of(data_copy, "evaluation/enveloppe_etat.csv", "287 285")
    assert problem.column == "montant_eur"
    assert problem.value == "287 285"
    assert "nombre entier" in str(problem)


def test_unknown_pillar_is_reported(data_copy):
    _edit(data_copy, "evaluation/actions.csv", "2017,jeunesse,", "2017,jeunnesse,")
    problems = validation.validate(data_copy)
    assert [p.column for p in problems] == ["pilier"]
    assert problems[0].value == "jeunnesse"
    assert "data/evaluation/piliers.csv" in str(problems[0])


def test_negative_amount_is_reported(data_copy):
    _edit(data_copy, "evaluation/egalite_fh_montants.csv", "2019,38943,", "2019,-38943,")
    [problem] = validation.validate(data_copy)
    assert problem.column == "montant_eur" and "minimum" in problem.message


def test_duplicate_key_is_reported(data_copy):
    _edit(
        data_copy,
        "evaluation/enveloppe_pre.csv",
        "2016,boulogne_saint_martin,",
        "2015,boulogne_saint_martin,",
    )
    problems = validation.validate(data_copy)
    assert any("répète la clé" in p.message for p in problems)
