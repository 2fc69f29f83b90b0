"""Rules across tables, on a small data package: a « dont PRE » amount within its pillar's,
a claim about a pillar naming it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quartiers2030.data import datapackage, rules


def _schema(*fields: tuple[str, str]) -> dict:
    return {"fields": [{"name": n, "type": t} for n, t in fields]}


RESOURCES = {
    "pre": (
        "evaluation/pre.csv",
        _schema(("code", "string"), ("pilier", "string")),
        "code,pilier\npre_a,precarite\n",
    ),
    "enveloppe_etat": (
        "evaluation/enveloppe_etat.csv",
        _schema(("annee", "integer"), ("pilier", "string"), ("montant_eur", "integer")),
        "annee,pilier,montant_eur\n2019,precarite,1000\n2020,precarite,500\n",
    ),
    "enveloppe_pre": (
        "evaluation/enveloppe_pre.csv",
        _schema(("annee", "integer"), ("pre", "string"), ("montant_eur", "integer")),
        "annee,pre,montant_eur\n2019,pre_a,1000\n2020,pre_a,600\n",
    ),
    "affirmations": (
        "evaluation/affirmations.csv",
        _schema(("code", "string"), ("calcul", "string"), ("pilier", "string")),
        "code,calcul,pilier\nc1,part_pilier_enveloppe,precarite\nc2,pilier_moins_dote,\nc3,actions_par_an,\n",
    ),
}


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    monkeypatch.delenv(datapackage.DECLARED_INPUTS_ENV, raising=False)
    resources = []
    for name, (path, schema, text) in RESOURCES.items():
        (tmp_path / "data" / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "data" / path).write_text(text, encoding="utf-8")
        resources.append({"name": name, "path": path, "schema": schema})
    (tmp_path / "data" / "datapackage.json").write_text(
        json.dumps({"resources": resources}), encoding="utf-8"
    )
    return tmp_path


def test_a_pre_amount_above_its_pillar_is_a_problem_at_its_line(root):
    [problem] = rules.pre_within_its_pillar(root)
    assert (problem.file, problem.line, problem.column, problem.value) == (
        "data/evaluation/enveloppe_pre.csv",
        3,
        "montant_eur",
        "600",
    )
    assert "« precarite » en 2020 (500 €)" in problem.message


def test_a_claim_about_a_pillar_must_name_it(root):
    [problem] = rules.claims_name_their_pillar(root)
    assert (problem.file, problem.line, problem.column) == ("data/evaluation/affirmations.csv", 3, "pilier")
    assert "pilier_moins_dote" in problem.message


def test_check_runs_every_rule(root):
    assert [p.file for p in rules.check(root)] == [
        "data/evaluation/enveloppe_pre.csv",
        "data/evaluation/affirmations.csv",
    ]
