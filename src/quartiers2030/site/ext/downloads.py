"""Data downloads: `data/` is published under `donnees/` (core.figures.DOWNLOAD_FOLDER,
where every chart links to the files behind it), with one archive of all of it."""

from __future__ import annotations

import zipfile
from pathlib import Path

from sphinx.application import Sphinx

from quartiers2030.core import paths
from quartiers2030.core.figures import DOWNLOAD_FOLDER
from quartiers2030.site.ext.config import settings
from quartiers2030.site.ext.files import copy_if_changed
from quartiers2030.site.ext.inputs import root

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed: the archive is byte-identical between builds


def published_files(app: Sphinx) -> list[Path]:
    """The files of data/ that the site publishes, in a stable order."""
    suffixes = set(settings(app).data_suffixes)
    data = paths.data_dir(root(app))
    return [p for p in sorted(data.rglob("*")) if p.is_file() and p.suffix in suffixes]


def write_archive(files: list[Path], base: Path, target: Path) -> None:
    """All the data of this version in one zip, identical bytes for identical files."""
    buffer = target.with_suffix(".tmp")
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"donnees/{path.relative_to(base).as_posix()}", ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    if target.exists() and target.read_bytes() == buffer.read_bytes():
        buffer.unlink()
    else:
        buffer.replace(target)


def on_build_finished(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    config = settings(app)
    data = paths.data_dir(root(app))
    published = Path(app.outdir) / DOWNLOAD_FOLDER
    files = published_files(app)
    for path in files:
        copy_if_changed(path, published / path.relative_to(data))
    published.mkdir(parents=True, exist_ok=True)
    write_archive(files, data, published / config.data_archive)


def setup_downloads(app: Sphinx) -> None:
    app.connect("build-finished", on_build_finished, priority=200)
