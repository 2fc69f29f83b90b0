"""Part II of the contract (« Géographie », text lines 386-812) as data: data/geographie/*.csv,
described in data/datapackage.json (Table Schema resources, merged into
data/datapackage.json), and the open data of the lost figures F-GEO-02/03 in
data/geographie/opendata/.

The expected values below are written from the contract's text (line numbers of
data/source/contrat-de-ville-2024-2030.txt), not read from the CSV files."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import frictionless
import pandas as pd
import pytest

from helpers import DATA, assert_house_style, csv_text, part_resources, read_as_text, squash
from quartiers2030.data import datapackage, validation

GEO = DATA / "geographie"
OPENDATA = GEO / "opendata"

OWN = [
    "qpv",
    "qpv_2015",
    "sous_quartiers",
    "geographie_indicateurs",
    "geographie_valeurs_imprimees",
    "geographie_listes",
    "geographie_lacunes",
    "ips_references",
    "ips_noms_ecoles",
]
# The words of the pages and their structure (labels, themes, breakdowns…): no fact, no
# source line of their own.
VOCABULARY = [
    "geographie_echelles",
    "geographie_mesures",
    "geographie_titres_listes",
    "geographie_sections",
    "geographie_themes",
    "geographie_decompositions",
    "geographie_parties",
    "geographie_roles_graphiques",
    "geographie_chiffres_cles_cab",
    "geographie_passages",
]
OPEN = ["ips_ecoles", "ips_colleges"]
OPEN_FILES = [
    "ips-ecoles-cab-2022-2025.csv",
    "ips-colleges-cab-2022-2024.csv",
    "colleges-cab-ips.geojson",
    "communes-cab-22.geojson",
]


@pytest.fixture(scope="module")
def schema() -> list[dict]:
    """The tabular resources of data/geographie (the GeoJSON outlines have no schema)."""
    return [r for r in part_resources("geographie") if "schema" in r]


def read(name: str) -> pd.DataFrame:
    """A file of data/geographie as text, an empty cell as None."""
    return read_as_text(GEO / f"{name}.csv")


NUMBER = re.compile(r"\d[\d \u00a0\u202f]*(?:[.,]\d+)?")


def _numbers(text: str) -> set[float]:
    """Every number of a text: spaces (plain, no-break, narrow) inside it removed, decimal
    comma read as a point, sign ignored (signs are checked by test_signs)."""
    return {float(re.sub(r"[\s\u00a0\u202f]", "", n).replace(",", ".")) for n in NUMBER.findall(text)}


# --- format and schema ---------------------------------------------------------------------


def test_schema_describes_every_file_in_the_house_style(schema):
    assert [r["name"] for r in schema] == OWN + VOCABULARY + OPEN
    house = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    taken = {r["name"] for r in house["resources"] if not r["path"].startswith("geographie/")}
    assert not taken & {r["name"] for r in schema}, "nom de ressource déjà pris dans datapackage.json"
    described = {r["path"] for r in schema}
    on_disk = {str(p.relative_to(DATA)) for p in GEO.rglob("*.csv")}
    assert described == on_disk
    for res in schema:
        assert_house_style(res)
        names = [f["name"] for f in res["schema"]["fields"]]
        if "ligne_source" in names:
            assert names[-1] == "ligne_source", res["name"]


def test_own_files_are_utf8_comma_lf_with_the_schema_header(schema):
    for res in schema:
        if res["name"] in OPEN:
            continue
        text = csv_text(DATA / res["path"])
        assert text.split("\n", 1)[0] == ",".join(f["name"] for f in res["schema"]["fields"]), res["path"]


def test_open_data_is_copied_unchanged_with_its_provenance():
    sources = (OPENDATA / "SOURCES.md").read_text(encoding="utf-8")
    recorded = dict(re.findall(r"\| (\S+) \| ([0-9a-f]{64}) \|", sources))
    assert sorted(recorded) == sorted(OPEN_FILES)
    for name in OPEN_FILES:
        assert hashlib.sha256((OPENDATA / name).read_bytes()).hexdigest() == recorded[name], name
        assert name in sources.split("## Sommes")[0], f"{name} sans provenance"
    for name in ("colleges-cab-ips.geojson", "communes-cab-22.geojson"):
        geo = json.loads((OPENDATA / name).read_text(encoding="utf-8"))
        assert geo["type"] == "FeatureCollection"
    assert (
        len(json.loads((OPENDATA / "communes-cab-22.geojson").read_text(encoding="utf-8"))["features"]) == 22
    )
    assert (
        len(json.loads((OPENDATA / "colleges-cab-ips.geojson").read_text(encoding="utf-8"))["features"]) == 12
    )


def _package(schema, basepath: Path) -> frictionless.Package:
    """The part's resources, with the table of sources their rows refer to."""
    resources = schema + [datapackage.resource("sources", DATA.parent)]
    return frictionless.Package({"name": "geographie", "resources": resources}, basepath=str(basepath))


def test_files_are_valid_against_their_table_schema(schema):
    report = _package(schema, DATA).validate()
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])


