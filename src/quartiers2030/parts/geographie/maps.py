"""Maps of the agglomeration drawn with plain `scatter` traces on cartesian axes.

The site ships plotly.js's "basic" bundle (scatter, bar, pie): no geographic trace type and
no tile server. Each outline is a `scatter` with `fill="toself"`, its longitude and latitude
projected to kilometres (equirectangular, longitudes scaled by the cosine of the mean
latitude) and the y axis anchored to the x axis so that one kilometre is as long both ways.

Inputs, all declared by the pages that draw a map:

- `communes_cab`: the 22 commune outlines (GeoJSON, WGS 84);
- `ips_colleges`: the collèges, with their coordinates and IPS;
- `ips_references`: the departmental mean that the contract cites (the IPS classes);
- `qpv`: which communes hold a quartier prioritaire;
- `qpv_contours` (optional): the official outlines of the quartiers prioritaires (ANCT).
  Until its file exists the maps say so; once it is dropped into `data/`, every map draws
  the outlines, in WGS 84 or in Lambert-93 (the two systems the ANCT publishes).
"""

from __future__ import annotations

import json
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from quartiers2030.core import fmt
from quartiers2030.core.figures import FONT, TEXT_COLOUR, Figure, house_figure, plot_text
from quartiers2030.core.html import Fragment, escape
from quartiers2030.core.tables import Row, Table
from quartiers2030.data import datapackage
from quartiers2030.data.datapackage import DECLARED_INPUTS_ENV, UndeclaredInput, load

COMMUNES = "communes_cab"
QPV_OUTLINES = "qpv_contours"
KM_PER_DEGREE = 6371.0088 * math.pi / 180  # mean Earth radius (IUGG)

QPV_COMMUNE_FILL = "rgba(204, 121, 167, 0.45)"  # Okabe–Ito reddish purple, translucent
QPV_COMMUNE_LINE = "#8a3b6a"
OTHER_COMMUNE_FILL = "#f2f2f2"
OTHER_COMMUNE_LINE = "#8c8c8c"
OUTLINE_COLOUR = "#000000"
HALO = (
    "1px 1px 1px #fff, -1px -1px 1px #fff, 1px -1px 1px #fff, -1px 1px 1px #fff"  # text readable on hatching
)
# IPS classes of the collèges: colour AND symbol, so that no class is told by colour alone.
# The upper bound of the middle class is the departmental mean the contract cites.
VERY_LOW_IPS = 80  # below it, an intake the ministry's scale calls very working-class
IPS_CLASSES = [  # (upper bound or None for the departmental mean / no bound, colour, symbol)
    ("low", "#D55E00", "triangle-down"),
    ("mid", "#E69F00", "diamond"),
    ("high", "#0072B2", "circle"),
]


# --- reading GeoJSON, as the loader reads CSV ---------------------------------------------


def _declared(name: str) -> None:
    declared = os.environ.get(DECLARED_INPUTS_ENV)
    if declared is not None and name not in declared.split(","):
        raise UndeclaredInput(
            f"Cette page lit la ressource « {name} » sans la déclarer : ajoutez-la à "
            f"« data_inputs » dans l'en-tête du notebook ({declared or 'aucune déclarée'})."
        )


def load_geojson(name: str) -> dict | None:
    """A GeoJSON resource of `datapackage.json`, or None when an optional file is absent."""
    _declared(name)
    path = datapackage.resource_path(name)
    if not path.is_file():
        if datapackage.resource(name).get(datapackage.OPTIONAL):
            return None
        raise FileNotFoundError(f"Fichier absent : data/{datapackage.resource(name)['path']}")
    return json.loads(path.read_text(encoding="utf-8"))


def outlines_available() -> bool:
    _declared(QPV_OUTLINES)
    return datapackage.available(QPV_OUTLINES)


# --- geometry --------------------------------------------------------------------------

Ring = list[tuple[float, float]]  # (lon, lat), closed or not


def _rings(geometry: dict) -> list[Ring]:
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


def _to_wgs84(rings: list[Ring]) -> list[Ring]:
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


def _centroid(ring: Ring) -> tuple[float, float]:
    """Area centroid of a ring (shoelace formula); the mean of its points if degenerate."""
    area = cx = cy = 0.0
    points = ring if ring[0] == ring[-1] else ring + ring[:1]
    for (x1, y1), (x2, y2) in zip(points, points[1:]):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(area) < 1e-12:
        return (sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring))
    return (cx / (3 * area), cy / (3 * area))


