"""Shared test helpers: copies of the book, builds, reading the built pages, and reading the
contract's text and our data files."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import frictionless
import pandas as pd
from bs4 import BeautifulSoup

from quartiers2030.site import unchanged

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
CONTRACT = DATA / "source" / "contrat-de-ville-2024-2030.txt"


def copy_book(target: Path) -> Path:
    """A copy of the book's sources (not its builds) at `target`."""
    shutil.copytree(REPO, target, ignore=unchanged.book_copy_ignore)
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
    proc = subprocess.run(
        [sys.executable, "-m", "quartiers2030", "--root", str(root), "build", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
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
    """Bring each chart into view, as a reader scrolling would (a chart draws only when it
    approaches the screen), and wait for the charts to be drawn, polling from the test: an
    in-page poll (wait_for_function) needs eval, which the pages' CSP rightly forbids."""
    drawn = tab.locator('[data-q2030-drawn="true"]')
    plots = tab.locator("[data-q2030-figure]")
    for i in range(plots.count()):
        plots.nth(i).scroll_into_view_if_needed()
    for _ in range(800):
        if drawn.count() >= expected:
            break
        tab.wait_for_timeout(25)
    return drawn.count()


AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Violations only: axe then stops at the first node of each rule that passes (its
# `resultTypes` option), the same violations found in a fraction of the time on long pages.
AXE_RUN = (
    "async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}))"
    ".violations.map(v => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)"
)


def axe_violations(tab) -> list[str]:
    """axe-core's violations on the page as it is now (rule, help, first three nodes)."""
    if not tab.evaluate("() => typeof window.axe === 'object'"):
        tab.evaluate(AXE.read_text(encoding="utf-8"))
    return tab.evaluate(AXE_RUN, AXE_TAGS)


def open_chart_page(browser, server: str, path: str):
    """A page with charts, opened once they are drawn: (tab, plots, count, requests, errors)."""
    tab = browser.new_page()
    requests, errors = [], []
    tab.on("request", lambda r: requests.append(r.url))
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(f"{server}/{path}", wait_until="load")  # the charts' own wait decides
    plots = tab.locator("[data-q2030-figure]")
    count = plots.count()
    assert count >= 1, path
    assert wait_until_drawn(tab, count) == count, path
    return tab, plots, count, requests, errors


def assert_figure_described(figure, min_description: int = 40):
    """A figure of the book: a plot shown as an image, with a title, a text alternative of more
    than `min_description` characters, and its data as a table with a caption and its headers
    tied to its cells. Returns the plot."""
    plot = figure.select_one("[data-q2030-figure]")
    assert plot["role"] == "img"
    assert figure.find(id=plot["aria-labelledby"]).get_text(strip=True)
    assert len(figure.find(id=plot["aria-describedby"]).get_text(strip=True)) > min_description
    table = figure.select_one("details table")
    assert table.caption.get_text(strip=True)
    assert_headers_tied(table)
    return plot


def assert_headers_tied(table) -> None:
    """Every data cell tied to its headers: by the headers' scopes, or, in a table with two
    header rows, by `headers` naming the ids of existing header cells."""
    ids = {th.get("id") for th in table.find_all("th")}
    if table.select("td[headers]"):
        for td in table.select("tbody td, tfoot td"):
            names = td.get("headers") or []  # BeautifulSoup reads `headers` as a list of names
            assert names and set(names.split() if isinstance(names, str) else names) <= ids, td
    else:
        assert all(th.get("scope") in ("col", "row") for th in table.find_all("th"))


def assert_ids_unique_and_figures_described(soup: BeautifulSoup) -> None:
    """A built page: no id twice, every figure described, and a meta description."""
    ids = [e["id"] for e in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for figure in soup.select("figure.q2030-figure"):
        assert_figure_described(figure)
    assert soup.find("meta", attrs={"name": "description"})["content"]


# --- the contract's text and our data files ------------------------------------------------


@functools.cache
def contract_lines() -> tuple[str, ...]:
    """The lines of data/source/contrat-de-ville-2024-2030.txt (line n is item n - 1)."""
    return tuple(CONTRACT.read_text(encoding="utf-8").split("\n"))


def squash(text: str) -> str:
    """Text compared with the contract across spaces, quotes, bold marks and the PDF's
    hyphenation (« non-recours » / « nonrecours »): no spaces, hyphens, dashes, « », *, ’ or '."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\-‐–—«»*’']", "", text).lower()


def stands_on(value: str, number: int) -> bool:
    """The value is on line `number` of the contract, or starts there and ends on the next
    non-blank line (an item that a page break of the PDF cut in two carries the line where it
    starts)."""
    lines = contract_lines()
    here, text = squash(lines[number - 1]), squash(value)
    if text in here:
        return True
    following = next((item for item in lines[number:] if item.strip()), "")
    return text[:40] in here and text in here + squash(following)


def printed_numbers(line: str, words: dict[str, float]) -> set[float]:
    """Numbers written on a line in figures (« 12 809 », « 0, 658 », « 45,6 ») and, among
    `words`, those written in words (« moitié »: 50)."""
    text = unicodedata.normalize("NFKC", line)
    text = re.sub(r"(\d),\s+(\d)", r"\1,\2", text)
    text = re.sub(r"(\d)\s(?=\d{3}\b)", r"\1", text)
    found = {float(n.replace(",", ".")) for n in re.findall(r"\d+(?:[.,]\d+)?", text)}
    return found | {v for w, v in words.items() if re.search(rf"\b{w}\b", text, re.I)}


# Project-only properties of data/datapackage.json, which frictionless does not know.
PROJECT_ONLY = ("optional", "verbatim", "requiredRows")


def part_resources(folder: str) -> list[dict]:
    """The resources of data/datapackage.json under data/<folder>/, as plain Data Package
    resources (the project-only properties removed)."""
    house = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    return [
        {k: v for k, v in r.items() if k not in PROJECT_ONLY}
        for r in house["resources"]
        if r["path"].startswith(f"{folder}/")
    ]


def assert_house_style(resource: dict) -> None:
    """A tabular CSV resource, titled, described and sourced, with a primary key and every
    field titled and described."""
    assert (resource["profile"], resource["format"], resource["mediatype"], resource["encoding"]) == (
        "tabular-data-resource",
        "csv",
        "text/csv",
        "utf-8",
    ), resource["name"]
    assert resource["title"] and resource["description"] and resource["sources"], resource["name"]
    assert resource["schema"]["primaryKey"], resource["name"]
    for field in resource["schema"]["fields"]:
        assert field.get("title") and field.get("description"), f"{resource['name']}.{field['name']}"


def csv_text(path: Path) -> str:
    """A data file's text, checked to be UTF-8 without a byte order mark, with Unix line ends
    and one final newline."""
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw, path
    text = raw.decode("utf-8")
    assert text.endswith("\n") and not text.endswith("\n\n"), path
    return text


def edited_copy(target: Path, rel: str, old: str, new: str) -> Path:
    """A copy of the data folder of `rel` (data/<folder>/) under `target`, where the first `old`
    of data/<rel> is replaced by `new`."""
    folder = rel.split("/")[0]
    shutil.copytree(DATA / folder, target / folder)
    path = target / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} absent de {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def validation_problems(resources: list[dict], basepath: Path) -> list[str]:
    """What frictionless finds wrong with these resources' files under `basepath`, one line a
    problem."""
    report = frictionless.Package({"resources": resources}, basepath=str(basepath)).validate()
    problems = [
        f"{task.name} l. {getattr(e, 'row_number', '')} : {e.message}"
        for task in report.tasks
        for e in task.errors
    ]
    return problems + [e.message for e in report.errors]


def read_as_text(path: Path) -> pd.DataFrame:
    """A CSV file as text, an empty cell as None."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    return frame.astype(object).where(frame.notna(), None)


_PANDAS = {"integer": "Int64", "number": "float64", "date": "string"}


def read_typed(resource: dict) -> pd.DataFrame:
    """A resource's CSV file as a DataFrame typed after its Table Schema, its columns checked
    against the schema's fields."""
    dtypes = {f["name"]: _PANDAS.get(f["type"], "string") for f in resource["schema"]["fields"]}
    frame = pd.read_csv(DATA / resource["path"], dtype=dtypes, keep_default_na=False, na_values=[""])
    assert list(frame.columns) == list(dtypes), f"{resource['path']} : colonnes {list(frame.columns)}"
    return frame


@contextlib.contextmanager
def on(root: Path):
    """The package reads the book at `root` (as a build's kernels do through Q2030_ROOT)."""
    from quartiers2030.data import datapackage

    before = os.environ.get("Q2030_ROOT")
    os.environ["Q2030_ROOT"] = str(root)
    datapackage._descriptor.cache_clear()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("Q2030_ROOT", None)
        else:
            os.environ["Q2030_ROOT"] = before
        datapackage._descriptor.cache_clear()


# The publishing of two releases that test_publish.py and test_pdf.py read (conftest.py,
# `published`): v2024.1, then v2027.1 where one amount of this file changed.
GENDER = "data/evaluation/egalite_fh_montants.csv"
BASE = "https://exemple.invalid/quartiers2030/"


def git(repo: Path, *args: str, date: str = "2024-06-26T12:00:00") -> str:
    env = dict(
        os.environ,
        GIT_AUTHOR_DATE=date,
        GIT_COMMITTER_DATE=date,
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="t@example.invalid",
    )
    return subprocess.run(
        ["git", "-C", str(repo), *args], env=env, check=True, capture_output=True, text=True
    ).stdout


def q2030(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("Q2030_")}
    return subprocess.run(
        [sys.executable, "-m", "quartiers2030", "--root", str(repo), *args],
        env=env,
        capture_output=True,
        text=True,
    )


def published_files(folder: Path) -> dict[str, list]:
    """Each file of a published version: its content's digest and its modification time."""
    return {
        p.relative_to(folder).as_posix(): [hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns]
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def publish_two_releases(folder: Path) -> dict:
    """A repository with two releases, published as CI does: v2024.1 alone first, then both
    with the public address (v2024.1 kept as it was). Its record: the repository, the
    output folder, v2024.1's files after the first publishing, the first versions.json
    and the second publishing's log."""
    repo = copy_book(folder / "repo")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "contrat signé")
    git(repo, "tag", "v2024.1")
    path = repo / GENDER
    path.write_text(path.read_text(encoding="utf-8").replace("2019,38943,", "2019,38944,"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "correction d'un montant", date="2027-03-01T12:00:00")
    git(repo, "tag", "v2027.1")
    out = folder / "pages" / "site"
    first = q2030(repo, "publish", "--out", str(out), "v2024.1")
    assert first.returncode == 0, first.stdout + first.stderr
    old = published_files(out / "v2024.1")
    versions_after_first = json.loads((out / "versions.json").read_text())
    # main (dev) is built by the same code as a release: its own handling is in
    # test_publish_index.py, without a third full build here.
    second = q2030(repo, "publish", "--out", str(out), "--base-url", BASE, "v2024.1", "v2027.1")
    assert second.returncode == 0, second.stdout + second.stderr
    return {
        "repo": str(repo),
        "out": str(out),
        "old": old,
        "first_versions": versions_after_first,
        "log": second.stdout,
    }
