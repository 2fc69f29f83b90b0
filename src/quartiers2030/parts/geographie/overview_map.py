"""The small map of the home page: the communes around the quartiers prioritaires, those
that hold one hatched and named, the official outlines of the quartiers when their file is
there. It is drawn from the same scene as the other maps (map_scene.py) but as an inline SVG
image, without the chart library: the home page stays light and shows it at once.

Inputs, declared by the home page: `communes_cab`, `ips_colleges`, `ips_references`, `qpv`,
and `qpv_contours` (optional)."""

from __future__ import annotations

from dataclasses import dataclass

from quartiers2030.core import fmt
from quartiers2030.core.figures import MAP_OTHER_FILL, MAP_OTHER_LINE, MAP_QPV_FILL, MAP_QPV_LINE, TEXT_COLOUR
from quartiers2030.core.html import Fragment
from quartiers2030.core.templates import render
from quartiers2030.parts.geographie.communes import qpv_communes
from quartiers2030.parts.geographie.map_scene import MapSpec, Scene, scene
from quartiers2030.parts.geographie.model import short_label
from quartiers2030.parts.geographie.projection import centroid

WIDTH = 320  # the SVG's own units: about a phone's width, so that 12 units read as 12 px
MIN_STEP = 0.6  # points closer than this to the previous one are dropped (smaller paths)


COLOURS = dict(
    qpv_fill=MAP_QPV_FILL,
    qpv_line=MAP_QPV_LINE,
    other_fill=MAP_OTHER_FILL,
    other_line=MAP_OTHER_LINE,
    text=TEXT_COLOUR,
)


@dataclass(frozen=True)
class _Shape:
    d: str
    qpv: bool


@dataclass(frozen=True)
class _Label:
    x: str
    y: str
    text: str


def _to_svg(view: Scene):
    """A function from (lon, lat) to the SVG's (x, y), north up, and the SVG's height."""
    x0, y0, x1, y1 = view.view
    scale = WIDTH / (x1 - x0)

    def point(lon: float, lat: float) -> tuple[float, float]:
        x, y = view.project(lon, lat)
        return (x - x0) * scale, (y1 - y) * scale

    return point, round((y1 - y0) * scale)


def _d(rings, point) -> str:
    """An SVG path of the rings, each closed, rounded to a tenth of a unit."""
    pieces = []
    for ring in rings:
        kept, last = [], None
        for lon, lat in ring:
            x, y = point(lon, lat)
            if last is None or abs(x - last[0]) + abs(y - last[1]) >= MIN_STEP:
                kept.append(f"{x:.1f} {y:.1f}")
                last = (x, y)
        if len(kept) > 2:
            pieces.append("M" + " L".join(kept) + "Z")
    return "".join(pieces)


def overview(title: str, link: str) -> Fragment:
    """The map, named by `title` and described in words, linking to the full map (`link`)."""
    codes = sorted({c for codes in qpv_communes().values() for c in codes})
    view = scene(MapSpec(id="carte-accueil", title=title, focus=codes, college_labels=False))
    point, height = _to_svg(view)
    shapes = [_Shape(_d(c.rings, point), c.code in view.highlighted) for c in view.communes]
    outlines = [_d(rings, point) for rings in view.outlines.values()]
    labels = []
    for c in view.named_communes():
        x, y = point(*centroid(c.main_ring))
        labels.append(_Label(f"{x:.0f}", f"{y:.0f}", c.name))
    names = [c.name for c in view.named_communes()]
    where = ", ".join(names[:-1]) + " et " + names[-1] if len(names) > 1 else "".join(names)
    caption = "Hachurées : les communes des quartiers prioritaires."
    where_sentence = f"Les {fmt.number(len(view.qpv_labels))} quartiers prioritaires se trouvent à {where}."
    description = (
        f"Carte des communes autour des quartiers prioritaires ("
        f"{', '.join(short_label(n) for n in view.qpv_labels.values())}). {where_sentence} {caption}"
    )
    return render(
        "geographie/overview_map.html",
        title=title,
        description=description,
        caption=caption,
        width=WIDTH,
        height=height,
        shapes=shapes,
        outlines=outlines,
        labels=labels,
        link=link,
        colours=COLOURS,
    )
