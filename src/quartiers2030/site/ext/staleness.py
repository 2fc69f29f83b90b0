"""Nothing stale: a page is re-read when what it reads changed.

The digest of the files a notebook declares, of `datapackage.json` and of this package's
code is recorded when the page is read; at the next build a page whose digest changed is
re-read, so myst-nb executes it again. Pages whose inputs did not change keep their
doctree: one CSV edit re-executes exactly the notebooks that read that CSV. The digests
live in the environment through an `EnvironmentCollector`, which keeps them across purge
and merge as Sphinx's own per-page data.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.util import logging

from quartiers2030.core import paths
from quartiers2030.data import datapackage, glossary
from quartiers2030.site.ext.config import settings
from quartiers2030.site.ext.inputs import declared_inputs, root
from quartiers2030.site.unchanged import code_digest

logger = logging.getLogger(__name__)


def inputs_digest(book: Path, inputs: list[str]) -> str:
    """Content digest of everything a notebook's output depends on besides its source."""
    digest = hashlib.sha256(code_digest().encode())
    digest.update((book / paths.DATAPACKAGE).read_bytes())
    for name in sorted(inputs):
        digest.update(name.encode())
        path = datapackage.resource_path(name, book)
        digest.update(path.read_bytes() if path.is_file() else b"<absent>")  # an optional slot
    return digest.hexdigest()


def page_digest(app: Sphinx, docname: str, inputs: list[str]) -> str:
    return inputs_digest(root(app), inputs)


def digests(env: BuildEnvironment) -> dict[str, str]:
    if not hasattr(env, "q2030_digests"):
        env.q2030_digests = {}
    return env.q2030_digests


class DigestCollector(EnvironmentCollector):
    """The digest of each executed page's inputs, as of its last reading."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        digests(env).pop(docname, None)

    def merge_other(self, app: Sphinx, env: BuildEnvironment, docnames: set[str], other) -> None:
        theirs = digests(other)
        digests(env).update({d: theirs[d] for d in docnames if d in theirs})

    def process_doc(self, app: Sphinx, doctree) -> None:
        docname = app.env.docname
        inputs = declared_inputs(app, docname)
        if inputs is not None:
            digests(app.env)[docname] = page_digest(app, docname, inputs)

    def get_outdated_docs(self, app, env, added, changed, removed) -> list[str]:
        if glossary_changed(app, env):
            return sorted(env.found_docs)
        stale = []
        for docname, digest in list(digests(env).items()):
            if docname in added or docname in changed or docname in removed:
                continue
            inputs = declared_inputs(app, docname)
            if inputs is None or page_digest(app, docname, inputs) != digest:
                stale.append(docname)
        if stale:
            logger.info("[quartiers2030] données modifiées, pages à régénérer : %s", ", ".join(sorted(stale)))
        return stale


def glossary_changed(app: Sphinx, env: BuildEnvironment) -> bool:
    """Every page links the acronyms and words of the glossary: when they change, all pages
    are rewritten."""
    if not settings(app).glossary_page:
        return False
    current = inputs_digest(root(app), [glossary.RESOURCE, glossary.TERMS])
    previous = getattr(env, "q2030_glossary_digest", current)
    env.q2030_glossary_digest = current
    return previous != current


def setup_staleness(app: Sphinx) -> None:
    app.add_env_collector(DigestCollector)