def _ring_area(ring: Ring) -> float:
    points = ring if ring[0] == ring[-1] else ring + ring[:1]
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:]))) / 2


# --- the things on the map ---------------------------------------------------------------


def _fold(text: str) -> str:
    """A name compared without accents, case, hyphens or a leading article."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z]+", " ", ascii_text).strip()


@dataclass(frozen=True)
class Commune:
    code: str
    name: str
    rings: tuple  # tuple of rings (lon, lat)

    @property
    def label_point(self) -> tuple[float, float]:
        return _centroid(max(self.rings, key=_ring_area))


def communes() -> list[Commune]:
    data = load_geojson(COMMUNES)
    out = []
    for feature in data["features"]:
        props = feature["properties"]
        name = props.get("nom_usuel") or props.get("nom") or props.get("code")
        out.append(
            Commune(
                str(props["code"]), str(name), tuple(tuple(r) for r in _to_wgs84(_rings(feature["geometry"])))
            )
        )
    return out


def split_communes(cell: str) -> list[str]:
    """« Boulogne-sur-Mer, Outreau et Le Portel » -> the three names."""
    return [part.strip() for part in re.split(r",| et ", cell) if part.strip()]


def qpv_communes() -> dict[str, list[str]]:
    """INSEE codes of the communes of each QPV, matched by name against the outlines."""
    by_name = {_fold(c.name): c.code for c in communes()}
    out = {}
    for row in load("qpv").itertuples():
        codes = []
        for name in split_communes(row.communes):
            code = by_name.get(_fold(name))
            if code is None:
                raise ValueError(
                    f"Commune « {name} » du QPV {row.code_qpv} absente des contours "
                    f"des communes (data/{datapackage.resource(COMMUNES)['path']})."
                )
            codes.append(code)
        out[row.code_qpv] = codes
    return out


@dataclass(frozen=True)
class College:
    uai: str
    name: str
    commune: str
    sector: str
    ips: float
    lon: float
    lat: float


def colleges(rentree_column: str) -> list[College]:
    frame = load("ips_colleges")
    return [
        College(
            r.uai, r.nom, r.commune, r.secteur, float(getattr(r, rentree_column)), float(r.lon), float(r.lat)
        )
        for r in frame.itertuples()
        if getattr(r, rentree_column) == getattr(r, rentree_column)
    ]


def rentree_columns(frame) -> dict[str, str]:
    """IPS columns of the collèges file, by school year: {"2022-2023": "ips_2022_2023"}."""
    out = {}
    for column in frame.columns:
        match = re.fullmatch(r"ips_(\d{4})_(\d{4})", column)
        if match:
            out[f"{match.group(1)}-{match.group(2)}"] = column
    return out


def college_rentree() -> tuple[str, str]:
    """(column, school year) of the collèges' IPS that the maps show: the year whose value
    equals the one the contract prints for the collège it names, else the latest."""
    frame = load("ips_colleges")
    columns = rentree_columns(frame)
    for ref in load("ips_references").itertuples():
        row = frame[frame["uai"] == ref.uai]
        for rentree, column in columns.items():
            if len(row) and round(float(row[column].iloc[0]), 2) == round(float(ref.valeur), 2):
                return column, rentree
    rentree = sorted(columns)[-1]
    return columns[rentree], rentree


def departmental_mean() -> tuple[float, int] | None:
    """The departmental mean IPS the contract cites, and its source line."""
    refs = load("ips_references")
    rows = refs[refs["code"] == "moyenne_departementale"]
    if rows.empty:
        return None
    return float(rows["valeur"].iloc[0]), int(rows["ligne_source"].iloc[0])


def ips_class(value: float, mean: float) -> str:
    if value < VERY_LOW_IPS:
        return "low"
    return "mid" if value < mean else "high"


def ips_class_labels(mean: float) -> dict[str, str]:
    """Short enough for a phone's legend; the description says what the upper bound is."""
    low, high = fmt.number(VERY_LOW_IPS), fmt.number(mean, fmt.decimals_of(mean))
    return {
        "low": f"Collège, IPS inférieur à {low}",
        "mid": f"Collège, IPS de {low} à {high}",
        "high": f"Collège, IPS d'au moins {high}",
    }


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
        out.setdefault(code, []).extend(_to_wgs84(_rings(feature["geometry"])))
    return out


