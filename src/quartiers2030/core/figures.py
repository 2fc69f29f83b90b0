"""One house style for charts, and their HTML: a figure with its title, its text
alternative and its data beside it.

Charts are emitted as a JSON spec inside `<script type="application/json">` plus an empty
`<div>` with a fixed id; the static `q2030-figures.js` draws them with the plotly.js file
that the site ships once. No library is inlined in a page, no CDN is named, no random
id is generated, and no inline script runs (so a strict Content-Security-Policy holds).
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import plotly.graph_objects as go
from plotly.io.json import to_json_plotly

from quartiers2030.core import paths
from quartiers2030.core.html import Fragment
from quartiers2030.core.tables import Table
from quartiers2030.core.templates import render

# --- colours: the only place a hex colour is written (parts import these names) -------
# Okabe–Ito: distinguishable with the common colour-vision deficiencies. Yellow is left
# out: too little contrast on white.
BLUE = "#0072B2"
VERMILION = "#D55E00"
BLUISH_GREEN = "#009E73"
REDDISH_PURPLE = "#CC79A7"
SKY_BLUE = "#56B4E9"
ORANGE = "#E69F00"
BLACK = "#000000"
PALETTE = [BLUE, VERMILION, BLUISH_GREEN, REDDISH_PURPLE, SKY_BLUE, ORANGE, BLACK]
WHITE = "#ffffff"  # the page, and the lines that separate touching marks
TEXT_COLOUR = "#1a1a1a"  # text, axis lines, reference lines
MUTED_TEXT = "#4d4d4d"  # secondary text: contrast 8.5:1 on white
GRID_COLOUR = "#d9d9d9"  # grid lines along the values
LIGHT_GRID_COLOUR = "#eeeeee"  # grid lines along the categories, fainter
BOX_FILL = "#e8f1f8"  # a pale blue box (the nodes of a diagram) edged with BLUE
# Maps: the communes with a quartier prioritaire, and the others, in grey.
MAP_QPV_FILL = "rgba(204, 121, 167, 0.45)"  # PALETTE's reddish purple, translucent
MAP_QPV_LINE = "#8a3b6a"  # the same purple, darker: outlines and names of those communes
MAP_OTHER_FILL = "#f2f2f2"
MAP_OTHER_LINE = "#8c8c8c"
MAP_OUTLINE_SHADE = "rgba(0,0,0,0.08)"  # inside the official outline of the QPV shown
TRANSPARENT = "rgba(0,0,0,0)"
# A white halo keeps text readable over hatching and lines (plotly.js `textfont.shadow`).
TEXT_HALO = "1px 1px 1px #fff, -1px -1px 1px #fff, 1px -1px 1px #fff, -1px 1px 1px #fff"

# Bars also differ by pattern, so that no series is told apart by colour alone.
PATTERNS = ["", "/", ".", "x", "-", "|", "+"]
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
DECIMAL_AND_THOUSANDS = ",\u202f"  # plotly.js `separators`: decimal comma, narrow nbsp
DOWNLOAD_FOLDER = "donnees"  # where the site publishes data/ (see site/ext/downloads.py)

HOUSE_LAYOUT = dict(
    font=dict(family=FONT, size=14, color=TEXT_COLOUR),
    separators=DECIMAL_AND_THOUSANDS,
    paper_bgcolor=WHITE,
    plot_bgcolor=WHITE,
    colorway=PALETTE,
    margin=dict(l=8, r=8, t=16, b=8),
    legend=dict(orientation="h", yanchor="top", y=-0.12, xanchor="left", x=0, traceorder="normal"),
    hoverlabel=dict(font=dict(family=FONT)),
    xaxis=dict(showgrid=False, linecolor=TEXT_COLOUR, ticks="outside", automargin=True),
    # Full numbers (« 1 000 000 »), never SI suffixes (« 1M ») that read as English.
    yaxis=dict(
        gridcolor=GRID_COLOUR, zeroline=True, zerolinecolor=TEXT_COLOUR, automargin=True, tickformat=",~r"
    ),
)
CONFIG = {"locale": "fr", "displayModeBar": False, "responsive": True}


def plot_text(value) -> str:
    """Text from the data, as plotly.js must receive it to show it literally.

    plotly.js reads a subset of HTML in every label (legend, axes, hover): `<b>`, `<br>`,
    links. A label from a CSV is escaped so that it is shown as text, never as markup.
    """
    return html.escape(str(value), quote=False)


# plotly.js markup, not the page's HTML: the two tags a chart's text may hold. A line
# break in a label or hover text, and the end of a hover template (it hides the box that
# would repeat the series' name).
LINE_BREAK = "<br>"
HOVER_END = "<extra></extra>"


def hover_template(*lines: str) -> str:
    """A plotly hover template of these lines, without the trace-name box:
    `hover_template("%{y}", "%{x} actions")`."""
    return LINE_BREAK.join(lines) + HOVER_END


# Category labels beside a chart: this many characters a line fits a phone (360 px).
LABEL_WIDTH = 20
LABEL_FONT = dict(size=12)
# A legend above the plot: below it, it collides with the axis title on a phone.
LEGEND_ABOVE = dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0, traceorder="normal")


def wrap_lines(text, width: int = LABEL_WIDTH) -> list[str]:
    """`text` cut into lines of at most `width` characters, between words; a word longer
    than a line is cut after a hyphen of its own (« Hesdigneul-lès-Boulogne »), never
    elsewhere."""
    words, lines, line = [], [], ""
    for word in str(text).split():
        words += re.findall(r"[^-]+-|[^-]+$", word) if len(word) > width else [word]
    for word in words:
        glue = "" if line.endswith("-") else " "
        if line and len(line) + len(glue) + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line}{glue}{word}" if line else word
    if line:
        lines.append(line)
    return lines


def wrap_label(text, width: int = LABEL_WIDTH) -> str:
    """A label from the data for a chart: escaped (see `plot_text`), lines joined by `<br>`."""
    return LINE_BREAK.join(plot_text(line) for line in wrap_lines(text, width))


def row_height(labels: list[str], minimum: int = 40) -> int:
    """Pixels per category of a horizontal bar chart, so that wrapped labels never overlap."""
    lines = max((label.count(LINE_BREAK) + 1 for label in labels), default=1)
    return max(minimum, 15 * lines + 10)


def series_style(index: int) -> dict:
    """Colour and pattern of the `index`-th series, in a fixed order."""
    return {
        "color": PALETTE[index % len(PALETTE)],
        "pattern": {
            "shape": PATTERNS[index % len(PATTERNS)],
            "fillmode": "overlay",
            "fgcolor": WHITE,
            "size": 7,
        },
    }


def ink_on(colour: str) -> str:
    """Text colour for text drawn on `colour`: white where it reaches a contrast of 4.5:1
    (WCAG AA), else TEXT_COLOUR."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    luminance = sum(
        w * (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
        for w, c in zip((0.2126, 0.7152, 0.0722), (r, g, b))
    )
    return WHITE if (1.05 / (luminance + 0.05)) >= 4.5 else TEXT_COLOUR


