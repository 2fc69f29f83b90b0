"""Part III « Les enjeux », cadre stratégique and orientations locales, as data (data/enjeux/).

Every expected value below is written from the source text (data/source/
contrat-de-ville-2024-2030.txt, lines 818-1877, and the inventory SL-ENJ-01..13,
SL-LOC-07..14), never read from our CSV files: a change in the data that the text does not
support makes a test fail.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from helpers import (
    DATA,
    assert_house_style,
    contract_lines,
    csv_text,
    edited_copy,
    part_resources,
    printed_numbers,
    read_typed,
    stands_on,
    validation_problems,
)

LINES = contract_lines()
PART_III = range(813, 1878)


def _resources() -> list[dict]:
    """This part's resources, as data/datapackage.json describes them."""
    return part_resources("enjeux")


def load(name: str) -> pd.DataFrame:
    """A resource of data/datapackage.json as a DataFrame typed after its schema."""
    return read_typed(next(r for r in _resources() if r["name"] == name))


# --- comparing with the text: numbers in figures and in words -------------------------------

_WORDS = {"deux": 2.0, "trois": 3.0, "moitié": 50.0}


def numbers(line: str) -> set[float]:
    """Numbers written on a line: « 12 809 », « 0, 658 », « 45,6 » and a few in words."""
    return printed_numbers(line, _WORDS)


# --- files and schema ----------------------------------------------------------------

EXPECTED_FILES = {
    "axes": "enjeux/axes.csv",
    "enjeux": "enjeux/enjeux.csv",
    "objectifs": "enjeux/objectifs.csv",
    "orientations": "enjeux/orientations.csv",
    "enjeux_actions": "enjeux/actions.csv",
    "partenaires": "enjeux/partenaires.csv",
    "partenaires_axes": "enjeux/partenaires_axes.csv",
    "cibles": "enjeux/cibles.csv",
    "cibles_historique": "enjeux/cibles_historique.csv",
    "enjeux_faits": "enjeux/faits.csv",
    "orientations_locales": "enjeux/orientations_locales.csv",
    "orientations_territoires": "enjeux/territoires.csv",
}


def _validate(data: Path) -> list[str]:
    return validation_problems(_resources(), data)


def test_schema_describes_every_file_in_the_house_style():
    resources = _resources()
    assert {r["name"]: r["path"] for r in resources} == EXPECTED_FILES
    for res in resources:
        assert_house_style(res)
        assert res["schema"]["fields"][-1]["name"] == "ligne_source"


def test_every_file_is_valid_against_its_schema():
    assert _validate(DATA) == []


def test_files_are_utf8_comma_separated_with_unix_line_ends():
    for path in EXPECTED_FILES.values():
        csv_text(DATA / path)


def test_a_broken_reference_is_reported(tmp_path):
    problems = _validate(edited_copy(tmp_path, "enjeux/orientations.csv", "\n3.1.a,3.1,", "\n3.1.a,3.9,"))
    assert len(problems) == 1 and "3.9" in problems[0]


# --- axes, enjeux, objectifs ------------------------------------------------------------


def test_axes_as_the_summary_of_the_strategic_framework_names_them():
    # l. 822-826
    expected = [
        (1, "Quartiers de plein emploi", "strategique", 822),
        (2, "Quartiers d'adaptation aux transitions", "strategique", 823),
        (3, "Quartiers de l'émancipation", "strategique", 824),
        (4, "Quartiers plus sûrs et plus ouverts", "strategique", 825),
        (5, "Les axes transversaux", "transversal", 826),
    ]
    axes = load("axes")
    assert [(r.numero, r.libelle, r.type, r.ligne_source) for r in axes.itertuples()] == expected
    transversal = axes[axes["type"] == "transversal"].iloc[0]
    assert transversal["precision"] == (
        "Valeurs de la République et Laïcité, Égalité Femmes/Hommes et accès aux droits"
    )


def test_short_labels_of_the_axes():
    # « Axe 1 » ... « Axe 4 » for the numbered axes (l. 822-825), the transversal part is
    # « Les axes transversaux » (l. 826), without a number
    axes = load("axes").set_index("code")
    assert axes["libelle_court"].to_dict() == {
        "plein_emploi": "Axe 1",
        "transitions": "Axe 2",
        "emancipation": "Axe 3",
        "surs_ouverts": "Axe 4",
        "transversaux": "Axes transversaux",
    }
    assert "Les axes transversaux" in LINES[826 - 1]


