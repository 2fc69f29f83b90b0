"""« Qui siège où, et qui signe »: a grid of organisations (rows) and instances (columns),
a dot for a seat, and a last column of diamonds for the signatures."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from quartiers2030.core import fmt
from quartiers2030.core.figures import (
    GRID_COLOUR,
    LINE_BREAK,
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

# Column labels stand on their side; row labels must leave room for the grid on a phone.
WRAP_COLUMN, WRAP_ROW, WRAP_HOVER = 22, 18, 50
SIGNS = "Signe le contrat"
DOWNLOADS = [
    ("Composition des instances", "gouvernance/membres.csv"),
    ("Organisations", "gouvernance/organisations.csv"),
    ("Signataires", "gouvernance/signataires.csv"),
]


@dataclass(frozen=True)
class Grid:
    """The facts of the grid, read once."""

    instances: list[model.Instance]
    orgs: pd.DataFrame
    members: pd.DataFrame
    signing: dict[str, list]

    @property
    def rows(self) -> list[str]:
        return list(self.orgs.index)


def _grid() -> Grid:
    return Grid(model.instances(), model.organisations(), model.members(), model.signatory_organisations())


def _marker(symbol: str, colour: str) -> dict:
    return dict(symbol=symbol, size=13, color=colour, line=dict(color=WHITE, width=1))


def _traces(grid: Grid, column: dict[str, str], short: dict[str, str], sign_column: str) -> list:
    orgs, by_code = grid.orgs, {i.code: i for i in grid.instances}
    seat_hover = [
        LINE_BREAK.join(
            [
                plot_text(orgs.at[r.organisation, "libelle"]),
                f"siège à : {plot_text(by_code[r.instance].short)}",
            ]
            + ([] if pd.isna(r.precision) else [wrap_label(r.precision, WRAP_HOVER)])
        )
        for r in grid.members.itertuples()
    ]
    sign_hover = [
        LINE_BREAK.join(
            [
                plot_text(orgs.at[c, "libelle"]),
                "signe : " + plot_text(", ".join(f"bloc {b.ordre}" for b in blocks)),
            ]
        )
        for c, blocks in grid.signing.items()
    ]
    seats = go.Scatter(
        x=[column[c] for c in grid.members["instance"]],
        y=[short[c] for c in grid.members["organisation"]],
        mode="markers",
        name="Siège à l'instance",
        marker=_marker("circle", PALETTE[0]),
        hovertext=seat_hover,
        hoverinfo="text",
    )
    signs = go.Scatter(
        x=[sign_column] * len(grid.signing),
        y=[short[c] for c in grid.signing],
        mode="markers",
        name=SIGNS,
        marker=_marker("diamond", PALETTE[1]),
        hovertext=sign_hover,
        hoverinfo="text",
    )
    return [seats, signs]


def _axis(labels: list[str], **more) -> dict:
    """A category axis in the data's order, gridded, fixed."""
    return dict(
        type="category",
        categoryorder="array",
        categoryarray=labels,
        showgrid=True,
        gridcolor=GRID_COLOUR,
        ticks="",
        fixedrange=True,
        **more,
    )


def _plot(grid: Grid) -> go.Figure:
    column = {i.code: wrap_label(i.short, WRAP_COLUMN) for i in grid.instances}
    columns = [column[i.code] for i in grid.instances] + [wrap_label(SIGNS, WRAP_COLUMN)]
    short = {c: wrap_label(grid.orgs.at[c, "libelle_court"], WRAP_ROW) for c in grid.rows}
    lines = sum(len(wrap_lines(grid.orgs.at[c, "libelle_court"], WRAP_ROW)) for c in grid.rows)
    # The signatures column is set apart from the instances by a line.
    divider = dict(
        type="line",
        xref="x",
        yref="paper",
        x0=len(grid.instances) - 0.5,
        x1=len(grid.instances) - 0.5,
        y0=0,
        y1=1,
        line=dict(color=TEXT_COLOUR, width=1),
    )
    return house_figure(
        _traces(grid, column, short, columns[-1]),
        height=15 * lines + 14 * len(grid.rows) + 260,
        margin=dict(l=8, r=8, t=8, b=8),
        legend=dict(orientation="h", yanchor="top", y=-0.01, xanchor="left", x=0),
        shapes=[divider],
        xaxis=_axis(
            columns, side="top", range=[-0.5, len(columns) - 0.5], tickangle=-90, tickfont=dict(size=11)
        ),
        yaxis=_axis(
            [short[c] for c in grid.rows],
            range=[len(grid.rows) - 0.5, -0.5],
            zeroline=False,
            tickfont=dict(size=12),
        ),
    )


def _table(grid: Grid) -> Table:
    seated = set(zip(grid.members["organisation"], grid.members["instance"]))
    rows = [
        Row(
            grid.orgs.at[c, "libelle"],
            [wording.yes_no((c, i.code) in seated) for i in grid.instances]
            + [wording.yes_no(c in grid.signing)],
        )
        for c in grid.rows
    ]
    title = model.title("donnees-qui-siege-ou")
    return Table(
        id="donnees-qui-siege-ou",
        caption=title.text,
        corner="Organisation",
        columns=[i.short for i in grid.instances] + [SIGNS],
        rows=rows,
        note=title.note,
    )


def _description(grid: Grid) -> str:
    short = grid.orgs["libelle_court"]
    seats = grid.members.groupby("organisation").size()
    most = int(seats.max())
    everywhere = [short[c] for c, n in seats.items() if n == most]
    nowhere = [short[c] for c in grid.rows if c not in seats.index and c in grid.signing]
    return (
        f"Grille de {fmt.count(len(grid.rows), 'organisation')} (en lignes) et de "
        f"{fmt.count(len(grid.instances), 'instance')} (en colonnes), plus une colonne pour les signataires ; "
        "un rond marque un siège, un losange une signature. "
        f"{', '.join(everywhere)} : {fmt.count(most, 'instance')}"
        f"{' chacune' if len(everywhere) > 1 else ''}, le plus grand nombre. "
        + (f"Signent sans siéger dans aucune instance : {', '.join(nowhere)}. " if nowhere else "")
        + "Le détail est dans le tableau de données ci-dessous."
    )


def figure() -> Figure:
    grid = _grid()
    return Figure(
        id="qui-siege-ou",
        title=model.title("qui-siege-ou").text,
        description=_description(grid),
        plot=_plot(grid),
        table=_table(grid),
        downloads=DOWNLOADS,
    )
