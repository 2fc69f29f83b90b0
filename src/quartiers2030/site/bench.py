"""`make bench`: build times and page weights, measured on a copy of the book.

Not a test: numbers vary with the machine. Prints a table and writes `_build/bench.json`.

- clean build, rebuild with nothing changed, rebuild after one CSV value changed (and
  which notebooks that re-executed);
- the heaviest pages (every page with `--all-pages`), as a reader gets them
  (site/bench_browser.py): Lighthouse's mobile performance score, LCP, TBT and CLS (the
  median of three runs) and the bytes Chromium fetched on a first visit once every chart
  was scrolled into view, then on a further page, against the budgets of issue 16
  (`--no-browser` leaves them out);
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
from pathlib import Path

from quartiers2030.core import paths
from quartiers2030.site import bench_browser, unchanged
from quartiers2030.site import build as build_mod

# The value the benchmark edits: one cell of one CSV (the 2019 gender-equality amount).
EDIT_FILE = Path("data/evaluation/egalite_fh_montants.csv")


# Build goals of issue 16 (seconds): a clean build on 2 cores, one CSV value changed.
BUILD_GOALS = {"clean_build_s": 30.0, "one_csv_edit_rebuild_s": 5.0}
PLOTLY_BUNDLE = Path("_static") / "plotly-q2030.min.js"


def kernel_seconds(log: str) -> list[float]:
    """Each notebook's execution time as myst-nb logs it (« Executed notebook in 1.07 seconds »)."""
    return [float(s) for s in re.findall(r"Executed notebook in ([\d.]+) seconds", log)]


