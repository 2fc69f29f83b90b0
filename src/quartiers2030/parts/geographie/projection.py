"""Coordinates of the maps: Lambert-93 <-> WGS 84, and the kilometre grid the maps are drawn on.

The site ships plotly.js's "basic" bundle (no geographic trace type), so a map is plain
`scatter` traces on cartesian axes: longitudes and latitudes are projected to kilometres
(equirectangular, longitudes scaled by the cosine of the mean latitude) and the y axis is
anchored to the x axis so that one kilometre is as long both ways.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

KM_PER_DEGREE = 6371.0088 * math.pi / 180  # mean Earth radius (IUGG)

Ring = list[tuple[float, float]]  # (lon, lat), closed or not


def rings_of(geometry: dict) -> list[Ring]:
    """Outer rings of a Polygon or MultiPolygon (holes are not drawn: a filled outline
    with a hole would hide nothing of interest at this scale)."""
    kind, coords = geometry["type"], geometry["coordinates"]
    polygons = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    return [[(float(p[0]), float(p[1])) for p in polygon[0]] for polygon in polygons]


# Lambert-93 (EPSG:2154), the French official projection, on the GRS 80 ellipsoid.
_A, _E = 6378137.0, 0.0818191910428158
_LON0, _LAT0, _LAT1, _LAT2 = map(math.radians, (3.0, 46.5, 44.0, 49.0))
_X0, _Y0 = 700000.0, 6600000.0


def _m(lat):
    return math.cos(lat) / math.sqrt(1 - (_E * math.sin(lat)) ** 2)


def _t(lat):
    s = _E * math.sin(lat)
    return math.tan(math.pi / 4 - lat / 2) / ((1 - s) / (1 + s)) ** (_E / 2)


_N = (math.log(_m(_LAT1)) - math.log(_m(_LAT2))) / (math.log(_t(_LAT1)) - math.log(_t(_LAT2)))
_F = _m(_LAT1) / (_N * _t(_LAT1) ** _N)
_RHO0 = _A * _F * _t(_LAT0) ** _N


def lambert93_to_wgs84(x: float, y: float) -> tuple[float, float]:
    """(lon, lat) in degrees of a Lambert-93 point (metres)."""
    dx, dy = x - _X0, _RHO0 - (y - _Y0)
    rho = math.copysign(math.hypot(dx, dy), _N)
    t = (rho / (_A * _F)) ** (1 / _N)
    lon = math.atan2(dx, dy) / _N + _LON0
    lat = math.pi / 2 - 2 * math.atan(t)
    for _ in range(10):
        s = _E * math.sin(lat)
        lat = math.pi / 2 - 2 * math.atan(t * ((1 - s) / (1 + s)) ** (_E / 2))
    return math.degrees(lon), math.degrees(lat)


def wgs84_to_lambert93(lon: float, lat: float) -> tuple[float, float]:
    """The inverse, for tests and for anyone checking a file by hand."""
    lon, lat = math.radians(lon), math.radians(lat)
    rho = _A * _F * _t(lat) ** _N
    theta = _N * (lon - _LON0)
    return _X0 + rho * math.sin(theta), _Y0 + _RHO0 - rho * math.cos(theta)


def to_wgs84(rings: list[Ring]) -> list[Ring]:
    """Rings in degrees whatever the file's system: values beyond ±180 are metres of
    Lambert-93 (a GeoJSON file carries no reliable statement of its system)."""
    if all(abs(x) <= 180 and abs(y) <= 90 for ring in rings for x, y in ring):
        return rings
    return [[lambert93_to_wgs84(x, y) for x, y in ring] for ring in rings]


@dataclass(frozen=True)
class Projection:
    """Equirectangular projection in kilometres around a reference latitude."""

    lat0: float

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon * math.cos(math.radians(self.lat0)) * KM_PER_DEGREE, lat * KM_PER_DEGREE)


def _closed(ring: Ring) -> Ring:
    return ring if ring[0] == ring[-1] else ring + ring[:1]


def centroid(ring: Ring) -> tuple[float, float]:
    """Area centroid of a ring (shoelace formula); the mean of its points if degenerate."""
    area = cx = cy = 0.0
    points = _closed(ring)
    for (x1, y1), (x2, y2) in zip(points, points[1:]):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(area) < 1e-12:
        return (sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring))
    return (cx / (3 * area), cy / (3 * area))


def ring_area(ring: Ring) -> float:
    points = _closed(ring)
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:]))) / 2


def path(rings: Iterable[Ring], project: Projection) -> tuple[list, list]:
    """x and y of a scatter trace drawing the rings, each ring ended by a gap (None)."""
    xs, ys = [], []
    for ring in rings:
        for lon, lat in ring:
            x, y = project(lon, lat)
            xs.append(round(x, 3))
            ys.append(round(y, 3))
        xs.append(None)
        ys.append(None)
    return xs, ys


def bounds(rings: Iterable[Ring]) -> tuple[float, float, float, float]:
    """(lon0, lat0, lon1, lat1) of the rings."""
    rings = list(rings)
    lons = [p[0] for ring in rings for p in ring]
    lats = [p[1] for ring in rings for p in ring]
    return min(lons), min(lats), max(lons), max(lats)
