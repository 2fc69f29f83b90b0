"""Valid, checked markup on every page of the built site (issue 16): no error from the Nu
HTML checker (npm `vnu-jar`, on Java; one process for every page, it is slow to start)
nor from HTML_CodeSniffer (npm `pa11y`, its `htmlcs` runner, WCAG 2 AA, in Debian
Chromium, several pages at a time), beside axe-core (test_browser.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from helpers import REPO
from quartiers2030.site.pdf import CHROMIUM
from test_browser import site_pages

pytestmark = [pytest.mark.build]

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PA11Y = REPO / "tests" / "pa11y.mjs"
PA11Y_PAGES_AT_ONCE = 4


def nu_errors(paths: list) -> dict[str, list[str]]:
    """The Nu HTML checker's errors, by file (its warnings and notes are not counted)."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java est requis pour le vérificateur Nu HTML : tools/system-deps.sh java")
    run = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--exit-zero-always", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    found: dict[str, list[str]] = {}
    for message in json.loads(run.stderr)["messages"]:
        if message["type"] == "error" or message.get("subType") == "fatal":
            where = message.get("url", "?").rsplit("/_build/html/", 1)[-1]
            found.setdefault(where, []).append(f"{message.get('lastLine', '?')}: {message['message']}")
    return found


def test_the_nu_html_checker_finds_no_error_on_any_page(site):
    pages = [site / p for p in site_pages(site)]
    assert len(pages) >= 10
    assert {page: errors[:5] for page, errors in nu_errors(pages).items()} == {}


def test_the_nu_html_checker_finds_what_the_standard_forbids(tmp_path):
    """The check can fail: a role on a cell, a label naming no field (what the site had)."""
    page = tmp_path / "mauvaise.html"
    page.write_text(
        '<!DOCTYPE html><html lang="fr"><head><title>t</title></head><body><table><tr>'
        '<td role="cell">1</td></tr></table><label for="absent">Rechercher</label></body></html>',
        encoding="utf-8",
    )
    (errors,) = nu_errors([page]).values()
    assert len(errors) == 2 and "role" in errors[0] and "for" in errors[1], errors


def sniffer_errors(server: str, pages: list[str]) -> dict[str, list[str]]:
    if not CHROMIUM.exists():
        pytest.fail("Chromium (Debian) est requis : apt-get install chromium")
    env = dict(os.environ, PUPPETEER_SKIP_DOWNLOAD="1", CHROMIUM=str(CHROMIUM))
    run = subprocess.run(
        ["node", str(PA11Y), server, str(PA11Y_PAGES_AT_ONCE), *pages],
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
        cwd=REPO,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout)


@pytest.mark.browser
def test_html_codesniffer_finds_no_error_on_any_page(site, server, tmp_path):
    pages = site_pages(site)
    # A wrong page beside them (outside the shared site), so that the run is seen to find
    # errors: an empty heading, a cell under two header rows tied by nothing.
    wrong = tmp_path / "mauvaise.html"
    wrong.write_text(
        '<!DOCTYPE html><html lang="fr"><head><title>t</title></head><body><main><h1></h1>'
        '<table><tr><td></td><th colspan="2">Groupe</th></tr><tr><th>A</th><th>B</th><th>C</th></tr>'
        "<tr><th>r</th><td>1</td><td>2</td></tr></table></main></body></html>",
        encoding="utf-8",
    )
    found = sniffer_errors(server, [*pages, wrong.as_uri()])
    assert set(found) == {*pages, wrong.as_uri()}
    seeded = found.pop(wrong.as_uri())
    assert any("H43" in e for e in seeded) and any("H42" in e for e in seeded), seeded
    assert {page: errors for page, errors in found.items() if errors} == {}
