"""Build the site: validate the data, build with jupyter-book in a work folder, and only
then replace `_build/html`.

A failed validation or build leaves the previous site untouched. The work folder keeps
Sphinx's environment between builds, so an unchanged page is not executed again, and a
page whose data changed is (see `quartiers2030.site.ext`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from quartiers2030.data import validation

BUILD = Path("_build")
WORK = BUILD / ".work"  # jupyter-book's own tree: .doctrees, jupyter_execute, html
SITE = BUILD / "html"  # what is published
LOG = BUILD / "build.log"
# Sphinx's record of the configuration it was built with: absolute paths of the build
# machine go into its hash. It only serves incremental builds, so it stays in the work
# folder and is not published.
UNPUBLISHED = (".buildinfo",)


class BuildError(RuntimeError):
    pass


def _jupyter_book() -> str:
    candidate = Path(sys.executable).with_name("jupyter-book")
    return str(candidate) if candidate.exists() else "jupyter-book"


def run_jupyter_book(root: Path, work: Path, log: Path) -> int:
    """jupyter-book, strict: warnings are errors, every problem reported (`--keep-going`)."""
    cmd = [
        _jupyter_book(),
        "build",
        str(root),
        "--path-output",
        str(work),
        "--builder",
        "html",
        "-W",
        "-n",
        "--keep-going",
    ]
    env = dict(os.environ, PYTHONHASHSEED="0", Q2030_ROOT=str(root))
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(
            cmd, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        for line in process.stdout:
            sink.write(line)
            if os.environ.get("Q2030_QUIET") != "1":
                sys.stdout.write(line)
        return process.wait()


def _swap_in(built: Path, site: Path) -> None:
    """Replace `site` by a copy of `built`, so that `site` is never half-written."""
    staging = site.with_name(site.name + ".new")
    retired = site.with_name(site.name + ".old")
    for leftover in (staging, retired):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(built, staging, ignore=shutil.ignore_patterns(*UNPUBLISHED))
    if site.exists():
        site.rename(retired)
    staging.rename(site)
    shutil.rmtree(retired, ignore_errors=True)


def build(root: Path, *, clean: bool = False) -> float:
    """Build the book at `root` into `root/_build/html`; returns the seconds it took."""
    started = time.monotonic()
    report = validation.check(root)
    for change in report.normalised:
        print(change)
    for note in report.notes:
        print(note)
    problems = report.problems
    if problems:
        raise BuildError(
            f"{len(problems)} problème(s) dans les données ; le site n'a pas été reconstruit "
            "(la version précédente de _build/html est conservée).\n\n" + "\n".join(str(p) for p in problems)
        )
    work = root / WORK
    if clean:
        shutil.rmtree(work, ignore_errors=True)
    status = run_jupyter_book(root, work, root / LOG)
    if status != 0:
        raise BuildError(
            f"La construction a échoué (code {status}) ; le site précédent est conservé. "
            f"Le journal complet est dans {LOG}."
        )
    _swap_in(work / "_build" / "html", root / SITE)
    return time.monotonic() - started
