"""Unit tests (fast layer) of the évaluation modules: the contract's table words in data,
the source sentence, which claims each table checks, and the small builders of tables,
charts and checks. Expected words and lines come from the contract's text."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from helpers import DATA, REPO, assert_house_style, csv_text, part_resources, squash, validation_problems
from quartiers2030.data import datapackage, validation
from quartiers2030.parts.evaluation import charts, checks, claims, model, sections, tables, wording

CODES = ("T-EVAL-01", "T-EVAL-02", "T-EVAL-03")


def _plain(text: str) -> str:
    """French numbers' narrow and no-break spaces as plain spaces."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.fixture(autouse=True)
def _book_root(monkeypatch):
    monkeypatch.setenv("Q2030_ROOT", str(REPO))
    monkeypatch.delenv(datapackage.DECLARED_INPUTS_ENV, raising=False)


def _spec(**changes) -> model.ContractTable:
    values = dict(
        code="T-EVAL-09",
        title="Titre",
        corner="Piliers",
        column_group="Groupe",
        title_line=10,
        first_line=12,
        last_line=20,
        comment_first=22,
        comment_last=25,
        labels={"detail": "Nouvelles / reconduites", "total": "TOTAL"},
    )
    return model.ContractTable(**(values | changes))


# --- the contract's words, in data -----------------------------------------------------


def test_new_resources_follow_the_house_style_and_validate():
    resources = [r for r in part_resources("evaluation") if r["name"] in ("tableaux", "tableaux_lignes")]
    assert len(resources) == 2
    for res in resources:
        assert_house_style(res)
        csv_text(DATA / res["path"])
    assert validation_problems(resources, DATA) == []


@pytest.mark.parametrize(
    "code,title_line,title",
    [
        ("T-EVAL-01", 91, "Répartition de l'enveloppe politique de la ville État par piliers et par années"),
        ("T-EVAL-02", 114, "Nombre d'actions, nouvelles et reconduites, par piliers et par années"),
        ("T-EVAL-03", 133, 'Axe transversal "égalité Femmes/Hommes" par année et par piliers'),
    ],
)
def test_table_titles_are_the_contracts_headings(lines, code, title_line, title):
    spec = model.contract_table(code)
    assert spec.title_line == title_line
    assert lines[title_line - 1].startswith("### ")
    assert (
        squash(spec.title)
        == squash(title.replace('"', ""))
        == squash(lines[title_line - 1][4:].replace('"', ""))
    )


@pytest.mark.parametrize("code", CODES)
def test_table_lines_frame_the_printed_table(lines, code):
    spec = model.contract_table(code)
    header = lines[spec.first_line - 1]
    assert header.startswith(spec.corner + "\t")
    assert squash(spec.column_group) == squash(header.split("\t")[1])
    assert lines[spec.last_line].strip() == ""  # the table ends on its last line
    assert spec.first_line < spec.last_line


@pytest.mark.parametrize("code", CODES)
def test_row_labels_stand_on_their_lines(lines, code):
    frame = datapackage.load("tableaux_lignes")
    for row in frame[frame["tableau"] == code].itertuples():
        assert lines[row.ligne_source - 1].startswith(row.libelle), (code, row.role)


def test_row_labels_are_those_the_contract_prints():
    spec = model.contract_table("T-EVAL-02")
    assert (spec.label("detail"), spec.label("total"), spec.label("moyenne")) == (
        "Nouvelles / reconduites",
        "TOTAL",
        "Montant moyen par action",
    )
    assert model.contract_table("T-EVAL-03").label("montant") == "Montant total"
    assert model.contract_table("T-EVAL-01").label("dont") == "Dont"


def test_an_unknown_table_code_gets_the_french_message(tmp_path):
    shutil.copytree(DATA, tmp_path / "data")
    datapackage._descriptor.cache_clear()
    path = tmp_path / "data" / "evaluation" / "tableaux_lignes.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("T-EVAL-03,total", "T-EVAL-04,total"), encoding="utf-8"
    )
    problems = validation.validate(tmp_path)
    datapackage._descriptor.cache_clear()
    assert [(p.file, p.column, p.value) for p in problems] == [
        ("data/evaluation/tableaux_lignes.csv", "tableau", "T-EVAL-04")
    ]
    assert "data/evaluation/tableaux.csv" in str(problems[0])


