"""Writing into the built site only what changed, so that an unchanged rebuild leaves
every file (and its date) as it was."""

from __future__ import annotations

import shutil
from pathlib import Path


def copy_if_changed(source: Path, target: Path) -> None:
    if target.exists() and target.read_bytes() == source.read_bytes():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