ENJEUX = {  # l. 842-844, 1051-1053, 1185-1188 ; axis 4 and the transversal axes have none
    1: [
        "Développer des actions ciblées en fonction des publics",
        "Encourager la création et le développement d'activité économique",
        "Coordonner les actions vers l'emploi",
    ],
    2: [
        "Les enjeux de la transition écologique au sein des quartiers prioritaires",
        "Associer les habitants à l'amélioration de leur cadre de vie",
        "Améliorer l'offre et la qualité des logements",
    ],
    3: [
        "Consolider les dispositifs de Réussite Éducative",
        "Promouvoir la parentalité",
        "Réduire les inégalités en matière de santé",
        "Améliorer l'accès et l'offre en matière de sports, de culture et de loisirs",
    ],
    4: [],
    5: [],
}

OBJECTIFS = {  # the numbered sub-sections; 5.1-5.3 are not numbered in the contract
    "1.1": "Développer des actions ciblées en fonction des publics",
    "1.2": "Encourager la création et le développement d'activité économique",
    "1.3": "Coordonner les actions vers l'emploi",
    "2.1": "Les enjeux de la transition écologique au sein des quartiers prioritaires",
    "2.2": "Associer les habitants à l'amélioration de leur cadre de vie",
    "2.3": "Tendre vers une offre de logements plus éco-responsables",
    "3.1": "Consolider les dispositifs de Réussite Éducative",
    "3.2": "Promouvoir la parentalité",
    "3.3": "Réduire les inégalités en matière de santé",
    "3.4": "Améliorer l'accès et l'offre en matière de sports, de culture et de loisirs",
    "4.1": "Prévenir la délinquance des mineurs et lutter contre la récidive",
    "4.2": "Prévenir les violences faites aux femmes, les violences intrafamiliales et aider les victimes",
    "4.3": "Améliorer la tranquillité publique et le cadre de vie",
    "5.1": "La promotion des valeurs de la République et de la laïcité",
    "5.2": "L'égalité entre les Femmes et les Hommes",
    "5.3": "L'accès à tous les droits",
}


def _numero_of_axis() -> dict[str, int]:
    return dict(zip(load("axes")["code"], load("axes")["numero"]))


def test_enjeux_of_each_axis():
    enjeux, numero = load("enjeux"), _numero_of_axis()
    for code, n in numero.items():
        rows = enjeux[enjeux["axe"] == code].sort_values("ordre")
        assert list(rows["libelle"]) == ENJEUX[n], f"axe {n}"
        assert list(rows["ordre"]) == list(range(1, len(ENJEUX[n]) + 1))


def test_each_enjeu_points_to_the_sub_section_of_the_same_rank():
    enjeux, numero = load("enjeux"), _numero_of_axis()
    for row in enjeux.itertuples():
        assert row.objectif == f"{numero[row.axe]}.{row.ordre}"


def test_enjeu_2_3_differs_from_the_title_of_sub_section_2_3_and_says_so():
    enjeux = load("enjeux").set_index("objectif")
    assert enjeux.loc["2.3", "libelle"] != OBJECTIFS["2.3"]
    assert "1139" in enjeux.loc["2.3", "remarque"]
    same_title = enjeux.drop(index="2.3")
    assert all(same_title["libelle"] == [OBJECTIFS[c] for c in same_title.index])


def test_objectifs_of_each_axis():
    objectifs, numero = load("objectifs"), _numero_of_axis()
    assert dict(zip(objectifs["code"], objectifs["libelle"])) == OBJECTIFS
    for row in objectifs.itertuples():
        assert row.code.split(".")[0] == str(numero[row.axe])
    counts = objectifs.groupby("axe").size().rename(index=numero).to_dict()
    assert counts == {1: 3, 2: 3, 3: 4, 4: 3, 5: 3}
    unnumbered = objectifs[objectifs["code"].str.startswith("5.")]
    assert unnumbered["remarque"].str.contains("ne numérote pas").all()


# --- orientations and their items --------------------------------------------------------