def _copy(schema, target: Path) -> Path:
    for res in schema + [datapackage.resource("sources", DATA.parent)]:
        path = target / res["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DATA / res["path"], path)
    return target


def test_validation_catches_a_bad_code_and_a_broken_key(schema, tmp_path):
    """The validation really checks codes, enums and keys between files."""
    root = _copy(schema, tmp_path)
    path = root / "geographie" / "sous_quartiers.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("beaurepaire,QN06251M", "beaurepaire,QN06215M"),
        encoding="utf-8",
    )
    path = root / "geographie" / "indicateurs.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            ",les_residences,population,part_moins_25_ans,", ",les_residence,population,part_moins_25_ans,"
        ),
        encoding="utf-8",
    )
    report = _package(schema, root).validate()
    assert sorted(e[0] for e in report.flatten(["type"])) == [
        "constraint-error",
        "constraint-error",
        "foreign-key",
    ]


# --- T-GEO-01 and its codes ----------------------------------------------------------------


def test_qpv_table_t_geo_01():
    qpv = read("qpv")
    assert list(qpv["code_qpv"]) == ["QN06249M", "QN06250M", "QN06251M", "QN06252M"]  # order of the table
    got = {
        r["code_qpv"]: (
            r["libelle"],
            r["libelle_officiel"],
            r["communes"],
            int(r["population"]),
            int(r["ligne_source"]),
        )
        for r in qpv.to_dict("records")
    }
    assert got == {
        "QN06249M": ("Damrémont", "Damrémont", "Boulogne-sur-Mer", 1737, 423),
        "QN06250M": ("Centre Ville", "Centre Ville", "Boulogne-sur-Mer", 2776, 424),
        "QN06251M": (
            "Chemin Vert - Beaurepaire et Marlborough",
            "Chemin Vert - Beaurepaire - Malborough",
            "Boulogne-sur-Mer et Saint-Martin-Boulogne",
            7543,
            425,
        ),
        "QN06252M": (
            "Des résidences Sud du Boulonnais",
            "Des résidences Sud du Boulonnais",
            "Boulogne-sur-Mer, Outreau et Le Portel",
            6323,
            426,
        ),
    }


def test_qpv_2015_correspondence():
    got = {
        (r["code_qpv"], r["code_qpv_2015"], r["libelle_2015"]) for r in read("qpv_2015").to_dict("records")
    }
    assert got == {
        ("QN06249M", "QP062049", "Damrémont"),
        ("QN06250M", "QP062050", "Centre Ville"),
        ("QN06251M", "QP062051", "Chemin Vert - Beaurepaire - Malborough"),
        ("QN06252M", "QP062053", "Quartier Tour Du Renard"),
    }
    assert all("ANCT" in s for s in read("qpv_2015")["source"])


def _communes(cell: str) -> set[str]:
    return set(re.split(r", | et ", cell))


def test_printed_values_are_kept_and_recomputed_from_the_data():
    printed = {
        (r["tableau"], r["indicateur"], r["territoire"], int(r["ligne_source"])): (
            float(r["valeur"]),
            r["valeur_texte"],
        )
        for r in read("valeurs_imprimees").to_dict("records")
    }
    assert printed == {
        ("T-GEO-01", "population_qpv", "cab", 427): (18379, None),  # « 18 379 habitants »
        ("T-GEO-01", "nombre_qpv", "cab", 427): (4, None),  # « 4 quartiers prioritaires »
        ("T-GEO-01", "nombre_communes_qpv", "cab", 427): (4, None),  # « 4 communes priori- taires »
        ("FL-GEO-02", "nombre_communes_qpv", "cab", 418): (4, "Quatre"),
        ("FL-GEO-02", "nombre_qpv", "cab", 418): (4, "quatre"),
        ("FL-GEO-02", "nombre_autres_communes_plus_10000_habitants", "cab", 416): (2, "deux"),
        ("FL-GEO-03", "nombre_projets_renovation_urbaine", "cab", 439): (2, "Deux"),
        ("FL-GEO-03", "nombre_quartiers_dysfonctionnements_urbains", "cab", 442): (2, "deux"),
        ("SL-GEO-02", "nombre_sous_quartiers", "QN06251M", 469): (3, "trois"),
        ("FL-GEO-06", "nombre_voies_liaison_centre_ville", "chemin_vert", 477): (2, "deux"),
        ("FL-GEO-06", "nombre_secteurs_npnru", "chemin_vert", 481): (2, "deux"),
        ("FL-GEO-14", "nombre_logements_zac", "partie_outreau", 719): (
            640,
            None,
        ),  # « 640 logements au total »
    }
    qpv, listes, sous = read("qpv"), read("listes"), read("sous_quartiers")
    communes = set().union(*(_communes(c) for c in qpv["communes"]))
    assert sum(int(p) for p in qpv["population"]) == 18379
    assert len(qpv) == 4 and len(communes) == 4
    assert communes == set(listes[listes["liste"] == "communes_tissu_urbain_central"]["libelle"])  # l. 420

    def count(territoire, liste):
        return int(((listes["territoire"] == territoire) & (listes["liste"] == liste)).sum())

    assert count("cab", "autres_communes_plus_10000_habitants") == 2
    assert count("cab", "projets_renovation_urbaine") == 2
    assert count("cab", "quartiers_dysfonctionnements_urbains") == 2
    assert count("chemin_vert", "voies_liaison_centre_ville") == 2
    assert count("chemin_vert", "secteurs_npnru") == 2
    assert (sous["code_qpv"] == "QN06251M").sum() == 3
    zac = listes[(listes["territoire"] == "partie_outreau") & (listes["libelle"] == "les 3 ZAC")]
    assert sorted(int(n) for n in zac["nombre"]) == [33, 607] and 607 + 33 == 640


# --- sub-quartiers -------------------------------------------------------------------------


