"""Rules across years and tables of the évaluation (parts/evaluation/sequences.py and the
trend claims of claims.py): each fails on a fixture frame that breaks it, and the verdicts
on the contract's tables are those the source text gives (tests/source_tables.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

import source_tables as src
from helpers import REPO
from quartiers2030.core.checks import Verdict
from quartiers2030.data import datapackage
from quartiers2030.parts.evaluation import checks, claims, model, sequences


@pytest.fixture(autouse=True)
def _book_root(monkeypatch):
    monkeypatch.setenv("Q2030_ROOT", str(REPO))
    monkeypatch.delenv(datapackage.DECLARED_INPUTS_ENV, raising=False)


def _frame(rows) -> pd.DataFrame:
    """(year, pillar, new, renewed) rows as the data files hold them."""
    frame = pd.DataFrame(rows, columns=["annee", "pilier", "nouvelles", "reconduites"])
    frame["ligne_source"] = 119
    frame["total"] = frame["nouvelles"] + frame["reconduites"]
    return frame


def _verdicts(found) -> dict[str, str]:
    return {c.subject: c.verdict.code for c in found}


# --- each rule fails when broken ----------------------------------------------------------


def test_renewed_actions_cannot_outnumber_the_previous_years_actions():
    ok = sequences.renewed_checks(_frame([(2015, "emploi", 6, 7), (2016, "emploi", 5, 13)]))
    broken = sequences.renewed_checks(_frame([(2015, "emploi", 6, 7), (2016, "emploi", 5, 14)]))
    assert _verdicts(ok) == {"Actions reconduites « Emploi » 2016": "concorde"}
    assert _verdicts(broken) == {"Actions reconduites « Emploi » 2016": "ecart"}
    assert broken[0].computed == "au plus 13"


def test_the_first_year_is_checked_only_when_the_contract_dates_the_start():
    frame = _frame([(2018, "emploi", 0, 2), (2019, "emploi", 1, 1)])
    assert [c.subject for c in sequences.renewed_checks(frame)] == ["Actions reconduites « Emploi » 2019"]
    dated = _verdicts(sequences.renewed_checks(frame, (2018, 135)))
    assert dated["Actions reconduites « Emploi » 2018"] == "ecart"
    clean = sequences.renewed_checks(_frame([(2018, "emploi", 2, 0)]), (2018, 135))
    assert _verdicts(clean) == {"Actions reconduites « Emploi » 2018": "concorde"}


def test_a_year_missing_before_leaves_the_rule_unchecked():
    """A gap in the series (no 2016 row) is no previous year to compare with."""
    frame = _frame([(2015, "emploi", 6, 7), (2017, "emploi", 5, 40)])
    assert sequences.renewed_checks(frame) == []


def test_gender_actions_are_among_the_programmations_actions():
    whole = _frame([(2018, "emploi", 7, 13)])
    assert _verdicts(sequences.subset_checks(_frame([(2018, "emploi", 0, 2)]), whole)) == {
        "Actions « égalité » parmi les actions « Emploi » 2018": "concorde"
    }
    for new, renewed in [(8, 0), (0, 14)]:
        found = sequences.subset_checks(_frame([(2018, "emploi", new, renewed)]), whole)
        assert found[0].verdict is Verdict.DIFFERS, (new, renewed)


def test_pre_lines_cannot_exceed_their_pillar(monkeypatch):
    wide = pd.DataFrame({"precarite": [473589.0, 100.0]}, index=[2015, 2016])
    amounts = pd.DataFrame({"a": [150171.0, 60.0], "b": [84650.0, 50.0]}, index=[2015, 2016])
    pre = pd.DataFrame({"code": ["a", "b"], "pilier": ["precarite"] * 2, "ligne_source": [97, 98]})
    monkeypatch.setattr(model, "envelope", lambda: wide)
    monkeypatch.setattr(model, "pre_amounts", lambda: amounts)
    monkeypatch.setattr(model, "pre_programmes", lambda: pre)
    found = _verdicts(sequences.pre_checks())
    assert found == {
        "Lignes « Dont PRE » du pilier « Précarité » 2015": "concorde",
        "Lignes « Dont PRE » du pilier « Précarité » 2016": "ecart",
    }


def test_a_rise_is_the_last_year_above_the_first_and_names_every_fall():
    claim = SimpleNamespace(valeur=2016, ligne_source=129)
    rising = claims._rise("Hausse", claim, pd.Series({2015: 70, 2016: 62, 2017: 67, 2018: 64, 2019: 72}))
    assert rising.verdict is Verdict.AGREES
    assert "baisse en 2018 (67 → 64)" in rising.detail and "2016 (" not in rising.detail
    falling = claims._rise("Hausse", claim, pd.Series({2016: 62, 2017: 67, 2018: 60}))
    assert falling.verdict is Verdict.DIFFERS


# --- the verdicts on the contract's tables, from the source text ----------------------------


def _source_pairs(table: str) -> dict[tuple[str, int], tuple[int, int]]:
    years, rows = src.parse(table)
    out = {}
    for i, (label, cells) in enumerate(rows):
        if label == "Nouvelles / reconduites":
            for year, cell in zip(years, cells):
                out[(rows[i - 1][0], year)] = src.pair(cell)
    return out


def _expected_renewed_gaps(table: str, start: int | None) -> set[tuple[str, int]]:
    pairs = _source_pairs(table)
    gaps = set()
    for (pillar, year), (_, renewed) in pairs.items():
        before = pairs.get((pillar, year - 1))
        if before is not None and renewed > sum(before):
            gaps.add((pillar, year))
        if before is None and year == start and renewed > 0:
            gaps.add((pillar, year))
    return gaps


def _found_renewed_gaps(table: str) -> set[tuple[str, int]]:
    short = {p.label: p.short for p in model.pillars()}
    by_short = {v: k for k, v in short.items()}
    found = set()
    for c in sequences.sequence_checks(table):
        if c.subject.startswith("Actions reconduites") and c.verdict is Verdict.DIFFERS:
            name, year = c.subject.split("« ")[1].split(" »")[0], int(c.subject.rsplit(" ", 1)[1])
            found.add((by_short[name], year))
    return found


def test_t_eval_02_renews_no_more_actions_than_the_year_before():
    assert _expected_renewed_gaps(src.T_EVAL_02, None) == set()
    assert _found_renewed_gaps("T-EVAL-02") == set()
    renewed = [
        c for c in sequences.sequence_checks("T-EVAL-02") if c.subject.startswith("Actions reconduites")
    ]
    assert len(renewed) == 4 * 8  # four pillars, 2016 to 2023


def test_t_eval_03_breaks_the_rules_where_the_source_text_does(lines):
    """« ont intégré la programmation en 2018 » (l. 135), yet 0/2 in 2018 for two pillars
    (l. 142, 144); and renewed actions in years after a year with fewer actions."""
    assert "ont intégré la programmation en 2018" in lines[135 - 1]
    expected = _expected_renewed_gaps(src.T_EVAL_03, 2018)
    assert ("Développer l'activité et l'emploi", 2018) in expected
    assert ("Donner des perspectives à la jeunesse", 2021) in expected
    assert _found_renewed_gaps("T-EVAL-03") == expected


def test_t_eval_03s_actions_are_within_t_eval_02s():
    two, three = _source_pairs(src.T_EVAL_02), _source_pairs(src.T_EVAL_03)
    expected = {k for k, (n, r) in three.items() if n > two[k][0] or r > two[k][1]}
    found = [c for c in sequences.sequence_checks("T-EVAL-03") if c.subject.startswith("Actions « égalité »")]
    assert len(found) == len(three)
    assert {c.subject for c in found if c.verdict is Verdict.DIFFERS} == set() == expected


def test_t_eval_01s_pre_lines_fit_in_their_pillar():
    years, rows = src.parse(src.T_EVAL_01)
    cells = dict(rows)
    pre = [cells[label] for label, _ in rows if label.startswith("Dont PRE")]
    whole = cells["Lutter contre toutes les formes de précarité"]
    expected = {y for i, y in enumerate(years) if sum(src.amount(p[i]) for p in pre) > src.amount(whole[i])}
    found = sequences.sequence_checks("T-EVAL-01")
    assert len(found) == len(years)
    assert {c.subject for c in found if c.verdict is Verdict.DIFFERS} == set() == expected


def test_each_page_box_carries_its_rules():
    for table, subject in [
        ("T-EVAL-01", "Lignes « Dont PRE »"),
        ("T-EVAL-02", "Actions reconduites"),
        ("T-EVAL-03", "Actions « égalité » parmi"),
    ]:
        assert subject in str(checks.checks_box(table)), table


def test_the_trend_claims_state_the_contracts_words(lines):
    rows = datapackage.load("affirmations").set_index("code")
    for code in ("hausse_actions", "annee_integration_egalite", "hausse_actions_egalite"):
        row = rows.loc[code]
        assert row["citation"] in lines[int(row["ligne_source"]) - 1], code
        assert (
            str(int(row["valeur"])) in lines[int(row["ligne_source"]) - 1] or code == "hausse_actions_egalite"
        )