ORIENTATIONS = {  # the ▶ titles (and titles of the same level whose symbol was lost)
    "1.1": [
        'Mettre l\'accent sur la population "jeunes"',
        "Réduire les inégalités Femmes/Hommes en matière d'emploi",
        "Améliorer l'inscription dans les mesures d'accès à l'emploi",
        "Renforcer l'accompagnement socio professionnel",
    ],
    "1.2": [
        "Promouvoir la place des entreprises dans les quartiers prioritaires",
        "Renforcer l'activité économique dans les quartiers",
        "Encourager l'entrepreneuriat dans les quartiers",
        "Renforcer la place de l'économie sociale et solidaire dans les quartiers prioritaires",
        "Territorialiser les formations professionnelles au plus près des entreprises locales",
    ],
    "1.3": [
        "Vers une coordination des actions en faveur de l'emploi dans les quartiers",
        "Associer les partenaires de proximité",
    ],
    "2.1": [
        "Réduire la consommation d'énergie",
        "Promouvoir la mobilité douce",
        "Gérer durablement les ressources pour un meilleur cadre de vie",
        "Produire et consommer durablement",
        "Développer les activités écoresponsables et écocitoyennes dans les quartiers et pour les habitants",
        "Entreprendre durablement",
    ],
    "2.2": ["Promouvoir le pouvoir d'agir", "Faciliter le pouvoir d'agir"],
    "2.3": [
        "Lutter contre le logement indigne et réhabiliter les logements au regard des besoins "
        "et des usages et dans le respect de l'environnement",
        "Réduire l'impact énergétique des bâtiments",
        "Mobiliser la Taxe Foncière sur les propriétés bâties comme un levier supplémentaire",
    ],
    "3.1": [
        "Du décrochage scolaire au raccrochage scolaire",
        "Travailler la continuité éducative",
        "Repenser la place de l'école",
    ],
    "3.2": [
        "Favoriser la socialisation dès la petite enfance",
        "Accompagner les parents dans leur fonction éducative",
    ],
    "3.3": [
        "Tendre vers un meilleur accès aux soins",
        "Renforcer le travail en réseau",
        "Repenser l'offre de prévention",
    ],
    "3.4": [
        "Faire du sport et de la culture des éléments de socialisation et d'intégration",
        "Faciliter l'accès au sport et à la culture pour tous",
        "Co-construire une offre culturelle et sportive de proximité",
    ],
    "4.1": [
        "Développer les actions de prévention primaire et secondaire",
        "Promouvoir les outils de prévention du Maire",
        "Améliorer la lutte contre la récidive",
    ],
    "4.2": [
        "Améliorer l'information du public",
        "Améliorer le suivi et l'accompagnement des victimes et des auteurs",
    ],
    "4.3": [
        "Renforcer la sécurisation des espaces publics et collectifs (réponses techniques et présence humaine)",
        "Accentuer la prévention et renforcer la sécurité routière",
    ],
    "5.1": [OBJECTIFS["5.1"]],
    "5.2": [OBJECTIFS["5.2"]],
    "5.3": [OBJECTIFS["5.3"]],
}

# Titles whose ▶ was lost in the conversion (l. 1033, 1145, 1244, 1292, 1300, 1390, 1441, 1464).
WITHOUT_SYMBOL = {"1.3.b", "2.3.a", "3.2.b", "3.3.b", "3.3.c", "4.1.b", "4.2.b", "4.3.b"}


def test_orientations_of_each_objective():
    orientations = load("orientations")
    for objectif, titles in ORIENTATIONS.items():
        rows = orientations[orientations["objectif"] == objectif].sort_values("ordre")
        assert list(rows["libelle"]) == titles, objectif
        assert list(rows["code"]) == [f"{objectif}.{c}" for c in "abcdefgh"[: len(titles)]]
    assert len(orientations) == 43
    flagged = set(orientations.loc[orientations["remarque"].fillna("").str.contains("sans symbole"), "code"])
    assert flagged == WITHOUT_SYMBOL