def test_sous_quartiers_sl_geo_02_and_03():
    got = [
        (r["code"], r["code_qpv"], r["libelle"], r["commune"], int(r["ligne_source"]))
        for r in read("sous_quartiers").to_dict("records")
    ]
    assert got == [
        ("chemin_vert", "QN06251M", "Chemin Vert", "Boulogne-sur-Mer", 471),
        ("beaurepaire", "QN06251M", "Beaurepaire", "Boulogne-sur-Mer", 472),
        ("marlborough", "QN06251M", "Marlborough", "Saint-Martin-Boulogne", 473),
        ("les_residences", "QN06252M", "Le quartier des Résidences", "Le Portel", 608),
        (
            "henriville_montplaisir",
            "QN06252M",
            "Le quartier Henriville Montplaisir",
            "Le Portel et Boulogne-sur-Mer",
            609,
        ),
        ("partie_outreau", "QN06252M", "Une partie de la ville d'Outreau", "Outreau", 610),
    ]


# --- indicators ----------------------------------------------------------------------------


def _indicators() -> pd.DataFrame:
    return read("indicateurs")


def _value(frame, territoire, indicateur, ligne, annee=None, reference=None) -> pd.Series:
    rows = frame[
        (frame["territoire"] == territoire)
        & (frame["indicateur"] == indicateur)
        & (frame["ligne_source"] == str(ligne))
    ]
    if annee is not None:
        rows = rows[rows["annee"] == str(annee)]
    if reference is not None:
        rows = rows[rows["reference_territoire"] == reference]
    assert len(rows) == 1, f"{territoire} {indicateur} l. {ligne} : {len(rows)} lignes"
    return rows.iloc[0]


def test_fl_geo_02_agglomeration():
    ind = _indicators()
    assert float(_value(ind, "cab", "nombre_communes", 416)["valeur"]) == 22
    assert float(_value(ind, "cab", "population", 416)["valeur"]) == 112077
    assert float(_value(ind, "cab", "part_population_regionale", 416)["valeur"]) == 1.87
    assert float(_value(ind, "boulogne_sur_mer", "population", 416)["valeur"]) == 41310
    assert float(_value(ind, "cab", "seuil_population_communes", 416)["valeur"]) == 10000
    assert float(_value(ind, "le_portel", "annee_passage_sous_10000_habitants", 416)["valeur"]) == 2009


def test_fl_geo_04_employment_every_fact():
    """l. 450: unemployment at four scales in Q4 2023, and job seekers of the zone d'emploi."""
    ind = _indicators()
    facts = ind[ind["ligne_source"] == "450"]
    got = {
        (r["territoire"], r["indicateur"]): (float(r["valeur"]), r["unite"], r["annee"])
        for r in facts.to_dict("records")
    }
    assert got == {
        ("zone_emploi", "taux_chomage"): (8.2, "%", "2023"),
        ("departement", "taux_chomage"): (8.7, "%", "2023"),
        ("region", "taux_chomage"): (9.2, "%", "2023"),
        ("france_metropolitaine", "taux_chomage"): (7.4, "%", "2023"),
        ("zone_emploi", "demandeurs_emploi_abc"): (12730, "personnes", "2023"),
        ("zone_emploi", "evolution_demandeurs_emploi_abc_pct"): (-2.7, "%", "2023"),
        ("zone_emploi", "demandeurs_emploi_abc_moins_25_ans"): (2160, "personnes", "2023"),
        ("zone_emploi", "evolution_demandeurs_emploi_abc_moins_25_ans_pct"): (2.9, "%", "2023"),
        ("zone_emploi", "demandeurs_emploi_abc_50_ans_plus"): (3280, "personnes", "2023"),
        ("zone_emploi", "evolution_demandeurs_emploi_abc_50_ans_plus_pct"): (-3.2, "%", "2023"),
        ("zone_emploi", "part_demandeurs_emploi_longue_duree"): (50, "%", "2023"),  # « près de la moitié »
    }
    assert set(facts["periode"]) == {"4° trimestre 2023", "sur 12 mois", "évolution sur un an"}


def test_fl_geo_05_positioning_of_the_qpv():
    ind = _indicators()
    assert float(_value(ind, "qpv_cab", "part_moins_15_ans", 457)["valeur"]) == 23.5
    assert float(_value(ind, "qpv_cab", "ecart_part_moins_15_ans", 457)["valeur"]) == -1.2
    assert float(_value(ind, "qpv_cab", "taux_reussite_brevet", 458)["valeur"]) == 91
    assert float(_value(ind, "qpv_cab", "taux_pauvrete", 459)["valeur"]) == 46.2
    housing = _value(ind, "qpv_cab", "part_logements_aides", 461)
    assert (float(housing["valeur"]), float(housing["reference_valeur"])) == (88, 80)


