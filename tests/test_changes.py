"""« Ce qui a changé » between two versions: a summary, the pages whose text changed (word
by word), the data (cell by cell); the same report from `diff`, as text and as HTML. On two
tiny sites and data folders made here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from quartiers2030.site import changes, gitinfo

TABLE_V1 = "annee,montant\n2019,38943\n2020,45000\n"
TABLE_V2 = "annee,montant\n2019,38944\n2020,45000\n"
PAGES_V1 = {
    "index.html": "",  # the root's redirect: no main text
    "egalite.html": "<h1>Égalité</h1><p>En 2019, 38 943 € pour l'égalité.</p><p>Texte fixe.</p>",
    "methode.html": "<h1>Méthode</h1><p>Rien ne change ici.</p>",
    "ancienne.html": "<h1>Ancienne page</h1>",
}
PAGES_V2 = {
    "index.html": "",
    "egalite.html": "<h1>Égalité</h1><p>En 2019, 38 944 € pour l'égalité.</p><p>Texte fixe.</p>",
    "methode.html": "<h1>Méthode</h1><p>Rien ne change ici.</p>",
    "nouvelle.html": "<h1>Nouvelle page</h1>",
}


def _site(folder: Path, pages: dict[str, str]) -> Path:
    folder.mkdir(parents=True)
    for path, body in pages.items():
        article = f"<article>{body}</article>" if body else ""
        (folder / path).write_text(f"<html lang='fr'><body>{article}</body></html>", encoding="utf-8")
    return folder


def _data(folder: Path, table: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "montants.csv").write_text(table, encoding="utf-8")
    (folder / "fixe.csv").write_text("code\nz\n", encoding="utf-8")
    resources = [
        {
            "name": n,
            "path": f"{n}.csv",
            "schema": {"fields": [{"name": k} for k in keys], "primaryKey": keys[0]},
        }
        for n, keys in (("montants", ["annee", "montant"]), ("fixe", ["code"]))
    ]
    (folder / "datapackage.json").write_text(json.dumps({"resources": resources}), encoding="utf-8")
    return folder


@pytest.fixture
def report(tmp_path) -> changes.Report:
    from quartiers2030.site import diffs, textdiff

    tables = diffs.compare_data(_data(tmp_path / "d1", TABLE_V1), _data(tmp_path / "d2", TABLE_V2))
    pages = textdiff.compare_sites(_site(tmp_path / "s1", PAGES_V1), _site(tmp_path / "s2", PAGES_V2))
    return changes.Report("v2024.1", "v2027.1", tables, pages)


def test_the_report_leads_with_pages_tables_and_cells(report):
    assert changes.summary(report) == [
        "Pages : 1 page modifiée sur 4, 1 ajoutée, 1 supprimée.",
        "Données : 1 table modifiée sur 2, 1 cellule modifiée, 0 ligne ajoutée, 0 ligne supprimée.",
    ]


def test_html_marks_words_removed_and_added_in_words_and_symbols(report):
    soup = BeautifulSoup(changes.render_html(report, "../").markup, "html.parser")
    assert [li.get_text() for li in soup.select(".q2030-diff-totals li")] == changes.summary(report)
    assert [h.get_text() for h in soup.find_all("h2")] == ["Pages", "Données"]
    section = soup.find(id="changements-egalite").parent
    assert section.h3.a["href"] == "../egalite.html"
    (block,) = section.select(".q2030-diff-blocks li")
    assert (
        block.get_text() == "→ passage modifié : En 2019, supprimé : 38 943 ajouté : 38 944 € pour l'égalité."
    )
    assert block.find("del").get_text() == "supprimé : 38 943"
    assert block.find("ins").get_text() == "ajouté : 38 944"
    assert block.find("del").span["class"] == ["q2030-sr-only"]
    assert "1 passage modifié, 1 mot ajouté, 1 mot supprimé" in section.get_text()
    gone = soup.find(id="changements-ancienne").parent
    assert gone.h3.find("a") is None and "page supprimée" in gone.get_text()
    assert "page ajoutée" in soup.find(id="changements-nouvelle").parent.get_text()
    unchanged = soup.select("details.q2030-diff-unchanged")
    assert [d.summary.get_text() for d in unchanged] == ["1 page sans changement", "1 table sans changement"]
    assert [d.p.get_text() for d in unchanged] == ["methode.html", "data/fixe.csv"]
    assert soup.find(id="diff-montants") is not None


def test_text_gives_the_same_with_wdiff_marks(report):
    text = changes.render_text(report)
    assert text.startswith(
        "Ce qui a changé : v2024.1 → v2027.1\n"
        "Pages : 1 page modifiée sur 4, 1 ajoutée, 1 supprimée.\n"
        "Données : 1 table modifiée sur 2, 1 cellule modifiée, 0 ligne ajoutée, 0 ligne supprimée.\n"
        "\n== Pages ==\n"
    )
    assert "egalite.html (Égalité) : 1 passage modifié, 1 mot ajouté, 1 mot supprimé\n" in text
    assert "  → En 2019, [-38 943-] {+38 944+} € pour l'égalité.\n" in text
    assert "ancienne.html (Ancienne page) : page supprimée\n" in text
    assert "nouvelle.html (Nouvelle page) : page ajoutée\n" in text
    assert "methode.html" not in text
    assert "->,2019,38943->38944" in text and "fixe.csv" not in text


def test_without_the_previous_site_the_data_alone_is_compared_and_said(report):
    report.pages = None
    assert changes.summary(report)[-1] == changes.PAGES_NOT_COMPARED
    soup = BeautifulSoup(changes.render_html(report).markup, "html.parser")
    assert soup.find(id="changements-egalite") is None
    assert changes.PAGES_NOT_COMPARED in soup.get_text()
    assert "== Pages ==" not in changes.render_text(report)


def test_the_slot_is_filled_again_at_each_build(report):
    page = "<main><h1>Ce qui a changé</h1>" + str(changes.slot()) + "</main>"
    once = changes.fill(page, changes.render_html(report))
    assert "38 944" in once
    report.tables, report.pages = [], []
    twice = changes.fill(once, changes.render_html(report))
    assert "38 944" not in twice and twice == changes.fill(page, changes.render_html(report))


def test_a_build_compares_with_the_previous_release_it_is_given(tmp_path, monkeypatch):
    root = tmp_path / "book"
    _data(root / "data", TABLE_V2)
    site = _site(root / "_build" / "html", PAGES_V2)
    monkeypatch.setenv(gitinfo.ENV_VERSION, "v2027.1")
    monkeypatch.setenv(gitinfo.ENV_PREVIOUS_VERSION, "v2024.1")
    monkeypatch.setenv(gitinfo.ENV_PREVIOUS_DATA, str(_data(tmp_path / "old-data", TABLE_V1)))
    monkeypatch.delenv(gitinfo.ENV_PREVIOUS_SITE, raising=False)
    assert changes.for_build(root, site).pages is None
    monkeypatch.setenv(gitinfo.ENV_PREVIOUS_SITE, str(_site(tmp_path / "old-site", PAGES_V1)))
    report = changes.for_build(root, site)
    assert (report.old_label, report.new_label) == ("v2024.1", "v2027.1")
    assert changes.summary(report)[0] == "Pages : 1 page modifiée sur 4, 1 ajoutée, 1 supprimée."


def _git(repo: Path, *args: str) -> None:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="t@example.invalid",
    )
    subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True)


def test_diff_command_between_two_published_versions(tmp_path):
    repo = tmp_path / "repo"
    _data(repo / "data", TABLE_V1)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "v1")
    _git(repo, "tag", "v2024.1")
    (repo / "data" / "montants.csv").write_text(TABLE_V2, encoding="utf-8")
    _git(repo, "commit", "-qam", "v2")
    _git(repo, "tag", "v2027.1")
    sites = tmp_path / "pages"
    _site(sites / "v2024.1", PAGES_V1)
    _site(sites / "v2027.1", PAGES_V2)
    env = {k: v for k, v in os.environ.items() if not k.startswith("Q2030_")}
    run = [sys.executable, "-m", "quartiers2030", "--root", str(repo), "diff", "v2024.1", "v2027.1"]
    text = subprocess.run([*run, "--sites", str(sites)], env=env, capture_output=True, text=True)
    assert text.returncode == 0, text.stderr
    assert "  → En 2019, [-38 943-] {+38 944+} € pour l'égalité.\n" in text.stdout
    out = tmp_path / "diff.html"
    html = subprocess.run([*run, "--sites", str(sites), "--html", str(out)], env=env, capture_output=True)
    assert html.returncode == 0
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "fr" and soup.h1.get_text() == "Ce qui a changé : v2024.1 → v2027.1"
    assert soup.select_one("#changements-egalite + p + ul del").get_text() == "supprimé : 38 943"
    data_only = subprocess.run([*run, "--data-only"], env=env, capture_output=True, text=True)
    assert data_only.returncode == 0 and "== Pages ==" not in data_only.stdout
    assert "->,2019,38943->38944" in data_only.stdout
