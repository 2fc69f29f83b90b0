"""Nothing silent (issue 15, item 1): files as staff might leave them, that the schema alone
lets through. A file emptied to its header (every tabular resource, one by one), a row
deleted, an amount a thousand times too large, a share written as a ratio, a value out of
its measure's range, a sign where the measure cannot take one. Each is refused by `check`
(exit code 1, the French message: file, line, column, value, fix) and nothing is written:
neither a data file nor a site."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import REPO, normalise
from quartiers2030 import cli
from quartiers2030.data import completeness, datapackage, validation

ENV = "evaluation/enveloppe_etat.csv"
ACT = "evaluation/actions.csv"
PART = "consultation/participation.csv"
CLAIMS = "evaluation/affirmations.csv"
FACTS = "consultation/faits.csv"
IND = "geographie/indicateurs.csv"


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def refused(root: Path, capsys, command: str = "check") -> str:
    """Run `command` on the book at `root`: it must fail, write nothing, and say why in
    French (no traceback). Returns what it printed, spaces folded."""
    before = _snapshot(root)
    assert cli.main(["--root", str(root), command]) == 1
    assert _snapshot(root) == before  # no file rewritten, no site built
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return normalise(err)


def replace(root: Path, rel: str, old: str, new: str) -> None:
    path = root / "data" / rel
    content = path.read_text(encoding="utf-8")
    assert old in content, f"{old!r} absent de {rel}"
    path.write_text(content.replace(old, new, 1), encoding="utf-8")


def header_only(root: Path, rel: str) -> None:
    path = root / "data" / rel
    path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", encoding="utf-8")


def line_of(root: Path, rel: str, needle: str) -> int:
    lines = (root / "data" / rel).read_text(encoding="utf-8").split("\n")
    return next(i for i, item in enumerate(lines, 1) if needle in item)


def _tabular_files() -> list[str]:
    return [
        res["path"]
        for res in datapackage.descriptor(REPO)["resources"]
        if "schema" in res
        and (REPO / "data" / res["path"]).is_file()
        and completeness.minimum_rows(res[datapackage.REQUIRED_ROWS])  # not the programmation
    ]


TABULAR = _tabular_files()


@pytest.mark.parametrize("rel", TABULAR, ids=TABULAR)
def test_every_file_emptied_to_its_header_is_refused(root, capsys, rel):
    header_only(root, rel)
    said = refused(root, capsys)
    # said first, before the codes of other files that refer to this one
    assert said.split(" : ", 1)[1].startswith(
        f"data/{rel} : le fichier ne contient que sa ligne d'en-tête ; il doit contenir au moins "
    )
    assert f"→ Restaurez le fichier depuis sa dernière version : git checkout -- data/{rel}" in said


def test_every_tabular_file_is_in_the_list():
    assert (
        len(TABULAR) >= 60
        and ENV in TABULAR
        and "geographie/opendata/ips-colleges-cab-2022-2024.csv" in TABULAR
    )


def test_the_envelope_with_its_header_only_needs_its_40_printed_cells(root, capsys):
    """T-EVAL-01 prints 9 years for 4 pillars, and 4 years of « Priorités transversales »."""
    header_only(root, ENV)
    assert (
        "data/evaluation/enveloppe_etat.csv : le fichier ne contient que sa ligne d'en-tête ; il doit "
        "contenir au moins 40 lignes de données, que les pages du site affichent."
    ) in refused(root, capsys)


def test_actions_with_its_header_only_stop_the_build_in_french(root, capsys):
    """T-EVAL-02 prints 9 years for 4 pillars; the build used to crash with a traceback."""
    header_only(root, ACT)
    said = refused(root, capsys, "build")
    assert "ÉCHEC : 1 problème(s) dans les données ; le site n'a pas été reconstruit" in said
    assert (
        "data/evaluation/actions.csv : le fichier ne contient que sa ligne d'en-tête ; il doit "
        "contenir au moins 36 lignes de données"
    ) in said
    assert not (root / "_build").exists()


def test_a_deleted_row_of_the_envelope_is_named(root, capsys):
    replace(root, ENV, "2019,emploi,316521,95\n", "")
    [problem] = validation.check(root).problems
    assert (problem.file, problem.line, problem.column) == (f"data/{ENV}", None, "annee, pilier")
    said = refused(root, capsys)
    assert (
        "data/evaluation/enveloppe_etat.csv, colonne « annee, pilier » : il manque la ligne annee=2019, pilier=emploi."
        in said
    )
    assert "→ Rétablissez cette ligne : elle est dans la dernière version du fichier" in said


def test_deleted_rows_of_actions_are_listed(root, capsys):
    for year in (2016, 2017):
        replace(root, ACT, f"{year},jeunesse,", "DELETED")
    (root / "data" / ACT).write_text(
        "".join(f"{x}\n" for x in (root / "data" / ACT).read_text().split("\n") if x and "DELETED" not in x),
        encoding="utf-8",
    )
    [problem] = validation.check(root).problems
    assert problem.message == "il manque 2 lignes : annee=2016, pilier=jeunesse ; annee=2017, pilier=jeunesse"
    refused(root, capsys)


def test_a_billion_euros_is_refused(root, capsys):
    """« 1000000000 » used to be published, and shown as an écart (« Part Emploi 99,3 % »)."""
    replace(root, ENV, "2016,emploi,287285", "2016,emploi,1000000000")
    [problem] = validation.check(root).problems
    assert (problem.line, problem.column, problem.value) == (
        line_of(root, ENV, "1000000000"),
        "montant_eur",
        "1000000000",
    )
    said = refused(root, capsys)
    assert "la valeur dépasse le maximum plausible de la colonne (2000000)" in said
    assert "→ Vérifiez la valeur dans sa source (un zéro de trop, une autre unité ?)" in said


def test_a_share_written_as_a_ratio_is_refused_with_the_value_to_write(root, capsys):
    """« 0,441 » used to be published as « 0,441 % » (44,1 %, l. 1663)."""
    replace(root, PART, "connait_participation,non,44.1,", "connait_participation,non,0.441,")
    [problem] = validation.check(root).problems
    assert (problem.file, problem.line, problem.column, problem.value) == (
        f"data/{PART}",
        3,
        "pourcentage",
        "0.441",
    )
    said = refused(root, capsys)
    assert "0,441 ressemble à une proportion : écrivez 44,1" in said
    assert "→ Écrivez 44,1 pour 44,1 %, sans le signe %." in said


def test_a_share_written_as_a_ratio_in_excel_is_refused_once_normalised(root, capsys):
    """Saved by French Excel (« ; », decimal comma): brought back to the canonical form, then
    refused for the ratio."""
    path = root / "data" / PART
    path.write_text(path.read_text().replace("44.1", "0.441").replace(",", ";").replace("0.441", "0,441"))
    [problem] = validation.check(root).problems
    assert problem.message.startswith("0,441 ressemble à une proportion : écrivez 44,1")


def test_a_claimed_share_written_as_a_ratio_is_refused(root):
    """Affirmations mix %, € and actions in one column: the row's unit says which is a share."""
    replace(root, CLAIMS, "precarite,45.6,%", "precarite,0.456,%")
    [problem] = validation.check(root).problems
    assert (problem.file, problem.line, problem.column) == (f"data/{CLAIMS}", 2, "valeur")
    assert problem.message.startswith("0,456 ressemble à une proportion : écrivez 45,6")


