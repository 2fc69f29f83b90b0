"""Part IV of the contract (« L'organisation du contrat de ville »), its signatures and its
timeline, as data: data/gouvernance/*.csv, described in data/datapackage.json.

The expected values below are written from the contract's text (line numbers of
data/source/contrat-de-ville-2024-2030.txt), not read from the CSV files."""

from __future__ import annotations

import re

import frictionless
import pandas as pd
import pytest

from helpers import DATA, assert_house_style, csv_text, part_resources, read_as_text, squash

GOUV = DATA / "gouvernance"
NAMES = [
    "organisations",
    "instances",
    "membres",
    "missions",
    "signataires",
    "chronologie",
    "relations",
    "constats",
]
# The site's own words for the part (no contract line to trace them to): the words for the
# types of organisation, and the titles and fixed notes of tables, figures and boxes.
SITE_WORDS = ["types_organisation", "titres"]
# The « Source » line of each page is book-wide: data/sources_pages.csv
# (tests/test_page_sources_data.py).


@pytest.fixture(scope="module")
def schema() -> list[dict]:
    return part_resources("gouvernance")


def read(name: str) -> pd.DataFrame:
    """A file of data/gouvernance as text, an empty cell as None."""
    return read_as_text(GOUV / f"{name}.csv")


# --- format and schema ---------------------------------------------------------------------


def test_schema_lists_the_gouvernance_files_in_the_house_style(schema):
    assert [r["name"] for r in schema] == NAMES + SITE_WORDS
    for res in schema:
        assert res["path"] == f"gouvernance/{res['name']}.csv"
        assert_house_style(res)
        names = [f["name"] for f in res["schema"]["fields"]]
        if res["name"] in SITE_WORDS:
            # said to be the site's words, never passed off as the contract's
            assert "ligne_source" not in names and "Rédaction du site" in res["description"], res["name"]
        else:
            assert names[-1] == "ligne_source"


def contract_files(schema: list[dict]) -> list[dict]:
    """The resources transcribed from the contract, each row with its line."""
    return [res for res in schema if res["name"] not in SITE_WORDS]


def test_files_are_utf8_comma_lf_with_the_schema_header(schema):
    for res in schema:
        text = csv_text(DATA / res["path"])
        header = text.split("\n", 1)[0]
        assert header == ",".join(f["name"] for f in res["schema"]["fields"]), res["path"]


def test_files_are_valid_against_their_table_schema(schema):
    package = frictionless.Package({"name": "gouvernance", "resources": schema}, basepath=str(DATA))
    report = package.validate()
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])


def test_a_broken_foreign_key_is_caught(schema, tmp_path):
    """The validation really checks the codes between files."""
    for res in schema:
        target = tmp_path / res["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((DATA / res["path"]).read_bytes())
    path = tmp_path / "gouvernance" / "membres.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("copil_contrat,cci,", "copil_contrat,ccii,"),
        encoding="utf-8",
    )
    report = frictionless.Package({"name": "g", "resources": schema}, basepath=str(tmp_path)).validate()
    assert [e[0] for e in report.flatten(["type"])] == ["foreign-key"]


def test_an_unknown_type_of_organisation_is_caught(schema, tmp_path):
    """organisations.type refers to types_organisation.csv, where the site's word for it lives."""
    for res in schema:
        target = tmp_path / res["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((DATA / res["path"]).read_bytes())
    path = tmp_path / "gouvernance" / "organisations.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",commune,62160", ",comune,62160"),
        encoding="utf-8",
    )
    report = frictionless.Package({"name": "g", "resources": schema}, basepath=str(tmp_path)).validate()
    assert [e[0] for e in report.flatten(["type"])] == ["foreign-key"]


def test_every_type_of_organisation_has_its_word():
    words = read("types_organisation").set_index("code")["libelle"]
    assert set(read("organisations")["type"]) <= set(words.index)


# --- traceability: every label stands on its line ------------------------------------------

# frequence_min_par_an is written in words (« deux fois l'an ») or derived (« une fois par
# trimestre » = 4): its words are checked in test_frequencies, against their own line.
NOT_ON_SOURCE_LINE = {"ligne_source", "ordre", "frequence_min_par_an"}


def test_every_label_and_number_stands_on_its_source_line(schema, lines):
    checked = 0
    for res in contract_files(schema):
        frame = read(res["name"])
        for index, row in enumerate(frame.to_dict("records")):
            line = lines[int(row["ligne_source"]) - 1]
            for field in res["schema"]["fields"]:
                name, value = field["name"], row[field["name"]]
                if name in NOT_ON_SOURCE_LINE or value is None:
                    continue
                if name in ("libelle", "nom") or (name == "fonction" and row.get("nom") is None):
                    assert squash(value) in squash(line), f"{res['path']} ligne {index + 2} : {value!r}"
                    checked += 1
                elif field["type"] == "integer":
                    assert value in re.findall(r"\d+", line), f"{res['path']} ligne {index + 2} : {value}"
                    checked += 1
    assert checked == 28 + 6 + 25 + 26


