"""« Qui prépare ou alimente quelle instance »: the instances as boxes in layers, each link
an arrow that climbs from the instance that prepares or feeds to the one it serves."""

from __future__ import annotations

import plotly.graph_objects as go

from quartiers2030.core import fmt
from quartiers2030.core.figures import (
    BOX_FILL,
    LINE_BREAK,
    MUTED_TEXT,
    PALETTE,
    TEXT_COLOUR,
    WHITE,
    Figure,
    house_figure,
    plot_text,
    wrap_label,
    wrap_lines,
)
from quartiers2030.core.tables import Row, Table
from quartiers2030.parts.gouvernance import model, wording

# Three boxes side by side must fit the width of a phone (360 px).
WRAP_NODE, WRAP_LINK, WRAP_HOVER = 15, 14, 50
NODE_FONT, LINE_HEIGHT, NODE_PAD = 13, 1.25, 6
LAYER_HEIGHT, MARGINS = 140, 30  # pixels
DOWNLOADS = [
    ("Liens entre les instances", "gouvernance/relations.csv"),
    ("Instances", "gouvernance/instances.csv"),
]


def diagram_layout() -> dict[str, tuple[float, int]]:
    """Instance code -> (x in [0, 1], layer): the longest chain of links that leads to an
    instance gives its layer; within a layer, instances sit under the mean position of
    those that lead to them (so that links do not cross), then in the data's order."""
    codes = [i.code for i in model.instances()]
    links = model.relations()
    incoming = {c: list(links.loc[links["instance_cible"] == c, "instance_source"]) for c in codes}
    layer = _layers(codes, incoming)
    position: dict[str, tuple[float, int]] = {}
    for level in range(max(layer.values()) + 1):

        def anchor(c):
            parents = [position[s][0] for s in incoming[c] if s in position]
            return sum(parents) / len(parents) if parents else 0.5

        members = sorted((c for c in codes if layer[c] == level), key=lambda c: (anchor(c), codes.index(c)))
        for k, code in enumerate(members):
            position[code] = ((k + 0.5) / len(members), level)
    return position


def _layers(codes: list[str], incoming: dict[str, list[str]]) -> dict[str, int]:
    """Code -> length of the longest chain of links that ends there (a cycle is cut)."""
    layer: dict[str, int] = {}

    def depth(code: str, seen: tuple = ()) -> int:
        if code not in layer:
            sources = [s for s in incoming[code] if s not in seen]
            layer[code] = 1 + max((depth(s, seen + (code,)) for s in sources), default=-1)
        return layer[code]

    for code in codes:
        depth(code)
    return layer


def _box_height(label: str) -> float:
    """Height in pixels of an instance's box (its lines of text and padding)."""
    lines = len(wrap_lines(label, WRAP_NODE))
    return lines * NODE_FONT * LINE_HEIGHT + 2 * NODE_PAD + 4


def _ends(link, position, by_code, unit: float) -> tuple[float, float, float, float]:
    """(xs, ys, xt, yt): from the edge of one box to the edge of the other (heights are
    known in pixels and the plot's height is fixed, so they convert exactly to the y axis)."""
    (xs, ls), (xt, lt) = position[link.instance_source], position[link.instance_cible]
    direction = 1 if lt > ls else -1
    ys = ls + direction * (_box_height(by_code[link.instance_source].short) / 2 + 3) / unit
    yt = lt - direction * (_box_height(by_code[link.instance_cible].short) / 2 + 3) / unit
    return xs, ys, xt, yt


def _arrow_head(xs: float, ys: float, xt: float, yt: float) -> dict:
    """The head only: its short shaft lies on the link drawn by the trace."""
    return dict(
        x=xt,
        y=yt,
        ax=xs + (xt - xs) * 0.8,
        ay=ys + (yt - ys) * 0.8,
        xref="x",
        yref="y",
        axref="x",
        ayref="y",
        showarrow=True,
        arrowhead=2,
        arrowsize=1.3,
        arrowwidth=1.8,
        arrowcolor=TEXT_COLOUR,
        text="",
    )


