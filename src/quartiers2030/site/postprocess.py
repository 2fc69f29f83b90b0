"""Last touches to each written page, applied in one pass after Sphinx has written it:
fixes to the theme's markup that its templates do not allow, then the security policy
(last, since it hashes the page's inline scripts). Every step is idempotent: pages that
an incremental build did not rewrite go through it again unchanged.

The three pieces of the theme's markup below are matched as the theme writes them: they
are selectors, the only markup here; what is added comes from templates/site/."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from quartiers2030.core.templates import render
from quartiers2030.site import csp

# The theme's buttons that unfold a section of the navigation have an icon and no text.
TOGGLE = '<summary><span class="toctree-toggle" role="presentation">'
# The search button shows « Rechercher dans le site… Ctrl+K » but is named « Recherche »:
# a speech-recognition user saying what they see would not reach it. Its text names it.
SEARCH_BUTTON = '<button class="btn search-button-field search-button__button pst-js-only"'
SEARCH_NAME = ' title="Recherche" aria-label="Recherche"'
# The theme's search form has no submit button (HTML_CodeSniffer, issue 16): one after its
# keyboard shortcut, at the end of the form.
SEARCH_FORM_END = "</kbd></span>\n</form>"
# The site's title at the top of the side bar sits outside any landmark.
SIDEBAR = '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar"'
SIDEBAR_LANDMARK = ' role="region" aria-label="Menu du site"'

# The theme loads Sphinx's search scripts and its whole index in the head of every page,
# for a search-as-you-type the site does not use: the site's search is Pagefind's, on the
# search page only (site/ext/search.py).
SEARCH_SCRIPTS = re.compile(
    r'<script src="[^"]*_static/searchtools\.js"></script>\s*'
    r'<script src="[^"]*_static/language_data\.js"></script>\s*'
    r'<script src="[^"]*searchindex\.js"></script>\s*'
)


@cache
def fixes() -> list[tuple[str, str]]:
    """(markup as the theme writes it, markup as the site publishes it)."""
    label = str(render("site/toggle_label.html"))
    return [
        (TOGGLE, TOGGLE.replace(">", ">" + label, 1)),
        (SEARCH_BUTTON + SEARCH_NAME, SEARCH_BUTTON),
        (SIDEBAR + ">", SIDEBAR + SIDEBAR_LANDMARK + ">"),
        (SEARCH_FORM_END, SEARCH_FORM_END.replace("\n", "\n" + str(render("site/search_submit.html")), 1)),
    ]


def finalise(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    fixed = html
    for old, new in fixes():
        fixed = fixed.replace(old, new)
    fixed = SEARCH_SCRIPTS.sub("", fixed, count=1)
    if fixed != html:
        page.write_text(fixed, encoding="utf-8")
    csp.protect(page)