# (territoire, indicateur, ligne, annee, reference_territoire, valeur, reference_valeur)
SAMPLE = [
    # 1. Chemin Vert - Beaurepaire - Marlborough
    ("chemin_vert", "superficie", 475, None, None, 45, None),
    ("chemin_vert", "annee_debut_renovation_urbaine", 481, None, None, 2004, None),
    ("QN06251M", "population", 531, None, None, 7543, None),
    ("QN06251M", "part_moins_25_ans", 533, 2018, None, 41, None),
    ("QN06251M", "evolution_part_moins_25_ans", 533, 2018, None, -4, None),
    ("QN06251M", "part_60_ans_plus", 537, None, None, 18, None),
    ("QN06251M", "evolution_part_60_ans_plus", 537, 2018, None, 4.6, None),
    ("QN06251M", "part_menages_2_personnes", 541, None, None, 27, None),
    ("QN06251M", "part_menages_4_5_personnes", 541, None, None, 18.5, None),
    ("QN06251M", "part_population_couverte_caf", 550, 2018, None, 71, None),
    ("QN06251M", "taux_pauvrete", 551, 2019, None, 48, None),
    ("QN06251M", "ecart_relatif_revenu_median", 552, None, "commune", -23, None),
    ("QN06251M", "ips_college_secteur", 563, None, "departement", 62.8, 93.78),
    ("QN06251M", "nombre_ecoliers", 569, 2020, None, 955, None),
    ("QN06251M", "evolution_nombre_ecoliers_pct", 569, 2020, None, -28, None),
    ("QN06251M", "nombre_collegiens", 570, 2020, None, 452, None),
    ("QN06251M", "nombre_collegiens_rep", 570, 2020, None, 112, None),
    ("QN06251M", "nombre_collegiens_rep_plus", 570, 2020, None, 180, None),
    ("QN06251M", "nombre_collegiens_prive", 570, 2020, None, 71, None),
    ("QN06251M", "taux_retard_entree_6e", 571, 2020, None, 12.4, None),
    ("QN06251M", "nombre_lyceens_general_technologique", 573, None, None, 115, None),
    ("QN06251M", "nombre_lyceens_professionnel", 575, None, None, 165, None),
    ("QN06251M", "part_16_25_ans_non_scolarises_sans_emploi", 577, 2018, None, 46, None),
    ("QN06251M", "part_sans_diplome", 578, None, "qpv_cab", 56, 51),
    ("QN06251M", "part_locataires", 584, None, None, 91, None),
    ("QN06251M", "taux_vacance_parc_social", 586, None, None, 12.4, None),
    ("QN06251M", "nombre_moyen_personnes_logement", 588, None, "commune", 2.5, 2),
    ("cab", "nombre_moyen_personnes_logement", 588, None, None, 2.2, None),
    ("QN06251M", "part_logements_3_4_pieces_suroccupes", 591, None, None, 13, None),
    ("QN06251M", "nombre_etablissements", 595, None, None, 152, None),
    ("QN06251M", "part_etablissements_sans_salaries", 596, None, None, 83.5, None),
    ("QN06251M", "part_etablissements_moins_50_salaries", 596, None, None, 16, None),
    ("QN06251M", "taux_creation_transfert_etablissements", 598, None, None, 34, None),
    # 2. Résidences Sud du Boulonnais
    ("les_residences", "annee_debut_renovation_urbaine", 620, None, None, 2015, None),
    ("les_residences", "annee_fin_renovation_urbaine", 620, None, None, 2019, None),
    ("les_residences", "part_moins_25_ans", 630, 2018, None, 39, None),
    ("les_residences", "part_moins_25_ans", 630, 2010, None, 45, None),
    ("les_residences", "part_60_ans_plus", 630, 2018, None, 20, None),
    ("les_residences", "part_menages_une_personne", 631, 2018, None, 42, None),
    ("les_residences", "evolution_part_menages_une_personne", 631, 2018, None, 14, None),
    ("les_residences", "part_couples_allocataires_caf_avec_enfants", 633, 2020, None, 21, None),
    ("les_residences", "part_familles_monoparentales", 633, None, None, 22, None),
    ("les_residences", "revenu_median_disponible", 637, 2019, None, 13820, None),
    ("les_residences", "ecart_revenu_median", 637, 2019, "commune", -3700, None),
    ("les_residences", "ecart_revenu_median", 637, 2019, "cab", -5200, None),
    ("les_residences", "part_locataires_aides", 642, None, None, 98, None),
    ("les_residences", "part_appartements", 642, None, None, 82, None),
    ("les_residences", "part_logements_4_pieces", 643, None, None, 32, None),
    ("les_residences", "part_logements_5_pieces", 643, None, None, 29, None),
    ("les_residences", "nombre_moyen_personnes_logement", 644, None, None, 2.3, None),
    ("les_residences", "nombre_collegiens", 649, 2020, None, 130, None),
    ("les_residences", "nombre_collegiens_rep", 649, 2020, None, 115, None),
    ("les_residences", "nombre_lyceens_general_technologique", 650, 2020, None, 25, None),
    ("les_residences", "nombre_lyceens_professionnel", 651, None, None, 46, None),
    ("les_residences", "part_16_25_ans_non_scolarises_sans_emploi", 652, 2018, None, 43.7, None),
    ("les_residences", "taux_reussite_brevet", 653, 2021, None, 80, None),
    ("les_residences", "taux_reussite_brevet", 653, 2015, None, 77, None),
    ("henriville_montplaisir", "annee_construction_residences", 657, None, None, 1958, None),
    ("henriville_montplaisir", "evolution_part_moins_25_ans", 675, None, None, 5, None),
    ("henriville_montplaisir", "part_60_ans_plus", 679, None, None, 21.5, None),
    ("henriville_montplaisir", "part_menages_une_personne", 681, 2018, None, 43, None),
    ("henriville_montplaisir", "part_menages_une_personne", 681, 2010, None, 39.7, None),
    ("henriville_montplaisir", "part_menages_3_personnes", 681, None, None, 13.4, None),
    ("henriville_montplaisir", "revenu_median_disponible", 687, 2019, None, 15410, None),
    ("henriville_montplaisir", "ecart_revenu_median", 687, 2019, "boulogne_sur_mer", -1500, None),
    ("henriville_montplaisir", "taux_pauvrete", 688, 2019, "qpv_cab", 37.7, None),
    ("henriville_montplaisir", "evolution_taux_pauvrete", 688, 2019, None, -0.6, None),
    ("henriville_montplaisir", "nombre_collegiens", 692, 2020, None, 90, None),
    ("henriville_montplaisir", "evolution_nombre_collegiens", 692, 2020, None, 33, None),
    ("henriville_montplaisir", "nombre_collegiens_rep", 692, 2020, None, 46, None),
    ("henriville_montplaisir", "nombre_collegiens_prive", 692, 2020, None, 15, None),
    ("henriville_montplaisir", "ips_ecole_secteur", 693, None, "boulogne_sur_mer", 78.4, 89.05),
    ("henriville_montplaisir", "part_16_25_ans_non_scolarises_sans_emploi", 696, 2018, None, 37.3, None),
    ("henriville_montplaisir", "part_appartements", 700, None, None, 57, None),
    ("henriville_montplaisir", "part_maisons", 700, None, None, 43, None),
    ("henriville_montplaisir", "part_locataires", 701, None, None, 72.5, None),
    ("henriville_montplaisir", "taux_vacance_parc_social", 702, None, "commune", 3, 8),
    ("henriville_montplaisir", "taux_rotation_parc_social", 702, None, None, 9, None),
    ("partie_outreau", "population_ancien_perimetre", 708, None, None, 4400, None),
    ("partie_outreau", "population", 708, None, None, 6300, None),
    # 3. Damrémont
    ("QN06249M", "nombre_etablissements", 739, 2019, None, 45, None),
    ("QN06249M", "nombre_etablissements", 739, 2015, None, 41, None),
    ("QN06249M", "nombre_commerces_detail", 740, 2019, None, 11, None),
    ("QN06249M", "nombre_commerces_detail", 740, 2015, None, 13, None),
    ("QN06249M", "nombre_etablissements_services_particuliers", 741, None, None, 14, None),
    ("QN06249M", "part_moins_25_ans", 750, None, None, 36, None),
    ("QN06249M", "evolution_part_60_ans_plus", 750, None, "qpv_cab", 0.6, None),
    ("QN06249M", "part_menages_une_personne", 751, None, "qpv_cab", 40.6, None),
    ("QN06249M", "part_menages_3_personnes", 751, None, None, 13.2, None),
    ("QN06249M", "population_couverte_caf", 752, None, None, 1100, None),
    ("QN06249M", "part_population_couverte_caf", 752, None, None, 64, None),
    ("QN06249M", "revenu_median_disponible", 757, 2019, None, 14690, None),
    ("QN06249M", "ecart_revenu_median", 757, 2019, "boulogne_sur_mer", -2000, None),
    ("QN06249M", "ecart_revenu_median", 757, 2019, "cab", -4300, None),
    ("QN06249M", "taux_pauvrete", 758, 2019, None, 41.5, None),
    ("QN06249M", "nombre_ecoliers_maternelle", 766, 2020, None, 58, None),
    ("QN06249M", "nombre_ecoliers_maternelle", 766, 2015, None, 72, None),
    ("QN06249M", "nombre_collegiens", 767, 2020, None, 61, None),
    ("QN06249M", "evolution_nombre_collegiens", 767, 2020, None, -30, None),
    ("QN06249M", "nombre_lyceens_general_technologique", 768, 2020, None, 29, None),
    ("QN06249M", "nombre_lyceens_professionnel", 769, None, None, 29, None),
    ("QN06249M", "ips_ecole_secteur", 770, None, "boulogne_sur_mer", 78.4, 89.05),
    ("QN06249M", "nombre_logements_aides", 775, 2018, None, 751, None),
    ("QN06249M", "part_logements_aides", 775, 2018, None, 87, None),
    ("commune", "taux_vacance_parc_social", 776, None, None, 8.3, None),
    ("QN06249M", "part_anciennete_logement_5_ans_plus", 778, None, "commune", 63, 56),
    ("QN06249M", "part_anciennete_logement_moins_2_ans", 779, None, None, 14, None),
    ("QN06249M", "part_anciennete_logement_2_4_ans", 779, None, None, 23, None),
]