# --- a phone's width: what changes on a narrow chart ---------------------------------
# A chart narrower than this (in CSS pixels, measured when it is drawn) takes the changes
# its layout's `meta` holds (q2030-figures.js): a phone, not a wide screen, on which the
# chart stays as it is.
NARROW_BELOW = 500
NARROW_KEY = "q2030_narrow"
# An axis title longer than AXIS_TITLE_FITS characters is set on two lines or more on a
# phone, of at most AXIS_TITLE_WIDTH (a title is centred under the plot, which the row
# labels push to the right).
AXIS_TITLE_FITS, AXIS_TITLE_WIDTH = 16, 20
# At most this many year labels under the columns on a phone, horizontal.
NARROW_YEAR_LABELS = 5


def on_narrow(
    fig: go.Figure, *, layout: dict | None = None, data: dict[int, dict] | None = None
) -> go.Figure:
    """Changes for a narrow chart: `layout` merged into the layout (nested dictionaries
    merged key by key), `data` into the traces it names by index. Added to those already
    there."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    narrow = meta.get(NARROW_KEY, {"below": NARROW_BELOW, "layout": {}, "data": {}})
    narrow["layout"] = _merged(narrow["layout"], layout or {})
    narrow["data"] = {
        **narrow["data"],
        **{str(i): {**narrow["data"].get(str(i), {}), **c} for i, c in (data or {}).items()},
    }
    fig.layout.meta = {**meta, NARROW_KEY: narrow}
    return fig


def _merged(base: dict, changes: dict) -> dict:
    merged = dict(base)
    for key, value in changes.items():
        both = isinstance(value, dict) and isinstance(merged.get(key), dict)
        merged[key] = _merged(merged[key], value) if both else value
    return merged


def thinned_labels(labels: Sequence[str], most: int = NARROW_YEAR_LABELS) -> list[str]:
    """Every k-th label kept (the first among them), the others blank, so that at most
    `most` are shown: years under columns on a phone."""
    step = -(-len(labels) // most)
    return [label if i % step == 0 else "" for i, label in enumerate(labels)]


def axis_title_lines(title: str) -> list[str]:
    """A phone's lines of an axis title: one if it fits, else lines of AXIS_TITLE_WIDTH
    characters at most, and two halves for a title a little too long for one."""
    if len(title) <= AXIS_TITLE_FITS:
        return [title]
    lines = wrap_lines(title, AXIS_TITLE_WIDTH)
    spaces = [i for i, c in enumerate(title) if c == " "]
    if len(lines) == 1 and spaces:
        middle = min(spaces, key=lambda i: abs(i - len(title) / 2))
        lines = [title[:middle], title[middle + 1 :]]
    return lines


def house_figure(
    traces: Sequence[go.BaseTraceType], *, y_title: str = "", x_title: str = "", height: int = 420, **layout
) -> go.Figure:
    fig = go.Figure(data=list(traces))
    fig.update_layout(template=None, height=height, **HOUSE_LAYOUT)
    fig.update_layout(**layout)
    fig.update_yaxes(title_text=y_title)
    fig.update_xaxes(title_text=x_title)
    lines = axis_title_lines(x_title)
    if len(lines) > 1:
        on_narrow(fig, layout={"xaxis": {"title": {"text": LINE_BREAK.join(map(plot_text, lines))}}})
    return fig


def data_url(resource_path: str) -> str:
    """Relative URL of a published data file, seen from the page being executed.

    myst-nb runs a notebook in its own folder and the site mirrors the source tree, so the
    way up from the working directory to the book root is the way up in the site.
    """
    up = os.path.relpath(paths.book_root(), Path.cwd())
    return Path(up, DOWNLOAD_FOLDER, resource_path).as_posix()


def _script_json(spec: dict) -> str:
    """JSON that is safe inside a `<script>` element: no `<`, `>` or `&` survives."""
    text = to_json_plotly(spec)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


@dataclass
class Figure:
    id: str
    title: str
    description: str
    plot: go.Figure
    table: Table
    downloads: Sequence[tuple[str, str]] = field(default_factory=tuple)  # (label, data path)

    def html(self) -> str:
        spec = {
            "data": self.plot.to_plotly_json()["data"],
            "layout": self.plot.to_plotly_json()["layout"],
            "config": CONFIG,
        }
        return render(
            "core/figure.html",
            plot_id=f"fig-{self.id}",
            title=self.title,
            description=self.description,
            spec=Fragment(_script_json(spec)),  # safe inside <script>: see _script_json
            height=self.plot.layout.height or 420,
            table=self.table.fragment(),
            downloads=[(label, data_url(path)) for label, path in self.downloads],
        ).markup

    def _repr_html_(self) -> str:
        return self.html()

    def fragment(self) -> Fragment:
        return Fragment(self.html())
