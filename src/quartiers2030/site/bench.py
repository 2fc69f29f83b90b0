"""`make bench`: build times and page weights, measured on a copy of the book.

Not a test: numbers vary with the machine. Prints a table and writes `_build/bench.json`.

- clean build, rebuild with nothing changed, rebuild after one CSV value changed (and
  which notebooks that re-executed);
- for every page: its HTML, and the bytes a first visit transfers, gzip-compressed as a
  web server would send them (the page and every same-origin script, stylesheet, icon
  and image it references);
- the two test commands as `make test-fast` and `make test` run them (lint, then pytest on
  every core), timed on a fresh copy of the book with the environment already installed
  (`--no-tests` leaves them out: they take minutes).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

from quartiers2030.core import paths
from quartiers2030.site import build as build_mod

SKIP = {".git", ".venv", "_build", "__pycache__", ".pytest_cache", "node_modules"}
# The value the benchmark edits: one cell of one CSV (the 2019 gender-equality amount).
EDIT_FILE = Path("data/evaluation/egalite_fh_montants.csv")


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.urls.append(a["src"])
        elif (
            tag == "link"
            and a.get("href")
            and ({"stylesheet", "icon", "preload"} & set((a.get("rel") or "").split()))
        ):
            self.urls.append(a["href"])
        elif tag == "img" and a.get("src"):
            self.urls.append(a["src"])


def _gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def page_weights(site: Path) -> list[dict]:
    rows = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site)
        if (
            rel.parts[0] in ("_static", "donnees")
            or 'http-equiv="refresh"' in page.read_text(encoding="utf-8")[:2000]
        ):
            continue
        parser = _Assets()
        parser.feed(page.read_text(encoding="utf-8"))
        base = "http://site/" + rel.as_posix()
        assets = set()
        for url in parser.urls:
            absolute = urlparse(urljoin(base, url))
            if absolute.netloc != "site":
                continue  # another origin: the network test fails on it anyway
            target = site / absolute.path.lstrip("/")
            if target.is_file():
                assets.add(target)
        rows.append(
            {
                "page": rel.as_posix(),
                "html_bytes": page.stat().st_size,
                "first_visit_gzip_bytes": _gzip_size(page) + sum(_gzip_size(a) for a in assets),
                "assets": sorted(str(a.relative_to(site)) for a in assets),
                "html_gzip_bytes": _gzip_size(page),
            }
        )
    # A further page, once a chart page has been visited (its assets are cached): the
    # page's own HTML and whatever asset it adds.
    heaviest = max(rows, key=lambda r: r["first_visit_gzip_bytes"], default=None)
    cached = set(heaviest["assets"]) if heaviest else set()
    for row in rows:
        row["further_page_gzip_bytes"] = row["html_gzip_bytes"] + sum(
            _gzip_size(site / a) for a in row["assets"] if a not in cached
        )
    return rows


def _timed_build(root: Path, *args: str) -> tuple[float, list[str]]:
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "quartiers2030", "--root", str(root), "build", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "Q2030_QUIET": "1"},
    )
    seconds = time.monotonic() - started
    if proc.returncode != 0:
        raise SystemExit(proc.stdout[-3000:] + proc.stderr[-3000:])
    log = (root / build_mod.LOG).read_text(encoding="utf-8")
    return seconds, sorted(set(re.findall(r"([\w/.-]+\.md): Executing notebook", log)))


# What `make test-fast` and `make test` run once the environment exists (see the Makefile).
LINT = [["-m", "ruff", "check", "src", "tests"], ["-m", "ruff", "format", "--check", "src", "tests"]]
FAST_TESTS = ["-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "auto", "-m", "not build and not browser"]
ALL_TESTS = ["-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "auto", "--dist", "loadfile"]


def _copy_book(source: Path, root: Path) -> None:
    shutil.copytree(source, root, ignore=lambda d, n: [x for x in n if x in SKIP or x.endswith(".egg-info")])
    (root / "node_modules").symlink_to(source / "node_modules", target_is_directory=True)


def _timed_tests(source: Path, pytest_args: list[str]) -> tuple[float, str]:
    """Lint then pytest on a fresh copy of the book: seconds, and pytest's closing line."""
    with tempfile.TemporaryDirectory(prefix="q2030-bench-tests-") as tmp:
        root = Path(tmp) / "book"
        _copy_book(source, root)
        env = {k: v for k, v in os.environ.items() if not k.startswith("Q2030_")}
        started = time.monotonic()
        for args in [*LINT, pytest_args]:
            proc = subprocess.run([sys.executable, *args], cwd=root, env=env, capture_output=True, text=True)
        seconds = time.monotonic() - started
    closing = (proc.stdout.strip().splitlines() or [""])[-1]
    return seconds, closing.strip("= ")