# orientation: (paragraphs, bullets, sub-titles, line of the first item, line of the last item)
# Counts are the inventory's, except where a paragraph cut by a page break is one item:
# 1.3.a (l. 1019-1021: inventory 4 §), 3.1.a (l. 1200-1202: inventory 4), 4.1.b (l. 1406-1408).
ITEMS = {
    "1.1.a": (7, 0, 0, 856, 868),
    "1.1.b": (1, 0, 0, 872, 872),
    "1.1.c": (5, 0, 0, 876, 884),
    "1.1.d": (12, 6, 0, 888, 918),
    "1.2.a": (9, 17, 0, 930, 967),
    "1.2.b": (4, 0, 0, 971, 977),
    "1.2.c": (3, 8, 0, 981, 995),
    "1.2.d": (1, 0, 0, 999, 999),
    "1.2.e": (5, 0, 0, 1003, 1011),
    "1.3.a": (3, 5, 0, 1019, 1031),
    "1.3.b": (1, 0, 0, 1035, 1035),
    "2.1.a": (4, 0, 0, 1071, 1077),
    "2.1.b": (1, 0, 0, 1081, 1081),
    "2.1.c": (4, 0, 0, 1085, 1091),
    "2.1.d": (2, 0, 0, 1095, 1097),
    "2.1.e": (6, 0, 0, 1101, 1111),
    "2.1.f": (3, 0, 0, 1115, 1119),
    "2.2.a": (3, 0, 0, 1129, 1133),
    "2.2.b": (1, 0, 0, 1137, 1137),
    "2.3.a": (5, 0, 0, 1147, 1155),
    "2.3.b": (2, 0, 0, 1159, 1161),
    "2.3.c": (2, 0, 0, 1165, 1167),
    "3.1.a": (3, 0, 0, 1200, 1206),
    "3.1.b": (4, 0, 0, 1210, 1216),
    "3.1.c": (6, 0, 0, 1220, 1230),
    "3.2.a": (3, 0, 0, 1238, 1242),
    "3.2.b": (7, 0, 0, 1246, 1258),
    "3.3.a": (12, 0, 0, 1268, 1290),
    "3.3.b": (3, 0, 0, 1294, 1298),
    "3.3.c": (2, 0, 0, 1302, 1304),
    "3.4.a": (6, 0, 0, 1316, 1326),
    "3.4.b": (4, 0, 0, 1330, 1336),
    "3.4.c": (3, 0, 0, 1340, 1344),
    "4.1.a": (8, 3, 0, 1370, 1388),
    "4.1.b": (5, 3, 3, 1392, 1412),
    "4.1.c": (2, 2, 0, 1416, 1421),
    "4.2.a": (5, 0, 0, 1431, 1439),
    "4.2.b": (0, 8, 0, 1443, 1450),
    "4.3.a": (0, 5, 0, 1458, 1462),
    "4.3.b": (0, 4, 0, 1466, 1469),
    "5.1.a": (6, 0, 0, 1479, 1489),
    "5.2.a": (7, 0, 0, 1493, 1505),
    "5.3.a": (8, 8, 0, 1509, 1533),
}


def test_items_of_each_orientation():
    actions = load("enjeux_actions")
    assert set(actions["orientation"]) == set(ITEMS)
    for orientation, (paragraphs, bullets, titles, first, last) in ITEMS.items():
        rows = actions[actions["orientation"] == orientation].sort_values("ordre")
        forms = rows["forme"].value_counts().to_dict()
        got = (forms.get("paragraphe", 0), forms.get("puce", 0), forms.get("intertitre", 0))
        assert got == (paragraphs, bullets, titles), orientation
        assert list(rows["ordre"]) == list(range(1, len(rows) + 1)), orientation
        assert (rows["ligne_source"].iloc[0], rows["ligne_source"].iloc[-1]) == (first, last), orientation
        assert rows["ligne_source"].is_monotonic_increasing, orientation
    assert len(actions) == 250


def test_items_per_axis():
    actions, orientations, objectifs = load("enjeux_actions"), load("orientations"), load("objectifs")
    axis = actions["orientation"].map(dict(zip(orientations["code"], orientations["objectif"])))
    axis = axis.map(dict(zip(objectifs["code"], objectifs["axe"]))).map(_numero_of_axis())
    assert axis.value_counts().sort_index().to_dict() == {1: 87, 2: 33, 3: 53, 4: 48, 5: 29}


def test_every_non_blank_line_under_an_orientation_is_an_item():
    """Nothing between an orientation title and the next title is left out."""
    actions, orientations = load("enjeux_actions"), load("orientations")
    taken = set(actions["ligne_source"]) | {1021, 1202, 1408}  # ends of items cut by a page break
    # next titles: orientations, numbered sub-sections, partner lists, axes, end of part A
    stops = sorted(
        set(orientations["ligne_source"])
        | {
            846,
            920,
            1013,
            1037,
            1041,
            1055,
            1121,
            1139,
            1169,
            1173,
            1190,
            1232,
            1260,
            1306,
            1346,
            1350,
            1364,
            1423,
            1452,
            1471,
            1475,
            1477,
            1491,
            1507,
            1537,
        }
    )
    for start in orientations["ligne_source"]:
        end = next(s for s in stops if s > start)
        missing = [n for n in range(start + 1, end) if LINES[n - 1].strip() and n not in taken]
        assert missing == [], f"orientation l. {start} : lignes non reprises {missing}"


