"""What frictionless finds in the data, validated again only where something changed.

A resource's result depends on its descriptor, its file's bytes, and those of the resources
its foreign keys refer to; the package's metadata on the whole descriptor. Results are kept
by the digest of what they depend on (and of frictionless's version): in memory for the
process, every result; on disk, in the build's work folder (`paths.BUILD_WORK`, never
published, removed by a clean build and by `make clean`), only the digests that frictionless
found valid, written once a build's whole check has passed (`keep_valid`; `make check`
only reads them), so that the next `make check` or `make site` validates again only the
files that changed and those that refer to them. A result is reused only for the very same
bytes: a change of a file, of its descriptor or of a file it refers to is always seen."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import tempfile
from pathlib import Path

from quartiers2030.core import paths
from quartiers2030.data.datapackage import LOCAL_PROPERTIES, OPTIONAL, descriptor

_VALIDATED: dict[str, list] = {}
_VALIDATED_LIMIT = 4096
VALID_ON_DISK = paths.BUILD_WORK / "donnees-validees.json"


def _digest(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def present(root: Path) -> dict:
    """The descriptor as frictionless reads it: the optional slots that have a file, and
    none of this project's own properties."""
    full = descriptor(root)
    resources = [
        r for r in full["resources"] if not r.get(OPTIONAL) or (paths.data_dir(root) / r["path"]).is_file()
    ]
    return dict(
        full, resources=[{k: v for k, v in r.items() if k not in LOCAL_PROPERTIES} for r in resources]
    )


def referred(res: dict) -> list[str]:
    """The other resources a resource's foreign keys refer to."""
    names = [key.get("reference", {}).get("resource") for key in res.get("schema", {}).get("foreignKeys", [])]
    return [name for name in names if name and name != res["name"]]


def _resource_key(name: str, described: dict[str, dict], data: Path, version: bytes) -> str:
    def own(res: dict) -> list[bytes]:
        path = data / res["path"]
        text = json.dumps(res, sort_keys=True, ensure_ascii=False).encode()
        return [text, path.read_bytes() if path.is_file() else b""]

    parts = [version, *own(described[name])]
    for other in referred(described[name]):
        if other in described:
            parts += own(described[other])
    return _digest(*parts)


def _valid_on_disk(root: Path) -> set[str]:
    try:
        return set(json.loads((root / VALID_ON_DISK).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return set()


# What the last validation of each root found valid, for `keep_valid`.
_LAST_VALID: dict[Path, set[str]] = {}


def keep_valid(root: Path) -> None:
    """Add what the last validation of `root` found valid to the digests kept on disk
    (written beside, then renamed); called once the whole check has passed."""
    keys = _LAST_VALID.pop(root.resolve(), set())
    known = _valid_on_disk(root)
    if keys <= known:
        return
    target = root / VALID_ON_DISK
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=target.parent, delete=False, suffix=".tmp") as out:
            json.dump(sorted(keys | known)[-_VALIDATED_LIMIT:], out)
        os.replace(out.name, target)
    except OSError:
        pass  # a read-only folder: validation only costs more next time


class InvalidDescription(Exception):
    """frictionless refused a resource's description (`error`: its FrictionlessException)."""

    def __init__(self, error: Exception):
        super().__init__(str(error))
        self.error = error


def errors(root: Path) -> tuple[list, list[tuple[str, list]]]:
    """(the descriptor's metadata errors, [(resource, its errors)]) from frictionless."""
    if len(_VALIDATED) > _VALIDATED_LIMIT:
        _VALIDATED.clear()
    version = importlib.metadata.version("frictionless").encode()  # without importing it
    described_package = present(root)
    data = paths.data_dir(root)
    on_disk = _valid_on_disk(root)
    for key in on_disk:
        _VALIDATED.setdefault(key, [])
    metadata_key = _digest(
        version, json.dumps(described_package, sort_keys=True, ensure_ascii=False).encode()
    )
    if metadata_key not in _VALIDATED:
        import frictionless

        try:
            frictionless.Package(described_package, basepath=str(data)).to_descriptor(validate=True)
            _VALIDATED[metadata_key] = []
        except frictionless.FrictionlessException as exception:
            _VALIDATED[metadata_key] = exception.to_errors()
    if _VALIDATED[metadata_key]:
        return _VALIDATED[metadata_key], []
    described = {r["name"]: r for r in described_package["resources"]}
    keys = {name: _resource_key(name, described, data, version) for name in described}
    todo = [name for name in described if keys[name] not in _VALIDATED]
    if todo:
        import frictionless

        # Only the resources to validate and those they refer to: reading the whole package
        # again costs more than validating one changed file.
        needed = set(todo) | {other for name in todo for other in referred(described[name])}
        part = dict(
            described_package, resources=[r for r in described_package["resources"] if r["name"] in needed]
        )
        try:
            for res in frictionless.Package(part, basepath=str(data)).resources:
                if res.name in todo:
                    report = res.validate()
                    found = [e for task in report.tasks for e in task.errors] + list(report.errors)
                    _VALIDATED[keys[res.name]] = found
        except frictionless.FrictionlessException as error:
            raise InvalidDescription(error) from None
    _LAST_VALID[root.resolve()] = {metadata_key} | {key for key in keys.values() if not _VALIDATED[key]}
    return [], [(name, _VALIDATED[keys[name]]) for name in described]