@pytest.mark.parametrize(
    "territoire,indicateur,ligne,annee,reference,valeur,reference_valeur",
    SAMPLE,
    ids=[f"l{s[2]}-{s[0]}-{s[1]}-{s[3]}-{s[4]}" for s in SAMPLE],
)
def test_indicator_values_of_the_four_qpv(
    territoire, indicateur, ligne, annee, reference, valeur, reference_valeur
):
    row = _value(_indicators(), territoire, indicateur, ligne, annee, reference)
    assert float(row["valeur"]) == valeur
    assert (None if row["reference_valeur"] is None else float(row["reference_valeur"])) == reference_valeur


def test_the_sample_covers_the_four_qpv():
    sous = dict(read("sous_quartiers")[["code", "code_qpv"]].values)
    covered = {sous.get(s[0], s[0]) for s in SAMPLE}
    assert {"QN06249M", "QN06251M", "QN06252M"} <= covered and len(SAMPLE) >= 40
    # Centre-ville (QN06250M): its portrait (l. 788-812, SL-GEO-05) has no number; its one
    # numeric fact is its entry year (l. 431); the rest is lists.
    ind = _indicators()
    assert list(ind[ind["territoire"] == "QN06250M"]["valeur"]) == ["2015"]
    assert (read("listes")["territoire"] == "QN06250M").sum() >= 20


