"""Links between the book's pages from notebook outputs, which are raw HTML (no Sphinx
reference resolves inside them): the target page is found by its MyST label, so that a
page moved or renamed keeps its links, and a label that disappears fails loudly."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

from quartiers2030.core import paths

SOURCE_DIRS = ("book", "notebooks")


@cache
def _labels(root: Path) -> dict[str, Path]:
    found = {}
    for folder in SOURCE_DIRS:
        for source in sorted((root / folder).rglob("*.md")):
            for label in re.findall(r"^\(([\w-]+)\)=\s*$", source.read_text(encoding="utf-8"), re.M):
                found[label] = source
    return found


def url(label: str) -> str:
    """Relative URL, from the page being executed, of the page that holds `label`."""
    root = paths.book_root()
    source = _labels(root).get(label)
    if source is None:
        raise KeyError(f"Aucune page ne porte l'étiquette « {label} ».")
    target = source.with_suffix(".html")
    return Path(os.path.relpath(target, Path.cwd())).as_posix() + f"#{label.lower()}"


def page_url(label: str) -> str:
    """`url(label)` without its anchor: the page itself, to point at another anchor of it."""
    return url(label).split("#", 1)[0]


def title(label: str) -> str:
    """The title of the page that holds `label`: its first level-one heading."""
    source = _labels(paths.book_root()).get(label)
    if source is None:
        raise KeyError(f"Aucune page ne porte l'étiquette « {label} ».")
    found = re.search(r"^# (.+)$", source.read_text(encoding="utf-8"), re.M)
    return found.group(1).strip() if found else label


def site_url(path: str) -> str:
    """Relative URL, from the page being executed, of a file at the root of the built site
    (`search.html`, `donnees/…`): the site mirrors the book's folders."""
    up = os.path.relpath(paths.book_root(), Path.cwd())
    return Path(up, path).as_posix()