# --- label placement -------------------------------------------------------------------

# Candidate positions around a marker (plotly `textposition`) and where the label's box
# sits relative to the point, in label widths / heights.
_POSITIONS = [
    ("middle right", 0.0, -0.5),
    ("middle left", -1.0, -0.5),
    ("top center", -0.5, 0.3),
    ("bottom center", -0.5, -1.3),
    ("top right", 0.0, 0.3),
    ("bottom left", -1.0, -1.3),
    ("top left", -1.0, 0.3),
    ("bottom right", 0.0, -1.3),
]


def _overlap(box, boxes) -> float:
    return sum(
        max(0, min(box[2], b[2]) - max(box[0], b[0])) * max(0, min(box[3], b[3]) - max(box[1], b[1]))
        for b in boxes
    )


def _within(box, view) -> bool:
    return not view or (view[0] <= box[0] and box[2] <= view[2] and view[1] <= box[1] and box[3] <= view[3])


def label_layout(
    points: Sequence[tuple[float, float]],
    texts: Sequence[str],
    km_per_px: float,
    font_px: float = 12,
    view: tuple[float, float, float, float] | None = None,
) -> tuple[list[str], list[tuple]]:
    """A `textposition` for each point so that labels overlap neither each other nor the
    markers, inside the `view`, at the scale of a phone (greedy, in order); and the boxes
    taken by the markers and their labels."""
    marker = 7 * km_per_px
    boxes = [(x - marker, y - marker, x + marker, y + marker) for x, y in points]
    out = []
    for (x, y), text in zip(points, texts):
        w = (0.62 * font_px * len(text) + 8) * km_per_px
        h = (font_px + 4) * km_per_px
        best, best_overlap, best_box = _POSITIONS[0][0], None, None
        for name, fx, fy in _POSITIONS:
            gap = 6 * km_per_px
            x0 = x + fx * w + (gap if fx == 0 else -gap if fx == -1 else 0)
            y0 = y + fy * h
            box = (x0, y0, x0 + w, y0 + h)
            overlap = (0 if _within(box, view) else w * h * 10) + _overlap(box, boxes)
            if best_overlap is None or overlap < best_overlap:
                best, best_overlap, best_box = name, overlap, box
            if overlap == 0:
                break
        boxes.append(best_box)
        out.append(best)
    return out, boxes


def place_labels(points, texts, km_per_px: float, font_px: float = 12, view=None) -> list[str]:
    return label_layout(points, texts, km_per_px, font_px, view)[0]


def _inside(x: float, y: float, ring: Ring) -> bool:
    """Ray casting: is (x, y) inside the polygon `ring`?"""
    result = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            result = not result
    return result


def label_spot(
    ring: Ring,
    avoid: Sequence[tuple],
    width: float,
    height: float,
    view: tuple[float, float, float, float] | None = None,
) -> tuple[float, float]:
    """Where to write a name inside a polygon (projected): its box within the `view`
    (x0, y0, x1, y1), overlapping the `avoid` boxes (markers, labels) as little as
    possible, then as much inside the polygon and as far from its edge as possible."""
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    best, best_score = _centroid(ring), None
    steps = 30
    for i in range(1, steps):
        for j in range(1, steps):
            x, y = x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * j / steps
            box = (x - width / 2, y - height / 2, x + width / 2, y + height / 2)
            if not _inside(x, y, ring) or not _within(box, view):
                continue
            corners = sum(_inside(cx, cy, ring) for cx in (box[0], box[2]) for cy in (box[1], box[3]))
            edge = min(math.hypot(px - x, py - y) for px, py in ring)
            score = (-round(_overlap(box, avoid) / (width * height), 2), corners, edge)
            if best_score is None or score > best_score:
                best, best_score = (x, y), score
    return best


# --- the figure ------------------------------------------------------------------------


def _path(rings: Iterable[Ring], project: Projection) -> tuple[list, list]:
    xs, ys = [], []
    for ring in rings:
        for lon, lat in ring:
            x, y = project(lon, lat)
            xs.append(round(x, 3))
            ys.append(round(y, 3))
        xs.append(None)
        ys.append(None)
    return xs, ys


def _bounds(rings: Iterable[Ring]) -> tuple[float, float, float, float]:
    rings = list(rings)
    lons = [p[0] for ring in rings for p in ring]
    lats = [p[1] for ring in rings for p in ring]
    return min(lons), min(lats), max(lons), max(lats)


