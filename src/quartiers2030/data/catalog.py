"""The list of data files, read from `datapackage.json`, for the staff page."""

from __future__ import annotations

from quartiers2030.core.tables import Row, Table
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
