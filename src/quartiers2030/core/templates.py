"""HTML fragments from Jinja2 templates, with autoescape.

Every template lives under `quartiers2030/templates/`: `core/` for the kinds of fragment
every part uses (table, figure, checks box, key figures, lists), `<part>/` for a part's
own. Values are escaped unless they are `Fragment`s (already safe markup) or the template
marks them `|safe`. Rendering is deterministic: no random id, no time.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from quartiers2030.core.html import Fragment

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a missing value is an error, never an empty cell
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    return env


def render(name: str, **context) -> Fragment:
    """`render("core/table.html", table=...)` -> a Fragment, whitespace between tags kept minimal."""
    return Fragment(environment().get_template(name).render(**context).strip())
