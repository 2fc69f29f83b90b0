"""Rebuilds as staff run them: identical bytes when nothing changed, exactly the affected
notebooks re-executed after a data edit, and the previous site kept when a build fails.

The tests of this module run in order on one copy of the book."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import add_values_after_the_contract
from helpers import copy_book, executed_notebooks, html_table, page, run_build, wait_until_drawn

pytestmark = pytest.mark.build

GENDER_AMOUNTS = "data/evaluation/egalite_fh_montants.csv"


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    root = copy_book(tmp_path_factory.mktemp("rebuild") / "another-folder" / "book")
    result = run_build(root)
    assert result.returncode == 0, result.output[-3000:]
    return root


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} absent de {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def first_clean_build(book) -> dict[str, bytes]:
    """The site of the module's clean build, as it was before any edit; compared with the
    run's shared build at the end of the module, once that one is ready."""
    return _tree(book / "_build" / "html")


def test_rebuild_with_nothing_changed_executes_nothing(book, first_clean_build):
    result = run_build(book)
    assert result.returncode == 0
    assert executed_notebooks(result.log) == []


def test_a_csv_edit_reexecutes_only_its_notebooks_and_publishes_the_new_value(book):
    _edit(book, GENDER_AMOUNTS, "2019,38943,", "2019,38944,")
    result = run_build(book)
    assert result.returncode == 0, result.output[-3000:]
    # The pages that read that file only: its page and « Ce que le site a relevé », which
    # gathers its checks (« Ce qui a changé » is filled after the pages are written, at every
    # build: its notebook reads no data).
    assert executed_notebooks(result.log) == [
        str(book / p) for p in ("book/releve.md", "notebooks/evaluation/egalite.md")
    ]
    shown = html_table(page(book / "_build/html", "notebooks/evaluation/egalite.html"), "tableau-egalite-fh")
    assert shown["Montant total"][1] == "38 944 €"  # html_table folds every space


def test_the_official_qpv_outlines_once_added_redraw_exactly_the_maps(book):
    """The ANCT outline file is an optional data slot: adding it re-executes the pages that
    draw a map, and they draw it (here in Lambert-93, as the ANCT also publishes it)."""
    import json

    from quartiers2030.parts.geographie import maps as carte

    ring = [
        list(carte.wgs84_to_lambert93(lon, lat))
        for lon, lat in [(1.596, 50.711), (1.600, 50.711), (1.600, 50.715), (1.596, 50.715), (1.596, 50.711)]
    ]
    outlines = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code_qp": "QN06249M", "lib_qp": "Damrémont"},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        ],
    }
    path = book / "data/geographie/opendata/qpv-2024-contours.geojson"
    path.write_text(json.dumps(outlines), encoding="utf-8")
    result = run_build(book)
    assert result.returncode == 0, result.output[-3000:]
    maps = ("carte", "centre-ville", "chemin-vert", "damremont", "residences-sud")
    # The pages that draw a map (the home page's small one too), and « Ce que le site a
    # relevé », which reads what the quartiers' checks read.
    expected = ["book/index.md", "book/releve.md"] + [f"notebooks/geographie/{n}.md" for n in maps]
    assert executed_notebooks(result.log) == [str(book / p) for p in expected]
    soup = page(book / "_build/html", "notebooks/geographie/damremont.html")
    spec = json.loads(soup.find("script", id="fig-carte-qn06249m-spec").string)
    assert any(t.get("name") == "Contour officiel : Damrémont" for t in spec["data"])
    assert "ne sont pas encore inclus" not in soup.get_text()


def test_a_lost_figure_appears_when_staff_add_its_file(book):
    """F-LOC-01: the published text lost the chart of the respondents' ages. Without its
    file the page says so; adding the file (values invented for this test) re-executes
    only that page, which then draws the chart, with no code change."""
    consultation = "notebooks/consultation/index.html"
    soup = page(book / "_build/html", consultation)
    assert soup.find(id="graphique-absent-age") is not None
    assert soup.find(id="fig-repondants-age") is None
    (book / "data/consultation/repondants_age.csv").write_text(
        "tranche_age,pourcentage,source\n"
        "Moins de 25 ans,20.5,Valeurs inventées pour un test automatique\n"
        "25 à 59 ans,60,Valeurs inventées pour un test automatique\n"
        "60 ans et plus,19.5,Valeurs inventées pour un test automatique\n",
        encoding="utf-8",
    )
    result = run_build(book)
    assert result.returncode == 0, result.output[-3000:]
    expected = ("book/releve.md", "notebooks/consultation/index.md")  # its checks are gathered there
    assert executed_notebooks(result.log) == [str(book / p) for p in expected]
    soup = page(book / "_build/html", consultation)
    assert soup.find(id="graphique-absent-age") is None
    assert soup.find(id="fig-repondants-age")["data-q2030-figure"] == "fig-repondants-age-spec"
    shown = html_table(soup, "donnees-repondants-age")
    assert [cells[0] for cells in shown.values()] == ["20,5 %", "60,0 %", "19,5 %"]
    assert soup.find(id="graphique-absent-situation") is not None  # still no file


