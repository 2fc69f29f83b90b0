"""A build that can execute nothing starts no kernel zygote (site/unchanged.py): the stamp
of what a build starts from changes with every edit, touch, new file or setting of the
book, not with its builds; a build from the last good build's stamp runs jupyter-book
without the zygote, any other with it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quartiers2030.site import build, kernel_zygote, unchanged
from quartiers2030.site.ext.addresses import PUBLIC_URL_ENV

NOTEBOOK = "notebooks/page.md"


@pytest.fixture
def book(root) -> Path:
    (root / "notebooks").mkdir()
    (root / NOTEBOOK).write_text("# Une page\n", encoding="utf-8")
    return root


def test_the_stamp_follows_every_file_of_the_book(book):
    first = unchanged.stamp(book, {})
    assert unchanged.stamp(book, {}) == first
    path = book / NOTEBOOK
    path.write_text("# Une autre page\n", encoding="utf-8")
    edited = unchanged.stamp(book, {})
    assert edited != first
    later = path.stat().st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(later, later))  # the same bytes, newer: Sphinx reads it again
    assert unchanged.stamp(book, {}) != edited
    touched = unchanged.stamp(book, {})
    (book / "data" / "nouveau.csv").write_text("a\n1\n", encoding="utf-8")
    assert unchanged.stamp(book, {}) != touched


def test_the_stamp_ignores_the_builds_and_installed_folders(book):
    first = unchanged.stamp(book, {})
    for folder in ("_build/.work", "node_modules/x", ".git", "src/quartiers2030/__pycache__"):
        (book / folder).mkdir(parents=True, exist_ok=True)
        (book / folder / "fichier").write_text("x", encoding="utf-8")
    assert unchanged.stamp(book, {}) == first


def test_the_stamp_follows_the_builds_settings_not_its_messages(book):
    first = unchanged.stamp(book, {})
    assert unchanged.stamp(book, {"Q2030_QUIET": "1", "HOME": "/ailleurs"}) == first
    assert unchanged.stamp(book, {PUBLIC_URL_ENV: "https://exemple.fr/"}) != first


def test_a_build_from_the_last_good_builds_stamp_starts_no_zygote(book, monkeypatch):
    said = []

    def jupyter_book(root, work, log, *, warm_kernels=True):
        said.append(warm_kernels)
        (root / build.ENVIRONMENT).parent.mkdir(parents=True, exist_ok=True)
        (root / build.ENVIRONMENT).write_bytes(b"env")
        (work / "_build" / "html").mkdir(parents=True, exist_ok=True)
        return 0

    monkeypatch.setattr(build, "run_jupyter_book", jupyter_book)
    build.build(book)  # the first: nothing recorded
    build.build(book)  # nothing changed since
    (book / NOTEBOOK).write_text("# Modifiée\n", encoding="utf-8")
    build.build(book)
    build.build(book, clean=True)  # the record goes with the work folder
    assert said == [True, False, True, True]


def test_without_warm_kernels_jupyter_book_is_told_to_start_them_afresh(book, monkeypatch):
    seen = {}

    def run_logged(cmd, *, cwd, env, log, echo):
        seen.update(env)
        return 0

    monkeypatch.setattr(build.processes, "run_logged", run_logged)
    build.run_jupyter_book(book, book / build.WORK, book / build.LOG, warm_kernels=False)
    assert seen[kernel_zygote.SWITCH_ENV] == "0"
    seen.clear()
    monkeypatch.delenv(kernel_zygote.SWITCH_ENV, raising=False)
    build.run_jupyter_book(book, book / build.WORK, book / build.LOG)
    assert kernel_zygote.SWITCH_ENV not in seen


def test_copies_of_the_book_leave_out_its_builds_and_installs():
    names = [
        "_build",
        "node_modules",
        ".git",
        ".venv",
        "quartiers2030.egg-info",
        "data",
        "notebooks",
        "_toc.yml",
    ]
    assert unchanged.book_copy_ignore(".", names) == [
        "_build",
        "node_modules",
        ".git",
        ".venv",
        "quartiers2030.egg-info",
    ]
