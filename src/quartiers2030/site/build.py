"""Build the site: validate the data, build with jupyter-book in a work folder, and only
then replace `_build/html`.

A failed validation or build leaves the previous site untouched. The work folder keeps
Sphinx's environment between builds, so an unchanged page is not executed again, and a
page whose data changed is (see `quartiers2030.site.ext`).

After a failed build, the next one starts from the environment of the last good build:
Sphinx deletes its environment when a build raises (every page would execute again), and
keeps it after a build that only warned (the page that warned would not be read again,
and its page would be published unchecked). One build at a time per folder, and a stopped
build stops entirely (`processes`).
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

from quartiers2030.core import paths
from quartiers2030.data import validation
from quartiers2030.site import failures, kernel_zygote, parallel_book, processes, unchanged

BUILD = Path("_build")
WORK = paths.BUILD_WORK  # jupyter-book's own tree: .doctrees, jupyter_execute, html
SITE = BUILD / "html"  # what is published
LOG = BUILD / "build.log"
# Sphinx's record of the configuration it was built with: absolute paths of the build
# machine go into its hash. It only serves incremental builds, so it stays in the work
# folder and is not published.
UNPUBLISHED = (".buildinfo",)
ENVIRONMENT = WORK / "_build" / ".doctrees" / "environment.pickle"  # Sphinx's
GOOD_ENVIRONMENT = WORK / "environnement-derniere-construction-reussie.pickle"
JOBS_ENV = "Q2030_JOBS"  # pages read at once (default: every available core)


class BuildError(RuntimeError):
    pass


def jobs() -> int:
    """How many pages Sphinx reads (and so executes) at once: every available core, unless
    Q2030_JOBS says otherwise (1: one at a time, as jupyter-book's own command does)."""
    said = os.environ.get(JOBS_ENV, "")
    return int(said) if said.isdigit() and int(said) > 0 else parallel_book.available_cores()


def run_jupyter_book(root: Path, work: Path, log: Path, *, warm_kernels: bool = True) -> int:
    """jupyter-book, strict: warnings are errors, every problem reported (`--keep-going`),
    its pages read on every available core (`parallel_book`); without a kernel zygote
    unless `warm_kernels` (`unchanged`)."""
    cmd = [
        sys.executable,
        "-m",
        "quartiers2030.site.parallel_book",
        str(jobs()),
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
    if not warm_kernels:
        env[kernel_zygote.SWITCH_ENV] = "0"
    echo = os.environ.get("Q2030_QUIET") != "1"
    return processes.run_logged(cmd, cwd=root, env=env, log=log, echo=echo)


def _start_from_last_good_build(root: Path) -> None:
    good = root / GOOD_ENVIRONMENT
    if good.is_file():
        (root / ENVIRONMENT).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(good, root / ENVIRONMENT)


def _keep_as_last_good_build(root: Path) -> None:
    shutil.copyfile(root / ENVIRONMENT, root / GOOD_ENVIRONMENT)


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
    try:
        with processes.one_build_at_a_time(root):
            return _build(root, clean)
    except processes.BuildBusy as busy:
        raise BuildError(str(busy)) from None
    except processes.BuildStopped:
        raise BuildError(
            "La construction a été arrêtée avant la fin ; le site précédent est conservé. "
            "La prochaine construction reprendra là où la dernière construction réussie s'était arrêtée."
        ) from None


def _build(root: Path, clean: bool) -> float:
    started = time.monotonic()
    work = root / WORK
    if clean:  # before the check: the results it keeps (schema_errors) serve the next build
        shutil.rmtree(work, ignore_errors=True)
    report = validation.check(root, write=True)
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
    _start_from_last_good_build(root)
    started_from = unchanged.stamp(root)
    warm = not unchanged.as_last_good_build(root, started_from)
    status = run_jupyter_book(root, work, root / LOG, warm_kernels=warm)
    if status != 0:
        log = (root / LOG).read_text(encoding="utf-8") if (root / LOG).is_file() else ""
        found = "".join(f"\n\n{said}" for said in failures.explain(log, root))
        raise BuildError(
            f"La construction a échoué (code {status}) ; le site précédent est conservé. "
            f"Le journal complet est dans {LOG}.{found}"
        )
    _keep_as_last_good_build(root)
    unchanged.keep(root, started_from)
    _swap_in(work / "_build" / "html", root / SITE)
    return time.monotonic() - started
