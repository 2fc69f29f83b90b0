"""The contract as signed, and what comes after (issue 13): every value names its source;
values added after the contract (an Insee 2021 rate for two quartiers, a corrected value
from another source: the rows of conftest's ADDED_FACTS) stand beside the contract's,
marked with their year and source, and never change what the site says about the contract;
the évaluation 2015-2023 is closed (a 2024 row is refused, pointing to the programmation);
a row of the contract deleted is refused, never shown as « vide ». Expected values come
from the contract's text (its lines are cited) or from the fixture rows."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ADDED_FACTS
from helpers import REPO, contract_lines, html_table, normalise, on
from quartiers2030.data import datapackage, periods, validation, value_sources

NBSP = "\u00a0"
INSEE = "Insee, Filosofi 2021"  # producer, title and edition of the fixture's source
CORRECTION = "CAB, Portrait des quartiers rectifié 2025"
NOTE = "Données ajoutées après le contrat, source : "


def both(root: Path, make):
    """What `make()` gives on the project's data, then on the book at `root`."""
    with on(REPO):
        first = make()
    with on(root):
        return first, make()


def soup(fragment) -> BeautifulSoup:
    return BeautifulSoup(str(fragment), "html.parser")


def printed(line: int) -> str:
    return contract_lines()[line - 1]


def percent(text: str) -> str:
    """« 48 % » as the pages write it (non-breaking space)."""
    return text.replace(" %", f"{NBSP}%")


# --- 1. a source for every row ----------------------------------------------------------


def test_the_contract_is_a_source_and_every_contract_row_gives_its_line():
    sources = datapackage.load("sources", REPO).set_index("code")
    contract = sources.loc[value_sources.CONTRACT]
    assert contract["titre"] == "Contrat de ville « Ensemble, agir pour nos quartiers 2030 »"
    assert contract["adresse"] == "source/contrat-de-ville-2024-2030.txt"
    assert contract.notna().all()
    facts = datapackage.load("geographie_indicateurs", REPO)
    assert set(facts["source"]) == {value_sources.CONTRACT}  # the published data: the contract only
    assert facts["ligne_source"].notna().all()


def test_the_extended_copy_is_accepted(extended):
    assert validation.check(extended).problems == []


def test_the_fidelity_test_reads_the_contract_rows_only(extended):
    """Every contract row is checked against its line (test_data.py); an added row has none."""
    from test_data import _rows_with_source_line

    cited = [(res["name"], index) for res, index, _ in _rows_with_source_line(extended)]
    published = [(res["name"], index) for res, index, _ in _rows_with_source_line(REPO)]
    assert cited == published  # the added rows come last, and none of them is read


def test_a_contract_row_without_its_line_and_another_source_with_one_are_refused(extended, tmp_path):
    root = tmp_path / "book"
    shutil.copytree(extended / "data", root / "data")
    path = root / "data" / "geographie" / "indicateurs.csv"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "pauvrete,taux_pauvrete,Un taux de pauvreté,41.5,,%,2019,,,,,« stable depuis 2013 ».,contrat,758",
        "pauvrete,taux_pauvrete,Un taux de pauvreté,41.5,,%,2019,,,,,« stable depuis 2013 ».,contrat,",
    )
    text = text.replace(
        "Taux de pauvreté,47.1,,%,2021,,,,,,insee_filosofi_2021,",
        "Taux de pauvreté,47.1,,%,2021,,,,,,insee_filosofi_2021,551",
    )
    path.write_text(text, encoding="utf-8")
    problems = validation.check(root).problems
    assert [(p.column, p.value, p.message) for p in problems] == [
        ("ligne_source", "", "la valeur vient du contrat (source contrat) mais ne dit pas sa ligne"),
        (
            "ligne_source",
            "551",
            "la valeur vient de la source « insee_filosofi_2021 », pas du contrat : elle n'a pas de ligne du contrat",
        ),
    ]


# --- 2. the contract's period pinned ------------------------------------------------------


def _with_2024(root: Path) -> Path:
    """Add 2024 for every pillar of the évaluation, as « Mettre à jour » once said to."""
    for name, row in (("enveloppe_etat.csv", "2024,{},250000,95\n"), ("actions.csv", "2024,{},9,1,119\n")):
        path = root / "data" / "evaluation" / name
        pillars = ["emploi", "precarite", "jeunesse", "ville_durable"]
        path.write_text(path.read_text(encoding="utf-8") + "".join(row.format(p) for p in pillars))
    return root