# --- claims: by where they stand -------------------------------------------------------


def test_each_table_checks_the_claims_of_its_commentary():
    """Lines 104-112 comment T-EVAL-01 (two shares, the least funded pillar); lines 129-131
    comment T-EVAL-02 (average grant, rise since 2016, actions a year, renewed share);
    line 135 comments T-EVAL-03 (the axis began in 2018, the number rises since)."""
    kinds = {code: sorted(model.claims(code)["calcul"]) for code in CODES}
    assert kinds == {
        "T-EVAL-01": ["part_pilier_enveloppe", "part_pilier_enveloppe", "pilier_moins_dote"],
        "T-EVAL-02": [
            "actions_par_an",
            "hausse_actions",
            "part_actions_reconduites",
            "subvention_moyenne_action",
        ],
        "T-EVAL-03": ["annee_integration_egalite", "hausse_actions_egalite"],
    }
    assert [c.source_line for c in claims.claim_checks("T-EVAL-03")] == [135, 135]


def test_every_kind_of_claim_has_its_calculation():
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in package["resources"] if r["name"] == "affirmations")
    enum = next(f for f in res["schema"]["fields"] if f["name"] == "calcul")["constraints"]["enum"]
    assert sorted(claims.CALCULATIONS) == sorted(enum)


def test_claims_state_the_contracts_values():
    """45,6 % (l. 106), 25 % (l. 108), « Construire la ville durable » (l. 112)."""
    found = {c.source_line: _plain(c.stated) for c in claims.claim_checks("T-EVAL-01")}
    assert found == {106: "45,6 %", 108: "25 %", 112: "« Ville durable »"}
    found = {c.subject: _plain(c.stated) for c in claims.claim_checks("T-EVAL-02")}
    assert found["Subvention moyenne par action"] == "15 687 €"
    assert found["Actions financées par an, en moyenne"] == "67"
    assert found["Part des actions reconduites"] == "57 %"


# --- wording and sections --------------------------------------------------------------


def test_source_sentence_names_table_then_commentary():
    assert wording.source_sentence(_spec()) == (
        "Source : contrat de ville, tableau des lignes 10 à 20 et commentaire des lignes 22 à 25."
    )


def test_source_sentence_is_one_range_when_the_commentary_surrounds_the_table():
    spec = _spec(comment_first=11, comment_last=24)
    assert wording.source_sentence(spec) == "Source : contrat de ville, lignes 10 à 24."


def test_source_section_is_one_escaped_paragraph(monkeypatch):
    monkeypatch.setattr(model, "contract_table", lambda code: _spec(title_line=1, last_line=2))
    monkeypatch.setattr(wording, "source_sentence", lambda spec: "a < b")
    assert str(sections.source("T-EVAL-09")) == "<p>a &lt; b</p>"


def test_renewed_description_names_the_extremes():
    per_year = pd.DataFrame({"total": [10, 20]}, index=[2015, 2016])
    share = pd.Series([40.0, 60.0], index=[2015, 2016])
    assert _plain(wording.renewed_description(per_year, share, pd.Series(dtype="float64"))) == (
        "De 10 actions en 2015 à 20 en 2016 (totaux recalculés, somme des actions nouvelles et "
        "reconduites des piliers). La part des actions reconduites, calculée sur ces totaux, va de "
        "40,0 % (2015) à 60,0 % (2016)."
    )


