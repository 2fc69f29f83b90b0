"""Whether a build can execute nothing: the book's files and the build's settings as the
last good build saw them.

A rebuild after no edit executes no notebook (the staleness extension keeps every page),
yet the kernel zygote (`kernel_zygote`) would import pandas, plotly and this package for
nothing: 3 s of CPU, measured on 2 cores (a no-op rebuild took 10.7 s of CPU, 7.8 s
without it; its wall time 0.2-0.4 s less), which counts when builds share the cores (the
tests). So the build
records, after each good build, a stamp of what it started from: every file of the book
(path, size, modification time: Sphinx re-reads a page whose file is newer, even with the
same bytes), the package's code and the build's `Q2030_` settings. When the next build
starts from the same stamp, it starts no zygote. This only decides how kernels start:
were a page executed all the same, its kernel starts afresh, as with
`Q2030_WARM_KERNELS=0`, and the site is the same.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from quartiers2030.core import paths

STAMP = paths.BUILD_WORK / "depart-derniere-construction-reussie.sha256"  # gone with --clean
# What a checkout holds besides the book: its builds, installs and caches. Skipped here, and
# by the copies of the book that the benchmark and the tests build (`book_copy_ignore`).
NOT_THE_BOOK = {"_build", ".git", ".venv", "node_modules", "__pycache__", ".pytest_cache"}
SETTINGS_PREFIX = "Q2030_"
NOT_SETTINGS = {"Q2030_QUIET"}  # what the build prints, not what it builds
PACKAGE = Path(__file__).resolve().parents[1]  # the whole quartiers2030 package


@cache
def code_digest() -> str:
    """The package's code, templates and assets: read once per process (they do not change
    during a build). Part of every page's digest too (`ext/staleness`)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def of_the_book(name: str) -> bool:
    """Whether a file or folder of that name, in a checkout, is part of the book."""
    return name not in NOT_THE_BOOK and not name.endswith(".egg-info")


def book_copy_ignore(folder: str, names: list[str]) -> list[str]:
    """`shutil.copytree`'s `ignore`: a copy of the book without builds and installs."""
    return [name for name in names if not of_the_book(name)]


def _book_files(root: Path):
    for folder, names, files in os.walk(root):
        names[:] = sorted(n for n in names if of_the_book(n))
        for name in sorted(files):
            yield Path(folder) / name


def stamp(root: Path, env: dict | None = None) -> str:
    """The digest of what a build of `root` starts from, with these settings."""
    env = os.environ if env is None else env
    digest = hashlib.sha256(code_digest().encode())
    for key in sorted(k for k in env if k.startswith(SETTINGS_PREFIX) and k not in NOT_SETTINGS):
        digest.update(f"{key}={env[key]}\n".encode())
    for path in _book_files(root):
        info = path.stat()
        digest.update(f"{path.relative_to(root).as_posix()}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def as_last_good_build(root: Path, started_from: str) -> bool:
    """Whether `started_from` (a `stamp`) is what the last good build started from."""
    path = root / STAMP
    return path.is_file() and path.read_text(encoding="utf-8") == started_from


def keep(root: Path, started_from: str) -> None:
    """Record `started_from` once a build succeeded."""
    (root / STAMP).write_text(started_from, encoding="utf-8")
