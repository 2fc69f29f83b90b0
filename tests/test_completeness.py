"""The rows a file must hold (`requiredRows`), on fixture rows: grids of keys, a file holding
only its header, rows deleted, too few rows, extra rows allowed. Then the book's own
descriptor: every tabular resource says which rows it needs, the keys are the contract's,
and the book's files hold them."""

from __future__ import annotations

import json

import pytest

from helpers import REPO, contract_lines
from quartiers2030.data import completeness, datapackage

FILE = "data/evaluation/enveloppe_etat.csv"
HEADER = ["annee", "pilier", "montant_eur"]
SPEC = {
    "keys": [
        {"annee": [2015, 2016], "pilier": ["emploi", "precarite"]},
        {"annee": 2015, "pilier": "transversal"},
    ]
}
RES = {"name": "enveloppe_etat", "path": "evaluation/enveloppe_etat.csv", "requiredRows": SPEC}


def rows(*items: str) -> list[dict[str, str]]:
    return [dict(zip(HEADER, item.split(","), strict=True)) for item in items]


FULL = rows(
    "2015,emploi,1",
    "2016,emploi,2",
    "2015,precarite,3",
    "2016,precarite,4",
    "2015,transversal,5",
)


def test_a_grid_stands_for_every_combination_of_its_values_once():
    assert completeness.expected_keys(SPEC) == [
        {"annee": "2015", "pilier": "emploi"},
        {"annee": "2015", "pilier": "precarite"},
        {"annee": "2016", "pilier": "emploi"},
        {"annee": "2016", "pilier": "precarite"},
        {"annee": "2015", "pilier": "transversal"},
    ]
    twice = {"keys": [{"code": ["a", "b"]}, {"code": "a"}], "minimum": 1}
    assert completeness.expected_keys(twice) == [{"code": "a"}, {"code": "b"}]
    assert completeness.minimum_rows(twice) == 2  # at least one row a key
    assert completeness.minimum_rows({"minimum": 7, "keys": [{"code": "a"}]}) == 7


def test_a_complete_file_and_extra_rows_pass():
    found = completeness.problems_of(FILE, RES, HEADER, FULL + rows("2024,emploi,6"))
    assert found == completeness.Findings([], [])


def test_a_file_holding_only_its_header_is_refused_first_with_the_count_it_needs():
    found = completeness.problems_of(FILE, RES, HEADER, [])
    [problem] = found.header_only
    assert found.missing == []
    assert str(problem) == (
        "data/evaluation/enveloppe_etat.csv : le fichier ne contient que sa ligne d'en-tête ; "
        "il doit contenir au moins 5 lignes de données, que les pages du site affichent.\n"
        "    → Restaurez le fichier depuis sa dernière version : git checkout -- "
        "data/evaluation/enveloppe_etat.csv (ou reprenez-le dans l'archive des données publiée "
        "avec le site), puis refaites vos modifications sans retirer de lignes."
    )


def test_a_deleted_row_is_named_by_its_key():
    found = completeness.problems_of(FILE, RES, HEADER, [r for r in FULL if r["montant_eur"] != "4"])
    [problem] = found.missing
    assert (problem.file, problem.line, problem.column) == (FILE, None, "annee, pilier")
    assert problem.message == "il manque la ligne annee=2016, pilier=precarite"
    assert problem.fix.startswith("Rétablissez cette ligne : elle est dans la dernière version du fichier")
    assert "« requiredRows » de la ressource « enveloppe_etat »" in problem.fix


def test_many_deleted_rows_are_listed_then_counted():
    spec = {"keys": [{"annee": list(range(2000, 2015)), "pilier": "emploi"}]}
    res = dict(RES, requiredRows=spec)
    [problem] = completeness.problems_of(FILE, res, HEADER, rows("2000,emploi,1")).missing
    assert problem.message.startswith(
        "il manque 14 lignes : annee=2001, pilier=emploi ; annee=2002, pilier=emploi ;"
    )
    assert problem.message.endswith("annee=2010, pilier=emploi ; et 4 autres")
    assert problem.fix.startswith("Rétablissez ces lignes : elles sont")


def test_an_empty_key_value_is_said_empty():
    res = {"name": "missions", "path": "gouvernance/missions.csv"}
    res["requiredRows"] = {"keys": [{"liste": "niveaux", "instance": "", "ordre": [1, 2]}]}
    header = ["liste", "instance", "ordre"]
    present = [dict(zip(header, ["niveaux", "", "1"], strict=True))]
    [problem] = completeness.problems_of("data/gouvernance/missions.csv", res, header, present).missing
    assert problem.message == "il manque la ligne liste=niveaux, instance vide, ordre=2"


def test_fewer_rows_than_the_minimum_are_refused_when_keys_repeat():
    res = dict(RES, requiredRows={"minimum": 3, "keys": [{"annee": 2015, "pilier": "emploi"}]})
    found = completeness.problems_of(FILE, res, HEADER, rows("2015,emploi,1", "2015,emploi,2"))
    [problem] = found.missing
    assert problem.message == "le fichier contient 2 lignes de données ; il doit en contenir au moins 3"