def test_bullets_and_sub_titles_point_to_the_item_that_introduces_them():
    actions = load("enjeux_actions")
    for orientation, rows in actions.groupby("orientation"):
        by_ordre = rows.set_index("ordre")
        for row in rows.itertuples():
            if pd.isna(row.parent):
                continue
            parent = by_ordre.loc[row.parent]
            assert row.parent < row.ordre, (orientation, row.ordre)
            assert parent["forme"] == "intertitre" or parent["libelle"].endswith(":"), (
                orientation,
                row.ordre,
            )
        # a bullet list with no introducing paragraph only in 4.2.b, 4.3.a, 4.3.b
        orphans = rows[(rows["forme"] == "puce") & rows["parent"].isna()]
        assert orphans.empty or orientation in {"4.2.b", "4.3.a", "4.3.b"}, orientation


def test_items_cut_by_a_page_break_are_whole_and_carry_their_first_line():
    actions = load("enjeux_actions").set_index("ligne_source")
    assert actions.loc[1019, "libelle"].endswith(
        "la création d'une Cité de l'Emploi porté par l'outil territorial de l'emploi et de la "
        "formation qu'est l'Association Mission Insertion Emploi du Boulonnais"
    )
    assert actions.loc[1200, "libelle"].endswith(
        "Le dispositif est bien identifié par les partenaires et produit des effets positifs avec "
        "une approche transversale et l'implication des familles. Il faudra par conséquent soutenir "
        "et pérenniser les Programmes de Réussite Éducative dont la lutte contre le décrochage "
        "scolaire, améliorer la communication entre les acteurs de l'éducation et renforcer les "
        "articulations avec l'Éducation nationale"
    )
    assert actions.loc[1406, "libelle"].endswith(
        "Le rappel à l'ordre d'un mineur intervient, sauf impossibilité, en présence de ses "
        "parents ou de ses représentants légaux"
    )
    for line in (1019, 1200, 1406):
        assert "saut de page" in actions.loc[line, "remarque"]


def test_some_items_word_for_word():
    actions = load("enjeux_actions").set_index("ligne_source")
    expected = {
        856: "Identifier et accompagner les décrocheurs le plus en amont possible",
        864: "Accompagner les jeunes en rupture vers l'école de la 2° chance et le Contrat Engagement Jeunes",
        904: "Action de communication sur l'offre mobilité",
        954: "...",
        994: "Proposer des accompagnements individuels à la création d'entrepriset",  # typo kept
        1268: "Le pacte des solidarités 2024-2027 prévoit d'amplifier la politique de lutte contre le non-recours",
        1398: "Le Conseil pour les Droits et Devoirs des Familles",
        1450: "Mobiliser pour mieux repérer les victimes invisibles",
        1533: "En adaptant des réponses simplifiées et intégrées",
    }
    for line, text in expected.items():
        assert actions.loc[line, "libelle"] == text, line
    assert "coquille" in actions.loc[994, "remarque"] and "césure" in actions.loc[1268, "remarque"]


# --- partners ------------------------------------------------------------------------

PARTNER_LISTS = {  # the four « Partenaires à mobiliser » lines, copied from the text
    1: (
        1039,
        "État, Région, CAB, communes, AMIE, France Travail, structures d'insertion par "
        "l'activité économique, centres sociaux, Boulogne Développement Côte d'Opale, "
        "bailleurs, BPI France, Chambre de Commerce et d'Industrie, Chambre des Métiers et "
        "de l'Artisanat, BGE Littoral Opale, ADIE, organismes de formation, CAF, associations.",
    ),
    2: (
        1171,
        "Habitants, associations communes, CAB, bailleurs, Département, Région, État, ADEME, "
        "Parc Naturel Régional, ANRU, Centre de Ressource Développement Durable...",
    ),
    3: (
        1348,
        "État, Région, CAB, DRAC, habitants, Éducation Nationale, services municipaux "
        "(enfance, scolarité, aide sociale...), Département (Aide sociale, Aide Sociale à "
        "l'Enfance, Protection Maternelle et Infantile...), ARS, Région, centres sociaux et "
        "autres associations, centre hospitalier, CPAM.",
    ),
    4: (
        1473,
        "Maires, CAB, CAF, associations, Département, Parquet, travailleurs sociaux, "
        "associations, forces de l'ordre, ARS, bailleurs sociaux...",
    ),
}


