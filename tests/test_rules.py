"""Rules across tables, on a small data package: a « dont PRE » amount within its pillar's,
a claim about a pillar naming it, a page's source that is a passage or another source."""

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
    "sources_pages": (
        "sources_pages.csv",
        _schema(
            ("page", "string"),
            ("ordre", "integer"),
            ("ligne_debut", "integer"),
            ("ligne_fin", "integer"),
            ("autre_source", "string"),
        ),
        "page,ordre,ligne_debut,ligne_fin,autre_source\n"
        "a,1,10,20,\n"
        "a,2,,,des données ouvertes\n"
        "b,1,30,,\n"
        "b,2,40,50,des données ouvertes\n"
        "b,3,60,55,\n"
        "b,4,,,\n",
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


def test_a_page_source_is_a_whole_passage_or_another_source(root):
    problems = rules.page_sources_cite_a_passage_or_another_source(root)
    assert [(p.file, p.line, p.column, p.value) for p in problems] == [
        ("data/sources_pages.csv", 4, "ligne_fin", ""),
        ("data/sources_pages.csv", 5, "autre_source", "des données ouvertes"),
        ("data/sources_pages.csv", 6, "ligne_fin", "55"),
        ("data/sources_pages.csv", 7, "ligne_debut", ""),
    ]
    assert "ni passage complet du contrat ni autre source" in problems[0].message
    assert "pas les deux" in problems[1].message
    assert "finit avant sa première ligne (60)" in problems[2].message


def test_check_runs_every_rule(root):
    assert [p.file for p in rules.check(root)] == [
        "data/evaluation/enveloppe_pre.csv",
        "data/evaluation/affirmations.csv",
    ] + ["data/sources_pages.csv"] * 4
