"""What a page declares it reads: the `data_inputs` of its front matter.

While a notebook executes, its kernel is told what it declared (an environment variable
that the kernel inherits), and the loader refuses anything else
(`datapackage.declared_path`): no page can depend on a file whose change would not
re-execute it.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from sphinx.application import Sphinx

from quartiers2030.data import datapackage
from quartiers2030.site.ext.config import settings


def front_matter(path: Path) -> dict:
    """The YAML header of a MyST file, or {} when it has none."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return {}
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---", 4)
    if end < 0:
        return {}
    data = yaml.safe_load(text[4:end]) or {}
    return data if isinstance(data, dict) else {}


def page_header(app: Sphinx, docname: str) -> dict:
    return front_matter(Path(app.env.doc2path(docname)))


def declared_inputs(app: Sphinx, docname: str) -> list[str] | None:
    """Resource names a notebook declares ([] if none), or None for a narrative page."""
    header = page_header(app, docname)
    if "kernelspec" not in header:
        return None  # a narrative page: nothing executes
    key = settings(app).inputs_key
    inputs = header.get(key, [])
    if not isinstance(inputs, list) or not all(isinstance(i, str) for i in inputs):
        source = app.env.doc2path(docname)
        raise ValueError(f"{source} : « {key} » doit être une liste de noms de ressources.")
    return inputs


def root(app: Sphinx) -> Path:
    return Path(app.srcdir)


def on_builder_inited(app: Sphinx) -> None:
    # Kernels inherit the environment: they find the data of the book being built.
    os.environ["Q2030_ROOT"] = str(root(app))
    datapackage._descriptor.cache_clear()


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    """Tell the kernel about to execute this page what it may read."""
    inputs = declared_inputs(app, docname)
    if inputs is None:
        os.environ.pop(datapackage.DECLARED_INPUTS_ENV, None)
        return
    for name in inputs:
        datapackage.resource(name, root(app))  # an unknown name fails here, clearly
    os.environ[datapackage.DECLARED_INPUTS_ENV] = ",".join(inputs)


def on_env_updated(app: Sphinx, env) -> list[str]:
    # Every page is read: what the last one declared must not restrict the rest of the build.
    os.environ.pop(datapackage.DECLARED_INPUTS_ENV, None)
    return []


def setup_inputs(app: Sphinx) -> None:
    app.connect("builder-inited", on_builder_inited)
    app.connect("source-read", on_source_read)
    app.connect("env-updated", on_env_updated)
