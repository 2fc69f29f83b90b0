"""« Le contrat par thème »: the themes residents look for (jeunes, emploi, sécurité,
logement, santé, éducation), each gathering the contract's orientations of every axis that
serve it (a theme often spans two axes), linked to their place on the axis pages, and the
figures of each quartier on that theme, linked to the quartier's page. Which orientation
serves which theme is data (themes_orientations.csv), not code.

Inputs, declared by the page (book/themes.md): `themes_habitants`, `themes_orientations`,
the enjeux' framework (`axes`, `objectifs`, `orientations`, `enjeux_actions`) and the
quartiers' portraits (`qpv`, `sous_quartiers`, `geographie_*`, `sources`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from docutils.nodes import make_id

from quartiers2030.core import fmt, links
from quartiers2030.core.html import Fragment
from quartiers2030.core.templates import render
from quartiers2030.data.datapackage import load
from quartiers2030.parts.enjeux import model
from quartiers2030.parts.geographie import vocabulary
from quartiers2030.parts.geographie.model import (
    facts_of,
    latest,
    qpvs,
    section_facts,
    short_label,
    territories_of,
    territory_label,
)
from quartiers2030.parts.geographie.sections import themes_with_facts
from quartiers2030.parts.geographie.wording import value_text

FIGURES_PER_QUARTIER = 2


@dataclass(frozen=True)
class _Orientation:
    code: str
    label: str
    actions: str
    href: str


@dataclass(frozen=True)
class _Axis:
    title: str
    href: str
    orientations: list[_Orientation]


@dataclass(frozen=True)
class _Quartier:
    name: str
    href: str
    figures: list[str]


@dataclass(frozen=True)
class Theme:
    code: str
    label: str
    axes: list[_Axis]
    section: str  # the title of the quartiers' portrait theme, or ""
    quartiers: list[_Quartier]


def _axes(codes: list[str]) -> list[_Axis]:
    """The orientations, grouped by axis in the contract's order."""
    frame = model.framework()
    frame = frame[frame["code"].isin(codes)]
    out = []
    for a in model.axes():
        rows = frame[frame["axe"] == a.code]
        if rows.empty:
            continue
        orientations = [
            _Orientation(
                r.code,
                r.libelle,
                fmt.count(int(r.actions), "action"),
                links.url("orientation-" + r.code.replace(".", "-")),
            )
            for r in rows.itertuples()
        ]
        out.append(_Axis(a.title, links.url("enjeux-" + a.code.replace("_", "-")), orientations))
    return out


def _figure(f) -> str:
    value = value_text(f.value, f.unit, f.indicator)
    where = "" if f.territory.startswith("QN") else f", {territory_label(f.territory)}"
    when = f" ({f.year}{where})" if f.year else (f" ({where[2:]})" if where else "")
    return f"{f.label} : {value}{when}"


def _quartiers(section: str) -> list[_Quartier]:
    """Each quartier's first figures on the portrait theme `section`, and the link to it."""
    scales = vocabulary.scales()
    order = {indicator: rank for rank, indicator in enumerate(vocabulary.headlines())}
    title = vocabulary.section(section).title
    out = []
    for q in qpvs():
        own = set(territories_of(q.code)) - set(scales)
        found = [f for f in latest(section_facts(facts_of(q.code), section)) if f.territory in own]
        found.sort(key=lambda f: (f.territory != q.code, order.get(f.indicator, len(order))))
        shown = section in themes_with_facts(q.code)  # the quartier's page has that section
        href = links.page_url(f"qpv-{q.code}") + ("#" + make_id(title) if shown else "")
        out.append(_Quartier(short_label(q.label), href, [_figure(f) for f in found[:FIGURES_PER_QUARTIER]]))
    return out if any(q.figures for q in out) else []  # no figure on that theme: nothing to show


def themes() -> list[Theme]:
    frame = load("themes_habitants").sort_values("ordre")
    served = load("themes_orientations")
    out = []
    for r in frame.itertuples():
        codes = list(served.loc[served["theme"] == r.code, "orientation"])
        section = "" if pd.isna(r.section_geographie) else r.section_geographie
        out.append(
            Theme(
                r.code,
                r.libelle,
                _axes(codes),
                vocabulary.section(section).title if section else "",
                _quartiers(section) if section else [],
            )
        )
    return out


def page() -> Fragment:
    """Every theme: a list of links to them, then each one's orientations and figures."""
    return render("enjeux/themes.html", themes=themes())
