"""data/sources_pages.csv, the « Source » line of every page: each cited range is a passage
of the contract's text, each page listed is a notebook that prints its line from the data,
and no page writes it by hand any more.

The expected lines and words below are written from the contract's text
(data/source/contrat-de-ville-2024-2030.txt), not read from the CSV file."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers import DATA, REPO, assert_house_style, csv_text, read_as_text, squash
from quartiers2030.data import datapackage
from quartiers2030.site.ext.inputs import front_matter

NOTEBOOKS = REPO / "notebooks"
RESOURCE = "sources_pages"
COLUMNS = [
    "page",
    "ordre",
    "partie",
    "intitule",
    "objet",
    "ligne_debut",
    "ligne_fin",
    "usage",
    "autre_source",
]
# The pages that end with a « Source » line (path under notebooks/, without extension).
PAGES = [
    "geographie/ips",
    "enjeux/index",
    "enjeux/plein-emploi",
    "enjeux/transitions",
    "enjeux/emancipation",
    "enjeux/surs-ouverts",
    "enjeux/transversaux",
    "enjeux/cibles",
    "consultation/index",
    "consultation/reponses",
    "consultation/quartiers",
    "consultation/orientations-locales",
    "gouvernance/index",
    "gouvernance/composition",
    "gouvernance/signataires",
    "gouvernance/chronologie",
    "suivi/index",
    "suivi/quartiers",
    "suivi/actions",
    "suivi/etat",
]
# Pages that cite one whole section: its first line, the heading printed there. The section
# ends where the next heading begins.
SECTIONS = {
    "enjeux/plein-emploi": (828, "AXE STRATÉGIQUE 1 - QUARTIERS DE PLEIN EMPLOI"),
    "enjeux/transitions": (1041, "AXE STRATÉGIQUE 2 - QUARTIERS D'ADAPTATION AUX TRANSITIONS"),
    "enjeux/emancipation": (1173, "AXE STRATÉGIQUE 3 – QUARTIERS DE L'ÉMANCIPATION"),
    "enjeux/surs-ouverts": (1350, "AXE STRATÉGIQUE 4 - QUARTIERS PLUS SÛRS ET PLUS OUVERTS"),
    "enjeux/transversaux": (1475, "LES AXES TRANSVERSAUX"),
    "consultation/index": (1537, "APPROCHE LOCALE"),
    "consultation/reponses": (1591, "Quels sont pour vous les principaux défis à relever"),
    "consultation/quartiers": (1693, "Chemin vert - Beaurepaire - Marlborough"),
}
# Lines that a page's passages include, and words printed on them.
CITED = [
    ("enjeux/index", 820, "A - LE CADRE STRATÉGIQUE"),
    ("enjeux/index", 1533, "En adaptant des réponses simplifiées et intégrées."),
    ("enjeux/cibles", 838, "qu'il représente 30 % de la programmation globale"),
    ("enjeux/cibles", 91, "Répartition de l'enveloppe politique de la ville État par piliers et par années"),
    ("enjeux/cibles", 127, "Montant moyen par action"),
    ("geographie/ips", 557, "Les Indices de Position Sociale (IPS) des établissements scolaires"),
    ("geographie/ips", 693, "L'Indice de Position Sociale (IPS) de l'école publique de secteur"),
    ("geographie/ips", 770, "L'Indice de Position Sociale (IPS) de l'école publique de secteur"),
    ("consultation/orientations-locales", 1537, "APPROCHE LOCALE"),
    ("consultation/orientations-locales", 1796, "DES ORIENTATIONS LOCALES POUR NOS QUARTIERS 2030"),
    ("gouvernance/index", 1883, "A – INSTANCES DE PILOTAGE"),
    ("gouvernance/composition", 1890, "Le comité de pilotage de territoire réunira la CAB et les communes"),
    ("gouvernance/signataires", 1896, "Le Comité de Pilotage du contrat de ville"),
    ("gouvernance/signataires", 1967, "du CONTRAT DE VILLE"),
    ("gouvernance/signataires", 2108, "Arielle FANJAS"),
    ("gouvernance/chronologie", 17, "loi Lamy du 21 Février 2014"),
    ("gouvernance/chronologie", 81, "signé le 26 juin 2015"),
    ("gouvernance/chronologie", 391, "La Circulaire du 31 août 2023"),
    ("gouvernance/chronologie", 1553, "Ouverte le 20 septembre 2023"),
    ("suivi/index", 89, "une trentaine d'acteurs locaux"),
    ("suivi/index", 838, "qu'il représente 30 % de la programmation globale"),
    ("suivi/index", 1940, "l'utilisation des enveloppes et les effets des actions soutenues"),
    ("suivi/index", 1945, "tableaux de bord"),
    ("suivi/index", 1961, "le degré d'avancement des objectifs par orientation stratégique"),
    ("suivi/quartiers", 1962, "besoins par quartier prioritaire"),
    ("suivi/actions", 1960, "Assurer le suivi des actions programmées annuellement"),
    ("suivi/etat", 93, "Demande de subvention État (ANCT)"),
]
CALL = re.compile(r'^page_source\("([^"]+)"\)$', re.M)


@pytest.fixture(scope="module")
def resource() -> dict:
    return datapackage.resource(RESOURCE, REPO)


@pytest.fixture(scope="module")
def rows() -> pd.DataFrame:
    return read_as_text(DATA / "sources_pages.csv")


def _passages(rows: pd.DataFrame, page: str) -> list[tuple[int, int]]:
    cited = rows[(rows["page"] == page) & rows["ligne_debut"].notna()]
    return [(int(r.ligne_debut), int(r.ligne_fin)) for r in cited.itertuples()]


def test_the_file_is_book_wide_in_the_house_style(resource):
    assert resource["path"] == "sources_pages.csv"
    assert_house_style(resource)
    assert [f["name"] for f in resource["schema"]["fields"]] == COLUMNS
    assert resource["schema"]["primaryKey"] == ["page", "ordre"]
    text = csv_text(DATA / "sources_pages.csv")
    assert text.split("\n", 1)[0] == ",".join(COLUMNS)


def test_the_schema_admits_exactly_the_pages_with_a_source_line(resource):
    page = next(f for f in resource["schema"]["fields"] if f["name"] == "page")
    assert sorted(page["constraints"]["enum"]) == sorted(PAGES)
    for name in page["constraints"]["enum"]:
        assert (NOTEBOOKS / f"{name}.md").is_file(), name


def test_every_page_listed_is_a_notebook_and_every_page_has_its_rows(rows):
    assert sorted(set(rows["page"])) == sorted(PAGES)
    for page in PAGES:
        assert (NOTEBOOKS / f"{page}.md").is_file(), page
        assert _passages(rows, page), f"{page} : aucun passage du contrat"


def test_every_cited_range_is_a_passage_of_the_contract(rows, lines):
    last_line = len(lines) - (lines[-1] == "")  # the file ends with a newline
    for row in rows.to_dict("records"):
        if row["autre_source"] is not None:
            assert row["ligne_debut"] is None and row["ligne_fin"] is None, row
            continue
        first, last = int(row["ligne_debut"]), int(row["ligne_fin"])
        assert 1 <= first <= last <= last_line, row
        assert any(line.strip() for line in lines[first - 1 : last]), f"{row} : que des lignes vides"


def test_a_page_on_one_section_cites_the_whole_section(rows, lines):
    for page, (start, heading) in SECTIONS.items():
        assert lines[start - 1].startswith("#") and squash(heading) in squash(lines[start - 1]), page
        [(first, last)] = _passages(rows, page)
        assert first == start, page
        following = next(line for line in lines[last:] if line.strip())
        assert following.startswith("#"), f"{page} : l. {last} n'est pas la fin de la section"


def test_the_pages_cite_the_lines_the_contract_prints_them_on(rows, lines):
    for page, number, words in CITED:
        assert squash(words) in squash(lines[number - 1]), f"l. {number} : {words}"
        assert any(first <= number <= last for first, last in _passages(rows, page)), f"{page} : l. {number}"
    assert set(SECTIONS) | {page for page, _, _ in CITED} == set(PAGES)


def test_every_page_prints_its_source_line_from_the_data():
    calls = {}
    for path in sorted(NOTEBOOKS.rglob("*.md")):
        page = path.relative_to(NOTEBOOKS).with_suffix("").as_posix()
        text = path.read_text(encoding="utf-8")
        assert "Source : contrat" not in text, f"{page} : ligne « Source » écrite à la main"
        found = CALL.findall(text)
        if found:
            assert found == [page], f"{page} cite les sources de {found}"
            assert RESOURCE in front_matter(path)["data_inputs"], page
            calls[page] = found
    assert sorted(calls) == sorted(PAGES)
