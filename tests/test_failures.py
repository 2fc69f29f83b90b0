"""A failed build said in French from jupyter-book's log (site/failures.py). The logs are
excerpts of real ones: a notebook whose cell raised, a warning of Sphinx."""

from __future__ import annotations

from pathlib import Path

import pytest

from quartiers2030.site import failures

ROOT = Path("/tmp/livre")
RED, END = "\x1b[31m", "\x1b[39m"


def _cell_failure(page: str, raised: str) -> str:
    """The lines jupyter-book writes when a cell of `page` raises `raised`."""
    return (
        "Traceback (most recent call last):\n"
        '  File "/v/site-packages/nbclient/client.py", line 918, in _check_raise_for_error\n'
        "nbclient.exceptions.CellExecutionError: An error occurred while executing the following cell:\n"
        "------------------\n"
        "from quartiers2030.parts.evaluation import tables as ev\n"
        "ev.actions_table()\n"
        "------------------\n\n\n"
        f"{RED}---------------------------------------------------------------------------{END}\n"
        f"{RED}{raised.split(':')[0]}{END}                              Traceback (most recent call last)\n"
        f"{RED}{raised.split(':')[0]}{END}:{raised.split(':', 1)[1]}\n\n\n"
        "The above exception was the direct cause of the following exception:\n\n"
        "Traceback (most recent call last):\n"
        f"myst_nb.core.execute.base.ExecutionError: {ROOT}/{page}\n"
    )


def test_a_cell_that_raised_names_its_page_and_its_error():
    log = "Running Jupyter-Book\n" + _cell_failure("notebooks/evaluation/actions.md", "RuntimeError: panne")
    assert failures.explain(log, ROOT) == [
        "notebooks/evaluation/actions.md : le calcul de la page a échoué (RuntimeError : panne). Ce "
        "n'est pas un problème de données reconnu : transmettez _build/build.log à l'équipe technique."
    ]


def test_a_french_error_of_the_package_is_repeated_as_it_is():
    error = "KeyError: 'Aucune source pour la page « enjeux/index » dans data/sources_pages.csv.'"
    log = _cell_failure("notebooks/enjeux/index.md", error)
    assert failures.explain(log, ROOT) == [
        "notebooks/enjeux/index.md : le calcul de la page a échoué à cause des données.\n"
        "    'Aucune source pour la page « enjeux/index » dans data/sources_pages.csv.'"
    ]


def test_warnings_are_said_at_their_file_and_line():
    log = (
        f"{ROOT}/book/accessibilite.md:9: WARNING: undefined label: 'une-ancre' [ref.ref]\n"
        f"{ROOT}/book/nouvelle.md: WARNING: document isn't included in any toctree [toc.not_included]\n"
        f"{ROOT}/book/index.md:4: WARNING: Unknown directive type: 'bidule' [myst.directive_unknown]\n"
        f"{ROOT}/book/accessibilite.md:9: WARNING: undefined label: 'une-ancre' [ref.ref]\n"
    )
    assert failures.explain(log, ROOT) == [
        "book/accessibilite.md, ligne 9 : la référence « une-ancre » ne mène à aucune ancre du site.\n"
        "    → Vérifiez le nom de l'ancre visée (la ligne « (nom)= » au-dessus d'un titre).",
        "book/nouvelle.md : cette page n'est dans aucun sommaire.\n"
        "    → Ajoutez-la à _toc.yml, ou supprimez le fichier.",
        "book/index.md, ligne 4 : avertissement de Sphinx (« Unknown directive type: 'bidule' »).",
    ]


def test_a_clean_log_says_nothing():
    assert failures.explain("Running Jupyter-Book\nbuild succeeded.\n", ROOT) == []


def test_a_data_error_found_while_a_page_runs_is_said_at_its_file_line_and_column(root, monkeypatch):
    """A commune of a QPV that the map does not know (the check refuses it first; the page
    says the same if it ever gets there)."""
    from quartiers2030.data.problems import DataError
    from quartiers2030.parts.geographie import communes

    path = root / "data/geographie/qpv.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("Damrémont,Boulogne-sur-Mer,", "Damrémont,Boulogne-sur-Mr,"), encoding="utf-8"
    )
    line = next(n for n, row in enumerate(text.split("\n"), 1) if row.startswith("QN06249M,"))
    monkeypatch.setenv("Q2030_ROOT", str(root))
    with pytest.raises(DataError) as raised:
        communes.qpv_communes()
    log = _cell_failure("notebooks/geographie/carte.md", f"DataError: {raised.value}")
    [said] = failures.explain(log, ROOT)
    assert said.startswith(
        "notebooks/geographie/carte.md : le calcul de la page a échoué à cause des données."
    )
    assert f"data/geographie/qpv.csv, ligne {line}, colonne « communes »" in said
    assert "« Boulogne-sur-Mr »" in said and "→ Écrivez son nom" in said