def test_a_later_year_extends_a_quartier_table_and_the_closed_evaluation_refuses_one(book):
    """Issue 13, rebuilt like any edit: a 2024 row in the évaluation 2015-2023 fails the
    build in French; the values of conftest's ADDED_FACTS (an Insee 2021 rate, a corrected
    value) re-execute exactly the pages that read the quartiers' indicators, and stand
    beside the contract's value (48 % in 2019, l. 551) with their year and source."""
    path = book / "data/evaluation/egalite_fh_actions.csv"
    before = path.read_text(encoding="utf-8")
    rows = "".join(f"2024,{p},1,0,142\n" for p in ("emploi", "precarite", "jeunesse", "ville_durable"))
    path.write_text(before + rows, encoding="utf-8")
    failed = run_build(book)
    assert failed.returncode != 0
    assert "hors de la période de l'évaluation du contrat (2015-2023)" in failed.output
    assert "python -m quartiers2030 import programmation FICHIER" in failed.output
    path.write_text(before, encoding="utf-8")
    add_values_after_the_contract(book / "data")
    result = run_build(book)
    assert result.returncode == 0, result.output[-3000:]
    # The pages that read indicateurs.csv, and the suivi's, which read the programmation and
    # its sources (« Ce qui a changé » is filled after every page is written, without
    # executing: site/ext/changes_page.py).
    pages = ("centre-ville", "chemin-vert", "comparer", "damremont", "residences-sud", "vision")
    suivi = ("actions", "etat", "index", "quartiers")
    # « Ce que le site a relevé » and « Le contrat par thème » read the quartiers' figures too.
    expected = ["book/releve.md", "book/themes.md"] + [f"notebooks/geographie/{name}.md" for name in pages]
    expected += [f"notebooks/suivi/{name}.md" for name in suivi]
    assert executed_notebooks(result.log) == [str(book / p) for p in expected]
    soup = page(book / "_build/html", "notebooks/geographie/chemin-vert.html")
    shown = html_table(soup, "qn06251m-tableau-pauvrete")
    assert shown["Taux de pauvreté"] == ["48 %", "2019", "Ensemble des QPV de la CAB", "ligne 551"]
    assert shown["Taux de pauvreté (ajoutée après le contrat)"] == [
        "47,1 %",
        "2021",
        "–vide",
        "Insee, Filosofi 2021",
    ]
    comparer = page(book / "_build/html", "notebooks/geographie/comparer.html")
    assert (
        "48 % (2019, ligne 551) ; 47,1 % (2021, ajoutée)"
        in html_table(comparer, "tableau-comparaison")["Taux de pauvreté"]
    )


def test_invalid_data_fails_in_french_and_keeps_the_previous_site(book):
    site = book / "_build/html"
    before = _tree(site)
    _edit(book, GENDER_AMOUNTS, "2020,45000,", "2020,45000 euros,")
    result = run_build(book)
    assert result.returncode != 0
    assert f"{GENDER_AMOUNTS}, ligne 4, colonne « montant_eur »" in result.output
    assert "le site n'a pas été reconstruit" in result.output
    assert _tree(site) == before
    _edit(book, GENDER_AMOUNTS, "2020,45000 euros,", "2020,45000,")


# Markup pasted into Excel by mistake: a pillar's labels hold a tag and a script.
ATTACK = "<img src=x onerror=alert(1)><script>alert(2)</script>"


