"""The map's ground: the communes of the CAB, the communes of each QPV, and the official
outlines of the QPV once their file is added.

Inputs, declared by every page that draws a map: `communes_cab` (the commune outlines,
GeoJSON, WGS 84), `qpv` (which communes hold a quartier prioritaire) and `qpv_contours`
(optional: the ANCT outlines, in WGS 84 or in Lambert-93, the two systems it publishes).
Until that file exists the maps say so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from quartiers2030.data import datapackage
from quartiers2030.data.datapackage import load
from quartiers2030.data.places import COMMUNES, commune_name, fold, split_communes
from quartiers2030.data.problems import DataError, Problem
from quartiers2030.parts.geographie.projection import Ring, centroid, ring_area, rings_of, to_wgs84

QPV_OUTLINES = "qpv_contours"


# --- reading GeoJSON, as the loader reads CSV ---------------------------------------------


def load_geojson(name: str) -> dict | None:
    """A GeoJSON resource of `datapackage.json`, or None when an optional file is absent."""
    path = datapackage.declared_path(name)
    if not path.is_file():
        if datapackage.resource(name).get(datapackage.OPTIONAL):
            return None
        raise FileNotFoundError(f"Fichier absent : data/{datapackage.resource(name)['path']}")
    return json.loads(path.read_text(encoding="utf-8"))


def outlines_available() -> bool:
    datapackage.declared_path(QPV_OUTLINES)  # refused unless the page declared it
    return datapackage.available(QPV_OUTLINES)


# --- communes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Commune:
    code: str
    name: str
    rings: tuple  # tuple of rings (lon, lat)

    @property
    def main_ring(self) -> Ring:
        """The largest ring: where the name is written (not on an island)."""
        return max(self.rings, key=ring_area)

    @property
    def label_point(self) -> tuple[float, float]:
        return centroid(self.main_ring)


def communes() -> list[Commune]:
    data = load_geojson(COMMUNES)
    out = []
    for feature in data["features"]:
        props = feature["properties"]
        name = commune_name(props)
        rings = tuple(tuple(r) for r in to_wgs84(rings_of(feature["geometry"])))
        out.append(Commune(str(props["code"]), name, rings))
    return out


def qpv_communes() -> dict[str, list[str]]:
    """INSEE codes of the communes of each QPV, matched by name against the outlines."""
    by_name = {fold(c.name): c.code for c in communes()}
    out = {}
    for index, row in enumerate(load("qpv").itertuples()):
        codes = []
        for name in split_communes(row.communes):
            code = by_name.get(fold(name))
            if code is None:  # the check refuses it first (rules.qpv_communes_are_on_the_map)
                raise DataError(
                    Problem(
                        file=f"data/{datapackage.resource('qpv')['path']}",
                        line=index + 2,
                        column="communes",
                        value=name,
                        message=f"cette commune du QPV {row.code_qpv} n'est pas sur la carte des communes",
                        fix=f"Écrivez son nom comme data/{datapackage.resource(COMMUNES)['path']} l'écrit.",
                    )
                )
            codes.append(code)
        out[row.code_qpv] = codes
    return out


def qpv_outlines() -> dict[str, list[Ring]]:
    """Official outlines of the CAB's QPV, by code; {} until the ANCT file is added.

    The ANCT file may be national: only the features whose code is in `qpv.csv` are kept.
    The property holding the code is found by its values (`code_qp`, `CODE_QP`… change
    between editions)."""
    data = load_geojson(QPV_OUTLINES)
    if data is None:
        return {}
    wanted = set(load("qpv")["code_qpv"])
    out: dict[str, list[Ring]] = {}
    for feature in data.get("features", []):
        props = feature.get("properties") or {}
        code = next((str(v) for v in props.values() if str(v) in wanted), None)
        if code is None or not feature.get("geometry"):
            continue
        out.setdefault(code, []).extend(to_wgs84(rings_of(feature["geometry"])))
    return out
