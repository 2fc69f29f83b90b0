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


def files_table() -> Table:
    rows = []
    for res in descriptor()["resources"]:
        if "schema" not in res:  # GeoJSON outlines: not a table
            rows.append(
                Row(
                    f"data/{res['path']}",
                    [res["title"], f"fichier {res.get('format', '')}, non tabulaire (pas de colonnes)"],
                )
            )
            continue
        columns = " ; ".join(
            f"{f['name']} ({TYPE_WORDS.get(f['type'], f['type'])}"
            + (", obligatoire" if f.get("constraints", {}).get("required") else "")
            + ")"
            for f in res["schema"]["fields"]
        )
        rows.append(Row(f"data/{res['path']}", [res["title"], columns]))
    table = Table(
        id="fichiers-de-donnees",
        caption="Les fichiers de données et leurs colonnes",
        corner="Fichier",
        columns=["Contenu", "Colonnes (type)"],
        rows=rows,
    )
    return table
