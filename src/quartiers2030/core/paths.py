"""Where the book and its data live."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

DATAPACKAGE = Path("data") / "datapackage.json"
# The build's own work folder (jupyter-book's tree, caches): never published, removed by a
# clean build and by `make clean`.
BUILD_WORK = Path("_build") / ".work"


class BookNotFound(FileNotFoundError):
    """No `data/datapackage.json` where the command runs, nor above it."""


@lru_cache(maxsize=8)
def _resolved(folder: str) -> Path:
    """`Q2030_ROOT` as an absolute path: asked for at every read of a data file."""
    return Path(folder).resolve()


def book_root(start: Path | None = None) -> Path:
    """The folder holding `data/datapackage.json`.

    Notebooks execute in their own folder inside the book, and tests build copies of the
    book elsewhere, so the root is searched upward from the working directory rather than
    taken from where the package is installed. `Q2030_ROOT` overrides the search.
    """
    if env := os.environ.get("Q2030_ROOT"):
        return _resolved(env)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / DATAPACKAGE).is_file():
            return folder
    raise BookNotFound(f"Aucun fichier {DATAPACKAGE} trouvé dans {here} ni dans ses dossiers parents.")


def data_dir(root: Path | None = None) -> Path:
    return (root or book_root()) / "data"
