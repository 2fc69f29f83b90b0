"""Remove what earlier builds left behind: the page of a removed document, a data file
removed from data/. Sphinx never deletes from its output folder, and the work folder is
kept between builds, so without this a removed page would stay online."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from quartiers2030.core import paths
from quartiers2030.core.figures import DOWNLOAD_FOLDER
from quartiers2030.site.ext.config import settings
from quartiers2030.site.ext.downloads import published_files
from quartiers2030.site.ext.inputs import root


def stale_pages(out: Path, expected: set[str], kept_folders: set[str]) -> list[Path]:
    """Pages of `out` that no document (nor Sphinx itself) writes any more."""
    pages = []
    for page in sorted(out.rglob("*.html")):
        rel = page.relative_to(out).as_posix()
        if rel.split("/")[0] not in kept_folders and rel not in expected:
            pages.append(page)
    return pages


def on_build_finished(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    config = settings(app)
    out = Path(app.outdir)
    expected = {f"{doc}.html" for doc in app.env.found_docs} | set(config.generated_pages)
    for page in stale_pages(out, expected, set(config.kept_folders) | {DOWNLOAD_FOLDER}):
        page.unlink()
    data = paths.data_dir(root(app))
    published = out / DOWNLOAD_FOLDER
    keep = {published / f.relative_to(data) for f in published_files(app)} | {published / config.data_archive}
    for path in published.rglob("*"):
        if path.is_file() and path not in keep:
            path.unlink()


def setup_pruning(app: Sphinx) -> None:
    app.connect("build-finished", on_build_finished, priority=300)