@pytest.mark.browser
def test_markup_in_data_is_shown_as_text_in_tables_and_charts(book, browser):
    """An edit of the pillars' labels, rebuilt like any edit: the markup is text in the
    table, in the legend and on the axis, and nothing runs."""
    import functools
    import http.server
    import threading

    _edit(
        book,
        "data/evaluation/piliers.csv",
        "jeunesse,Donner des perspectives à la jeunesse,Jeunesse,",
        f'jeunesse,"Donner des perspectives {ATTACK}","Jeunesse {ATTACK}",',
    )
    result = run_build(book)
    assert result.returncode == 0, result.output[-3000:]
    site = book / "_build/html"
    soup = page(site, "notebooks/evaluation/enveloppe.html")
    assert not soup.select("main img[src=x]"), "balise <img> injectée dans la page"
    assert not [
        s
        for s in soup.find_all("script")
        if "alert" in (s.string or "") and s.get("type") != "application/json"
    ]
    assert ATTACK in soup.find("table", id="tableau-enveloppe-etat").get_text()

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        tab = browser.new_page()
        dialogs = []
        tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        tab.goto(
            f"http://127.0.0.1:{httpd.server_address[1]}/notebooks/evaluation/enveloppe.html",
            wait_until="networkidle",
        )
        assert wait_until_drawn(tab, 2) >= 2
        legend = " ".join(tab.locator("#fig-enveloppe-par-pilier .legendtext").all_text_contents())
        axis = " ".join(tab.locator("#fig-parts-piliers .ytick text").all_text_contents())
        assert f"Jeunesse {ATTACK}" in legend
        assert f"Jeunesse {ATTACK}" in axis
        assert dialogs == []
        tab.close()
    finally:
        httpd.shutdown()


def test_a_removed_page_leaves_the_site(book):
    site = book / "_build/html"
    assert (site / "book/methode.html").exists()
    _edit(book, "_toc.yml", "      - file: book/methode\n", "")
    (book / "book/methode.md").unlink()
    _edit(
        book,
        "book/index.md",
        "- {ref}`La méthode <methode>` : d'où viennent les chiffres, comment ils sont vérifiés, et\n  comment les réutiliser.\n",
        "",
    )
    _edit(
        book, "book/releve.md", " La {ref}`méthode <methode>` explique\ncomment les contrôles sont faits.", ""
    )
    result = run_build(book)
    assert result.returncode == 0, result.output[-3000:]
    assert not (site / "book/methode.html").exists()


def test_a_failing_notebook_fails_the_build_and_keeps_the_previous_site(book):
    site = book / "_build/html"
    before = _tree(site)
    _edit(
        book,
        "notebooks/evaluation/actions.md",
        "ev.actions_table()",
        "raise RuntimeError('panne volontaire')",
    )
    result = run_build(book)
    assert result.returncode != 0
    assert "panne volontaire" in result.log
    assert "La construction a échoué" in result.output
    assert (
        "notebooks/evaluation/actions.md : le calcul de la page a échoué (RuntimeError : panne volontaire)"
        in (result.output)
    )
    assert _tree(site) == before


def test_after_a_failed_build_only_what_changed_is_executed_again(book):
    """Sphinx forgets everything when a build raises; the next build starts from the
    last good one, so only the page repaired since executes."""
    _edit(
        book,
        "notebooks/evaluation/actions.md",
        "raise RuntimeError('panne volontaire')",
        "ev.actions_table()",
    )
    result = run_build(book)
    assert result.returncode == 0, result.output[-3000:]
    assert executed_notebooks(result.log) == [str(book / "notebooks/evaluation/actions.md")]


def test_a_page_that_warned_is_checked_again_until_it_is_fixed(book):
    """A warning fails the build; rebuilding without a fix must fail again, not publish
    the page that warned."""
    site = book / "_build/html"
    before = _tree(site)
    broken = "# Accessibilité\n\nVoir {ref}`une-ancre-qui-n-existe-pas`.\n"
    _edit(book, "book/accessibilite.md", "# Accessibilité\n", broken)
    for _ in range(2):
        result = run_build(book)
        assert result.returncode != 0
        assert "une-ancre-qui-n-existe-pas" in result.log
        said = "la référence « une-ancre-qui-n-existe-pas » ne mène à aucune ancre du site"
        assert f"book/accessibilite.md, ligne 10 : {said}" in result.output
        assert _tree(site) == before
    _edit(book, "book/accessibilite.md", broken, "# Accessibilité\n")
    result = run_build(book)
    assert result.returncode == 0, result.output[-3000:]


def test_two_clean_builds_in_different_folders_are_byte_identical(first_clean_build, site):
    ours, theirs = first_clean_build, _tree(site)
    assert sorted(ours) == sorted(theirs)
    different = [name for name in ours if ours[name] != theirs[name]]
    assert not different
