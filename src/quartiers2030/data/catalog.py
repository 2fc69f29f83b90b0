"""The list of data files, read from `datapackage.json`: with their columns for the staff
page, and as links to download them on « Méthode »."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from quartiers2030.core import paths
from quartiers2030.core.figures import data_url
from quartiers2030.core.html import Fragment
from quartiers2030.core.tables import Row, Table
from quartiers2030.core.templates import render
from quartiers2030.data.datapackage import descriptor

TYPE_WORDS = {
    "integer": "entier",
    "number": "nombre",
    "string": "texte",
    "date": "date",
    "year": "année",
    "boolean": "oui/non",
}


def _columns(schema: dict) -> str:
    """`annee (entier, obligatoire) ; pilier (texte, obligatoire) ; …`"""

    def column(f: dict) -> str:
        required = ", obligatoire" if f.get("constraints", {}).get("required") else ""
        return f"{f['name']} ({TYPE_WORDS.get(f['type'], f['type'])}{required})"

    return " ; ".join(column(f) for f in schema["fields"])


def _row(res: dict) -> Row:
    if "schema" not in res:  # GeoJSON outlines: not a table
        what = f"fichier {res.get('format', '')}, non tabulaire (pas de colonnes)"
        return Row(f"data/{res['path']}", [res["title"], what])
    return Row(f"data/{res['path']}", [res["title"], _columns(res["schema"])])


def files_table() -> Table:
    """Every resource of the data package: its file, its title and its columns."""
    return Table(
        id="fichiers-de-donnees",
        caption="Les fichiers de données et leurs colonnes",
        corner="Fichier",
        columns=["Contenu", "Colonnes (type)"],
        rows=[_row(res) for res in descriptor()["resources"]],
        text=True,  # the columns of a file are a sentence: wrapped, one card a file on a phone
    )


# The folders of data/, as a resident reads them (the parts of the contract).
FOLDER_WORDS = {
    "evaluation": "Évaluation du contrat 2015-2023",
    "geographie": "Géographie prioritaire",
    "enjeux": "Les enjeux du contrat",
    "consultation": "La consultation Quartiers 2030",
    "gouvernance": "Gouvernance du contrat",
}
OTHER_FOLDER = "Pour tout le site"


@dataclass(frozen=True)
class _File:
    title: str
    href: str
    kind: str  # CSV, GeoJSON


def downloads(archive: str) -> Fragment:
    """The archive (its name, `q2030_data_archive`), then every data file the site
    publishes, grouped by part of the contract. A slot without its file yet
    (an optional figure, the ANCT outlines) is not listed."""
    root = paths.data_dir()
    groups: dict[str, list[_File]] = {}
    for res in descriptor()["resources"]:
        if not (root / res["path"]).is_file():
            continue
        folder = res["path"].split("/", 1)[0] if "/" in res["path"] else ""
        kind = (
            (res.get("format") or Path(res["path"]).suffix.lstrip(".")).upper().replace("GEOJSON", "GeoJSON")
        )
        groups.setdefault(FOLDER_WORDS.get(folder, OTHER_FOLDER), []).append(
            _File(res.get("title", res["name"]), data_url(res["path"]), kind)
        )
    order = [*FOLDER_WORDS.values(), OTHER_FOLDER]
    return render(
        "data/downloads.html",
        archive=data_url(archive),
        groups=[(name, groups[name]) for name in order if name in groups],
    )