def _link_label(link, by_code, xs: float, ys: float, xt: float, yt: float) -> dict:
    source, target = by_code[link.instance_source].short, by_code[link.instance_cible].short
    hover = [
        f"{plot_text(source)} {plot_text(link.relation)} {plot_text(target)}",
        f"« {wrap_label(link.citation, WRAP_HOVER)} »",
        f"Contrat, ligne {link.ligne_source}",
    ]
    return dict(
        # Past the middle, where links that leave the same box are further apart.
        x=xs + (xt - xs) * 0.6,
        y=ys + (yt - ys) * 0.6,
        xref="x",
        yref="y",
        showarrow=False,
        text=wrap_label(link.relation, WRAP_LINK),
        font=dict(size=13, color=MUTED_TEXT),
        bgcolor=WHITE,
        borderpad=2,
        hovertext=LINE_BREAK.join(hover),
    )


def _box(instance: model.Instance, x: float, level: int) -> dict:
    hover = [
        wrap_label(instance.label, WRAP_HOVER),
        plot_text(wording.frequency_label(instance)),
        f"Animation : {plot_text(instance.lead or wording.NOT_SPECIFIED)}",
    ]
    return dict(
        x=x,
        y=level,
        xref="x",
        yref="y",
        showarrow=False,
        text=wrap_label(instance.short, WRAP_NODE),
        font=dict(size=NODE_FONT, color=TEXT_COLOUR),
        align="center",
        bgcolor=BOX_FILL,
        bordercolor=PALETTE[0],
        borderwidth=2,
        borderpad=NODE_PAD,
        hovertext=LINE_BREAK.join(hover),
    )


def _plot(position, by_code, links) -> go.Figure:
    layers = max(level for _, level in position.values()) + 1
    y_range = [-0.3, layers - 0.7]
    height = LAYER_HEIGHT * layers + MARGINS
    unit = (height - MARGINS) / (y_range[1] - y_range[0])  # pixels per layer
    arrows, labels, line_x, line_y = [], [], [], []
    for link in links.itertuples():
        xs, ys, xt, yt = _ends(link, position, by_code, unit)
        line_x += [xs, xt, None]
        line_y += [ys, yt, None]
        arrows.append(_arrow_head(xs, ys, xt, yt))
        labels.append(_link_label(link, by_code, xs, ys, xt, yt))
    boxes = [_box(by_code[code], x, level) for code, (x, level) in position.items()]
    trace = go.Scatter(
        x=line_x,
        y=line_y,
        mode="lines",
        name="Liens",
        showlegend=False,
        line=dict(color=TEXT_COLOUR, width=1.8),
        hoverinfo="skip",
    )
    return house_figure(
        [trace],
        height=height,
        showlegend=False,
        annotations=arrows + labels + boxes,
        margin=dict(l=4, r=4, t=15, b=15),
        xaxis=dict(range=[0, 1], visible=False, fixedrange=True),
        yaxis=dict(range=y_range, visible=False, fixedrange=True),
    )


def _table(by_code, links) -> Table:
    rows = [
        Row(
            by_code[item.instance_source].short,
            [
                item.relation,
                by_code[item.instance_cible].short,
                f"« {item.citation} »",
                str(item.ligne_source),
            ],
        )
        for item in links.itertuples()
    ]
    return Table(
        id="donnees-liens-instances",
        caption=model.title("donnees-liens-instances").text,
        corner="Instance",
        columns=["Lien", "Vers l'instance", "Mots du contrat", "Ligne"],
        rows=rows,
        text=True,
    )


def _description(position, by_code, links) -> str:
    top_layer = max(level for _, level in position.values())
    bottom = [by_code[c].short for c, (_, level) in position.items() if level == 0]
    top = [by_code[c].short for c, (_, level) in position.items() if level == top_layer]
    each = " ; ".join(
        f"« {by_code[item.instance_source].short} » {item.relation} « {by_code[item.instance_cible].short} »"
        for item in links.itertuples()
    )
    return (
        f"Schéma de {fmt.count(len(position), 'instance')} reliées par {fmt.count(len(links), 'lien')}. "
        "Chaque flèche monte de l'instance qui prépare ou alimente vers celle qu'elle sert : "
        f"en bas, {', '.join(bottom)} ; en haut, {', '.join(top)}. Les liens : {each}."
    )


def figure() -> Figure:
    by_code = model.by_code()
    position = diagram_layout()
    links = model.relations()
    return Figure(
        id="liens-instances",
        title=model.title("liens-instances").text,
        description=_description(position, by_code, links),
        plot=_plot(position, by_code, links),
        table=_table(by_code, links),
        downloads=DOWNLOADS,
    )