def test_a_population_out_of_its_measures_range_is_refused(root, capsys):
    replace(root, IND, "totalise 112 077 habitants,112077,", "totalise 112 077 habitants,112077000,")
    [problem] = validation.check(root).problems
    assert (problem.line, problem.column, problem.value) == (3, "valeur", "112077000")
    said = refused(root, capsys)
    assert (
        "la valeur sort de la plage plausible (plage plausible de « population » : 0 à 200 000, "
        "lue dans data/geographie/mesures.csv)"
    ) in said
    assert "élargissez la plage de « population » dans data/geographie/mesures.csv" in said


def test_a_percentage_above_100_is_refused(root):
    replace(root, IND, "Une pauvreté,46.2,", "Une pauvreté,462,")
    [problem] = validation.check(root).problems
    assert (problem.column, problem.value) == ("valeur", "462")
    assert "plage plausible de « taux_pauvrete » : 0 à 100" in problem.message


def test_a_negative_share_is_refused_where_an_evolution_may_be_negative(root, capsys):
    """« -1,2 % point » (l. 457) is an écart and stays negative; a share cannot be."""
    replace(root, IND, "de moins de 15 ans,23.5,", "de moins de 15 ans,-23.5,")
    [problem] = validation.check(root).problems
    assert (problem.line, problem.column, problem.value) == (22, "valeur", "-23.5")
    said = refused(root, capsys)
    assert "la valeur est négative, or « part_moins_15_ans » ne peut pas l'être" in said
    assert "→ Retirez le signe moins : seules les mesures dont la plage admet des valeurs négatives" in said


def test_a_negative_evolution_stays_accepted(root):
    replace(root, IND, "catégories ABC,-2.7,", "catégories ABC,-3.7,")
    assert validation.check(root).problems == []


def test_a_unit_without_a_range_is_refused(root):
    replace(root, FACTS, ",12809,,contributions,", ",12809,,contributions en ligne,")
    [problem] = validation.check(root).problems
    assert (problem.file, problem.column, problem.value) == (
        f"data/{FACTS}",
        "unite",
        "contributions en ligne",
    )
    assert problem.message == (
        "« contributions en ligne » n'a pas de plage plausible dans data/unites.csv, qui borne la colonne « valeur »"
    )


def test_extra_rows_remain_allowed(root):
    """A later value of a growing series (a quartier's indicator from another source) is
    added, never refused. (A year after 2023 in the closed évaluation is: test_sources.py.)"""
    sources = root / "data" / "sources.csv"
    sources.write_text(
        sources.read_text() + "insee_2021,Insee,Filosofi,2021,https://www.insee.fr,LO 2.0,Téléchargé\n"
    )
    path = root / "data" / IND
    row = "QN06251M,QN06251M,pauvrete,taux_pauvrete,Taux de pauvreté,47.1,,%,2021,,,,,,insee_2021,\n"
    path.write_text(path.read_text() + row, encoding="utf-8")
    assert validation.check(root).problems == []