def test_every_indicator_has_one_theme_and_one_unit():
    ind = _indicators()
    for name, rows in ind.groupby("indicateur"):
        assert rows["theme"].nunique() == 1 and rows["unite"].nunique() == 1, name


def test_signs_of_changes_and_gaps_follow_the_text(lines):
    """A printed sign is kept (« -2,7 % », « (+33) ») ; a « recul », a « baisse », an amount
    « en moins » is negative ; a « progression », an « augmentation » is positive."""
    negative = ("recul", "baisse", "en moins", "€ de moins", "de moins par", "inférieur")
    positive = ("progression", "augmentation", "croissance", "point de plus")
    checked = 0
    for row in _indicators().to_dict("records"):
        if not row["indicateur"].startswith(("evolution_", "ecart_")):
            continue
        value, line = float(row["valeur"]), lines[int(row["ligne_source"]) - 1]
        signed = {
            float(re.sub(r"\s", "", n).replace(",", ".")): sign
            for sign, n in re.findall(r"([-+])\s?(\d[\d ]*(?:,\d+)?)", line)
        }
        words = (row["libelle"] + " " + (row["valeur_texte"] or "")).lower()
        if abs(value) in signed:
            assert (value < 0) == (signed[abs(value)] == "-"), row
        elif (
            any(w in words for w in negative)
            or words.strip().startswith("moins")
            or " moins " in f" {row['valeur_texte']} "
        ):
            assert value < 0, row
        elif any(w in words for w in positive):
            assert value > 0, row
        else:
            raise AssertionError(f"signe non vérifié : {row}")
        checked += 1
    assert checked == len(_indicators()[_indicators()["indicateur"].str.match("evolution_|ecart_")])


# --- traceability ----------------------------------------------------------------------------

WORDS = {
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "la moitié": 50,
    "le milieu des années 1980": 1980,
    "moins d'un kilomètre": 1,
    "un point de plus": 1,
}


def _written_value(text: str) -> float | None:
    """The number that the contract's words give (« trois », « 1/3 », « près de 40 % »)."""
    fraction = re.search(r"(\d)/(\d)", text)
    if fraction:
        return round(100 * int(fraction[1]) / int(fraction[2]), 1)
    found = _numbers(text)
    if found:
        return found.pop()
    for words, value in WORDS.items():
        if words in text.lower():
            return value
    return None


def test_every_value_and_label_stands_on_its_source_line(schema, lines):
    checked = 0
    for res in schema:
        # ips_noms_ecoles: the ministry's spelling of school names, not the contract's text.
        if res["name"] in OPEN + VOCABULARY or res["name"] in ("qpv_2015", "ips_noms_ecoles"):
            continue
        frame = read(Path(res["path"]).stem)
        for index, row in enumerate(frame.to_dict("records")):
            line = lines[int(row["ligne_source"]) - 1]
            where = f"{res['path']} ligne {index + 2} (source l. {row['ligne_source']})"
            for field in res["schema"]["fields"]:
                name, value = field["name"], row[field["name"]]
                if value is None or name in ("ligne_source", "derniere_ligne", "ordre"):
                    continue
                if name in ("libelle", "titre", "valeur_texte", "nombre_texte", "periode"):
                    assert squash(value) in squash(line), f"{where} : {name}={value!r}"
                    checked += 1
                elif field["type"] in ("integer", "number"):
                    words = row.get(f"{name}_texte")
                    if words:  # written in words, as a fraction or approximately
                        assert _written_value(words) == abs(float(value)), (
                            f"{where} : {name}={value} / {words!r}"
                        )
                    else:
                        assert abs(float(value)) in _numbers(line), f"{where} : {name}={value}"
                    checked += 1
    assert checked > 600


# Numbers of lines 414-812 that are not facts: section numbers, names (A16, Nationale 1,
# ZAC 1 et 2, T4/T5, « Quartiers 2030 »), bands inside a measure's name (« moins de 25 ans »,
# « ménages de 4-5 personnes », « 3 ou 4 pièces »), years of a comparison without a value
# (« stable depuis 2013 », quoted in the row's remarque), and the truncated « 201 » (l. 577).
NOT_FACTS = {
    420: {2030},
    450: {25},
    457: {15},
    465: {1},
    477: {16},
    521: {4, 5},
    527: {16},
    533: {25},
    537: {60},
    541: {2, 4, 5},
    543: {12, 25},
    571: {6},
    577: {16, 25, 201},
    591: {3, 4},
    596: {50},
    602: {2},
    630: {25},
    643: {4, 5},
    645: {5},
    649: {2015},
    652: {16, 25},
    663: {1},
    675: {25},
    679: {60},
    681: {2, 3, 4, 5},
    696: {16, 25},
    719: {1, 2},
    727: {3},
    733: {16},
    741: {2015},
    750: {25, 60},
    751: {2, 3, 4, 5},
    753: {12, 25},
    758: {2013},
    769: {2015},
    778: {5},
    779: {2, 4},
    784: {4},
    794: {16},
}


