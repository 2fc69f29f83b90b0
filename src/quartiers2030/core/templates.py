"""HTML fragments from Jinja2 templates, with autoescape.

Every template lives under `quartiers2030/templates/`: `core/` for the kinds of fragment
every part uses (table, figure, checks box, key figures, lists), `<part>/` for a part's
own. Values are escaped unless they are `Fragment`s (already safe markup) or the template
marks them `|safe`. Rendering is deterministic: no random id, no time.

A template whose first line starts with `{# compact` is written one tag a line for the
reader, but its line breaks and the indentation after them are not output: the fragment
keeps the bytes that tests, CSS and scripts know, with no stray spaces inside cells.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import jinja2
from jinja2.ext import Extension

from quartiers2030.core.html import Fragment

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
COMPACT = "{# compact"


class Compact(Extension):
    """Drops the line breaks (and the indentation that follows them) of compact templates."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        if not source.startswith(COMPACT):
            return source
        return re.sub(r"\n[ \t]*", "", source)


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a missing value is an error, never an empty cell
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        extensions=[Compact],
    )
    return env


def render(name: str, **context) -> Fragment:
    """`render("core/table.html", table=...)` -> a Fragment, whitespace between tags kept minimal."""
    return Fragment(environment().get_template(name).render(**context).strip())
