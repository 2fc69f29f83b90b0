"""Last touches to each written page, applied in one pass after Sphinx has written it:
fixes to the theme's markup that its templates do not allow, then the security policy
(last, since it hashes the page's inline scripts). Every step is idempotent: pages that
an incremental build did not rewrite go through it again unchanged."""

from __future__ import annotations

from pathlib import Path

from quartiers2030.site import csp

# The theme's buttons that unfold a section of the navigation have an icon and no text.
TOGGLE = '<summary><span class="toctree-toggle" role="presentation">'
TOGGLE_NAMED = (
    '<summary><span class="q2030-sr-only">Afficher ou masquer les sous-pages</span>'
    '<span class="toctree-toggle" role="presentation">'
)


# The search button shows « Rechercher dans le site… Ctrl+K » but is named « Recherche »:
# a speech-recognition user saying what they see would not reach it. Its text names it.
SEARCH_BUTTON = (
    '<button class="btn search-button-field search-button__button pst-js-only" '
    'title="Recherche" aria-label="Recherche"'
)
SEARCH_BUTTON_NAMED = '<button class="btn search-button-field search-button__button pst-js-only"'
# The site's title at the top of the side bar sits outside any landmark.
SIDEBAR = '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar">'
SIDEBAR_LANDMARK = (
    '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar" '
    'role="region" aria-label="Menu du site">'
)
FIXES = [(TOGGLE, TOGGLE_NAMED), (SEARCH_BUTTON, SEARCH_BUTTON_NAMED), (SIDEBAR, SIDEBAR_LANDMARK)]


def finalise(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    fixed = html
    for old, new in FIXES:
        fixed = fixed.replace(old, new)
    if fixed != html:
        page.write_text(fixed, encoding="utf-8")
    csp.protect(page)