@dataclass
class MapSpec:
    id: str
    title: str
    focus: Sequence[str] = ()  # INSEE codes to zoom on; () = the whole CAB
    highlight_qpv: str | None = None  # a QPV whose communes (and outline) stand out
    college_labels: bool = True  # write each collège's IPS beside its symbol
    commune_labels: str = "qpv"  # "qpv": names of the communes with a QPV; "focus"
    height: int = 620


def map_figure(spec: MapSpec) -> Figure:
    rentree_column, rentree_label = college_rentree()
    all_communes = communes()
    by_qpv = qpv_communes()
    qpv_labels = {r.code_qpv: r.libelle for r in load("qpv").itertuples()}
    with_qpv = {
        code: [q for q, codes in by_qpv.items() if code in codes]
        for code in {c for codes in by_qpv.values() for c in codes}
    }
    highlighted = set(by_qpv.get(spec.highlight_qpv, [])) if spec.highlight_qpv else set(with_qpv)
    focus = [c for c in all_communes if c.code in set(spec.focus)] or all_communes
    lon0, lat0, lon1, lat1 = _bounds(r for c in focus for r in c.rings)
    outlines = qpv_outlines()
    if spec.highlight_qpv and outlines.get(spec.highlight_qpv):
        lon0, lat0, lon1, lat1 = _bounds(outlines[spec.highlight_qpv] + [r for c in focus for r in c.rings])
    project = Projection((lat0 + lat1) / 2)
    traces: list = []

    # Communes: one trace each (hover gives its name), styled by group; the legend shows
    # the two groups through empty traces of the same style.
    groups = {
        "qpv": dict(
            name=("Commune du quartier" if spec.highlight_qpv else "Commune avec un quartier prioritaire"),
            fillcolor=QPV_COMMUNE_FILL,
            line=dict(color=QPV_COMMUNE_LINE, width=1.5),
            fillpattern=dict(shape="/", fgcolor=QPV_COMMUNE_LINE, size=8, solidity=0.15),
        ),
        "other": dict(
            name="Autre commune", fillcolor=OTHER_COMMUNE_FILL, line=dict(color=OTHER_COMMUNE_LINE, width=0.8)
        ),
    }
    for commune in all_communes:
        group = "qpv" if commune.code in highlighted else "other"
        xs, ys = _path(commune.rings, project)
        qpvs = with_qpv.get(commune.code, [])
        hover = commune.name + (
            "" if not qpvs else " — quartier(s) prioritaire(s) : " + ", ".join(qpv_labels[q] for q in qpvs)
        )
        style = {k: v for k, v in groups[group].items() if k != "name"}
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                name=plot_text(hover),
                hoveron="fills",
                hoverinfo="name",
                showlegend=False,
                legendgroup=group,
                **style,
            )
        )
    for group in ("qpv", "other"):
        style = dict(groups[group])
        traces.append(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines",
                fill="toself",
                legendgroup=group,
                showlegend=True,
                hoverinfo="skip",
                **{**style, "name": plot_text(style["name"])},
            )
        )

    # Official QPV outlines, when the file is there.
    for code, rings in outlines.items():
        strong = spec.highlight_qpv in (None, code)
        xs, ys = _path(rings, project)
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor="rgba(0,0,0,0.08)" if strong else "rgba(0,0,0,0)",
                line=dict(
                    color=OUTLINE_COLOUR, width=3 if strong else 1.5, dash="solid" if strong else "dot"
                ),
                name=plot_text(f"Contour officiel : {qpv_labels.get(code, code)}"),
                hoveron="fills+points",
                hoverinfo="name",
                legendgroup="outline",
                showlegend=False,
            )
        )
    if outlines:
        traces.append(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines",
                legendgroup="outline",
                line=dict(color=OUTLINE_COLOUR, width=3),
                name="Contour officiel du quartier prioritaire (ANCT)",
            )
        )

    x0, y0 = project(lon0, lat0)
    x1, y1 = project(lon1, lat1)
    pad_x, pad_y = (x1 - x0) * 0.03, (y1 - y0) * 0.03
    view = (x0 - pad_x, y0 - pad_y, x1 + pad_x, y1 + pad_y)

    # Collèges (projected first: the names of the communes keep clear of them).
    mean = departmental_mean()
    mean_value = mean[0] if mean else 100.0
    labels = ips_class_labels(mean_value)
    inside = [
        c
        for c in colleges(rentree_column)
        if lon0 - 0.01 <= c.lon <= lon1 + 0.01 and lat0 - 0.01 <= c.lat <= lat1 + 0.01
    ]
    span_x = project(lon1, lat0)[0] - project(lon0, lat0)[0]
    span_y = project(lon0, lat1)[1] - project(lon0, lat0)[1]
    # The map's scale on a phone: about 300 px across, or the height if that binds.
    km_per_px = max(span_x / 300, span_y / (spec.height - 140), 1e-6)
    points = [project(c.lon, c.lat) for c in inside]
    texts = [fmt.number(c.ips, 1) for c in inside]

    # Collège values first (each beside its marker), then the names of the communes where
    # they hide neither.
    positions, taken = label_layout(points, texts, km_per_px, view=view) if spec.college_labels else ([], [])
    if not spec.college_labels:
        marker = 7 * km_per_px
        taken = [(x - marker, y - marker, x + marker, y + marker) for x, y in points]
    named = [
        c
        for c in all_communes
        if (c.code in highlighted if spec.commune_labels == "qpv" else c.code in set(spec.focus))
    ]
    if named:
        spots = []
        for c in named:
            ring = [project(lon, lat) for lon, lat in max(c.rings, key=_ring_area)]
            w, h = (0.62 * 12 * len(c.name) + 6) * km_per_px, 16 * km_per_px
            spot = label_spot(ring, taken, w, h, view)
            spots.append(spot)
            taken.append((spot[0] - w / 2, spot[1] - h / 2, spot[0] + w / 2, spot[1] + h / 2))
        traces.append(
            go.Scatter(
                x=[round(p[0], 3) for p in spots],
                y=[round(p[1], 3) for p in spots],
                mode="text",
                text=[plot_text(c.name) for c in named],
                hoverinfo="skip",
                showlegend=False,
                cliponaxis=False,
                textfont=dict(family=FONT, size=12, color=QPV_COMMUNE_LINE, weight="bold", shadow=HALO),
            )
        )

    # Collèges, by IPS class (colour and symbol), with their value beside them.
    for key, colour, symbol in IPS_CLASSES:
        members = [i for i, c in enumerate(inside) if ips_class(c.ips, mean_value) == key]
        traces.append(
            go.Scatter(
                x=[round(points[i][0], 3) for i in members] or [None],
                y=[round(points[i][1], 3) for i in members] or [None],
                mode="markers+text" if spec.college_labels else "markers",
                name=plot_text(labels[key]),
                marker=dict(color=colour, symbol=symbol, size=13, line=dict(color="#1a1a1a", width=1.2)),
                text=[texts[i] for i in members] if spec.college_labels else None,
                textposition=[positions[i] for i in members] if spec.college_labels else None,
                textfont=dict(family=FONT, size=12, color=TEXT_COLOUR, shadow=HALO),
                customdata=[
                    [
                        plot_text(inside[i].name),
                        plot_text(inside[i].commune),
                        plot_text(inside[i].sector),
                        texts[i],
                    ]
                    for i in members
                ]
                or None,
                hovertemplate=(
                    "%{customdata[0]} (%{customdata[1]}, %{customdata[2]})<br>"
                    f"IPS {rentree_label} : %{{customdata[3]}}<extra></extra>"
                ),
                cliponaxis=False,
            )
        )

    plot = house_figure(
        traces,
        height=spec.height,
        margin=dict(l=4, r=4, t=4, b=4),
        hovermode="closest",
        legend=dict(
            orientation="h",
            yanchor="top",
            y=-0.01,
            xanchor="left",
            x=0,
            traceorder="normal",
            font=dict(size=13),
        ),
        xaxis=dict(visible=False, range=[x0 - pad_x, x1 + pad_x], fixedrange=True),
        yaxis=dict(
            visible=False, range=[y0 - pad_y, y1 + pad_y], scaleanchor="x", scaleratio=1, fixedrange=True
        ),
        dragmode=False,
    )
    table = _map_table(spec, all_communes, with_qpv, qpv_labels, inside, rentree_label, labels, mean_value)
    description = _map_description(
        spec,
        all_communes,
        with_qpv,
        highlighted,
        qpv_labels,
        inside,
        rentree_label,
        mean_value,
        bool(outlines),
    )
    downloads = [
        ("Collèges de la CAB : IPS et coordonnées", datapackage.resource("ips_colleges")["path"]),
        ("Contours des 22 communes (GeoJSON)", datapackage.resource(COMMUNES)["path"]),
    ]
    return Figure(
        id=spec.id, title=spec.title, description=description, plot=plot, table=table, downloads=downloads
    )