def test_a_2024_row_in_the_evaluation_is_refused_pointing_to_the_programmation(root):
    problems = validation.check(_with_2024(root)).problems
    assert [(p.file, p.line, p.value) for p in problems] == [
        ("data/evaluation/enveloppe_etat.csv", line, "2024") for line in range(42, 46)
    ] + [("data/evaluation/actions.csv", line, "2024") for line in range(38, 42)]
    first = problems[0]
    assert first.message == (
        "l'année 2024 est hors de la période de l'évaluation du contrat (2015-2023) ; cette partie du "
        "contrat est close : ses fichiers ne gardent que les années que le contrat imprime"
    )
    assert "python -m quartiers2030 import programmation FICHIER" in first.fix


def test_verdicts_and_labels_about_the_contract_ignore_a_later_year(root):
    """Even read past the check, a 2024 row changes no verdict of the évaluation and no
    period its labels give: the contract's years are those of its tables' header."""
    from quartiers2030.parts.evaluation import checks, claims, model

    years = [int(y) for y in printed(94).split()]  # T-EVAL-01's header: 2015 … 2023
    contract_period = f"{years[0]}-{years[-1]}"

    def verdicts():
        found = [c for t in ("T-EVAL-01", "T-EVAL-02") for c in claims.claim_checks(t)]
        found += [c for t in ("T-EVAL-01", "T-EVAL-02") for c in checks.printed_value_checks(t)]
        return found, claims.Facts.read().period, model.years(model.actions())

    contract, later = both(_with_2024(root), verdicts)
    assert later == contract
    assert later[1] == contract_period
    assert later[2] == years
    subjects = {c.subject: c.stated for c in later[0]}
    assert subjects["Pilier le moins doté"] == "« Ville durable »"  # l. 112: the urban pillar
    assert subjects["Part des actions reconduites"] == "57\u00a0%"  # l. 131: « 57% … reconduites »


def test_the_closed_period_is_declared_in_the_data():
    declared = {
        r["name"]: periods.span(r["closedPeriod"])
        for r in datapackage.descriptor(REPO)["resources"]
        if "closedPeriod" in r
    }
    years = printed(94).split()
    assert set(declared.values()) == {f"{years[0]}-{years[-1]}"}
    assert {"enveloppe_etat", "actions", "egalite_fh_actions", "valeurs_imprimees"} <= set(declared)


# --- 3. several values of one indicator: the contract's used, the newer beside -------------


def test_no_check_of_the_geographie_changes_with_added_values(extended):
    from quartiers2030.parts.geographie import checks, model

    def boxes():
        found = [checks.quartier_checks(q.code).markup for q in model.qpvs()]
        return found + [checks.agglomeration_checks().markup, checks.comparison_checks().markup]

    contract, added = both(extended, boxes)
    assert added == contract


def test_a_theme_table_shows_the_contract_value_then_the_added_ones_with_their_source(extended):
    from quartiers2030.parts.geographie import sections

    with on(extended):
        page = soup(sections.theme("QN06251M", "pauvrete"))
    rows = html_table(page, "qn06251m-tableau-pauvrete")
    line = printed(551)  # « Le taux de pauvreté le plus élevé … : 48 % en 2019. »
    assert "48 %" in line and "2019" in line
    assert rows["Taux de pauvreté"] == ["48 %", "2019", "Ensemble des QPV de la CAB", "ligne 551"]
    assert rows["Taux de pauvreté (ajoutée après le contrat)"] == ["47,1 %", "2021", "–vide", INSEE]
    keys = list(rows)
    assert keys.index("Taux de pauvreté (ajoutée après le contrat)") == keys.index("Taux de pauvreté") + 1
    assert normalise(page.select_one(".q2030-table-note").get_text()).startswith(NOTE + INSEE + ".")


def test_a_theme_chart_is_extended_with_the_added_year_as_a_series_of_its_own(extended):
    from quartiers2030.parts.geographie import sections

    with on(extended):
        page = soup(sections.theme("QN06251M", "pauvrete"))
    data = html_table(page, "donnees-qn06251m-taux-pauvrete")
    assert data["Chemin Vert - Beaurepaire et Marlborough"] == ["48 %", "valeur du quartier"]  # l. 551
    assert data["Chemin Vert - Beaurepaire et Marlborough, 2021"] == [
        "47,1 %",
        "valeur ajoutée après le contrat",
    ]
    description = normalise(page.get_text())
    assert "Chemin Vert - Beaurepaire et Marlborough, 2021 : 47,1 % (ajoutée après le contrat)" in description