def test_every_number_of_part_ii_is_stored_somewhere(lines):
    """Each number printed on lines 414-812 is a value, a comparison value, a year, a count of
    a list item or a printed total of some file, or is listed in NOT_FACTS with its reason."""
    stored: dict[int, set[float]] = {}
    sources = {
        "indicateurs": ["valeur", "reference_valeur", "annee", "annee_base", "periode", "valeur_texte"],
        "qpv": ["population"],
        "valeurs_imprimees": ["valeur"],
        "listes": ["nombre", "libelle"],
        "ips_references": ["valeur"],
    }
    for name, columns in sources.items():
        for row in read(name).to_dict("records"):
            found = stored.setdefault(int(row["ligne_source"]), set())
            for column in columns:
                if row[column] is not None:
                    found |= {abs(v) for v in _numbers(row[column])} | (
                        {abs(float(row[column]))} if column in ("valeur", "reference_valeur") else set()
                    )
    missing = []
    for number in range(414, 813):
        for value in _numbers(lines[number - 1]):
            if value not in stored.get(number, set()) and value not in NOT_FACTS.get(number, set()):
                missing.append((number, value))
    assert missing == []
    for number, values in NOT_FACTS.items():  # the exceptions are real, not stale
        assert values <= _numbers(lines[number - 1]), number


# --- lists ---------------------------------------------------------------------------------


def _list(territoire, liste) -> list[tuple]:
    listes = read("listes")
    rows = listes[(listes["territoire"] == territoire) & (listes["liste"] == liste)].sort_values(
        "ordre", key=lambda s: s.astype(int)
    )
    return [
        (r["libelle"], None if r["nombre"] is None else int(r["nombre"]), r["unite"], int(r["ligne_source"]))
        for r in rows.to_dict("records")
    ]


def test_outreau_schools_and_housing_l_714_719():
    assert _list("partie_outreau", "etablissements_education") == [
        ("L'école maternelle Jacques Prévert (67 enfants)", 67, "enfants", 714),
        ("l'école élémentaire Jean Macé Kergomard (146 enfants)", 146, "enfants", 714),
        ("les écoles Louise Michel (Maternelle – 57 enfants)", 57, "enfants", 714),
        ("Les Tilleuls (Elémentaire – 101 enfants)", 101, "enfants", 714),
        ("la crèche Suzanne Lacore (60 enfants)", 60, "enfants", 714),
    ]
    assert _list("partie_outreau", "logements") == [
        ("la résidence Ramsès", 162, "logements collectifs", 719),
        ("la résidence Ramsès", 26, "logements individuels", 719),
        ("les résidences Beethoven, Fauré, Verdi", 103, "logements collectifs", 719),
        ("les 3 ZAC", 607, "logements collectifs", 719),
        ("les 3 ZAC", 33, "logements individuels", 719),
        ("rue Hénon et Gabin", 17, "logements individuels", 719),
        ("la résidence Salengro", 96, "logements collectifs", 719),
    ]


def test_differences_with_the_previous_contract_sl_geo_01():
    listes = read("listes")
    rows = listes[listes["liste"] == "differences_contrat_precedent"].sort_values("ordre")
    assert [(r["territoire"], int(r["ligne_source"])) for r in rows.to_dict("records")] == [
        ("QN06250M", 431),
        ("QN06252M", 433),
    ]
    assert [r[0] for r in _list("QN06252M", "quartiers_fusionnes")] == [
        "Henriville - Montplaisir (Le Portel – Boulogne-sur-Mer)",
        "Résidences (Le Portel)",
        "Tour du Renard (Outreau)",
    ]


def test_equipment_counts_of_chemin_vert_and_beaurepaire():
    assert _list("chemin_vert", "equipements_sportifs") == [
        ("terrain de l'Octroi", None, None, 499),
        ("2 terrains multisports en accès libre", 2, "terrains", 499),
        ("deux aires des streetworkout", 2, "aires", 499),
        ("2 salles des sports", 2, "salles", 499),
    ]
    assert _list("beaurepaire", "commerces_services")[-1] == ("deux boulangeries", 2, "boulangeries", 507)
    assert [r[0] for r in _list("QN06249M", "equipements")][:5] == [
        "Un centre socio-culturel",
        "un établissement d'accueil du jeune enfant",
        "un relais d'assistante maternelle",
        "une bibludothèque",
        "un établissement de formation pour adultes",
    ]  # « bibludothèque » : coquille du contrat


# --- what the published text lost ----------------------------------------------------------

# The inventory's lost figures with no open data to redraw them, the blank space after the
# paragraph on employment and the empty part of Damrémont: (territory, first line, last line).
GAPS = {
    "P-GEO-01": ("cab", 451, 454),  # blank lines (one a page break) after l. 450
    "F-GEO-01": ("QN06251M", 465, 468),  # « 1. LE QUARTIER CHEMIN VERT … » then blank lines
    "F-GEO-04": ("QN06252M", 602, 605),  # « 2. LE QUARTIER DES RÉSIDENCES SUD … »
    "F-GEO-05": ("QN06249M", 727, 730),  # « 3. LE QUARTIER DAMRÉMONT »
    "SL-GEO-04": ("QN06249M", 760, 760),  # « UN TAUX D'EMPLOI ÉLEVÉ … » and nothing under it
    "F-GEO-06": ("QN06250M", 784, 787),  # « 4. LE QUARTIER CENTRE-VILLE … »
}