def test_a_description_on_a_recalculated_total_names_the_printed_one():
    """T-EVAL-02 prints 62 actions for 2015 (l. 126); its pillars (l. 118-124) add up to 61."""
    per_year = pd.DataFrame({"total": [61, 72]}, index=[2015, 2023])
    share = pd.Series([50.0, 60.0], index=[2015, 2023])
    gaps = model.printed_gaps(pd.Series({2015: 62.0, 2023: 72.0}), per_year["total"])
    text = _plain(wording.renewed_description(per_year, share, gaps))
    assert text.startswith("De 61 actions en 2015 à 72 en 2023 (totaux recalculés")
    assert "le contrat imprime 62 en 2015 au TOTAL" in text
    note = _plain(wording.recalculated_totals_note(gaps))
    assert note.endswith("Le TOTAL imprimé par le contrat diffère : 62 en 2015.")


def test_printed_gaps_leave_out_agreements_and_rounding():
    stated = pd.Series({2015: 14927.80, 2016: 16650.75, 2018: 16703.34})
    computed = pd.Series({2015: 15172.52, 2016: 16650.758, 2018: 16703.34})
    assert model.printed_gaps(stated, computed, 2).to_dict() == {2015: 14927.80}


# --- builders --------------------------------------------------------------------------


def test_span_of_one_year_and_of_several():
    assert model.span([2018]) == "2018"
    assert model.span([2015, 2016, 2023]) == "2015-2023"


def test_count_rows_give_each_pillar_then_its_pair():
    frame = pd.DataFrame(
        {"annee": [2015, 2016], "pilier": ["emploi"] * 2, "nouvelles": [6, 5], "reconduites": [7, 11]}
    )
    frame["total"] = frame["nouvelles"] + frame["reconduites"]
    rows = tables._count_rows(frame, _spec(), [2015, 2016])
    assert [(r.header, list(r.cells), r.kind) for r in rows] == [
        ("Développer l'activité et l'emploi", ["13", "16"], "body"),
        ("Nouvelles / reconduites", ["6 / 7", "5 / 11"], "sub"),
    ]


def test_table_caption_adds_the_years_to_the_contracts_title():
    table = tables._frame(_spec(code="T-EVAL-02", title="Nombre d'actions"), [2015, 2023], [], [])
    assert (table.id, table.caption, table.corner, table.column_group) == (
        "tableau-actions",
        "Nombre d'actions (2015-2023)",
        "Piliers",
        "Groupe",
    )
    assert list(table.columns) == ["2015", "2023"]


def test_stacked_bars_one_trace_a_series_without_markup_in_hovers():
    wide = pd.DataFrame({"a": [1, 2], "b": [3, 4]}, index=[2015, 2016])
    fig = charts.stacked_bars(wide, [("a", "A <b>"), ("b", "B")], y_title="Nombre", hover_unit=" actions")
    assert [t.name for t in fig.data] == ["A &lt;b&gt;", "B"]
    assert fig.layout.barmode == "stack"
    assert all("<" not in t.hovertemplate for t in fig.data)
    assert list(fig.data[0].x) == [0, 1] and list(fig.layout.xaxis.ticktext) == ["2015", "2016"]
    assert list(fig.data[0].hovertext) == ["2015", "2016"]
    assert fig.data[0].hovertemplate == "%{hovertext} : %{y:,.0f} actions"


def test_average_detail_gives_the_printed_totals_result_when_it_differs():
    totals = pd.Series({2015: 1000.0})
    actions = pd.Series({2015: 10})
    assert (
        _plain(checks.average_detail(2015, totals, actions, pd.Series({2015: 10}))) == "1 000 € ÷ 10 actions."
    )
    detail = _plain(checks.average_detail(2015, totals, actions, pd.Series({2015: 8})))
    assert detail.startswith("1 000 € ÷ 10 actions. Avec le total imprimé de 8 actions")
    assert detail.endswith("125,00 €.")


def test_printed_totals_checks_report_the_contracts_gaps():
    """T-EVAL-02 prints 62 actions for 2015 (l. 126) while its pillars add up to 61."""
    found = {c.subject: c for c in checks.printed_value_checks("T-EVAL-02")}
    total = found["TOTAL des actions 2015"]
    assert (total.stated, total.computed, total.verdict.code, total.source_line) == ("62", "61", "ecart", 126)