def test_a_renamed_key_column_or_an_empty_file_is_left_to_schema_validation():
    renamed = ["année", "pilier", "montant_eur"]
    assert completeness.problems_of(FILE, RES, renamed, []) == completeness.Findings([], [])
    assert completeness.problems_of(FILE, RES, [], []) == completeness.Findings([], [])


def test_blank_lines_and_the_declared_delimiter_are_read(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("uai;ips\n0620055Y;62.8\n;\n\n", encoding="utf-8")
    header, body = completeness.read_rows(path, {"dialect": {"delimiter": ";"}})
    assert (header, body) == (["uai", "ips"], [{"uai": "0620055Y", "ips": "62.8"}])


# --- the book's descriptor ------------------------------------------------------------


def test_every_tabular_resource_says_which_rows_it_needs():
    assert completeness.undeclared(REPO) == []
    for res in datapackage.descriptor(REPO)["resources"]:
        spec = res.get(datapackage.REQUIRED_ROWS)
        if not spec:
            continue
        assert set(spec) <= {"minimum", "keys"}, res["name"]
        if res["name"] == "programmation":
            continue  # the one file that may hold its header only: no programmation published yet
        assert completeness.minimum_rows(spec) >= 1, res["name"]
        names = {f["name"] for f in res["schema"]["fields"]}
        for grid in spec.get("keys", []):
            assert set(grid) <= names, res["name"]


def test_only_the_programmation_may_hold_its_header_only():
    """No programmation is published yet (issue 14): its file is its header, and it alone."""
    empty = [
        r["name"]
        for r in datapackage.descriptor(REPO)["resources"]
        if "schema" in r and completeness.minimum_rows(r[datapackage.REQUIRED_ROWS]) == 0
    ]
    assert empty == ["programmation"]
    header, rows = completeness.read_rows(REPO / "data" / "suivi" / "programmation.csv", {})
    assert rows == [] and header[:2] == ["nomAttribuant", "idAttribuant"]
    res = datapackage.resource("programmation", REPO)
    assert completeness.problems_of("data/suivi/programmation.csv", res, header, []) == completeness.Findings(
        [], []
    )


def test_the_books_files_hold_the_rows_they_need():
    assert completeness.check(REPO) == completeness.Findings([], [])


def _printed_cells(first: int, last: int, years_line: int) -> set[tuple[str, int]]:
    """(line, year) of every filled cell of a table of the contract, from its text."""
    years = [int(y) for y in contract_lines()[years_line - 1].split("\t") if y.strip()]
    cells = set()
    for number in range(first, last + 1):
        values = contract_lines()[number - 1].split("\t")[1:]
        cells |= {(number, year) for year, v in zip(years, values, strict=False) if v.strip()}
    return cells


def _required(name: str) -> set[tuple[str, int]]:
    spec = datapackage.resource(name, REPO)[datapackage.REQUIRED_ROWS]
    return {(k["pilier"], int(k["annee"])) for k in completeness.expected_keys(spec)}


# The rows of tables T-EVAL-01 (l. 95-101) and T-EVAL-02 (l. 118-125), as the contract labels them.
ENVELOPE_ROWS = {95: "emploi", 96: "precarite", 99: "jeunesse", 100: "ville_durable", 101: "transversal"}
ACTION_ROWS = {119: "emploi", 121: "precarite", 123: "jeunesse", 125: "ville_durable"}


def test_the_envelope_needs_every_cell_the_contract_prints():
    """Table T-EVAL-01: 2015-2023 for the four pillars, and the four years the « Priorités
    transversales » line fills (2015, 2017, 2018, 2023), l. 101."""
    printed = {(ENVELOPE_ROWS[n], y) for n, y in _printed_cells(95, 101, 94) if n in ENVELOPE_ROWS}
    assert len(printed) == 40
    assert _required("enveloppe_etat") == printed


def test_the_actions_need_every_year_and_pillar_of_the_contract():
    printed = {(ACTION_ROWS[n], y) for n, y in _printed_cells(118, 125, 117) if n in ACTION_ROWS}
    assert len(printed) == 36
    assert _required("actions") == printed


def test_the_pillars_the_contract_names_are_written_in_the_descriptor():
    """The four pillars and the « Priorités transversales » line of T-EVAL-01 (l. 95-101),
    written as data in datapackage.json, never read from the file itself."""
    text = (REPO / "data" / "datapackage.json").read_text(encoding="utf-8")
    declared = next(r for r in json.loads(text)["resources"] if r["name"] == "piliers")
    assert declared[datapackage.REQUIRED_ROWS] == {
        "keys": [{"code": ["emploi", "precarite", "jeunesse", "ville_durable", "transversal"]}]
    }


@pytest.mark.parametrize("name", ["consultation_repondants_age", "consultation_repondants_situation"])
def test_a_data_slot_needs_one_row_once_its_file_exists(name):
    assert datapackage.resource(name, REPO)[datapackage.REQUIRED_ROWS] == {"minimum": 1}
