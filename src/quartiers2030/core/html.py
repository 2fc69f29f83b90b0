"""Small helpers to emit safe HTML fragments from notebooks.

Everything that comes from data goes through `escape`: a label holding markup is shown as
text, never interpreted.
"""

from __future__ import annotations

import html
import re
import unicodedata


def escape(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def slug(text: str) -> str:
    """A stable, readable id fragment: `Dont PRE (Boulogne)` -> `dont-pre-boulogne`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def attrs(**values) -> str:
    """`attrs(id="x", class_="y")` -> ` id="x" class="y"`; None values are dropped."""
    parts = []
    for key, value in values.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        parts.append(f' {name}="{escape(value)}"')
    return "".join(parts)


class Fragment:
    """An HTML fragment that Jupyter (and so myst-nb) displays as `text/html`."""

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __html__(self) -> str:  # Jinja2 (markupsafe) inserts a Fragment as markup, unescaped
        return self.markup

    def __str__(self) -> str:
        return self.markup
