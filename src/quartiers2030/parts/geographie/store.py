"""The géographie files as read by `datapackage.load`, kept while the file is unchanged.

A page asks for the same names and labels thousands of times (every cell of every table
names a territory): reading the CSV each time would make a page take seconds. The memo is
keyed on the file's modification time, so an edited file is read again.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from quartiers2030.data import datapackage


@cache
def _read(name: str, path: str, version: int) -> pd.DataFrame:
    return datapackage.load(name)


def frame(name: str) -> pd.DataFrame:
    """`datapackage.load(name)`, read once per version of the file (a copy: callers may edit
    it). Each notebook runs in its own kernel, so the first read of a page still goes through
    the loader's check of the page's declared inputs."""
    path = datapackage.resource_path(name)
    return _read(name, str(path), path.stat().st_mtime_ns).copy()
