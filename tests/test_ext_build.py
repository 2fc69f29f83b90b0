"""The Sphinx extension on a tiny sample book (tests/sample_book), built in-process with
Sphinx and myst-nb: pages kept in step with their declared data, glossary links, pruning
of what a removed page left behind, and the Content-Security-Policy of each page.

The tests of this module share one copy of the book and build it incrementally, as staff
do: each test ends with a completed build."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.application import Sphinx

import quartiers2030
from quartiers2030.data import datapackage

SAMPLE = Path(__file__).parent / "sample_book"
SRC = Path(quartiers2030.__file__).resolve().parents[1]
CONFIG = {
    "extensions": ["myst_nb", "quartiers2030.site.ext"],
    "root_doc": "index",
    "language": "fr",
    "html_theme": "basic",
    "exclude_patterns": ["README.md", "data", "_build"],
    "nb_execution_mode": "auto",
    "nb_execution_raise_on_error": True,
    "q2030_glossary_page": "glossaire",
    "q2030_data_archive": "exemple-donnees.zip",
}
# The extension tells kernels where the book is and what a page declared, through the
# environment; a test build must leave the test process's environment as it found it.
ENVIRONMENT = ("Q2030_ROOT", datapackage.DECLARED_INPUTS_ENV, "PYTHONPATH")


def build(root: Path) -> list[str]:
    """Build the book at `root` (incrementally); the documents Sphinx read, in order."""
    saved = {k: os.environ.get(k) for k in ENVIRONMENT}
    # The kernels that execute the notebooks import this package from where the tests do.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), saved["PYTHONPATH"]]))
    warnings = io.StringIO()
    try:
        app = Sphinx(
            root, None, root / "_build" / "html", root / "_build" / "doctrees", "html",
            confoverrides=dict(CONFIG), status=io.StringIO(), warning=warnings,
        )  # fmt: skip
        read: list[str] = []
        app.connect("source-read", lambda app, docname, source: read.append(docname))
        app.build()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    assert app.statuscode == 0, warnings.getvalue()
    return read


def html(root: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((root / "_build" / "html" / page).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("sample") / "book"
    shutil.copytree(SAMPLE, root)
    assert sorted(build(root)) == ["a", "b", "glossaire", "index", "texte"]
    return root


def test_an_unchanged_rebuild_reads_nothing(book):
    assert build(book) == []


def test_a_csv_change_rereads_exactly_the_page_that_declares_it(book):
    assert "Total : 150" in html(book, "a.html").get_text()
    path = book / "data" / "valeurs.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2024,50", "2024,75"), encoding="utf-8")
    assert build(book) == ["a"]
    assert "Total : 175" in html(book, "a.html").get_text()
    assert build(book) == []


def test_the_first_use_of_an_acronym_links_to_the_glossary(book):
    soup = html(book, "texte.html")
    links = soup.select('a[href^="glossaire.html#sigle-"]')
    assert [(a["href"], a.abbr.get_text(), a.abbr["title"]) for a in links] == [
        ("glossaire.html#sigle-qpv", "QPV", "Quartier prioritaire de la politique de la ville"),
        (
            "glossaire.html#sigle-cget",
            "CGET",
            "Commissariat général à l'égalité des territoires (sens incertain)",
        ),
    ]
    assert soup.h1.find("abbr") is None  # never in a heading
    assert soup.find("code").find("abbr") is None  # never in code
    assert html(book, "glossaire.html").select('a[href*="#sigle-"]') == []  # nor on the glossary


def test_the_first_use_of_a_word_of_the_policy_links_to_the_glossary(book):
    soup = html(book, "texte.html")
    links = soup.select('a[href^="glossaire.html#terme-"]')
    assert [(a["href"], a.get_text(), a["title"]) for a in links] == [
        ("glossaire.html#terme-pilier", "Pilier", "Une des grandes parties du contrat."),
        ("glossaire.html#terme-droit-commun", "droit commun", "Ce que les services publics font pour tous."),
    ]
    assert soup.h2.select("a.q2030-term") == []  # never in a heading
    assert soup.find("code", string="pilier") is not None  # nor in code


def test_a_glossary_change_rereads_every_page(book):
    path = book / "data" / "glossaire.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",,incertain", ",,sur"), encoding="utf-8")
    assert sorted(build(book)) == ["a", "b", "glossaire", "index", "texte"]
    titles = [a["title"] for a in html(book, "texte.html").select("abbr")]
    assert "Commissariat général à l'égalité des territoires" in titles
    path = book / "data" / "termes.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("pilier|piliers", "piliers"), encoding="utf-8")
    assert sorted(build(book)) == ["a", "b", "glossaire", "index", "texte"]
    assert [a.get_text() for a in html(book, "texte.html").select('a[href*="#terme-pilier"]')] == ["piliers"]


def test_a_removed_page_and_a_removed_data_file_leave_the_site(book):
    site = book / "_build" / "html"
    (book / "extra.md").write_text("# Page en trop\n", encoding="utf-8")
    (book / "data" / "notes.txt").write_text("Une note.\n", encoding="utf-8")
    build(book)
    assert (site / "extra.html").is_file() and (site / "donnees" / "notes.txt").is_file()
    (book / "extra.md").unlink()
    (book / "data" / "notes.txt").unlink()
    build(book)
    assert not (site / "extra.html").exists()
    assert not (site / "donnees" / "notes.txt").exists()
    for kept in (
        "index.html",
        "search.html",
        "genindex.html",
        "donnees/exemple-donnees.zip",
        "donnees/valeurs.csv",
    ):
        assert (site / kept).is_file(), kept


def test_every_page_has_its_policy_first_with_the_hash_of_its_inline_script(book):
    from quartiers2030.site import csp

    raw = (book / "_build" / "html" / "texte.html").read_text(encoding="utf-8")
    head = BeautifulSoup(raw, "html.parser").head
    first = head.find(True)
    assert first.name == "meta" and first["http-equiv"] == "Content-Security-Policy"
    policy = first["content"]
    assert policy == csp.policy(csp.META.sub("", raw))
    assert "default-src 'self'" in policy and "'unsafe-inline'" not in policy.split(";")[1]
    assert policy.split(";")[1].count("'sha256-") >= 1  # the page's own inline script
    for page in ("a.html", "index.html", "search.html"):
        assert html(book, page).head.find(True)["http-equiv"] == "Content-Security-Policy"
