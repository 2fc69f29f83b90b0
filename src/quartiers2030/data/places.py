"""Names of places as the data writes them: a list of communes in one cell, and names
compared as people write them (accents, case, hyphens, a leading article may differ).
Read by the map pages and by the check that every commune of a QPV is on the map."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from quartiers2030.core import paths

COMMUNES = "communes_cab"  # the commune outlines (GeoJSON) that the maps draw


def fold(text: str) -> str:
    """A name compared without accents, case, hyphens or a leading article."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z]+", " ", ascii_text).strip()


def split_communes(cell: str) -> list[str]:
    """« Boulogne-sur-Mer, Outreau et Le Portel » -> the three names."""
    return [part.strip() for part in re.split(r",| et ", cell) if part.strip()]


def commune_name(properties: dict) -> str:
    """The name a commune of the outlines is known by."""
    return str(properties.get("nom_usuel") or properties.get("nom") or properties.get("code"))


def commune_names(path: Path) -> list[str]:
    """The names of the communes of a GeoJSON file of outlines."""
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return [commune_name(feature["properties"]) for feature in features]


def outlines_path(root: Path, resources: list[dict]) -> Path | None:
    for res in resources:
        if res["name"] == COMMUNES:
            return paths.data_dir(root) / res["path"]
    return None