def _entries(text: str) -> list[str]:
    """Comma-separated entries, commas inside parentheses kept, the list's end mark removed."""
    entries = [e.strip() for e in re.split(r",\s*(?![^()]*\))", text)]
    entries[-1] = re.sub(r"(\.\.\.|\.)$", "", entries[-1])
    return entries


def test_partner_lists_are_the_lines_of_the_text():
    for line, text in PARTNER_LISTS.values():
        assert LINES[line - 1] == text


def test_partners_of_each_axis():
    links, numero = load("partenaires_axes"), _numero_of_axis()
    links["n"] = links["axe"].map(numero)
    entries = {n: _entries(text) for n, (_, text) in PARTNER_LISTS.items()}
    assert {n: len(e) for n, e in entries.items()} == {1: 18, 2: 11, 3: 13, 4: 11}
    # one row per entry and partner it names: Région twice on axis 3 and associations twice
    # on axis 4 have two rows each; « associations communes » (axis 2) and « centres sociaux
    # et autres associations » (axis 3) each name two partners.
    assert links.groupby("n").size().to_dict() == {1: 18, 2: 12, 3: 14, 4: 11}
    assert links.groupby("n")["partenaire"].nunique().to_dict() == {1: 18, 2: 12, 3: 13, 4: 10}
    for n, (line, _) in PARTNER_LISTS.items():
        rows = links[links["n"] == n]
        assert set(rows["libelle_contrat"]) == set(entries[n]), n
        assert (rows["ligne_source"] == line).all()
        for row in rows.itertuples():
            assert entries[n][row.ordre - 1] == row.libelle_contrat, (n, row.partenaire)


def test_repeated_and_merged_entries_are_noted():
    """Région is entries 2 and 10 of l. 1348; associations entries 4 and 8 of l. 1473: each
    citation is a row, the second saying it repeats the first."""
    by_rank = load("partenaires_axes").set_index(["axe", "ordre", "partenaire"])
    assert "deux fois" in by_rank.loc[("emancipation", 2, "region"), "remarque"]
    assert "Répète l'entrée 2" in by_rank.loc[("emancipation", 10, "region"), "remarque"]
    assert "deux fois" in by_rank.loc[("surs_ouverts", 4, "associations"), "remarque"]
    assert "Répète l'entrée 4" in by_rank.loc[("surs_ouverts", 8, "associations"), "remarque"]
    links = load("partenaires_axes").drop_duplicates(["axe", "partenaire"]).set_index(["axe", "partenaire"])
    for key in [("transitions", "associations"), ("transitions", "communes")]:
        assert links.loc[key, "libelle_contrat"] == "associations communes"
        assert "virgule" in links.loc[key, "remarque"]
    for key in [("emancipation", "centres_sociaux"), ("emancipation", "associations")]:
        assert links.loc[key, "libelle_contrat"] == "centres sociaux et autres associations"


def test_partners_are_distinct_organisations():
    partners, links = load("partenaires"), load("partenaires_axes")
    assert len(partners) == 34 and set(links["partenaire"]) == set(partners["code"])
    named = dict(zip(partners["code"], partners["libelle"]))
    assert named["amie"] == "Association Mission Insertion Emploi du Boulonnais"
    assert named["cab"] == "Communauté d'agglomération du Boulonnais"
    # only these two are in all four lists (bailleurs are missing from axis 3)
    by_axis = links.groupby("partenaire")["axe"].nunique()
    assert set(by_axis[by_axis == 4].index) == {"cab", "associations"}


# --- quantified targets and commitments -----------------------------------------------------


