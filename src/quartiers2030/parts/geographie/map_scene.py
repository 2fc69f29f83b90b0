"""What one map shows, read from the data once: the communes, which stand out, the frame,
the scale, the collèges inside the frame. The traces and the words of the map are then
drawn from this scene (map_traces.py, maps.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from quartiers2030.core import fmt
from quartiers2030.data.datapackage import load
from quartiers2030.parts.geographie.colleges import (
    NO_MEAN,
    College,
    college_rentree,
    colleges,
    departmental_mean,
    ips_class_labels,
)
from quartiers2030.parts.geographie.communes import Commune, communes, qpv_communes, qpv_outlines
from quartiers2030.parts.geographie.map_labels import Box
from quartiers2030.parts.geographie.projection import Projection, Ring, bounds

PHONE_WIDTH_PX = 300  # a map's width on a phone, for the size of its labels
LEGEND_PX = 140  # of a map's height, taken by its legend below
FRAME_MARGIN = 0.03  # of the frame, on each side
COLLEGE_MARGIN_DEG = 0.01  # a collège this close to the frame is still shown


@dataclass
class MapSpec:
    id: str
    title: str
    focus: Sequence[str] = ()  # INSEE codes to zoom on; () = the whole CAB
    highlight_qpv: str | None = None  # a QPV whose communes (and outline) stand out
    college_labels: bool = True  # write each collège's IPS beside its symbol
    commune_labels: str = "qpv"  # "qpv": names of the communes with a QPV; "focus"
    height: int = 620


@dataclass
class Scene:
    spec: MapSpec
    communes: list[Commune]
    with_qpv: dict[str, list[str]]  # INSEE code -> codes of its QPV
    qpv_labels: dict[str, str]
    highlighted: set[str]  # INSEE codes of the communes drawn hatched
    outlines: dict[str, list[Ring]]
    frame: tuple[float, float, float, float]  # lon0, lat0, lon1, lat1
    project: Projection
    view: Box  # the axes' ranges, in km
    km_per_px: float
    rentree: str
    mean: float  # the upper bound of the middle IPS class
    class_labels: dict[str, str]
    colleges: list[College]  # those inside the frame
    points: list[tuple[float, float]]  # their projected positions
    texts: list[str]  # their IPS as written beside them

    def named_communes(self) -> list[Commune]:
        """The communes whose name is written on the map."""
        if self.spec.commune_labels == "qpv":
            return [c for c in self.communes if c.code in self.highlighted]
        return [c for c in self.communes if c.code in set(self.spec.focus)]


def _frame(spec: MapSpec, all_communes: list[Commune], outlines: dict) -> tuple[float, float, float, float]:
    """The communes in focus (all by default), and the outline of the QPV shown if any."""
    focus = [c for c in all_communes if c.code in set(spec.focus)] or all_communes
    rings = [r for c in focus for r in c.rings]
    if spec.highlight_qpv and outlines.get(spec.highlight_qpv):
        return bounds(outlines[spec.highlight_qpv] + rings)
    return bounds(rings)


def _view(frame, project: Projection) -> Box:
    lon0, lat0, lon1, lat1 = frame
    x0, y0 = project(lon0, lat0)
    x1, y1 = project(lon1, lat1)
    pad_x, pad_y = (x1 - x0) * FRAME_MARGIN, (y1 - y0) * FRAME_MARGIN
    return (x0 - pad_x, y0 - pad_y, x1 + pad_x, y1 + pad_y)


def _km_per_px(frame, project: Projection, height: int) -> float:
    """The map's scale on a phone: about 300 px across, or the height if that binds."""
    lon0, lat0, lon1, lat1 = frame
    span_x = project(lon1, lat0)[0] - project(lon0, lat0)[0]
    span_y = project(lon0, lat1)[1] - project(lon0, lat0)[1]
    return max(span_x / PHONE_WIDTH_PX, span_y / (height - LEGEND_PX), 1e-6)


def _in_frame(college: College, frame) -> bool:
    lon0, lat0, lon1, lat1 = frame
    m = COLLEGE_MARGIN_DEG
    return lon0 - m <= college.lon <= lon1 + m and lat0 - m <= college.lat <= lat1 + m


def scene(spec: MapSpec) -> Scene:
    rentree_column, rentree = college_rentree()
    all_communes = communes()
    by_qpv = qpv_communes()
    with_qpv = {
        code: [q for q, codes in by_qpv.items() if code in codes]
        for code in {c for codes in by_qpv.values() for c in codes}
    }
    highlighted = set(by_qpv.get(spec.highlight_qpv, [])) if spec.highlight_qpv else set(with_qpv)
    outlines = qpv_outlines()
    frame = _frame(spec, all_communes, outlines)
    project = Projection((frame[1] + frame[3]) / 2)
    mean = departmental_mean()
    mean_value = mean[0] if mean else NO_MEAN
    shown = [c for c in colleges(rentree_column) if _in_frame(c, frame)]
    return Scene(
        spec=spec,
        communes=all_communes,
        with_qpv=with_qpv,
        qpv_labels={r.code_qpv: r.libelle for r in load("qpv").itertuples()},
        highlighted=highlighted,
        outlines=outlines,
        frame=frame,
        project=project,
        view=_view(frame, project),
        km_per_px=_km_per_px(frame, project, spec.height),
        rentree=rentree,
        mean=mean_value,
        class_labels=ips_class_labels(mean_value),
        colleges=shown,
        points=[project(c.lon, c.lat) for c in shown],
        texts=[fmt.number(c.ips, 1) for c in shown],
    )