def _map_description(
    spec, all_communes, with_qpv, highlighted, qpv_labels, inside, rentree_label, mean_value, has_outlines
) -> str:
    names = [c.name for c in all_communes if c.code in highlighted]
    if spec.highlight_qpv:
        text = (
            f"Carte des communes du quartier « {qpv_labels[spec.highlight_qpv]} » : "
            + ", ".join(names)
            + ", hachurées."
        )
    else:
        text = (
            f"Carte des {fmt.number(len(all_communes))} communes de la CAB ; les "
            f"{fmt.number(len(names))} communes qui comptent un quartier prioritaire sont "
            "hachurées : " + ", ".join(names) + "."
        )
    if inside:
        low = min(inside, key=lambda c: c.ips)
        high = max(inside, key=lambda c: c.ips)
        text += (
            f" {fmt.number(len(inside))} collèges y figurent ; leur symbole donne la classe de "
            f"leur IPS {rentree_label} (moins de {fmt.number(VERY_LOW_IPS)}, puis jusqu'à "
            f"{fmt.number(mean_value, fmt.decimals_of(mean_value))}, moyenne départementale citée "
            f"par le contrat, puis au-delà) : de {fmt.number(low.ips, 1)} ({low.name}) à "
            f"{fmt.number(high.ips, 1)} ({high.name})."
        )
    if not has_outlines:
        text += " Les contours officiels des quartiers prioritaires ne sont pas encore inclus."
    return text