def test_quantified_targets():
    cibles = load("cibles").set_index("code")
    target = cibles.loc["part_axe1_programmation"]  # l. 838: « 30 % de la programmation globale »
    assert (target["axe"], target["valeur"], target["unite"], target["ligne_source"]) == (
        "plein_emploi",
        30,
        "%",
        838,
    )
    rsa = cibles.loc["rsa_heures_activite"]  # l. 895: « 15 à 20 heures d'activité par semaine »
    assert (rsa["valeur"], rsa["valeur_max"], rsa["echeance"], rsa["ligne_source"]) == (15, 20, 2024, 895)
    zac = cibles.loc["logements_marlborough"]  # l. 1824: « 156 logements »
    assert (zac["territoire"], zac["valeur"], zac["unite"]) == ("marlborough", 156, "logements")
    basket = cibles.loc["basket_3x3_le_portel"]  # l. 1867: « deux terrains de basket 3x3 »
    assert (basket["territoire"], basket["valeur"], basket["ligne_source"]) == ("le_portel", 2, 1867)
    assert cibles.loc["coach_familial", "echeance"] == 2027  # « pacte des solidarités 2024-2027 »
    assert cibles["indicateur_suivi"].str.len().min() > 20
    assert cibles["valeur"].notna().sum() == 4  # the contract quantifies little


def test_the_axis_1_target_is_measured_against_the_emploi_pillar():
    # l. 838: « afin qu'il représente 30 % de la programmation globale », measured against
    # l. 108: « Le pilier économique « Développer l'activité et l'emploi » représente 25 % »
    assert "30 % de la programmation globale" in LINES[838 - 1]
    assert (
        "Développer l'activité et l'emploi" in LINES[108 - 1] and "25 % de la programmation" in LINES[108 - 1]
    )
    history = load("cibles_historique").set_index("cible")
    assert list(history.index) == ["part_axe1_programmation"]
    assert "conforter" in LINES[838 - 1]  # the axis extends the pillar's share
    assert (
        history.at["part_axe1_programmation", "pilier"],
        history.at["part_axe1_programmation", "ligne_source"],
    ) == (
        "emploi",
        838,
    )


def test_a_target_history_of_an_unknown_target_is_reported(tmp_path):
    data = edited_copy(tmp_path, "enjeux/cibles_historique.csv", "\npart_axe1_programmation,", "\npart_axe9,")
    problems = _validate(data)
    assert len(problems) == 1 and "part_axe9" in problems[0]


# --- orientations locales -------------------------------------------------------------------

LOCAL = {  # territory: (QPV 2024, number of items, first line, first item, last item)
    "chemin_vert": (
        "QN06251M",
        14,
        1802,
        "Mise en œuvre d'un écosystème Emploi-Formation-Solidarité dans le cadre du projet ANRU+",
        "Renforcement des actions de médiation sociale",
    ),
    "beaurepaire": (
        "QN06251M",
        2,
        1819,
        "Réaménagement des espaces publics et valorisation du vallon Beaurepaire",
        "Création d'annexes de la Ferme Baurepaire Espace Tony Descharles",
    ),
    "marlborough": (
        "QN06251M",
        1,
        1824,
        "Projet de ZAC multisites : 156 logements vont être construits en proximité du centre de semi-liberté",
        "Projet de ZAC multisites : 156 logements vont être construits en proximité du centre de semi-liberté",
    ),
    "centre_ville": (
        "QN06250M",
        10,
        1828,
        "Aide à la rénovation des façades et des logements",
        "Renforcement de l'accessibilité des structures Petite Enfance à tous les enfants grâce au dispositif LIANE en partenariat avec le CAMSP",
    ),
    "damremont": (
        "QN06249M",
        6,
        1841,
        "Rénovation de la Tour Damrémont",
        "Amélioration et réfection des espaces publics",
    ),
    "montplaisir": (
        "QN06252M",
        4,
        1852,
        "Rénovation du terrain multisport et de l'aire de jeux",
        "Renforcement des démarches d'aller vers",
    ),
    "le_portel": (
        "QN06252M",
        10,
        1859,
        "Développement de nouveaux services à la Maison France Services",
        "Déploiement de la Cité Éducative",
    ),
    "outreau": (
        "QN06252M",
        6,
        1872,
        "Rénovation des équipements sportifs (terrain synthétique, salle des Tilleuls, club house...)",
        "Maison des Services : ludothèque, espace numérique, le PANO (pôle d'activités numériques "
        "outrelois), le CRIAC (centre de ressources informatiques pour les associations et les "
        "collectivités), une cuisine pédagogique, services jeunesse de la commune (Centre "
        "d'Animation Jeunesse et Accueil Collectifs des Mineurs), ...",
    ),
}


