"""Plausible values: a number the contract could print, not merely one of the right type.

Two homes for a column's plausible range. A column of one kind (amounts in euros, counts,
percentages) has it in its Table Schema (`constraints.minimum` and `maximum`, checked by
frictionless). A long column that mixes kinds (a count, a share, an évolution on
successive rows) names the table that holds one range per measure or per unit, as data:
`"plausibleRange": {"resource": …, "key": …}` (see `datapackage.PLAUSIBLE_RANGE`); its
rows carry `minimum_plausible` and `maximum_plausible`, checked here.

A share is also recognised when written as a ratio (`0.441` for 44,1 %) in a percentage
column (`"unit": "%"`, or rows whose `unitField` says `%`), unless the column holds
proportions by definition (`"proportion": true`). See `ratio_suspects` for the rule."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd

from quartiers2030.core import fmt, paths
from quartiers2030.data.datapackage import (
    PLAUSIBLE_RANGE,
    PROPORTION,
    UNIT_FIELD,
    descriptor,
    load,
    resource,
)
from quartiers2030.data.problems import Problem

MINIMUM, MAXIMUM = "minimum_plausible", "maximum_plausible"
PERCENT = "%"
# A lone small value is taken for a ratio when, times 100, it falls among its neighbours:
# between the smallest of them divided by this factor and the largest multiplied by it.
NEIGHBOURS_FACTOR = 3


def french(value) -> str:
    """`0.441` -> `0,441`; `44.1` -> `44,1`; `2000000` -> `2 000 000` (as printed)."""
    return fmt.number(float(value), fmt.decimals_of(value))


def _cell(value) -> str:
    """A value as the canonical file writes it: `0.441`, `1000000000`."""
    number = Decimal(repr(float(value))).normalize()
    return format(number, "f")


def _line(index) -> int:
    return int(index) + 2  # header is line 1, as in Excel


def _display(res: dict) -> str:
    return f"data/{res['path']}"


def _present(root: Path):
    """Each tabular resource whose file exists."""
    for res in descriptor(root)["resources"]:
        if "schema" in res and (paths.data_dir(root) / res["path"]).is_file():
            yield res


def range_table(spec: dict, root: Path) -> pd.DataFrame:
    """The ranges a `plausibleRange` names, indexed by that table's primary key."""
    table = resource(spec["resource"], root)
    key = table["schema"]["primaryKey"]
    return load(spec["resource"], root).set_index(key if isinstance(key, str) else key[0])


def bounds(field: dict, row: pd.Series, root: Path) -> tuple[float | None, float | None]:
    """The plausible range of `field` on `row`: its schema's constraints, then its range table."""
    constraints = field.get("constraints", {})
    low, high = constraints.get("minimum"), constraints.get("maximum")
    spec = field.get(PLAUSIBLE_RANGE)
    if spec:
        ranges = range_table(spec, root)
        if row[spec["key"]] in ranges.index:
            found = ranges.loc[row[spec["key"]]]
            low, high = float(found[MINIMUM]), float(found[MAXIMUM])
    return low, high


def _unknown(res: dict, field: str, index, spec: dict, key_value, table: str) -> Problem:
    return Problem(
        file=_display(res),
        line=_line(index),
        column=spec["key"],
        value=str(key_value),
        message=(
            f"« {key_value} » n'a pas de plage plausible dans {table}, qui borne la colonne « {field} »"
            if key_value
            else f"la colonne « {spec['key']} » est vide : la valeur de « {field} » n'a pas de plage plausible"
        ),
        fix=(
            f"Ajoutez à {table} une ligne « {key_value} » avec ses colonnes {MINIMUM} et {MAXIMUM}, "
            "ou corrigez le code s'il est mal écrit."
        ),
    )


def _outside(res: dict, field: str, index, value, key_value, low, high, table: str) -> Problem:
    span = f"plage plausible de « {key_value} » : {french(low)} à {french(high)}, lue dans {table}"
    if value < 0 <= low:
        message = f"la valeur est négative, or « {key_value} » ne peut pas l'être ({span})"
        fix = (
            "Retirez le signe moins : seules les mesures dont la plage admet des valeurs négatives "
            "(évolutions, écarts) peuvent l'être."
        )
    else:
        message = f"la valeur sort de la plage plausible ({span})"
        fix = (
            "Vérifiez la valeur dans sa source (un zéro de trop, une autre unité, un pourcentage "
            f"écrit en proportion ?) ; si elle est juste, élargissez la plage de « {key_value} » dans {table}."
        )
    return Problem(_display(res), _line(index), field, _cell(value), message, fix)


