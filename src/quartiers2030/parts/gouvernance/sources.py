"""The « Source » line at the foot of each governance page: the contract's lines it draws
on, read from data/gouvernance/sources_pages.csv, so that a page's sources are data."""

from __future__ import annotations

from quartiers2030.core.html import Fragment
from quartiers2030.core.templates import render
from quartiers2030.parts.gouvernance import model, wording


def page_source(page: str) -> Fragment:
    passages, part = model.page_sources(page)
    if not passages:
        raise KeyError(f"Aucune source pour la page « {page} » dans gouvernance/sources_pages.csv.")
    return render("gouvernance/source.html", text=wording.source_sentence(passages, part))
