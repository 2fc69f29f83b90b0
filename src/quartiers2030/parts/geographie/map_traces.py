"""The plotly traces of a map, from its scene: communes (hatched when they hold a QPV),
the official QPV outlines when their file is there, the names of the communes, and the
collèges by IPS class (colour AND symbol, so that no class is told by colour alone)."""

from __future__ import annotations

import plotly.graph_objects as go

from quartiers2030.core.figures import (
    BLACK,
    FONT,
    LINE_BREAK,
    MAP_OTHER_FILL,
    MAP_OTHER_LINE,
    MAP_OUTLINE_SHADE,
    MAP_QPV_FILL,
    MAP_QPV_LINE,
    PALETTE,
    TEXT_COLOUR,
    TEXT_HALO,
    TRANSPARENT,
    plot_text,
)
from quartiers2030.parts.geographie.colleges import IPS_CLASS_KEYS, ips_class
from quartiers2030.parts.geographie.map_labels import (
    label_layout,
    label_spot,
    marker_boxes,
    name_box,
    name_size,
)
from quartiers2030.parts.geographie.map_scene import Scene
from quartiers2030.parts.geographie.projection import path

HALO = TEXT_HALO
OUTLINE_COLOUR = BLACK
# Each IPS class: colour and symbol (orange-red triangles down, orange diamonds, blue circles).
IPS_STYLES = {
    "low": (PALETTE[1], "triangle-down"),
    "mid": (PALETTE[5], "diamond"),
    "high": (PALETTE[0], "circle"),
}
IPS_CLASSES = [(key, *IPS_STYLES[key]) for key in IPS_CLASS_KEYS]  # (key, colour, symbol)


def _groups(scene: Scene) -> dict[str, dict]:
    """The two styles of commune, with the legend's name of each."""
    return {
        "qpv": dict(
            name=(
                "Commune du quartier" if scene.spec.highlight_qpv else "Commune avec un quartier prioritaire"
            ),
            fillcolor=MAP_QPV_FILL,
            line=dict(color=MAP_QPV_LINE, width=1.5),
            fillpattern=dict(shape="/", fgcolor=MAP_QPV_LINE, size=8, solidity=0.15),
        ),
        "other": dict(
            name="Autre commune", fillcolor=MAP_OTHER_FILL, line=dict(color=MAP_OTHER_LINE, width=0.8)
        ),
    }


def commune_traces(scene: Scene) -> list:
    """One trace per commune (hover gives its name and QPV), then the legend of the two
    groups through empty traces of the same style."""
    groups = _groups(scene)
    traces = []
    for commune in scene.communes:
        group = "qpv" if commune.code in scene.highlighted else "other"
        xs, ys = path(commune.rings, scene.project)
        qpvs = scene.with_qpv.get(commune.code, [])
        hover = commune.name + (
            ""
            if not qpvs
            else " — quartier(s) prioritaire(s) : " + ", ".join(scene.qpv_labels[q] for q in qpvs)
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
    return traces


def outline_traces(scene: Scene) -> list:
    """The official QPV outlines, when the file is there: the QPV shown in a strong line."""
    traces = []
    for code, rings in scene.outlines.items():
        strong = scene.spec.highlight_qpv in (None, code)
        xs, ys = path(rings, scene.project)
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=MAP_OUTLINE_SHADE if strong else TRANSPARENT,
                line=dict(
                    color=OUTLINE_COLOUR, width=3 if strong else 1.5, dash="solid" if strong else "dot"
                ),
                name=plot_text(f"Contour officiel : {scene.qpv_labels.get(code, code)}"),
                hoveron="fills+points",
                hoverinfo="name",
                legendgroup="outline",
                showlegend=False,
            )
        )
    if scene.outlines:
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
    return traces


def label_positions(scene: Scene) -> tuple[list[str], list]:
    """Collège values first (each beside its marker), and the boxes they take, that the
    names of the communes then keep clear of."""
    if scene.spec.college_labels:
        return label_layout(scene.points, scene.texts, scene.km_per_px, view=scene.view)
    return [], marker_boxes(scene.points, scene.km_per_px)


def name_trace(scene: Scene, taken: list) -> list:
    """The names of the communes, each inside its outline where it hides nothing."""
    named = scene.named_communes()
    if not named:
        return []
    spots = []
    for c in named:
        ring = [scene.project(lon, lat) for lon, lat in c.main_ring]
        w, h = name_size(c.name, scene.km_per_px)
        spot = label_spot(ring, taken, w, h, scene.view)
        spots.append(spot)
        taken.append(name_box(spot, c.name, scene.km_per_px))
    return [
        go.Scatter(
            x=[round(p[0], 3) for p in spots],
            y=[round(p[1], 3) for p in spots],
            mode="text",
            text=[plot_text(c.name) for c in named],
            hoverinfo="skip",
            showlegend=False,
            cliponaxis=False,
            textfont=dict(family=FONT, size=12, color=MAP_QPV_LINE, weight="bold", shadow=HALO),
        )
    ]


def _college_hover(scene: Scene, i: int) -> str:
    c = scene.colleges[i]
    return (
        f"{plot_text(c.name)} ({plot_text(c.commune)}, {plot_text(c.sector)})"
        f"{LINE_BREAK}IPS {scene.rentree} : {scene.texts[i]}"
    )


def college_traces(scene: Scene, positions: list[str]) -> list:
    """One trace per IPS class (an empty one keeps the class in the legend)."""
    labelled = scene.spec.college_labels
    traces = []
    for key, colour, symbol in IPS_CLASSES:
        members = [i for i, c in enumerate(scene.colleges) if ips_class(c.ips, scene.mean) == key]
        traces.append(
            go.Scatter(
                x=[round(scene.points[i][0], 3) for i in members] or [None],
                y=[round(scene.points[i][1], 3) for i in members] or [None],
                mode="markers+text" if labelled else "markers",
                name=plot_text(scene.class_labels[key]),
                marker=dict(color=colour, symbol=symbol, size=13, line=dict(color=TEXT_COLOUR, width=1.2)),
                text=[scene.texts[i] for i in members] if labelled else None,
                textposition=[positions[i] for i in members] if labelled else None,
                textfont=dict(family=FONT, size=12, color=TEXT_COLOUR, shadow=HALO),
                hovertext=[_college_hover(scene, i) for i in members] or None,
                hoverinfo="text",
                cliponaxis=False,
            )
        )
    return traces


def traces(scene: Scene) -> list:
    """Every trace, in drawing order: the collèges' labels are placed before the names."""
    positions, taken = label_positions(scene)
    return (
        commune_traces(scene)
        + outline_traces(scene)
        + name_trace(scene, taken)
        + college_traces(scene, positions)
    )


def layout(scene: Scene) -> dict:
    """Axes hidden, one kilometre as long both ways, nothing to drag or zoom."""
    x0, y0, x1, y1 = scene.view
    return dict(
        height=scene.spec.height,
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
        xaxis=dict(visible=False, range=[x0, x1], fixedrange=True),
        yaxis=dict(visible=False, range=[y0, y1], scaleanchor="x", scaleratio=1, fixedrange=True),
        dragmode=False,
    )
