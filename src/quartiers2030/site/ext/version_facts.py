"""Version facts: every page's footer gives the accessibility status, the version, the date
and the commit, taken from git (never from the clock: builds of one commit stay
byte-identical). A published version also gets the version switcher, the banner of older
versions, and on its home page the link to the whole book as one PDF."""

from __future__ import annotations

import os

from sphinx.application import Sphinx

from quartiers2030.core import fmt
from quartiers2030.core.templates import render
from quartiers2030.site import gitinfo, pdf
from quartiers2030.site.ext.config import settings
from quartiers2030.site.ext.inputs import root


def footer(info: gitinfo.BuildInfo, *, published: bool, to_root: str, accessibility: str, conformity: str):
    return render(
        "site/footer.html",
        info=info,
        date=fmt.short_date(info.date) if info.date else "",
        published=published,
        to_root=to_root,
        accessibility=accessibility,
        conformity=conformity,
    )


def on_html_page_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    config = settings(app)
    info = gitinfo.build_info(root(app))
    published = os.environ.get(gitinfo.ENV_PUBLISHED) == "1"
    to_root = "../" * pagename.count("/")
    accessibility = context["pathto"](config.accessibility_page) if config.accessibility_page else ""
    context["theme_extra_footer"] = str(
        footer(
            info,
            published=published,
            to_root=to_root,
            accessibility=accessibility,
            conformity=config.conformity,
        )
    )
    context["metatags"] = context.get("metatags", "") + str(render("site/version_meta.html", info=info))
    if published:
        app.add_js_file("q2030-versions.js", defer="defer")
        if pagename == app.config.root_doc:
            # The publishing command prints the whole book to this file (see site.pdf).
            context["body"] += str(render("site/pdf_link.html", href=to_root + pdf.PDF_NAME))


def setup_version_facts(app: Sphinx) -> None:
    app.connect("html-page-context", on_html_page_context, priority=450)
