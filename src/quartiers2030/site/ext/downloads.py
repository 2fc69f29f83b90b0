"""Data downloads: `data/` is published under `donnees/` (core.figures.DOWNLOAD_FOLDER,
where every chart links to the files behind it), with one archive of all of it.

The published `datapackage.json` lists only the resources whose file is published: an
optional data slot still without its file (a figure the contract lost, the ANCT outlines)
is named under `pendingResources`, not as a resource that validators would look for. So
`frictionless validate donnees/datapackage.json` passes on what a re-user downloads."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from sphinx.application import Sphinx

from quartiers2030.core import paths
from quartiers2030.core.figures import DOWNLOAD_FOLDER
from quartiers2030.site.ext.config import settings
from quartiers2030.site.ext.files import copy_if_changed
from quartiers2030.site.ext.inputs import root

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed: the archive is byte-identical between builds
PENDING = "pendingResources"  # the slots without a file, in the published descriptor


def published_descriptor(data: Path) -> bytes:
    """`data/datapackage.json` as published: the slots without a file set apart."""
    descriptor = json.loads((data / paths.DATAPACKAGE.name).read_text(encoding="utf-8"))
    present = [r for r in descriptor["resources"] if (data / r["path"]).is_file()]
    pending = [r for r in descriptor["resources"] if not (data / r["path"]).is_file()]
    descriptor["resources"] = present
    if pending:
        descriptor[PENDING] = [
            {key: r[key] for key in ("name", "path", "title", "description") if key in r} for r in pending
        ]
    return (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def published_files(app: Sphinx) -> list[Path]:
    """The files of data/ that the site publishes, in a stable order."""
    suffixes = set(settings(app).data_suffixes)
    data = paths.data_dir(root(app))
    return [p for p in sorted(data.rglob("*")) if p.is_file() and p.suffix in suffixes]


def write_if_changed(content: bytes, target: Path) -> None:
    if target.exists() and target.read_bytes() == content:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)


def write_archive(files: list[Path], base: Path, target: Path) -> None:
    """All the data of this version in one zip, identical bytes for identical files (the
    descriptor as published)."""
    buffer = target.with_suffix(".tmp")
    descriptor = base / paths.DATAPACKAGE.name
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"donnees/{path.relative_to(base).as_posix()}", ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            content = published_descriptor(base) if path == descriptor else path.read_bytes()
            archive.writestr(info, content)
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
    descriptor = data / paths.DATAPACKAGE.name
    for path in files:
        if path != descriptor:
            copy_if_changed(path, published / path.relative_to(data))
    write_if_changed(published_descriptor(data), published / paths.DATAPACKAGE.name)
    published.mkdir(parents=True, exist_ok=True)
    write_archive(files, data, published / config.data_archive)


def setup_downloads(app: Sphinx) -> None:
    app.connect("build-finished", on_build_finished, priority=200)
