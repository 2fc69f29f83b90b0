"""Publishing without building: versions.json, the redirects, the sitemap, and which
refs are rebuilt. The build of a version is replaced here by a page naming the version it
was given; tests/test_publish.py builds real releases."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from quartiers2030.site import gitinfo, pdf, publish

BASE = "https://exemple.invalid/q/"


def _git(repo: Path, *args: str) -> None:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="t@example.invalid",
    )
    subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "README.md").write_text("un\n", encoding="utf-8")
    (repo / "data").mkdir()  # dev is compared with the data of the last release
    (repo / "data" / "a.csv").write_text("a\n1\n", encoding="utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "un")
    _git(repo, "tag", "v2024.1")
    return repo


@pytest.fixture
def builds(monkeypatch) -> list[str]:
    """Each build writes a home page naming its version and its README; PDFs are empty."""
    made = []

    def build(book: Path, ref: str, env: dict) -> None:
        made.append(ref)
        home = book / "_build" / "html" / "book" / "index.html"
        home.parent.mkdir(parents=True)
        readme = (book / "README.md").read_text(encoding="utf-8").strip()
        home.write_text(f"{env[gitinfo.ENV_VERSION]} {readme}", encoding="utf-8")

    monkeypatch.setattr(publish, "_build_version", build)
    monkeypatch.setattr(pdf, "make_pdf", lambda site, root: (site / pdf.PDF_NAME).write_bytes(b""))
    return made


def test_main_is_published_as_dev_and_rebuilt_at_every_publication(repo, builds, tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    assert publish.publish(repo, pages, "main", log=lambda _: None) == "built"
    assert (pages / "dev" / "book" / "index.html").read_text() == "dev un"
    (repo / "README.md").write_text("deux\n", encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "deux")
    assert publish.publish(repo, pages, "main", log=lambda _: None) == "built"
    assert (pages / "dev" / "book" / "index.html").read_text() == "dev deux"
    assert builds == ["main", "main"]


def test_a_release_is_built_once(repo, builds, tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    said = []
    assert publish.publish(repo, pages, "v2024.1", log=said.append) == "built"
    assert publish.publish(repo, pages, "v2024.1", log=said.append) == "skipped"
    assert builds == ["v2024.1"]
    assert "v2024.1 : déjà publiée, conservée telle quelle (une version n'est jamais reconstruite)." in said


def test_without_a_release_the_root_goes_to_dev(tmp_path):
    versions = publish.update_index(tmp_path, {"version": "dev", "title": "dev (version de travail)"})
    assert versions == [{"version": "dev", "title": "dev (version de travail)", "aliases": []}]
    assert "url=dev/" in (tmp_path / "index.html").read_text()
    assert "url=../dev/" in (tmp_path / "latest" / "index.html").read_text()


def test_dev_comes_after_the_releases_and_is_never_latest(tmp_path):
    publish.update_index(tmp_path, {"version": "dev", "title": "dev (version de travail)"})
    publish.update_index(tmp_path, {"version": "v2024.1", "title": "v2024.1"})
    publish.update_index(tmp_path, {"version": "v2027.1", "title": "v2027.1"})
    versions = json.loads((tmp_path / "versions.json").read_text())
    assert [(v["version"], v["aliases"]) for v in versions] == [
        ("v2027.1", ["latest"]),
        ("v2024.1", []),
        ("dev", []),
    ]
    listed = (tmp_path / "versions.html").read_text()
    assert listed.index("v2027.1") < listed.index("v2024.1") < listed.index("dev (version de travail)")


def test_the_sitemap_lists_the_latest_release_only(tmp_path):
    for name in ("v2024.1", "dev"):
        (tmp_path / name / "book").mkdir(parents=True)
        (tmp_path / name / "book" / "index.html").write_text("<p></p>")
    publish.update_index(tmp_path, {"version": "dev", "title": "dev (version de travail)"}, BASE)
    publish.update_index(tmp_path, {"version": "v2024.1", "title": "v2024.1"}, BASE)
    sitemap = (tmp_path / "sitemap.xml").read_text()
    assert f"<loc>{BASE}v2024.1/book/index.html</loc>" in sitemap
    assert "/dev/" not in sitemap