def test_gaps_of_the_text_are_data_at_their_lines(lines):
    gaps = read("lacunes")
    got = sorted(
        (r["territoire"], int(r["ligne_source"]), int(r["derniere_ligne"])) for r in gaps.to_dict("records")
    )
    assert got == sorted(GAPS.values())
    for r in gaps.to_dict("records"):
        first, last = int(r["ligne_source"]), int(r["derniere_ligne"])
        if r["nature"] == "espace_vide":
            assert r["titre"] is None and all(not lines[n - 1].strip() for n in range(first, last + 1)), r[
                "code"
            ]
        else:
            assert r["titre"] and squash(r["titre"]) == squash(lines[first - 1].lstrip("#")), r["code"]
            assert all(not lines[n - 1].strip() for n in range(first + 1, last + 1)), r["code"]
        if r["nature"] == "partie_vide":  # the next line with text is another heading
            following = next(line for line in lines[last:] if line.strip())
            assert following.startswith("#"), r["code"]
        if r["nature"] == "figure_perdue":  # the blank lines end where the portrait begins
            assert lines[last].strip(), r["code"]


# --- IPS -----------------------------------------------------------------------------------


def test_ips_references_and_the_open_data_agree():
    refs = {
        (r["code"], int(r["ligne_source"])): (float(r["valeur"]), r["uai"])
        for r in read("ips_references").to_dict("records")
    }
    assert refs == {
        ("college_langevin", 563): (62.8, "0620055Y"),
        ("moyenne_departementale", 563): (93.78, None),
        ("groupe_scolaire_duchenne", 693): (78.4, "0621185B"),
        ("moyenne_etablissements_boulonnais", 693): (89.05, None),
        ("groupe_scolaire_duchenne", 770): (78.4, "0621185B"),
        ("moyenne_etablissements_boulonnais", 770): (89.05, None),
    }
    colleges = pd.read_csv(
        OPENDATA / "ips-colleges-cab-2022-2024.csv", sep=";", dtype={"uai": str, "code_commune": str}
    )
    assert colleges.set_index("uai").loc["0620055Y", "ips_2022_2023"] == 62.8
    ecoles = pd.read_csv(
        OPENDATA / "ips-ecoles-cab-2022-2025.csv",
        sep=";",
        na_values=["NS"],
        dtype={"uai": str, "code_insee_de_la_commune": str},
    )
    rentree = ecoles[ecoles["rentree_scolaire"] == "2023-2024"]
    assert rentree.set_index("uai").loc["0621185B", "ips"] == 78.4
    boulogne = rentree[rentree["code_insee_de_la_commune"] == "62160"]["ips"]
    assert len(boulogne) == 13 and round(boulogne.mean(), 2) == 89.05
    assert 93.78 not in set(ecoles["ips_departemental"]) | set(ecoles["ips_departemental_public"])


# --- contradictions and garbled numbers are kept, and said ----------------------------------


def test_contradictions_of_the_text_are_kept_with_both_values():
    ind, qpv = _indicators(), read("qpv").set_index("code_qpv")
    outreau = _value(ind, "partie_outreau", "population", 708)
    # l. 708: the Outreau part alone « passe de 4 400 à 6 300 habitants » ; l. 426: the whole QPV 6 323.
    assert float(outreau["valeur"]) == 6300 and int(qpv.loc["QN06252M", "population"]) == 6323
    assert "6 323" in outreau["remarque"] and "l. 426" in outreau["remarque"]
    # l. 752: 1 100 persons « soit 64 % » of Damrémont, whose population is 1 737 (l. 423): 63.3 %.
    caf = _value(ind, "QN06249M", "part_population_couverte_caf", 752)
    assert round(100 * 1100 / int(qpv.loc["QN06249M", "population"]), 1) == 63.3 != float(caf["valeur"])
    assert "63,3 %" in caf["remarque"]
    # l. 531 repeats the table's 7 543 for Chemin Vert - Beaurepaire - Marlborough: consistent.
    assert float(_value(ind, "QN06251M", "population", 531)["valeur"]) == int(
        qpv.loc["QN06251M", "population"]
    )


def test_garbled_numbers_are_transcribed_not_fixed(lines):
    ind = _indicators()
    recul = _value(ind, "QN06251M", "evolution_part_16_25_ans_non_scolarises_sans_emploi", 577)
    assert "par rapport à 201 (-19 points)" in lines[576]
    assert float(recul["valeur"]) == -19 and recul["annee_base"] is None and "201" in recul["remarque"]
    revenu = _value(ind, "les_residences", "revenu_median_disponible", 637)
    assert lines[636].startswith("- Prevenu médian") and "Prevenu" in revenu["remarque"]


# --- the words of the pages: unknown codes get the French message -------------------------------


def _words_copy(tmp_path: Path, rel: str, old: str, new: str) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    path = tmp_path / "data" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    datapackage._descriptor.cache_clear()
    return tmp_path


@pytest.mark.parametrize(
    "rel,old,new,column",
    [
        # A theme of the facts that no page theme gathers: its facts would be on no page.
        ("geographie/themes.csv", "menages,population\n", "", "theme"),
        # A breakdown naming a measure that has no label.
        ("geographie/decompositions.csv", ",part_maisons\n", ",part_maison\n", "indicateur"),
        # A key figure of the agglomeration on an unknown scale.
        (
            "geographie/chiffres_cles_cab.csv",
            "boulogne_sur_mer,population",
            "boulogne,population",
            "territoire",
        ),
    ],
    ids=["theme", "decomposition", "chiffre-cle"],
)
def test_an_unknown_code_in_the_words_gets_the_french_message(tmp_path, rel, old, new, column):
    root = _words_copy(tmp_path, rel, old, new)
    try:
        problems = validation.validate(root)
    finally:
        datapackage._descriptor.cache_clear()
    assert problems and {p.column for p in problems} == {column}, [str(p) for p in problems]
    assert "data/geographie/" in str(problems[0])