def gzip_size(path: Path) -> int:
    """The bytes a static host sends for `path` compressed with gzip (level 6, as servers do)."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)) if path.is_file() else 0


def build_misses(result: dict) -> list[str]:
    """The build goals not met, each with what the measurement says of why."""
    misses = []
    clean, kernels, jobs = result["clean_build_s"], result["kernel_s_clean"], result["jobs"]
    if clean > BUILD_GOALS["clean_build_s"]:
        floor = kernels / jobs
        misses.append(
            f"  construction complète {clean:.1f} s > {BUILD_GOALS['clean_build_s']:.0f} s : l'exécution des "
            f"{result['notebooks_clean']} notebooks a pris {kernels:.1f} s de noyau, soit au moins "
            f"{floor:.1f} s sur {jobs} cœur(s) ; le reste ({max(clean - floor, 0):.1f} s) est la lecture et "
            "l'écriture par Sphinx, l'index de recherche et la feuille de style réduite."
        )
    edit = result["one_csv_edit_rebuild_s"]
    if edit > BUILD_GOALS["one_csv_edit_rebuild_s"]:
        misses.append(
            f"  après une valeur modifiée {edit:.1f} s > {BUILD_GOALS['one_csv_edit_rebuild_s']:.0f} s : "
            f"{len(result['notebooks_after_edit'])} notebook(s) ré-exécuté(s) en {result['kernel_s_after_edit']:.1f} s "
            "de noyau ; le reste est le démarrage de jupyter-book et l'écriture des pages."
        )
    return misses


def _timed_build(root: Path, *args: str) -> tuple[float, list[str], list[float]]:
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
    ran = sorted(set(re.findall(r"([\w/.-]+\.md): Executing notebook", log)))
    return seconds, ran, kernel_seconds(log)


# What `make test-fast` and `make test` run once the environment exists (see the Makefile).
LINT = [["-m", "ruff", "check", "src", "tests"], ["-m", "ruff", "format", "--check", "src", "tests"]]
FAST_TESTS = ["-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "auto", "-m", "not build and not browser"]
ALL_TESTS = ["-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "auto", "--dist", "loadfile"]


def _copy_book(source: Path, root: Path) -> None:
    shutil.copytree(source, root, ignore=unchanged.book_copy_ignore)
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


def _builds(source: Path, which: str, runs: int) -> dict:
    """Build timings; then the pages measured in Chromium: `which` is "heaviest" (the
    default pages of bench_browser), "all" or "none"."""
    with tempfile.TemporaryDirectory(prefix="q2030-bench-") as tmp:
        root = Path(tmp) / "book"
        _copy_book(source, root)
        clean, ran_clean, kernels_clean = _timed_build(root, "--clean")
        noop, ran_noop, _ = _timed_build(root)
        csv = root / EDIT_FILE
        lines = csv.read_text(encoding="utf-8").split("\n")
        year, amount, *rest = lines[2].split(",")
        lines[2] = ",".join([year, str(int(amount) + 1), *rest])
        csv.write_text("\n".join(lines), encoding="utf-8")
        edit, ran_edit, kernels_edit = _timed_build(root)
        bundle = gzip_size(root / build_mod.SITE / PLOTLY_BUNDLE)
        pages = None
        if which != "none":
            site = root / build_mod.SITE
            chosen = bench_browser.all_pages(site) if which == "all" else bench_browser.DEFAULT_PAGES
            pages = bench_browser.measure(site, source / "node_modules", chosen, runs)
    return {
        "clean_build_s": round(clean, 1),
        "notebooks_clean": len(ran_clean),
        "noop_rebuild_s": round(noop, 1),
        "notebooks_noop": len(ran_noop),
        "one_csv_edit_rebuild_s": round(edit, 1),
        "notebooks_after_edit": [Path(p).relative_to(root).as_posix() for p in ran_edit],
        "kernel_s_clean": round(sum(kernels_clean), 1),
        "kernel_s_after_edit": round(sum(kernels_edit), 1),
        "jobs": build_mod.jobs(),
        "plotly_bundle_gzip_bytes": bundle,
        "pages": pages,
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

    print(
        f"Objectifs : construction complète ≤ {BUILD_GOALS['clean_build_s']:.0f} s, après une valeur modifiée ≤ "
        f"{BUILD_GOALS['one_csv_edit_rebuild_s']:.0f} s. Non atteints :"
    )
    print("\n".join(build_misses(result)) or "  aucun")


def _print_pages(pages: dict[str, dict], bundle_bytes: int) -> None:
    print(
        f"\n{'page':45} {'score':>5} {'LCP (s)':>8} {'TBT (ms)':>9} {'CLS':>5} {'1re visite (ko)':>16} {'suivante (ko)':>14}"
    )
    for page, row in pages.items():
        print(
            f"{page:45} {row['score']:5.0f} {row['lcp_ms'] / 1000:8.1f} {row['tbt_ms']:9.0f} {row['cls']:5.2f}"
            f" {row['first_visit_bytes'] / 1000:16.1f} {row['further_page_bytes'] / 1000:14.1f}"
        )
    budgets = bench_browser.BUDGETS
    print(
        "\nObjectifs (issue 16) : score ≥ 95, LCP ≤ 2,5 s, TBT ≤ 200 ms, CLS ≤ 0,1 ; 1re visite ≤ "
        f"{budgets['chart_page'] // 1000} ko (graphiques) ou {budgets['page'] // 1000} ko, page suivante ≤ "
        f"{budgets['further_page'] // 1000} ko. Non atteints :"
    )
    missed = [
        f"  {page} : {what}"
        for page, row in pages.items()
        for what, failed in [
            (f"score {row['score']:.0f}", row["score"] < 95),
            (f"LCP {row['lcp_ms'] / 1000:.1f} s", row["lcp_ms"] > 2500),
            (f"TBT {row['tbt_ms']:.0f} ms", row["tbt_ms"] > 200),
            (f"CLS {row['cls']:.2f}", row["cls"] > 0.1),
            (
                f"1re visite {row['first_visit_bytes'] / 1000:.0f} ko",
                row["first_visit_bytes"] > bench_browser.budget_of(row),
            ),
            (
                f"page suivante {row['further_page_bytes'] / 1000:.0f} ko",
                row["further_page_bytes"] > budgets["further_page"],
            ),
        ]
        if failed
    ]
    print("\n".join(missed) or "  aucun")
    if any("1re visite" in m for m in missed) and bundle_bytes:
        print(
            f"  (plotly.js réduit aux graphiques du site, seul, pèse {bundle_bytes / 1000:.0f} ko compressé, "
            f"sur les {budgets['chart_page'] // 1000} ko d'une page à graphiques.)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quartiers2030.site.bench")
    parser.add_argument(
        "--no-tests", action="store_true", help="ne pas chronométrer make test-fast et make test"
    )
    parser.add_argument("--no-browser", action="store_true", help="ni Lighthouse ni mesure des octets")
    parser.add_argument(
        "--all-pages", action="store_true", help="mesurer toutes les pages, pas les plus lourdes"
    )
    parser.add_argument("--runs", type=int, default=bench_browser.RUNS, help="passes de Lighthouse par page")
    args = parser.parse_args(argv)
    source = paths.book_root()
    which = "none" if args.no_browser else "all" if args.all_pages else "heaviest"
    result = _builds(source, which, args.runs)
    _print_builds(result)
    if result["pages"]:
        _print_pages(result["pages"], result["plotly_bundle_gzip_bytes"])
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
