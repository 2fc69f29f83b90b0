"""What changed in the data between two versions, cell by cell, on small tables."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup

from helpers import html_table
from quartiers2030.site import diffs

OLD = [["annee", "montant"], ["2019", "100"], ["2020", "200"], ["2021", "300"]]
NEW = [["annee", "montant"], ["2019", "100"], ["2020", "250"], ["2022", "400"]]


def _package(folder: Path, tables: dict[str, list[list[str]]]) -> Path:
    """A data folder holding `tables` (name -> rows), each keyed on its first column."""
    folder.mkdir(parents=True)
    resources = []
    for name, rows in tables.items():
        (folder / f"{name}.csv").write_text("".join(",".join(r) + "\n" for r in rows), encoding="utf-8")
        fields = [{"name": h, "type": "string"} for h in rows[0]]
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "title": f"Table {name}",
                "schema": {"fields": fields, "primaryKey": rows[0][0]},
            }
        )
    (folder / "datapackage.json").write_text(json.dumps({"resources": resources}), encoding="utf-8")
    return folder


def test_compare_tables_counts_rows_added_removed_and_changed():
    rows, summary = diffs.compare_tables(OLD, NEW, ["annee"])
    assert (summary.row_inserts, summary.row_deletes, summary.row_updates) == (1, 1, 1)
    markers = {row[0]: row[1:] for row in rows[1:] if row[0] in ("+++", "---", "->")}
    assert markers == {"->": ["2020", "200->250"], "---": ["2021", "300"], "+++": ["2022", "400"]}


def test_compare_data_names_new_removed_and_unchanged_tables(tmp_path):
    old = _package(
        tmp_path / "old", {"montants": OLD, "ancienne": [["code"], ["a"]], "fixe": [["code"], ["z"]]}
    )
    new = _package(
        tmp_path / "new", {"montants": NEW, "nouvelle": [["code"], ["b"]], "fixe": [["code"], ["z"]]}
    )
    changes = {c.name: c for c in diffs.compare_data(old, new)}
    assert list(changes) == ["montants", "nouvelle", "fixe", "ancienne"]
    assert (changes["montants"].added, changes["montants"].removed, changes["montants"].changed) == (1, 1, 1)
    assert changes["montants"].cells == 1
    assert changes["nouvelle"].status == "nouvelle" and changes["ancienne"].status == "supprimée"
    assert not changes["fixe"].any


def test_html_lists_changed_tables_and_marks_every_change_in_symbols_and_words(tmp_path):
    old = _package(tmp_path / "old", {"montants": OLD, "fixe": [["code"], ["z"]]})
    new = _package(tmp_path / "new", {"montants": NEW, "fixe": [["code"], ["z"]]})
    soup = BeautifulSoup(diffs.render_data(diffs.compare_data(old, new)).markup, "html.parser")
    assert html_table(soup, "diff-resume") == {"data/montants.csv": ["1", "1", "1", "1", ""]}
    unchanged = soup.select_one("details.q2030-diff-unchanged")
    assert unchanged is not None and not unchanged.has_attr("open")
    assert unchanged.summary.get_text() == "1 table sans changement"
    assert unchanged.p.get_text() == "data/fixe.csv"
    detail = html_table(soup, "diff-montants")
    assert detail["+++ ligne ajoutée"] == ["2022", "400"]
    assert detail["--- ligne supprimée"] == ["2021", "300"]
    assert detail["→ ligne modifiée"] == ["2020", "200 →devient 250"]
    cell = soup.select_one("#diff-montants td.q2030-diff-changed")
    assert (cell.find("del").get_text(), cell.find("ins").get_text()) == ("200", "250")
    assert soup.find(id="diff-fixe") is None  # an unchanged table has no detail


def test_labels_and_values_are_escaped(tmp_path):
    old = _package(tmp_path / "old", {"t": [["code", "libelle"], ["a", "<b>gras</b>"]]})
    new = _package(tmp_path / "new", {"t": [["code", "libelle"], ["a", "<i>penché</i>"]]})
    markup = diffs.render_data(diffs.compare_data(old, new)).markup
    assert "<b>" not in markup and "<i>" not in markup
    assert "&lt;i&gt;penché&lt;/i&gt;" in markup


def test_text_lists_changed_tables_only(tmp_path):
    old = _package(tmp_path / "old", {"montants": OLD, "fixe": [["code"], ["z"]]})
    new = _package(tmp_path / "new", {"montants": NEW, "fixe": [["code"], ["z"]]})
    text = "\n".join(diffs.data_text(diffs.compare_data(old, new)))
    assert "data/montants.csv : +1 ligne(s), -1 ligne(s), 1 ligne(s) modifiée(s), 1 cellule(s)" in text
    assert "->,2020,200->250" in text and "data/fixe.csv" not in text
    assert diffs.data_text(diffs.compare_data(old, old)) == ["Aucune table n'a changé."]
