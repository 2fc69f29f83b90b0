"""The headings an axis page must have, from the data, and what its notebook lacks.

The headings of an axis page are Markdown in its notebook (notebooks/enjeux/PAGE.md):
one `##` per objective and one `###` per orientation, each with its MyST label and
followed by the code cell that fills it. This module lists them from the data so that a
test fails when an objective or orientation of the data has no section on its page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from quartiers2030.core.html import slug
from quartiers2030.parts.enjeux import model

LABEL = re.compile(r"^\(([^)]+)\)=\s*$")
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*$")
CALL = re.compile(r"^sections\.\w+\(.*\)\s*$")


@dataclass(frozen=True)
class Heading:
    label: str
    level: int
    title: str
    call: str  # the call of the code cell that fills the section


def expected(axis_code: str, frame: pd.DataFrame | None = None) -> list[Heading]:
    """The sections of an axis page in order; `frame` (default: the data's framework of
    the axis) lists the orientations with their objective."""
    frame = model.framework_of(axis_code) if frame is None else frame
    q = f'"{axis_code}"'
    out = [Heading(f"liste-enjeux-{slug(axis_code)}", 2, "Enjeux", f"sections.enjeux({q})")]
    for objective, rows in frame.groupby("objectif", sort=False):
        title = f"{objective} {rows['objectif_libelle'].iloc[0]}"
        call = f'sections.objective({q}, "{objective}")'
        out.append(Heading(f"objectif-{slug(objective)}", 2, title, call))
        for r in rows.itertuples():
            call = f'sections.orientation("{r.code}")'
            out.append(Heading(f"orientation-{slug(r.code)}", 3, r.libelle, call))
    out.append(
        Heading(f"partenaires-{slug(axis_code)}", 2, "Partenaires à mobiliser", f"sections.partners({q})")
    )
    out.append(Heading(f"cibles-{slug(axis_code)}", 2, "Engagements à suivre", f"sections.targets({q})"))
    return out


def found(markdown: str) -> list[Heading]:
    """The labelled headings of a notebook, each with the first `sections.…` call after it."""
    lines = markdown.splitlines()
    out = []
    for i, line in enumerate(lines[:-1]):
        label, heading = LABEL.match(line), HEADING.match(lines[i + 1])
        if not (label and heading):
            continue
        call = next((c.strip() for c in lines[i + 2 :] if CALL.match(c.strip())), "")
        level = len(heading[1])
        out.append(Heading(label[1], level, heading[2], call))
    return out


def problems(axis_code: str, markdown: str, frame: pd.DataFrame | None = None) -> list[str]:
    """What the notebook lacks or has in another order, in French; [] when it matches the data."""
    want = expected(axis_code, frame)
    have = {h.label: h for h in found(markdown)}
    out = [
        f"la section « {w.title} » ({w.label}) manque ou diffère : attendu "
        f"{'#' * w.level} {w.title}, suivi de {w.call}"
        for w in want
        if have.get(w.label) != w
    ]
    order = [h.label for h in found(markdown) if h.label in {w.label for w in want}]
    if not out and order != [w.label for w in want]:
        out.append("les sections ne suivent pas l'ordre du contrat")
    return out