def test_a_corrected_value_stands_beside_the_contracts_which_the_comparison_keeps(extended):
    from quartiers2030.parts.geographie import comparison

    with on(extended):
        page = soup(comparison.measure("taux_pauvrete"))
    rows = html_table(page, "tableau-comparer-taux-pauvrete")
    assert "37,7 % en 2019" in printed(688)
    assert rows["Henriville-Montplaisir"][:2] == ["37,7 %", "2019"]
    assert rows["Henriville-Montplaisir"][4] == "texte, ligne 688"
    assert rows["Henriville-Montplaisir (ajoutée après le contrat)"][:3] == [
        "37,9 %",
        "2019",
        "(pas dans le contrat)",
    ]
    assert rows["Henriville-Montplaisir (ajoutée après le contrat)"][4] == CORRECTION
    notices = [normalise(p.get_text()) for p in page.select(".q2030-notice")]
    assert (
        f"Valeurs de 2019 ajoutées après le contrat ({CORRECTION}) : Henriville-Montplaisir. Le contrat "
        "donne déjà une valeur de 2019 pour ce quartier : la comparaison garde la sienne."
    ) in notices
    assert (
        f"Valeurs de 2021 ajoutées après le contrat ({INSEE}) : Chemin Vert - Beaurepaire et Marlborough, "
        "Damrémont. Elles ne se comparent qu'entre elles : Henriville-Montplaisir n'a pas de valeur de "
        "2021 (le contrat : 2019)."
    ) in notices


def test_the_matrix_keeps_the_contract_value_and_shows_the_added_one_beside(extended):
    from quartiers2030.parts.geographie import comparison

    with on(extended):
        page = soup(comparison.matrix())
    rows = html_table(page, "tableau-comparaison")
    assert "41,5 % en 2019" in printed(758)
    assert "41,5 % (2019, ligne 758) ; 40,2 % (2021, ajoutée)" in rows["Taux de pauvreté"]
    assert "48 % (2019, ligne 551) ; 47,1 % (2021, ajoutée)" in rows["Taux de pauvreté"]
    assert f"source : {INSEE} ; {CORRECTION}" in normalise(page.select_one(".q2030-table-note").get_text())


def test_a_key_figure_gives_the_contract_value_and_the_newest_beside(extended):
    from quartiers2030.parts.geographie import key_figures

    with on(extended):
        cards = {c.label: c for c in key_figures.quartier_cards("QN06251M")}
    card = cards["taux de pauvreté"]
    assert card.value == percent("48 %")  # l. 551
    assert card.note == f"2019 ; valeur ajoutée après le contrat : {percent('47,1 %')} (2021, {INSEE})"


def test_without_added_values_the_tables_say_the_contract_line_as_before():
    from quartiers2030.parts.geographie import sections

    with on(REPO):
        page = soup(sections.theme("QN06251M", "pauvrete"))
    rows = html_table(page, "qn06251m-tableau-pauvrete")
    assert rows["Taux de pauvreté"][-1] == "551"
    assert page.select_one(".q2030-table-note") is None


def _is_551(line: str) -> bool:
    """The row of Chemin Vert's poverty rate, printed at line 551."""
    return line.endswith(",contrat,551\n") and ",taux_pauvrete," in line


# --- 4. absence is never invented --------------------------------------------------------


def test_a_deleted_contract_row_is_refused_even_with_an_added_value_beside(extended, tmp_path):
    root = tmp_path / "book"
    shutil.copytree(extended / "data", root / "data")
    path = root / "data" / "geographie" / "indicateurs.csv"
    kept = [line for line in path.read_text(encoding="utf-8").splitlines(keepends=True) if not _is_551(line)]
    path.write_text("".join(kept), encoding="utf-8")
    [problem] = validation.check(root).problems
    assert problem.file == "data/geographie/indicateurs.csv"
    assert problem.message == (
        "il manque la ligne territoire=QN06251M, indicateur=taux_pauvrete (source contrat : une valeur "
        "d'une autre source ne remplace pas celle du contrat)"
    )