# --- organisations -------------------------------------------------------------------------


def test_organisations():
    orgs = read("organisations").set_index("code")
    assert len(orgs) == 28
    # the four communes of l. 1902, with their INSEE codes (open data, not the contract)
    communes = orgs[orgs["type"] == "commune"]
    assert dict(zip(communes["libelle"], communes["code_insee"])) == {
        "Boulogne-sur-Mer": "62160",
        "Outreau": "62643",
        "Le Portel": "62667",
        "Saint-Martin-Boulogne": "62758",
    }
    assert orgs["code_insee"].notna().sum() == 4
    assert orgs.loc["cab", "libelle"] == "Communauté d'agglomération du Boulonnais"
    assert orgs.loc["cab", "type"] == "collectivite"
    assert orgs.loc["procureur", "type"] == "justice"
    # l. 1914: five bailleurs ; l. 2074: a sixth one signs ; l. 1894: « les bailleurs sociaux »
    assert sorted(orgs.index[orgs["type"] == "bailleur"]) == sorted(
        [
            "sem",
            "habitat_du_littoral",
            "flandres_opale_habitat",
            "habitat_hauts_de_france",
            "sia_habitat",
            "pas_de_calais_habitat",
            "bailleurs_sociaux",
        ]
    )
    # the most complete wording where the contract has several
    assert orgs.loc["cci", "libelle"] == "Chambre de Commerce et d'Industrie Littoral Hauts-de-France"
    assert orgs.loc["habitat_du_littoral", "libelle"] == "Urbavileo – Habitat du Littoral"


# --- instances -----------------------------------------------------------------------------

FREQUENCIES = {  # code: (minimum per year, the contract's words, their line)
    "copil_territoire": (2, "a minima deux fois l'an", 1892),
    "copil_territoire_elargi": (1, "une fois l'an", 1894),
    "copil_contrat": (1, "une fois l'an dans sa configuration plénière", 1898),
    "comite_financeurs": (None, None, None),
    "equipe_projet": (4, "au moins une fois par trimestre", 1934),
    "comite_technique": (None, None, None),
}


def test_six_instances():
    inst = read("instances")
    assert list(inst["code"]) == list(FREQUENCIES)
    assert dict(zip(inst["code"], inst["ligne_source"].astype(int))) == {
        "copil_territoire": 1890,
        "copil_territoire_elargi": 1894,
        "copil_contrat": 1896,
        "comite_financeurs": 1892,
        "equipe_projet": 1932,
        "comite_technique": 1951,
    }


def test_frequencies(lines):
    inst = read("instances").set_index("code")
    for code, (minimum, words, line) in FREQUENCIES.items():
        row = inst.loc[code]
        if minimum is None:
            assert row["frequence_min_par_an"] is None and row["frequence_texte"] is None, code
            assert "Aucune fréquence indiquée" in row["remarque"], code
        else:
            assert int(row["frequence_min_par_an"]) == minimum, code
            assert row["frequence_texte"] == words, code
            assert squash(words) in squash(lines[line - 1]), code


def test_pilotage():
    inst = read("instances").set_index("code")
    assert inst.loc["copil_contrat", "pilotage"] == "CAB et État (coanimation)"  # l. 1898
    assert inst.loc["equipe_projet", "pilotage"] == "animée par la CAB"  # l. 1947
    for code in ("copil_territoire", "copil_territoire_elargi", "comite_financeurs", "comite_technique"):
        assert inst.loc[code, "pilotage"] is None, code


def test_omissions_are_said():
    inst = read("instances").set_index("code")
    assert "l'annexe ne figure pas" in inst.loc["copil_contrat", "remarque"]  # l. 1928
    assert "composé de l'ensemble des signataires" in inst.loc["copil_contrat", "remarque"]
    assert "le nombre manque" in inst.loc["equipe_projet", "remarque"]  # l. 1947


# --- membres -------------------------------------------------------------------------------


def test_members_per_instance():
    members = read("membres")
    assert members.groupby("instance").size().to_dict() == {
        "copil_territoire": 5,  # l. 1890 : la CAB et les (quatre) communes
        "copil_territoire_elargi": 6,  # l. 1894 : + les bailleurs sociaux
        "copil_contrat": 22,  # l. 1900-1914 : 15 entrées, 4 communes, 5 bailleurs
        "comite_financeurs": 1,  # l. 1892 : seule la CAB y est citée
        "equipe_projet": 5,  # l. 1934 : techniciens CAB et communes
        "comite_technique": 7,  # l. 1955-1959 : 4 catégories
    }


