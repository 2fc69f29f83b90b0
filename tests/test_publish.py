"""Publishing versions as CI does: one folder per version, versions.json, the root
redirect, old versions never touched, the « Ce qui a changé » page and the diff command."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import pytest

from helpers import BASE, GENDER, git, html_table, normalise, page, published_files, q2030

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def repo(published) -> Path:
    """A repository with two releases: v2024.1, then v2027.1 where one value changed."""
    return Path(published["repo"])


@pytest.fixture(scope="module")
def pages(published) -> dict:
    """The two releases published as CI does (conftest.py, `published`)."""
    return {**published, "out": Path(published["out"])}


def test_first_release_is_laid_out_with_its_index(pages):
    assert [v["version"] for v in pages["first_versions"]] == ["v2024.1"]
    assert pages["first_versions"][0]["aliases"] == ["latest"]


def test_each_version_has_its_folder_and_the_index_lists_them(pages):
    out = pages["out"]
    for name in ("v2024.1", "v2027.1"):
        assert (out / name / "book" / "index.html").is_file()
    versions = json.loads((out / "versions.json").read_text())
    assert [v["version"] for v in versions] == ["v2027.1", "v2024.1"]
    assert versions[0]["aliases"] == ["latest"] and versions[1]["aliases"] == []
    assert versions[0]["date"] == "2027-03-01" and versions[1]["date"] == "2024-06-26"


def test_root_and_latest_redirect_to_the_newest_release(pages):
    out = pages["out"]
    assert "url=v2027.1/" in (out / "index.html").read_text()
    assert "url=../v2027.1/" in (out / "latest" / "index.html").read_text()
    assert "v2024.1" in (out / "versions.html").read_text()


def test_not_found_page_sitemap_and_robots_use_the_public_address(pages):
    out = pages["out"]
    not_found = page(out, "404.html")
    assert not_found.html["lang"] == "fr"
    assert [a["href"] for a in not_found.find_all("a")] == [
        f"{BASE}v2027.1/book/index.html",
        f"{BASE}versions.html",
    ]
    sitemap = (out / "sitemap.xml").read_text()
    assert f"<loc>{BASE}v2027.1/book/index.html</loc>" in sitemap
    assert "v2024.1" not in sitemap and "/dev/" not in sitemap
    assert (out / "robots.txt").read_text().endswith(f"Sitemap: {BASE}sitemap.xml\n")
    assert f"Disallow: {urlparse(BASE).path}pr-\n" in (out / "robots.txt").read_text()  # previews


def test_pages_built_with_the_public_address_name_the_same_page_in_latest(pages):
    out = pages["out"]
    name = "notebooks/evaluation/enveloppe.html"
    latest = page(out / "v2027.1", name)
    assert [link["href"] for link in latest.select('link[rel="canonical"]')] == [f"{BASE}latest/{name}"]
    root = page(out / "v2027.1", "index.html")
    assert root.select_one('link[rel="canonical"]')["href"] == f"{BASE}latest/book/index.html"
    # v2024.1 was published before the address was known, and a release is never rebuilt.
    assert "canonical" not in (out / "v2024.1" / name).read_text(encoding="utf-8")


def test_each_version_has_its_pdf_linked_from_the_home_page(pages):
    from pypdf import PdfReader

    dates = {"v2024.1": "du 26 juin 2024", "v2027.1": "du 1er mars 2027"}
    for name in ("v2024.1", "v2027.1"):
        home = page(pages["out"] / name, "book/index.html")
        link = home.select_one("p.q2030-pdf a")
        assert link and link["href"] == "../quartiers2030.pdf"
        reader = PdfReader(pages["out"] / name / "quartiers2030.pdf")
        assert len(reader.pages) >= 15
        # The cover gives the version and its date, from git (the commits of `repo`).
        cover = normalise(reader.pages[0].extract_text())
        assert f"Version {name}" in cover and dates[name] in cover, cover
        # Text extraction is slow (about 180 pages): read until both are found.
        wanted = {"Contrôles de cohérence", "925"}
        for sheet in reader.pages:
            wanted = {w for w in wanted if w not in sheet.extract_text()}
            if not wanted:
                break
        assert not wanted, f"absent du PDF de {name} : {wanted}"


def test_an_older_version_is_never_rebuilt(pages):
    out = pages["out"]
    assert published_files(out / "v2024.1") == pages["old"]
    assert "v2024.1 : déjà publiée" in pages["log"]


def test_footer_gives_version_date_and_commit_from_git(pages, repo):
    soup = page(pages["out"] / "v2027.1", "book/index.html")
    footer = normalise(soup.select_one(".q2030-build").get_text(" "))
    commit = git(repo, "rev-parse", "--short=12", "v2027.1").strip()
    # after the accessibility statement's link (« Accessibilité : non conforme · »)
    assert "Version v2027.1 · du 01/03/2027" in footer
    assert commit in footer


def test_changes_page_shows_exactly_the_changed_cell(pages):
    soup = page(pages["out"] / "v2027.1", "book/changements.html")
    summary = html_table(soup, "diff-resume")
    changed = {k: v for k, v in summary.items() if v[:4] != ["0", "0", "0", "0"]}
    assert changed == {f"data/{GENDER.removeprefix('data/')}": ["0", "0", "1", "1", ""]}
    detail = html_table(soup, "diff-egalite_fh_montants")
    marked = {k: v for k, v in detail.items() if "ligne inchangée" not in k and "omises" not in k}
    assert marked == {"→ ligne modifiée": ["2019", "38943 →devient 38944", "150"]}
    cell = soup.select_one("#diff-egalite_fh_montants td.q2030-diff-changed")
    assert (cell.find("del").get_text(), cell.find("ins").get_text()) == ("38943", "38944")
    first = page(pages["out"] / "v2024.1", "book/changements.html")
    assert "Aucune version publiée ne précède" in first.get_text()


def test_changes_page_shows_the_changed_words_of_the_page_that_shows_the_value(pages):
    """The texts of v2027.1 compared with the published v2024.1: the page of the amount
    shows it removed and added, word by word; a page that does not show it is unchanged."""
    soup = page(pages["out"] / "v2027.1", "book/changements.html")
    assert soup.select_one(".q2030-diff-totals li").get_text().startswith("Pages : ")
    heading = soup.find(id="changements-notebooks-evaluation-egalite")
    assert heading.a["href"] == "../notebooks/evaluation/egalite.html"
    section = heading.parent
    removed = [d.get_text() for d in section.find_all("del")]
    added = [i.get_text() for i in section.find_all("ins")]
    assert "supprimé : 38 943" in removed and "ajouté : 38 944" in added
    assert soup.find(id="changements-book-methode") is None
    assert "book/methode.html" in soup.select_one("details.q2030-diff-unchanged").get_text()


def test_diff_command_between_two_refs(repo, pages, tmp_path):
    sites = ("--sites", str(pages["out"]))  # the versions published above, not built again
    text = q2030(repo, "diff", "v2024.1", "v2027.1", *sites)
    assert text.returncode == 0, text.stderr
    assert (
        "data/evaluation/egalite_fh_montants.csv : +0 ligne(s), -0 ligne(s), 1 ligne(s) modifiée(s), 1 cellule(s)"
        in text.stdout
    )
    assert "->,2019,38943->38944,150" in text.stdout
    assert text.stdout.count("data/") == 1
    assert "notebooks/evaluation/egalite.html (" in text.stdout
    assert "[-38 943-] {+38 944+}" in text.stdout
    out = tmp_path / "diff.html"
    assert q2030(repo, "diff", "v2024.1", "v2027.1", *sites, "--html", str(out)).returncode == 0
    assert "38943" in out.read_text() and 'lang="fr"' in out.read_text()


@pytest.mark.browser
def test_switcher_and_banner_in_the_browser(pages, browser, tmp_path):
    import functools
    import http.server
    import shutil
    import threading

    from quartiers2030.site import publish

    # On a copy, dev recorded as `publish main` records it (its build is the releases' own
    # code, not made a third time here).
    out = shutil.copytree(pages["out"], tmp_path / "site")
    publish.update_index(out, {"version": "dev", "title": "dev (version de travail)"}, BASE)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        tab = browser.new_page()
        errors, requests = [], []
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.on("request", lambda r: requests.append(r.url))
        tab.goto(f"{origin}/v2024.1/notebooks/evaluation/egalite.html", wait_until="networkidle")
        banner = tab.locator(".q2030-version-banner")
        banner.wait_for()
        assert "La dernière version publiée est v2027.1" in banner.inner_text()
        tab.locator(".q2030-versions summary").click()
        links = tab.locator(".q2030-versions a")
        assert links.all_inner_texts() == ["v2027.1", "v2024.1", "dev (version de travail)"]
        links.first.click()
        tab.wait_for_url(f"{origin}/v2027.1/notebooks/evaluation/egalite.html")
        tab.locator(".q2030-versions").wait_for()
        assert tab.locator(".q2030-version-banner").count() == 0
        assert not errors
        assert all(u.startswith(origin) for u in requests)
        tab.close()
    finally:
        httpd.shutdown()
