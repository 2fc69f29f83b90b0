"""The data package as a re-user downloads it: `frictionless validate` on the published
`donnees/datapackage.json` passes, a data slot still without its file is set apart (not a
resource validators would look for), and each published CSV keeps its Table Schema, its
licence and its sources."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import frictionless
import pytest

from quartiers2030.site.ext.downloads import PENDING, published_descriptor

SCHEMA = {"fields": [{"name": "code", "type": "string"}, {"name": "valeur", "type": "integer"}]}


def _package(folder: Path) -> Path:
    """A package of two tables, the second an optional slot without its file."""
    folder.mkdir()
    (folder / "a.csv").write_text("code,valeur\nx,1\ny,2\n", encoding="utf-8")
    descriptor = {
        "name": "essai",
        "licenses": [{"name": "etalab-2.0", "title": "Licence Ouverte 2.0"}],
        "resources": [
            {"name": "a", "path": "a.csv", "profile": "tabular-data-resource", "schema": SCHEMA},
            {
                "name": "b",
                "path": "b.csv",
                "title": "À venir",
                "optional": True,
                "profile": "tabular-data-resource",
                "schema": SCHEMA,
            },
        ],
    }
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return folder


def test_a_slot_without_its_file_is_set_apart_and_the_package_validates(tmp_path):
    data = _package(tmp_path / "data")
    assert not frictionless.validate(str(data / "datapackage.json")).valid  # b.csv is missing
    published = json.loads(published_descriptor(data))
    assert [r["name"] for r in published["resources"]] == ["a"]
    assert published[PENDING] == [{"name": "b", "path": "b.csv", "title": "À venir"}]
    (data / "datapackage.json").write_bytes(published_descriptor(data))
    assert frictionless.validate(str(data / "datapackage.json")).valid


def test_a_slot_once_filled_is_published_as_a_resource(tmp_path):
    data = _package(tmp_path / "data")
    (data / "b.csv").write_text("code,valeur\nz,3\n", encoding="utf-8")
    published = json.loads(published_descriptor(data))
    assert [r["name"] for r in published["resources"]] == ["a", "b"]
    assert PENDING not in published


@pytest.mark.build
def test_the_published_package_passes_frictionless_validate(site):
    """The reference validator's own command, from the project's environment."""
    cli = Path(sys.executable).with_name("frictionless")
    proc = subprocess.run(
        [str(cli), "validate", "datapackage.json"],
        cwd=site / "donnees",
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]


@pytest.mark.build
def test_each_published_csv_keeps_its_schema_licence_and_sources(site):
    folder = site / "donnees"
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    by_path = {r["path"]: r for r in descriptor["resources"]}
    csvs = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.csv"))
    assert csvs, "aucun CSV publié"
    for path in csvs:
        resource = by_path.get(path)
        assert resource is not None, f"{path} publié sans ressource dans datapackage.json"
        assert resource["schema"]["fields"], path
        assert resource.get("sources"), path
        assert resource.get("licenses") or descriptor.get("licenses"), path
    for resource in descriptor["resources"]:
        assert (folder / resource["path"]).is_file(), resource["path"]


@pytest.mark.build
def test_the_archive_holds_the_descriptor_as_published(site):
    folder = site / "donnees"
    archive = next(folder.glob("*.zip"))
    with zipfile.ZipFile(archive) as zipped:
        inside = zipped.read("donnees/datapackage.json")
    assert inside == (folder / "datapackage.json").read_bytes()