def _map_table(spec, all_communes, with_qpv, qpv_labels, inside, rentree_label, labels, mean_value) -> Table:
    rows = [
        Row(c.name, [c.code, ", ".join(qpv_labels[q] for q in with_qpv.get(c.code, [])) or "aucun"])
        for c in sorted(all_communes, key=lambda c: _fold(c.name))
        if not spec.focus or c.code in set(spec.focus) or c.code in with_qpv
    ]
    rows += [
        Row(
            c.name,
            [
                c.commune,
                f"IPS {rentree_label} : {fmt.number(c.ips, 1)} — "
                + labels[ips_class(c.ips, mean_value)].removeprefix("Collège, "),
            ],
        )
        for c in sorted(inside, key=lambda c: c.ips)
    ]
    return Table(
        id=f"donnees-{spec.id}",
        caption=f"{spec.title} : communes et collèges représentés",
        corner="Commune ou collège",
        columns=["Code INSEE ou commune", "Quartier prioritaire ou IPS"],
        rows=rows,
    )


def outline_notice() -> Fragment:
    """What the map shows about the QPV themselves, said plainly."""
    if qpv_outlines():
        return Fragment(
            '<p class="q2030-notice">Les contours officiels des quartiers prioritaires '
            "(ANCT) sont tracés en noir sur les cartes.</p>"
        )
    return Fragment(
        '<p class="q2030-notice"><strong>Les contours des quartiers prioritaires ne sont pas encore '
        "inclus.</strong> Ils ne figurent pas dans les données ouvertes reprises par le site : les "
        "cartes montrent les communes qui comptent un quartier prioritaire, pas le périmètre exact "
        "des quartiers.</p>"
    )


def legend_text(mean: float) -> str:
    return escape(" ; ".join(ips_class_labels(mean).values()))


# --- the maps of the « Carte » page --------------------------------------------------------


def cab_map() -> Figure:
    """The 22 communes, those with a QPV hatched, and every collège by IPS class."""
    return map_figure(
        MapSpec(
            id="carte-cab",
            title="Les communes de la CAB, leurs quartiers prioritaires et leurs collèges",
            college_labels=False,
            height=640,
        )
    )


def centre_map() -> Figure:
    """The communes with a QPV, close up, with each collège's IPS written beside it."""
    codes = sorted({c for codes in qpv_communes().values() for c in codes})
    return map_figure(
        MapSpec(
            id="carte-centre",
            title="Le tissu urbain central : communes des quartiers prioritaires et collèges",
            focus=codes,
            commune_labels="focus",
            height=600,
        )
    )
