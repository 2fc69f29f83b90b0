"""The data: `data/datapackage.json` (Table Schema) and its CSV files, read into typed
tables. Validation lives in `validation`.
"""

from __future__ import annotations

import copy
import json
import os
from functools import cache
from pathlib import Path

import pandas as pd

from quartiers2030.core import paths

# Set by the Sphinx extension while a notebook executes: the resources it declared in its
# front matter. Reading any other resource is refused, so that no page can depend on a
# file whose change would not re-execute it.
DECLARED_INPUTS_ENV = "Q2030_DATA_INPUTS"
# A resource marked `"optional": true` is a data slot: its schema exists, its file may not
# yet (a figure the published contract lost). Pages test `available(name)`.
OPTIONAL = "optional"
# A resource marked `"verbatim": true` is a third-party file kept byte for byte as it was
# published (its provenance says so): it is validated, never rewritten.
VERBATIM = "verbatim"
# `"requiredRows": {"minimum": n, "keys": [grid, …]}` on a tabular resource: the rows its
# pages need, written from what the contract prints (never read from the file itself).
# A grid maps columns to a value or a list of values; every combination must be present.
# Extra rows are always allowed. Checked by `completeness`.
REQUIRED_ROWS = "requiredRows"
# `"closedPeriod": {"field": "annee", "first": 2015, "last": 2023, "name": "…"}` on a resource
# of a closed part of the contract (the évaluation 2015-2023): its rows are the contract's
# years only. Checked by `periods`, which also keeps pages to these years.
CLOSED_PERIOD = "closedPeriod"
# `"importByYear": "anneeProgrammation"` on a resource that grows year by year (the
# programmation): `import` replaces the rows of the years the staff's file holds and keeps
# the others, each row naming the source made from the import's options (`yearly_import`).
IMPORT_BY_YEAR = "importByYear"
LOCAL_PROPERTIES = (OPTIONAL, VERBATIM, REQUIRED_ROWS, CLOSED_PERIOD, IMPORT_BY_YEAR)

# Field properties of this project (Table Schema allows a field's own properties, as it
# does `unit`); checked by `plausibility`:
# - `"unitField": "unite"`: the unit of this column is given row by row in column `unite`;
# - `"plausibleRange": {"resource": r, "key": k}`: each row's value must lie within the
#   `minimum_plausible` and `maximum_plausible` of the row of resource `r` whose primary key
#   is this row's column `k` (a measure, a unit);
# - `"proportion": true`: the column holds shares written between 0 and 1 by definition
#   (SCDL's `pourcentageSubvention`), never taken for a percentage written as a ratio.
UNIT_FIELD = "unitField"
PLAUSIBLE_RANGE = "plausibleRange"
PROPORTION = "proportion"


class UndeclaredInput(RuntimeError):
    pass


@cache
def _descriptor(root: Path) -> dict:
    return json.loads((root / paths.DATAPACKAGE).read_text(encoding="utf-8"))


def descriptor(root: Path | None = None) -> dict:
    return _descriptor(root or paths.book_root())


def resource(name: str, root: Path | None = None) -> dict:
    for res in descriptor(root)["resources"]:
        if res["name"] == name:
            return res
    raise KeyError(f"La ressource « {name} » n'existe pas dans {paths.DATAPACKAGE}.")


def resource_path(name: str, root: Path | None = None) -> Path:
    return paths.data_dir(root) / resource(name, root)["path"]


_PANDAS_TYPES = {
    "integer": "Int64",
    "number": "float64",
    "string": "string",
    "boolean": "boolean",
    "year": "Int64",
}


def available(name: str, root: Path | None = None) -> bool:
    """Whether a resource's file exists (always true for a resource that is not optional)."""
    return resource_path(name, root).is_file()


def declared_path(name: str, root: Path | None = None) -> Path:
    """The file of resource `name`, once checked that the page being built declared it.

    The one home of that check: every reader of a data file goes through it. Outside a
    build (no declaration in the environment) every resource may be read."""
    inputs = os.environ.get(DECLARED_INPUTS_ENV)
    if inputs is not None and name not in inputs.split(","):
        raise UndeclaredInput(
            f"Cette page lit la ressource « {name} » sans la déclarer : ajoutez-la à "
            f"« data_inputs » dans l'en-tête du notebook ({inputs or 'aucune déclarée'})."
        )
    return resource_path(name, root)


# The one read cache of data files: a typed frame per resource, kept while its file (size,
# modification time, inode) and its schema (a copy of it, compared) are unchanged. Callers get a copy.
_FRAMES: dict[tuple, tuple[tuple, dict, pd.DataFrame]] = {}


def _read(res: dict, path: Path) -> pd.DataFrame:
    fields = res["schema"]["fields"]
    dtypes = {f["name"]: _PANDAS_TYPES.get(f["type"], "string") for f in fields}
    dates = [f["name"] for f in fields if f["type"] in ("date", "datetime")]
    return pd.read_csv(
        path,
        dtype={k: v for k, v in dtypes.items() if k not in dates},
        sep=res.get("dialect", {}).get("delimiter", ","),
        parse_dates=dates,
        keep_default_na=False,
        na_values=res["schema"].get("missingValues", [""]),
    )


def load(name: str, root: Path | None = None, *, declared: bool = True) -> pd.DataFrame:
    """A resource as a DataFrame typed after its schema (a copy: callers may change it).

    `declared=False` is for the build itself (the Sphinx extension), which tracks its own
    dependencies; notebooks always go through the check."""
    root = root or paths.book_root()
    path = declared_path(name, root) if declared else resource_path(name, root)
    res = resource(name, root)
    stat = path.stat()
    key = (str(path), name)  # the book's root is resolved, and so its data's paths
    stamp = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
    cached = _FRAMES.get(key)
    if cached is None or cached[0] != stamp or cached[1] != res:
        cached = _FRAMES[key] = (stamp, copy.deepcopy(res), _read(res, path))
    return cached[2].copy()