def _builds(source: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="q2030-bench-") as tmp:
        root = Path(tmp) / "book"
        _copy_book(source, root)
        clean, ran_clean = _timed_build(root, "--clean")
        noop, ran_noop = _timed_build(root)
        csv = root / EDIT_FILE
        lines = csv.read_text(encoding="utf-8").split("\n")
        year, amount, *rest = lines[2].split(",")
        lines[2] = ",".join([year, str(int(amount) + 1), *rest])
        csv.write_text("\n".join(lines), encoding="utf-8")
        edit, ran_edit = _timed_build(root)
        weights = page_weights(root / build_mod.SITE)
    return {
        "clean_build_s": round(clean, 1),
        "notebooks_clean": len(ran_clean),
        "noop_rebuild_s": round(noop, 1),
        "notebooks_noop": len(ran_noop),
        "one_csv_edit_rebuild_s": round(edit, 1),
        "notebooks_after_edit": [Path(p).relative_to(root).as_posix() for p in ran_edit],
        "pages": weights,
    }


def _print_builds(result: dict) -> None:
    print(
        f"Construction complète          : {result['clean_build_s']:6.1f} s ({result['notebooks_clean']} notebooks exécutés)"
    )
    print(
        f"Reconstruction sans changement : {result['noop_rebuild_s']:6.1f} s ({result['notebooks_noop']} notebook exécuté)"
    )
    print(
        f"Après modification de {EDIT_FILE} : {result['one_csv_edit_rebuild_s']:6.1f} s, notebooks ré-exécutés : "
        + (", ".join(result["notebooks_after_edit"]) or "aucun")
    )


def _print_weights(weights: list[dict]) -> None:
    print(f"\n{'page':55} {'HTML (ko)':>10} {'1re visite gzip (ko)':>21} {'page suivante gzip (ko)':>24}")
    for row in weights:
        print(
            f"{row['page']:55} {row['html_bytes'] / 1000:10.1f} {row['first_visit_gzip_bytes'] / 1000:21.1f}"
            f" {row['further_page_gzip_bytes'] / 1000:24.1f}"
        )
    chart_pages = [r for r in weights if any("plotly" in a for a in r["assets"])]
    if chart_pages:
        print(
            f"\nBudget : 1re visite d'une page à graphiques ≤ 700 ko (max mesuré "
            f"{max(r['first_visit_gzip_bytes'] for r in chart_pages) / 1000:.1f} ko) ; "
            f"page suivante ≤ 60 ko (max mesuré {max(r['further_page_gzip_bytes'] for r in weights) / 1000:.1f} ko)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quartiers2030.site.bench")
    parser.add_argument(
        "--no-tests", action="store_true", help="ne pas chronométrer make test-fast et make test"
    )
    args = parser.parse_args(argv)
    source = paths.book_root()
    result = _builds(source)
    _print_builds(result)
    _print_weights(result["pages"])
    if not args.no_tests:
        for key, label, pytest_args in [
            ("test_fast", "make test-fast", FAST_TESTS),
            ("test", "make test", ALL_TESTS),
        ]:
            seconds, closing = _timed_tests(source, pytest_args)
            result[f"{key}_s"], result[f"{key}_result"] = round(seconds, 1), closing
            print(f"{label:14} : {seconds:6.1f} s ({closing}), {os.cpu_count()} cœurs")
    out = source / "_build" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nRésultats détaillés : {out.relative_to(source)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
