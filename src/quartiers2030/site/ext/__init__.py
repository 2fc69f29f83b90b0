"""Sphinx extension: keep every page in step with its data, and ship the chart assets.

One module per concern, each with its own `setup_x(app)`; this `setup` only registers:

- `config`: every setting, a declared `q2030_*` config value with its help text;
- `inputs`: what a notebook declares it reads (`data_inputs`), told to its kernel;
- `staleness`: a page whose declared data changed is re-read (so re-executed), others not;
- `assets`: plotly.js, its French locale and the drawing script, for pages with a chart;
- `downloads`: `data/` published under `donnees/`, with one archive of all of it;
- `glossary_links`: the first use of each acronym on a page links to the glossary;
- `page_summary`: a long page opens with the list of its sections (« Sur cette page »);
- `accessibility`: the statement's contact (a setting), or that it is to be completed;
- `version_facts`: the footer (accessibility status, version, date, commit), the switcher;
- `sharing`: Open Graph tags of each page;
- `changes_page`: « Ce qui a changé » filled once every page is written (it compares them);
- `search`: the Pagefind index of the pages, with each page's part and citizens' words;
- `addresses`: each page's canonical address (once the public one is known), a real root page;
- `pruning`: what earlier builds left behind is removed;
- `security`: the theme's markup fixed, then the Content-Security-Policy, last.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from quartiers2030.site.ext import config
from quartiers2030.site.ext.accessibility import setup_accessibility
from quartiers2030.site.ext.addresses import setup_addresses
from quartiers2030.site.ext.assets import setup_assets
from quartiers2030.site.ext.changes_page import setup_changes_page
from quartiers2030.site.ext.downloads import setup_downloads
from quartiers2030.site.ext.glossary_links import setup_glossary_links
from quartiers2030.site.ext.inputs import setup_inputs
from quartiers2030.site.ext.page_summary import setup_page_summary
from quartiers2030.site.ext.pruning import setup_pruning
from quartiers2030.site.ext.search import setup_search
from quartiers2030.site.ext.security import setup_security
from quartiers2030.site.ext.sharing import setup_sharing
from quartiers2030.site.ext.staleness import setup_staleness
from quartiers2030.site.ext.version_facts import setup_version_facts

__all__ = ["setup"]

FEATURES = [
    setup_accessibility,
    setup_inputs,
    setup_staleness,
    setup_assets,
    setup_downloads,
    setup_glossary_links,
    setup_page_summary,
    setup_version_facts,
    setup_sharing,
    setup_changes_page,
    setup_addresses,
    setup_search,
    setup_pruning,
    setup_security,
]


def setup(app: Sphinx) -> dict:
    config.register(app)
    for feature in FEATURES:
        feature(app)
    # Safe to read pages in parallel (site/parallel_book.py): the per-page digests are merged
    # back by their collector; everything else is set per process or in the main one.
    return {"version": "2", "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