def test_steering_committee_list(lines):
    copil = read("membres").query("instance == 'copil_contrat'")
    assert sorted(set(copil["ligne_source"].astype(int))) == list(range(1900, 1915))  # 15 entries
    etat = copil.set_index("organisation").loc["etat", "precision"]
    assert etat.split(", ") == [
        "Préfecture",
        "Sous-préfecture",
        "DDTM",
        "DDCS",
        "DDETS",
        "DRAC",
        "DRJSCS",
        "Délégué(e) aux Droits des Femmes",
    ]
    assert (copil["ligne_source"] == "1914").sum() == 5
    assert (copil["ligne_source"] == "1902").sum() == 4


def test_technical_committee_has_four_categories():
    tech = read("membres").query("instance == 'comite_technique'")
    assert sorted(set(tech["ligne_source"].astype(int))) == [1955, 1956, 1957, 1959]
    assert tech.set_index("organisation").loc["etat", "precision"] == "Le Délégué du Préfet"


# --- missions ------------------------------------------------------------------------------


def test_missions():
    missions = read("missions")
    counts = missions.fillna({"instance": "-"}).groupby(["liste", "instance"]).size().to_dict()
    assert counts == {
        ("niveaux_de_pilotage", "-"): 2,  # l. 1887-1888
        ("missions", "copil_territoire"): 3,  # l. 1890
        ("missions", "copil_territoire_elargi"): 1,  # l. 1894
        ("missions", "copil_contrat"): 2,  # l. 1898
        ("role_des_acteurs", "-"): 9,  # l. 1918-1926
        ("missions", "equipe_projet"): 4,  # l. 1938-1941
        ("missions", "comite_technique"): 4,  # l. 1960-1963
    }
    roles = missions.query("liste == 'role_des_acteurs'")
    assert list(roles["ligne_source"].astype(int)) == list(range(1918, 1927))
    assert list(roles["ordre"].astype(int)) == list(range(1, 10))
    assert roles.iloc[-1]["libelle"] == "La mobilisation de moyens"


# --- signataires ---------------------------------------------------------------------------

SIGNATORIES = [  # l. 1971-2108, reading order; None: only the function is printed
    "Patrick LEVERINO",
    None,
    "Olivier BARBARIN",
    "Xavier BERTRAND",
    "Frédéric CUVILLIER",
    "Sébastien CHOCHOIS",
    "Raphael JULES",
    "Jean-Claude LEROY",
    "Jean-Jacques PION",
    "Christelle LEMERY",
    "Edouard GAYET",
    "Sandrine BONNOT",
    "Pierre Philippe CARON",
    None,
    "Jean-Roger RIBAUD",
    "Hervé DUCROCQ",
    "Marc LEROY",
    "Julien DENYS",
    "Bruno FONTALIRAND",
    "Véronique BRIOIS",
    "Olivier DUBOIS",
    "Stéphane MAILLET",
    None,
    "Philippe CHARTON",
    "Pierre TONNEAU",
    "Hilaire MULTON",
]


def test_signatories():
    sig = read("signataires")
    assert len(sig) == 26
    assert list(sig["ordre"].astype(int)) == list(range(1, 27))
    assert list(sig["nom"]) == SIGNATORIES
    assert sig["nom"].notna().sum() == 23
    assert list(sig.loc[sig["nom"].isna(), "fonction"]) == [
        "Première Adjointe au Maire de Boulogne-sur-Mer",  # l. 1979
        "Procureur de la République",  # l. 2044
        "Président de la Chambre des Métiers et de l'Artisanat Hauts-de-France",  # l. 2088
    ]
    assert "The choit" not in set(sig["nom"].dropna())  # l. 2007: OCR of a handwritten signature
    last = sig.iloc[-1]
    assert "Arielle FANJAS" in last["remarque"] and "Directrice Adjointe" in last["remarque"]
    assert sig.set_index("nom").loc["Frédéric CUVILLIER", "organisation"] == "cab"
    gayet = sig.set_index("nom").loc["Edouard GAYET"]
    assert (gayet["organisation"], gayet["organisation_associee"]) == ("anah", "anru")
    # the State signs twice: the sub-prefect (l. 1973) and the DRAC (l. 2102)
    assert (sig["organisation"] == "etat").sum() == 2
    # one block prints no organisation (l. 2076)
    assert list(sig.loc[sig["organisation"].isna(), "nom"]) == ["Véronique BRIOIS"]


