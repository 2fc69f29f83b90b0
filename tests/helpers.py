"""Shared test helpers: copies of the book, builds, and reading the built pages."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[1]
SKIPPED = {".git", ".venv", "_build", "__pycache__", ".pytest_cache", "node_modules"}


def copy_book(target: Path) -> Path:
    """A copy of the book's sources (not its builds) at `target`."""
    shutil.copytree(REPO, target, ignore=lambda d, names: [n for n in names if n in SKIPPED
                                                            or n.endswith(".egg-info")])
    if (REPO / "node_modules").is_dir():  # installed by `npm ci`; ignored by git
        (target / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)
    return target


@dataclass
class BuildResult:
    root: Path
    returncode: int
    output: str

    @property
    def site(self) -> Path:
        return self.root / "_build" / "html"

    @property
    def log(self) -> str:
        path = self.root / "_build" / "build.log"
        return path.read_text(encoding="utf-8") if path.exists() else ""


def run_build(root: Path, *args: str) -> BuildResult:
    env = dict(os.environ, Q2030_QUIET="1")
    env.pop("Q2030_ROOT", None)
    env.pop("Q2030_DATA_INPUTS", None)
    proc = subprocess.run([sys.executable, "-m", "quartiers2030", "--root", str(root), "build", *args],
                          cwd=root, env=env, capture_output=True, text=True)
    return BuildResult(root, proc.returncode, proc.stdout + proc.stderr)


def executed_notebooks(log: str) -> list[str]:
    """Notebooks myst-nb executed during a build, from its log."""
    return sorted(set(re.findall(r"([\w/.-]+\.md): Executing notebook", log)))


def normalise(text: str) -> str:
    """Fold every kind of space (U+00A0, U+202F…) to one plain space."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", " ", text).strip()


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def page(site: Path, relative: str) -> BeautifulSoup:
    return BeautifulSoup((site / relative).read_text(encoding="utf-8"), "html.parser")


def html_table(soup: BeautifulSoup, table_id: str) -> dict[str, list[str]]:
    """A rendered table as {row header: [cell texts]}; repeated headers get a suffix."""
    table = soup.find("table", id=table_id)
    assert table is not None, f"table #{table_id} absent de la page"
    rows: dict[str, list[str]] = {}
    for tr in table.select("tbody tr, tfoot tr"):
        header = normalise(tr.th.get_text())
        cells = [normalise(td.get_text()) for td in tr.find_all("td")]
        key, n = header, 2
        while key in rows:
            key, n = f"{header} #{n}", n + 1
        rows[key] = cells
    return rows


def table_columns(soup: BeautifulSoup, table_id: str) -> list[str]:
    table = soup.find("table", id=table_id)
    return [normalise(th.get_text()) for th in table.select("thead tr:last-child th")][1:]


def wait_until_drawn(tab, expected: int) -> int:
    """Wait for the charts to be drawn, polling from the test: an in-page poll
    (wait_for_function) needs eval, which the pages' CSP rightly forbids."""
    drawn = tab.locator('[data-q2030-drawn="true"]')
    for _ in range(200):
        if drawn.count() >= expected:
            break
        tab.wait_for_timeout(100)
    return drawn.count()


def open_chart_page(browser, server: str, path: str):
    """A page with charts, opened once they are drawn: (tab, plots, count, requests, errors)."""
    tab = browser.new_page()
    requests, errors = [], []
    tab.on("request", lambda r: requests.append(r.url))
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(f"{server}/{path}", wait_until="networkidle")
    plots = tab.locator("[data-q2030-figure]")
    count = plots.count()
    assert count >= 1, path
    assert wait_until_drawn(tab, count) == count, path
    return tab, plots, count, requests, errors