def values_in_their_range(root: Path) -> list[Problem]:
    """Each value of a column with a `plausibleRange` within its measure's or unit's range."""
    problems = []
    for res in _present(root):
        for field in res["schema"]["fields"]:
            spec = field.get(PLAUSIBLE_RANGE)
            if not spec:
                continue
            frame, ranges = load(res["name"], root), range_table(spec, root)
            table = _display(resource(spec["resource"], root))
            for index, row in frame[frame[field["name"]].notna()].iterrows():
                value, key_value = float(row[field["name"]]), row[spec["key"]]
                key_value = "" if pd.isna(key_value) else key_value
                if key_value not in ranges.index:
                    problems.append(_unknown(res, field["name"], index, spec, key_value, table))
                    continue
                low, high = float(ranges.at[key_value, MINIMUM]), float(ranges.at[key_value, MAXIMUM])
                if not low <= value <= high:
                    problems.append(_outside(res, field["name"], index, value, key_value, low, high, table))
    return problems


def ratio_suspects(values: list[float]) -> list[int]:
    """Which of a group of shares (percentages of one measure, never negative) look written
    as ratios: every non-zero value is at most 1 (at least two of them: `0.441, 0.559`), or
    exactly one is below 1 while the others are at least 1 and it would fall among them
    once multiplied by 100 (`0.441` beside `55.9, 48.03`). A lone value, or two small ones
    (the contract's « 0,658 % » twice beside 63,816 %), is never suspected."""
    filled = [(i, abs(v)) for i, v in enumerate(values) if v == v and v != 0]
    if len(filled) < 2:
        return []
    if all(size <= 1 for _, size in filled):
        return [i for i, _ in filled]
    small = [(i, size) for i, size in filled if size < 1]
    if len(small) != 1:
        return []
    index, size = small[0]
    others = [s for i, s in filled if i != index]
    if min(others) / NEIGHBOURS_FACTOR <= size * 100 <= max(others) * NEIGHBOURS_FACTOR:
        return [index]
    return []


def _share_groups(res: dict, field: dict, frame: pd.DataFrame, root: Path) -> list[pd.Series]:
    """The groups of shares of a percentage column: the whole column, or the rows whose unit
    is % measure by measure; groups whose range admits negative values (évolutions) are not
    shares and are left out."""
    values = frame[field["name"]]
    unit_field, spec = field.get(UNIT_FIELD), field.get(PLAUSIBLE_RANGE)
    if field.get(PROPORTION) or (field.get("unit") != PERCENT and not unit_field):
        return []
    if unit_field:
        values = values[frame[unit_field] == PERCENT]
    values = values.dropna()
    if not spec:
        low = field.get("constraints", {}).get("minimum", 0)
        return [values] if low >= 0 else []
    ranges = range_table(spec, root)
    groups = []
    for key_value, group in values.groupby(frame.loc[values.index, spec["key"]]):
        if key_value in ranges.index and float(ranges.at[key_value, MINIMUM]) >= 0:
            groups.append(group)
    return groups


def shares_written_as_ratios(root: Path) -> list[Problem]:
    """A percentage written as a ratio (`0.441` for 44,1 %), with the value to write."""
    problems = []
    for res in _present(root):
        frame = None
        for field in res["schema"]["fields"]:
            if field["type"] != "number":
                continue
            frame = load(res["name"], root) if frame is None else frame
            for group in _share_groups(res, field, frame, root):
                for position in ratio_suspects([float(v) for v in group]):
                    index, value = group.index[position], float(group.iloc[position])
                    problems.append(_ratio(res, field["name"], index, value))
    return problems


def _ratio(res: dict, field: str, index, value: float) -> Problem:
    percent = Decimal(repr(value)) * 100
    return Problem(
        file=_display(res),
        line=_line(index),
        column=field,
        value=_cell(value),
        message=(
            f"{french(value)} ressemble à une proportion : écrivez {french(percent)} "
            "(dans cette colonne, un pourcentage s'écrit de 0 à 100)"
        ),
        fix=f"Écrivez {french(percent)} pour {french(percent)} %, sans le signe %.",
    )