# --- chronologie ---------------------------------------------------------------------------

TIMELINE = [  # date, precision, line of the text
    ("2014-01-01", "annee", 412),  # géographie prioritaire « définie en 2014 »
    ("2014-02-21", "jour", 17),  # loi Lamy du 21 Février 2014
    ("2015-06-26", "jour", 81),  # signé le 26 juin 2015
    ("2019-01-01", "annee", 412),  # « fichier localisé social et fiscal de 2019 »
    ("2022-01-01", "annee", 81),  # prorogé jusqu'en 2022
    ("2023-01-01", "annee", 81),  # puis 2023
    ("2023-08-31", "jour", 391),  # Circulaire du 31 août 2023
    ("2023-09-20", "jour", 1553),  # Ouverte le 20 septembre 2023
    ("2023-10-31", "jour", 1553),  # Close le 31 octobre 2023
    ("2023-12-28", "jour", 404),  # décret publié le 28 décembre 2023
    ("2024-01-01", "annee", 393),  # entre 2024 et 2027
    ("2027-01-01", "annee", 393),  # actualisation en 2027
    ("2030-01-01", "annee", 393),  # reconduits jusqu'en 2030
]


def test_timeline(lines):
    chrono = read("chronologie")
    got = list(zip(chrono["date"], chrono["precision"], chrono["ligne_source"].astype(int)))
    assert got == TIMELINE
    months = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ]
    for date, precision, line in TIMELINE:
        year, month, day = date.split("-")
        text = lines[line - 1].lower()
        assert year in text, date
        if precision == "jour":
            assert f"{int(day)} {months[int(month) - 1]} {year}" in text, date


def test_timeline_flags_what_the_text_gets_wrong():
    chrono = read("chronologie").set_index("date")
    assert "2024-1314" in chrono.loc["2023-12-28", "remarque"]  # l. 404
    assert "6 ans" in chrono.loc["2030-01-01", "remarque"]  # l. 393


# --- relations between instances ----------------------------------------------------------

RELATIONS = [  # (source, relation, target, line): the contract's words on that line
    ("copil_territoire", "s'élargit en", "copil_territoire_elargi", 1894),  # « dans une version élargie »
    (
        "copil_territoire",
        "précède",
        "comite_financeurs",
        1892,
    ),  # « passage obligé avant la réunion du comité des financeurs »
    ("equipe_projet", "prépare", "copil_territoire", 1934),  # « Il prépare le COPIL de territoire des élus »
    (
        "equipe_projet",
        "alimente",
        "comite_technique",
        1941,
    ),  # « Alimenter le contenu de la réunion du Comité Technique »
    ("comite_technique", "guide", "copil_contrat", 1963),  # « Guider la réflexion du Comité de Pilotage »
]


def test_relations(lines):
    rel = read("relations")
    got = list(
        zip(rel["instance_source"], rel["relation"], rel["instance_cible"], rel["ligne_source"].astype(int))
    )
    assert got == RELATIONS
    for citation, line in zip(rel["citation"], rel["ligne_source"].astype(int)):
        assert squash(citation) in squash(lines[line - 1]), citation
    # the text does not say which « Comité de Pilotage » the technical committee guides
    assert "n'écrit pas de quel comité de pilotage" in rel.iloc[-1]["remarque"]


# --- what the text states about itself, and what it leaves out -----------------------------


def test_claims_and_omissions(lines):
    found = read("constats").set_index("code")
    assert dict(zip(found.index, zip(found["nature"], found["ligne_source"].astype(int)))) == {
        "copil_ensemble_des_signataires": ("composition_egale_signataires", 1898),
        "annexe_engagements": ("lacune", 1928),
        "reunion_elargie_comptee": ("lacune", 1894),
        "objectif_acteurs_visites": ("lacune", 1947),
        "date_signature": ("lacune", 1967),
    }
    for code, row in found.iterrows():
        assert squash(row["citation"]) in squash(lines[int(row["ligne_source"]) - 1]), code
        assert pd.isna(row["manque"]) == (row["nature"] != "lacune"), code
    assert "composé de l'ensemble des signataires" in found.loc["copil_ensemble_des_signataires", "citation"]
    assert "objectif d'acteurs visités par an" in found.loc["objectif_acteurs_visites", "citation"]
    # l. 1947 gives no number: none is invented
    assert not re.search(r"\d", found.loc["objectif_acteurs_visites", "citation"])


def test_short_labels_are_unique_and_given_everywhere():
    for name in ("instances", "organisations"):
        frame = read(name)
        assert frame["libelle_court"].notna().all() and frame["libelle_court"].is_unique, name
