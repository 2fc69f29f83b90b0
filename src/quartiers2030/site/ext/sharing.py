"""Sharing: Open Graph tags, so that a shared link shows the page's title and description."""

from __future__ import annotations

import html
import re

from sphinx.application import Sphinx

from quartiers2030.core.templates import render
from quartiers2030.site.ext.config import settings

# The description MyST writes from the page's `html_meta` (attributes in either order).
DESCRIPTION = re.compile(
    r'<meta\s+content="([^"]*)"\s+name="description"|<meta\s+name="description"\s+content="([^"]*)"'
)
TAG = re.compile(r"<[^>]+>")  # a page title may hold markup: its text only


def sharing_tags(context: dict, locale: str) -> list[tuple[str, str]]:
    """(property, content) pairs of the page, in a fixed order."""
    found = DESCRIPTION.search(context.get("metatags", ""))
    description = html.unescape(next(g for g in found.groups() if g is not None)) if found else ""
    tags = [
        ("og:type", "website"),
        ("og:locale", locale),
        ("og:site_name", html.unescape(context.get("docstitle", ""))),
        ("og:title", html.unescape(TAG.sub("", context.get("title", "")))),
    ]
    return tags + ([("og:description", description)] if description else [])


def on_html_page_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    tags = sharing_tags(context, settings(app).locale)
    context["metatags"] = context.get("metatags", "") + str(render("site/sharing_tags.html", tags=tags))


def setup_sharing(app: Sphinx) -> None:
    app.connect("html-page-context", on_html_page_context, priority=420)