def test_local_orientations_of_each_territory():
    local = load("orientations_locales")
    assert list(dict.fromkeys(local["territoire"])) == list(LOCAL)
    for territory, (qpv, count, first_line, first, last) in LOCAL.items():
        rows = local[local["territoire"] == territory].sort_values("ordre")
        assert len(rows) == count and list(rows["ordre"]) == list(range(1, count + 1)), territory
        assert (rows["qpv"] == qpv).all(), territory
        assert list(rows["ligne_source"]) == list(range(first_line, first_line + count)), territory
        assert (rows["libelle"].iloc[0], rows["libelle"].iloc[-1]) == (first, last), territory
    assert len(local) == 53
    assert local.set_index("ligne_source").loc[1874, "libelle"] == "Valorisation du Parc du Mont Soleil"


TERRITORIES = [  # (code, parent, QPV 2024, heading as printed, line), l. 1798-1870
    (
        "chemin_vert_beaurepaire_marlborough",
        None,
        "QN06251M",
        "Chemin vert - Beaurepaire - Marlborough",
        1798,
    ),
    ("chemin_vert", "chemin_vert_beaurepaire_marlborough", "QN06251M", "Chemin vert", 1800),
    ("beaurepaire", "chemin_vert_beaurepaire_marlborough", "QN06251M", "Beaurepaire", 1817),
    ("marlborough", "chemin_vert_beaurepaire_marlborough", "QN06251M", "Marlborough", 1822),
    ("centre_ville", None, "QN06250M", "Centre-ville de Boulogne-sur-Mer", 1826),
    ("damremont", None, "QN06249M", "Damrémont", 1839),
    ("residences_sud", None, "QN06252M", "Les Résidences Sud du Boulonnais", 1848),
    ("montplaisir", "residences_sud", "QN06252M", "Montplaisir à Boulogne-sur-Mer", 1850),
    ("le_portel", "residences_sud", "QN06252M", "Le Portel", 1857),
    ("outreau", "residences_sud", "QN06252M", "Outreau", 1870),
]


def test_headings_of_the_local_orientations():
    territories = load("orientations_territoires").sort_values("ordre")
    got = [
        (r.code, None if pd.isna(r.parent) else r.parent, r.qpv, r.libelle, r.ligne_source)
        for r in territories.itertuples()
    ]
    assert got == TERRITORIES
    for code, _, _, label, line in TERRITORIES:
        assert LINES[line - 1].lstrip("# ").replace("**", "") == label, code
    # every territory with orientations has its heading, in the same order
    headed = [c for c, *_ in TERRITORIES if c in LOCAL]
    assert headed == list(LOCAL)
    # a sub-quartier belongs to the QPV of its quartier
    qpv = {c: q for c, _, q, _, _ in TERRITORIES}
    assert all(qpv[c] == qpv[p] for c, p, *_ in TERRITORIES if p)


# --- every value stands on its line of the text ------------------------------------------------

TEXT_FIELDS = ("libelle", "libelle_contrat")
NUMBER_FIELDS = ("numero", "valeur", "valeur_max", "echeance")


def test_every_label_and_number_stands_on_its_source_line():
    checked = 0
    for res in _resources():
        frame = load(res["name"])
        for index, row in frame.iterrows():
            line = int(row["ligne_source"])
            where = f"{res['path']} ligne {index + 2} (source l. {line})"
            for name in TEXT_FIELDS:
                if name in frame.columns:
                    assert stands_on(row[name], line), f"{where} : {name}={row[name]!r}"
                    checked += 1
            for name in NUMBER_FIELDS:
                if name in frame.columns and not pd.isna(row[name]):
                    assert float(row[name]) in numbers(LINES[line - 1]), f"{where} : {name}={row[name]}"
                    checked += 1
    assert checked > 480


def test_lines_are_in_part_iii_except_fuller_names_of_partners():
    for res in _resources():
        frame = load(res["name"])
        outside = frame[~frame["ligne_source"].isin(PART_III)]
        if res["name"] == "partenaires":
            assert set(outside["code"]) == {
                "region",
                "communes",
                "cci",
                "caf",
                "departement",
                "anru",
                "ars",
                "cpam",
            }
        else:
            assert outside.empty, res["name"]


def test_labels_carry_no_layout_marks():
    for res in _resources():
        frame = load(res["name"])
        for name in TEXT_FIELDS:
            if name in frame.columns:
                for value in frame[name]:
                    assert not re.search(r"\*\*|[▶►▲]|<sup>|^- |;$|(?<!\.)\.$", value), (res["name"], value)
