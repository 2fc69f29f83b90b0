"""A staff file is never rewritten before it validates.

The canonical form of the files Excel saved (`normalise`) is validated on a copy of the
data (`staged_copy`); only when the whole package is valid, and only when asked (`make
site`, `make fix`), are the staff's files rewritten, each original kept first in
`_sauvegardes/` at the root of the book: outside `data/`, whose whole content is published.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from quartiers2030.core import paths

BACKUPS = Path("_sauvegardes")


def staged_copy(root: Path, canonical: dict[Path, str], work: Path) -> Path:
    """A book root under `work` whose data are those of `root` with `canonical` texts
    written in place of their files; `root` itself is not touched."""
    data = paths.data_dir(root)
    shutil.copytree(data, work / "data")
    for path, text in canonical.items():
        (work / "data" / path.relative_to(data)).write_text(text, encoding="utf-8")
    return work


def write_back(root: Path, canonical: dict[Path, str]) -> Path:
    """Keep each original in a dated folder of `_sauvegardes/`, then write the canonical
    text. Returns the folder, relative to `root`."""
    data = paths.data_dir(root)
    stamp = time.strftime("%Y-%m-%d-%H%M%S")
    folder = BACKUPS / stamp
    suffix = 1
    while (root / folder).exists():  # two fixes in the same second
        suffix += 1
        folder = BACKUPS / f"{stamp}-{suffix}"
    for path in canonical:
        kept = root / folder / "data" / path.relative_to(data)
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, kept)
    for path, text in canonical.items():
        path.write_text(text, encoding="utf-8")
    return folder
