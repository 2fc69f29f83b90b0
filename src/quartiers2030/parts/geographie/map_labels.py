"""Where the words go on a map: each collège's value beside its marker, each commune's
name inside its outline, none hiding another at the scale of a phone.

Boxes are (x0, y0, x1, y1) in the map's kilometres; sizes in pixels are turned into
kilometres with `km_per_px`, the scale of the map about 300 px across.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from quartiers2030.parts.geographie.projection import Ring, centroid

Box = tuple[float, float, float, float]

MARKER_PX = 7  # half the side of a marker's box
GAP_PX = 6  # between a marker and its label
CHAR_WIDTH = 0.62  # of a character, in font sizes (system sans-serif, digits and commas)

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


def overlap(box: Box, boxes: Sequence[Box]) -> float:
    """Total area of `box` covered by `boxes`."""
    return sum(
        max(0, min(box[2], b[2]) - max(box[0], b[0])) * max(0, min(box[3], b[3]) - max(box[1], b[1]))
        for b in boxes
    )


def within(box: Box, view: Box | None) -> bool:
    return not view or (view[0] <= box[0] and box[2] <= view[2] and view[1] <= box[1] and box[3] <= view[3])


def marker_boxes(points: Sequence[tuple[float, float]], km_per_px: float) -> list[Box]:
    marker = MARKER_PX * km_per_px
    return [(x - marker, y - marker, x + marker, y + marker) for x, y in points]


def _best_position(x, y, w, h, km_per_px, boxes, view) -> tuple[str, Box]:
    """The first position free of every box, else the one overlapping least (a position
    outside the view counts as ten labels' worth of overlap)."""
    best, best_overlap, best_box = _POSITIONS[0][0], None, None
    gap = GAP_PX * km_per_px
    for name, fx, fy in _POSITIONS:
        x0 = x + fx * w + (gap if fx == 0 else -gap if fx == -1 else 0)
        y0 = y + fy * h
        box = (x0, y0, x0 + w, y0 + h)
        cost = (0 if within(box, view) else w * h * 10) + overlap(box, boxes)
        if best_overlap is None or cost < best_overlap:
            best, best_overlap, best_box = name, cost, box
        if cost == 0:
            break
    return best, best_box


def label_layout(
    points: Sequence[tuple[float, float]],
    texts: Sequence[str],
    km_per_px: float,
    font_px: float = 12,
    view: Box | None = None,
) -> tuple[list[str], list[Box]]:
    """A `textposition` for each point so that labels overlap neither each other nor the
    markers, inside the `view`, at the scale of a phone (greedy, in order); and the boxes
    taken by the markers and their labels."""
    boxes = marker_boxes(points, km_per_px)
    out = []
    for (x, y), text in zip(points, texts):
        w = (CHAR_WIDTH * font_px * len(text) + 8) * km_per_px
        h = (font_px + 4) * km_per_px
        position, box = _best_position(x, y, w, h, km_per_px, boxes, view)
        boxes.append(box)
        out.append(position)
    return out, boxes


def place_labels(points, texts, km_per_px: float, font_px: float = 12, view=None) -> list[str]:
    return label_layout(points, texts, km_per_px, font_px, view)[0]


def inside(x: float, y: float, ring: Ring) -> bool:
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
    view: Box | None = None,
) -> tuple[float, float]:
    """Where to write a name inside a polygon (projected): its box within the `view`
    (x0, y0, x1, y1), overlapping the `avoid` boxes (markers, labels) as little as
    possible, then as much inside the polygon and as far from its edge as possible."""
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    best, best_score = centroid(ring), None
    steps = 30  # a 29 x 29 grid of candidates over the polygon's bounding box
    for i in range(1, steps):
        for j in range(1, steps):
            x, y = x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * j / steps
            box = (x - width / 2, y - height / 2, x + width / 2, y + height / 2)
            if not inside(x, y, ring) or not within(box, view):
                continue
            corners = sum(inside(cx, cy, ring) for cx in (box[0], box[2]) for cy in (box[1], box[3]))
            edge = min(math.hypot(px - x, py - y) for px, py in ring)
            score = (-round(overlap(box, avoid) / (width * height), 2), corners, edge)
            if best_score is None or score > best_score:
                best, best_score = (x, y), score
    return best


def name_box(spot: tuple[float, float], text: str, km_per_px: float, font_px: float = 12) -> Box:
    """The box of a commune's name written at `spot` (centred), bold."""
    w, h = name_size(text, km_per_px, font_px)
    return (spot[0] - w / 2, spot[1] - h / 2, spot[0] + w / 2, spot[1] + h / 2)


def name_size(text: str, km_per_px: float, font_px: float = 12) -> tuple[float, float]:
    return (CHAR_WIDTH * font_px * len(text) + 6) * km_per_px, (font_px + 4) * km_per_px
