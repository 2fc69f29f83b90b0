"""Maps of the agglomeration, and the names other modules import from here.

A map is plain `scatter` traces on cartesian axes (see projection.py for why). The work is
split by job: projection.py (coordinates), communes.py (communes, QPV, outlines),
colleges.py (collèges and IPS classes), map_scene.py (what one map shows), map_labels.py
(where the words go), map_traces.py (the traces); this module assembles a `Figure` with its
text alternative and data table, and the maps of the « Carte » page.

Inputs, all declared by the pages that draw a map: `communes_cab`, `ips_colleges`,
`ips_references`, `qpv`, and `qpv_contours` (optional).
"""

from __future__ import annotations

from quartiers2030.core import fmt
from quartiers2030.core.figures import Figure, house_figure
from quartiers2030.core.html import Fragment
from quartiers2030.core.tables import Row, Table
from quartiers2030.core.templates import render
from quartiers2030.data import datapackage

# Re-exported: parts/geographie/__init__.py, checks.py, ips_*.py and the tests import these
# names from `maps` (as `carte`); they live in the modules of their job.
from quartiers2030.parts.geographie.colleges import (  # noqa: F401
    VERY_LOW_IPS,
    College,
    college_rentree,
    colleges,
    departmental_mean,
    ips_class,
    ips_class_labels,
    legend_text,
    rentree_columns,
)
from quartiers2030.parts.geographie.communes import (  # noqa: F401
    COMMUNES,
    QPV_OUTLINES,
    Commune,
    communes,
    fold,
    load_geojson,
    outlines_available,
    qpv_communes,
    qpv_outlines,
    split_communes,
)
from quartiers2030.parts.geographie.map_labels import inside as _inside  # noqa: F401
from quartiers2030.parts.geographie.map_labels import label_layout, label_spot, place_labels  # noqa: F401
from quartiers2030.parts.geographie.map_scene import MapSpec, Scene, scene
from quartiers2030.parts.geographie.map_traces import HALO, IPS_CLASSES, layout, traces  # noqa: F401
from quartiers2030.parts.geographie.projection import (  # noqa: F401
    KM_PER_DEGREE,
    Projection,
    Ring,
    lambert93_to_wgs84,
    wgs84_to_lambert93,
)


def map_figure(spec: MapSpec) -> Figure:
    """A map as a house `Figure`: the plot, its description, its data table, its files."""
    view = scene(spec)
    plot = house_figure(traces(view), **layout(view))
    downloads = [
        ("Collèges de la CAB : IPS et coordonnées", datapackage.resource("ips_colleges")["path"]),
        (
            f"Contours des {fmt.number(len(view.communes))} communes (GeoJSON)",
            datapackage.resource(COMMUNES)["path"],
        ),
    ]
    return Figure(
        id=spec.id,
        title=spec.title,
        description=_description(view),
        plot=plot,
        table=_table(view),
        downloads=downloads,
    )


def _description(view: Scene) -> str:
    """The map in words: what is hatched, which collèges and their classes."""
    names = [c.name for c in view.communes if c.code in view.highlighted]
    if view.spec.highlight_qpv:
        text = (
            f"Carte des communes du quartier « {view.qpv_labels[view.spec.highlight_qpv]} » : "
            + ", ".join(names)
            + ", hachurées."
        )
    else:
        text = (
            f"Carte des {fmt.number(len(view.communes))} communes de la CAB ; les "
            f"{fmt.number(len(names))} communes qui comptent un quartier prioritaire sont "
            "hachurées : " + ", ".join(names) + "."
        )
    if view.colleges:
        text += " " + _colleges_sentence(view)
    if not view.outlines:
        text += " Les contours officiels des quartiers prioritaires ne sont pas encore inclus."
    return text


def _colleges_sentence(view: Scene) -> str:
    low = min(view.colleges, key=lambda c: c.ips)
    high = max(view.colleges, key=lambda c: c.ips)
    return (
        f"{fmt.number(len(view.colleges))} collèges y figurent ; leur symbole donne la classe de "
        f"leur IPS {view.rentree} (moins de {fmt.number(VERY_LOW_IPS)}, puis jusqu'à "
        f"{fmt.number(view.mean, fmt.decimals_of(view.mean))}, moyenne départementale citée "
        f"par le contrat, puis au-delà) : de {fmt.number(low.ips, 1)} ({low.name}) à "
        f"{fmt.number(high.ips, 1)} ({high.name})."
    )


def _table(view: Scene) -> Table:
    """The communes shown (in focus or with a QPV), then the collèges by IPS."""
    spec = view.spec
    rows = [
        Row(c.name, [c.code, ", ".join(view.qpv_labels[q] for q in view.with_qpv.get(c.code, [])) or "aucun"])
        for c in sorted(view.communes, key=lambda c: fold(c.name))
        if not spec.focus or c.code in set(spec.focus) or c.code in view.with_qpv
    ]
    rows += [
        Row(
            c.name,
            [
                c.commune,
                f"IPS {view.rentree} : {fmt.number(c.ips, 1)} — "
                + view.class_labels[ips_class(c.ips, view.mean)].removeprefix("Collège, "),
            ],
        )
        for c in sorted(view.colleges, key=lambda c: c.ips)
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
    return render("geographie/maps_outline_notice.html", outlines=bool(qpv_outlines()))


# --- the maps of the « Carte » page --------------------------------------------------------


def cab_map() -> Figure:
    """Every commune of the CAB, those with a QPV hatched, and every collège by IPS class."""
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