def test_a_deleted_evaluation_row_is_refused(root):
    path = root / "data" / "evaluation" / "enveloppe_etat.csv"
    path.write_text(re.sub(r"\n2016,jeunesse,[^\n]*", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    [problem] = validation.check(root).problems
    assert problem.message == "il manque la ligne annee=2016, pilier=jeunesse"


def test_the_fixture_adds_what_it_says(extended):
    """The extended copy holds the fixture's rows, the published data none of them."""
    text = (extended / "data" / "geographie" / "indicateurs.csv").read_text(encoding="utf-8")
    assert text.endswith(ADDED_FACTS)
    assert ADDED_FACTS.splitlines()[0] not in (REPO / "data" / "geographie" / "indicateurs.csv").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("line", [551, 758, 688])
def test_the_contract_values_the_tests_rely_on_are_printed(line):
    assert re.search(r"\d+(,\d+)? % en 2019", printed(line))


# --- 5. the staff page -------------------------------------------------------------------


def _quoted() -> list[str]:
    page = (REPO / "book" / "mettre-a-jour.md").read_text(encoding="utf-8")
    return [block.split("```", 1)[0] for block in page.split("```text\n")[1:]]


def test_the_staff_page_quotes_the_refusal_of_2024_and_of_a_deleted_row(extended, tmp_path):
    quoted = "\n".join(_quoted())
    root = tmp_path / "evaluation"
    shutil.copytree(REPO / "data", root / "data")
    path = root / "data" / "evaluation" / "enveloppe_etat.csv"
    path.write_text(path.read_text(encoding="utf-8") + "2024,emploi,250000,95\n", encoding="utf-8")
    [problem] = validation.check(root).problems
    assert str(problem) in quoted
    root = tmp_path / "deleted"
    shutil.copytree(extended / "data", root / "data")
    path = root / "data" / "geographie" / "indicateurs.csv"
    kept = [line for line in path.read_text(encoding="utf-8").splitlines(keepends=True) if not _is_551(line)]
    path.write_text("".join(kept), encoding="utf-8")
    [problem] = validation.check(root).problems
    assert str(problem).split("\n")[0] in quoted


def test_the_staff_page_examples_are_the_rows_the_tests_add():
    """The examples of « Mettre à jour » are accepted as written (the fixture's rows)."""
    from conftest import ADDED_SOURCES

    quoted = "\n".join(_quoted())
    rows = (ADDED_FACTS + ADDED_SOURCES).splitlines()
    shown = [row for row in rows if not row.startswith("QN06249M")]  # Damrémont's: one example is enough
    assert len(shown) == len(rows) - 1
    for row in shown:
        assert row in quoted, row


def test_a_quartier_page_source_line_names_the_added_source(extended):
    from quartiers2030.parts.geographie import sections

    with on(REPO):
        contract = normalise(soup(sections.places("QN06251M")).select_one(".q2030-source").get_text())
    with on(extended):
        added = normalise(soup(sections.places("QN06251M")).select_one(".q2030-source").get_text())
    assert contract.startswith("Source : contrat de ville, lignes ")
    assert added == contract.removesuffix(".") + f" ; données ajoutées après le contrat : {INSEE}."


def test_every_row_citing_a_contract_line_names_its_source():
    """A file whose rows may come from elsewhere names each row's source (a `source`
    column referring to sources.csv); any other file citing contract lines is the
    contract's alone, and says so in its own `sources`."""
    contract = datapackage.load("sources", REPO).set_index("code").loc[value_sources.CONTRACT, "titre"]
    for res in datapackage.descriptor(REPO)["resources"]:
        names = [f["name"] for f in res.get("schema", {}).get("fields", [])]
        if "ligne_source" not in names or value_sources.names_sources(res):
            continue
        assert any(contract in s["title"] for s in res["sources"]), res["name"]


def test_a_value_in_a_cell_the_contract_prints_empty_is_refused(root):
    """T-EVAL-01 prints no amount for the cross-cutting priorities in 2016 (l. 101): « – »
    on the page is the contract's empty cell, and stays so."""
    cells = printed(101).split("\t")  # « Priorités transver- sales », then 2015 … 2023
    assert cells[2] == ""  # 2016
    path = root / "data" / "evaluation" / "enveloppe_etat.csv"
    path.write_text(path.read_text(encoding="utf-8") + "2016,transversal,5000,101\n", encoding="utf-8")
    [problem] = validation.check(root).problems
    assert (problem.line, problem.column) == (42, "annee, pilier")
    assert problem.message == (
        "la case annee=2016, pilier=transversal est vide dans le tableau du contrat ; les fichiers de "
        "l'évaluation du contrat ne gardent que les cases que le contrat imprime"
    )
