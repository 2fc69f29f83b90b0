"""The « Quartiers 2030 » consultation as the contract reports it (data/consultation/).

Every expected value below is written from the source text (data/source/
contrat-de-ville-2024-2030.txt, lines 1549-1691 and 1693-1792; inventory FL-LOC-01..12,
FW-LOC-01..02, SL-LOC-02..06, F-LOC-01..02), never read from our CSV files. The document's
own contradictions are kept as printed: tests below check that they are still there, so that
a silent « correction » of the data fails.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
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
    squash,
    validation_problems,
)
from quartiers2030.data import datapackage, validation

LINES = contract_lines()
RESPONDENTS = 152  # l. 1572, 1659, 1665

LOST_FIGURES = {
    "consultation_repondants_age": (
        "consultation/repondants_age.csv",
        ["tranche_age", "pourcentage", "source"],
        1579,
    ),
    "consultation_repondants_situation": (
        "consultation/repondants_situation.csv",
        ["situation", "pourcentage", "source"],
        1583,
    ),
}
EXPECTED_FILES = {
    "consultation_questions": "consultation/questions.csv",
    "consultation_reponses": "consultation/reponses.csv",
    "consultation_participation": "consultation/participation.csv",
    "consultation_faits": "consultation/faits.csv",
    "consultation_citations": "consultation/citations.csv",
    "consultation_territoires": "consultation/territoires.csv",
    "consultation_profils": "consultation/profils.csv",
    "consultation_modalites": "consultation/modalites.csv",
}


def _resources() -> list[dict]:
    """This part's resources, as data/datapackage.json describes them."""
    return part_resources("consultation")


def load(name: str) -> pd.DataFrame:
    """A resource of data/datapackage.json as a DataFrame typed after its schema."""
    return read_typed(next(r for r in _resources() if r["name"] == name))


# --- comparing with the text: spaces, PDF hyphenation and decimal commas normalised ------

_WORDS = {"moitié": 50.0, "premier": 1.0}


def numbers(line: str) -> set[float]:
    """Numbers written on a line: « 12 809 », « 0, 658 », « 55,9% », « moitié » and a rank
    in words (« le premier département », l. 49)."""
    return printed_numbers(line, _WORDS)


_MONTHS = [
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


def french_date(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


# --- files and schema ----------------------------------------------------------------


def _validate(data: Path) -> list[str]:
    return validation_problems([r for r in _resources() if r["name"] not in LOST_FIGURES], data)


def test_schema_describes_every_file_in_the_house_style():
    resources = _resources()
    assert {r["name"]: r["path"] for r in resources} == EXPECTED_FILES | {
        name: path for name, (path, _, _) in LOST_FIGURES.items()
    }
    for res in resources:
        assert_house_style(res)


def test_every_file_is_valid_against_its_schema():
    assert _validate(DATA) == []


def test_files_are_utf8_comma_separated_with_unix_line_ends():
    for path in EXPECTED_FILES.values():
        csv_text(DATA / path)


def test_an_unknown_question_is_reported(tmp_path):
    problems = _validate(
        edited_copy(tmp_path, "consultation/reponses.csv", "\natouts,ensemble,1,", "\natout,ensemble,1,")
    )
    assert len(problems) == 1 and "atout" in problems[0]


def test_lost_figures_have_a_schema_and_no_data():
    """F-LOC-01 and F-LOC-02: the published text lost both graphs (l. 1579-1589)."""
    resources = {r["name"]: r for r in _resources()}
    for name, (path, fields, line) in LOST_FIGURES.items():
        res = resources[name]
        assert not (DATA / path).exists(), f"{path} : aucune donnée publiée, ne pas l'inventer"
        assert [f["name"] for f in res["schema"]["fields"]] == fields
        assert "perdu" in res["description"] and f"l. {line}" in res["description"]
        assert LINES[line + 1].strip() == "" and LINES[line].strip() == ""  # the blank lines left


def test_lost_figures_are_named_with_their_printed_title():
    """The titles of the two lost charts as the contract prints them (l. 1579, 1583), each
    pointing to the resource that will hold its values."""
    profiles = load("consultation_profils").set_index("ressource")
    assert list(profiles.index) == list(LOST_FIGURES)
    assert profiles.loc["consultation_repondants_age", "libelle"] == (
        "Les tranches d'âges des répondants QPV de la Communauté d'agglomération du Boulonnais"
    )
    assert profiles.loc["consultation_repondants_situation", "libelle"] == (
        "La situation professionnelle des répondants QPV de la Communauté d'agglomération du Boulonnais"
    )
    for name, (_, fields, line) in LOST_FIGURES.items():
        assert profiles.at[name, "ligne_source"] == line
        assert profiles.at[name, "colonne"] == fields[0]


def test_answers_of_the_closed_participation_questions():
    """« oui » (l. 1661), « non » (l. 1663), « ne se prononcent pas » (l. 1671), in this order."""
    m = load("consultation_modalites").sort_values("ordre")
    assert list(zip(m["code"], m["libelle"], m["ligne_source"])) == [
        ("oui", "Oui", 1661),
        ("non", "Non", 1663),
        ("nsp", "Ne se prononcent pas", 1671),
    ]


def test_an_unknown_answer_code_is_reported_in_french(tmp_path):
    """participation.csv may only use the answers of modalites.csv (foreign key)."""
    problems = _validate(edited_copy(tmp_path / "part", "consultation/modalites.csv", "\nnsp,", "\nnspp,"))
    assert len(problems) == 1 and "consultation_participation" in problems[0] and '"nsp"' in problems[0]
    shutil.copytree(DATA, tmp_path / "book" / "data")
    edited = tmp_path / "book/data/consultation/modalites.csv"
    edited.write_text(edited.read_text(encoding="utf-8").replace("\nnsp,", "\nnspp,"), encoding="utf-8")
    datapackage._descriptor.cache_clear()
    [problem] = validation.validate(tmp_path / "book")
    assert (problem.file, problem.line, problem.column) == (
        "data/consultation/participation.csv",
        6,
        "modalite",
    )
    assert "n'existe pas dans la table de référence" in str(problem)


# --- facts ------------------------------------------------------------------------------


def test_dates_and_numbers_of_the_consultation():
    faits = load("consultation_faits").set_index("code")
    assert faits.loc["ouverture_plateforme", "date"] == "2023-09-20"  # l. 1553
    assert faits.loc["cloture_plateforme", "date"] == "2023-10-31"
    assert faits.loc["contributions", "valeur"] == 12809
    assert faits.loc["contributions_completes", "valeur"] == 6218
    assert faits.loc["repondants_qpv", "valeur"] == RESPONDENTS  # l. 1572
    dated = faits[faits["date"].notna()]
    assert dated["valeur"].isna().all() and faits.loc[faits["date"].isna(), "valeur"].notna().all()


SPLIT = {  # l. 1574-1577: share of the 152 respondents by QPV, as printed
    "chemin_vert_beaurepaire_marlborough": (63.816, 1574),
    "tour_du_renard": (34.868, 1575),
    "damremont": (0.658, 1576),
    "henriville_montplaisir": (0.658, 1577),
}


def test_split_of_respondents_by_quartier():
    faits = load("consultation_faits")
    split = faits[faits["territoire"].notna()]
    assert {r.territoire: (r.valeur, r.ligne_source) for r in split.itertuples()} == SPLIT
    assert (split["unite"] == "%").all()


def test_split_is_consistent_with_152_respondents():
    """The four shares are 97, 53, 1 and 1 respondents out of 152 (rounded to 3 decimals)."""
    counts = {q: round(share * RESPONDENTS / 100) for q, (share, _) in SPLIT.items()}
    assert counts == {
        "chemin_vert_beaurepaire_marlborough": 97,
        "tour_du_renard": 53,
        "damremont": 1,
        "henriville_montplaisir": 1,
    }
    assert sum(counts.values()) == RESPONDENTS
    for q, (share, _) in SPLIT.items():
        assert abs(counts[q] / RESPONDENTS * 100 - share) < 0.0005, q
    assert round(sum(s for s, _ in SPLIT.values()), 3) == 100.0


def test_more_than_half_in_words():
    fact = load("consultation_faits").set_index("code").loc["conscience_participation"]
    assert (fact["valeur"], fact["unite"], fact["comparateur"], fact["ligne_source"]) == (
        50,
        "%",
        "superieur",
        1691,
    )
    assert fact["libelle"].startswith("Un peu plus de la moitié des répondants")
    yes = (
        load("consultation_participation")
        .set_index(["question", "modalite"])
        .loc[("connait_participation", "oui"), "pourcentage"]
    )
    assert yes > fact["valeur"]  # 55,9 % (l. 1661) is indeed « un peu plus de la moitié »


TERRITORIES = [  # (code, name as printed, QPV 2024, line): l. 1559-1562, and l. 1654
    ("chemin_vert_beaurepaire_marlborough", "Chemin Vert Beaurepaire Marlborough", "QN06251M", 1559),
    ("tour_du_renard", "Quartier Tour du Renard", "QN06252M", 1560),
    ("damremont", "Damrémont", "QN06249M", 1561),
    ("henriville_montplaisir", "Henriville Montplaisir", "QN06252M", 1562),
    ("centre_ville", "Quartier Centre-Ville", "QN06250M", 1654),
]


def test_quartiers_named_by_the_consultation():
    territories = load("consultation_territoires")
    assert [(r.code, r.libelle, r.qpv, r.ligne_source) for r in territories.itertuples()] == TERRITORIES
    assert set(SPLIT) | {"centre_ville"} == set(territories["code"])


# --- questions --------------------------------------------------------------------------

QUESTIONS = [  # (code, number, text, parent, line)
    ("defis", 1, "Quels sont pour vous les principaux défis à relever dans votre quartier?", None, 1591),
    ("atouts", 2, "Quels sont pour vous les atouts de votre quartier?", None, 1614),
    ("projets", 3, "Quels sont les projets pour votre quartier?", None, 1635),
    (
        "solutions_participation",
        4,
        "Quelles sont pour vous les solutions pour renforcer la participation "
        "des habitants aux décisions qui concernent leurs quartiers ?",
        None,
        1657,
    ),
    (
        "connait_participation",
        None,
        "Savez-vous qu'il est possible de participer aux décisions qui concernent votre quartier ?",
        "solutions_participation",
        1659,
    ),
    (
        "assiste_reunions",
        None,
        "Avez-vous déjà assisté à des réunions où les habitants participent à la vie de leur quartier ?",
        "solutions_participation",
        1665,
    ),
    (
        "moyens_participation",
        5,
        "Quels sont les moyens à mettre en œuvre pour permettre aux habitants "
        "de participer davantage à la vie du quartier et à la vie publique ?",
        None,
        1673,
    ),
]


def test_questions():
    questions = load("consultation_questions")
    got = [
        (
            r.code,
            None if pd.isna(r.numero) else r.numero,
            r.libelle,
            None if pd.isna(r.question_parente) else r.question_parente,
            r.ligne_source,
        )
        for r in questions.itertuples()
    ]
    assert got == QUESTIONS


# --- ranked answers -----------------------------------------------------------------------

# Every ranked list, copied from the text: (question, territory, line of the first answer).
RANKED = {
    ("defis", "ensemble", 1593): """\
La sécurité (78)
La prévention de la délinquance (76)
Le logement (73)
Le cadre de vie (68)
L'éducation (51)
L'emploi (49)
La transition écologique (36)
La lutte contre les discriminations (24)
L'accès au sport, à la culture, aux loisirs (23)
L'accès au numérique (11)
L'accès aux soins (10)
Les transports en commun (9)
L'accès aux services publics (4)
""",
    ("atouts", "ensemble", 1616): """\
Le tissu associatif (68)
La solidarité (68)
La participation des habitants (44)
Le cadre de vie (40)
L'accès au sport, à la culture, aux loisirs (39)
La jeunesse (34)
Le projet renouvellement urbain (34)
Les transports en commun (34)
La situation géographique (25)
L'accès aux soins (21)
Le logement (20)
L'accès aux services publics (9)
Les entreprises (4)
""",
    ("projets", "ensemble", 1637): """\
Renforcer la sécurité (84)
Renforcer l'insertion et l'accès à l'emploi (65)
Favoriser le vivre-ensemble (60)
Renforcer les actions en faveur de la réussite scolaire (48)
Développer l'accompagnement des seniors et le lien intergénérationnel (38)
Intégrer les enjeux liés à la transition écologique (34)
Soutenir la parentalité (33)
Renforcer les projets de renouvellement urbain (27)
Lutter contre les discriminations (26)
Développer l'offre de transports en commun (17)
Renforcer l'accessibilité au sport, à la culture et aux loisirs (17)
Renforcer l'accès au numérique (14)
Faciliter l'accès à l'apprentissage de la langue française (9)
Développer l'offre de soins (6)
""",
    ("moyens_participation", "ensemble", 1675): """\
Une information claire et partagée avec tous les acteurs du quartier (91)
L'adaptation des réunions aux contraintes des habitants (horaires, garde d'enfants...) (54)
Une présence active des associations (52)
La mobilisation des institutions : mairies, intercommunalités, services de l'Etat... (51)
Une reconnaissance de l'engagement des habitants (49)
Des moyens dédiés aux projets des habitants (48)
La possibilité de venir à la rencontre des habitants (exemple : aux sorties d'écoles, sur les marchés...) (41)
La possibilité de se former à la participation (36)
Autre (champ libre) (6)
""",
    ("defis", "chemin_vert_beaurepaire_marlborough", 1697): """\
La prévention de la délinquance (53)
La sécurité (49)
Le logement (43)
Le cadre de vie (36)
L'éducation (31)
L'emploi (22)
L'accès au sport, à la culture, aux loisirs (17)
La lutte contre les discriminations (16)
La transition écologique (14)
L'accès au numérique (8)
L'accès aux soins (8)
Les transports en commun (4)
L'accès aux services publics (3)
""",
    ("atouts", "chemin_vert_beaurepaire_marlborough", 1713): """\
Le tissu associatif (46)
La solidarité (39)
L'accès au sport, à la culture, aux loisirs (32)
Le cadre de vie (22)
La jeunesse (21)
La participation des habitants (20)
Le projet renouvellement urbain (20)
Les transports en commun (24)
La situation géographique (15)
Le logement (11)
L'accès aux services publics (8)
L'accès aux soins (6)
Les entreprises (2)
""",
    ("projets", "chemin_vert_beaurepaire_marlborough", 1729): """\
Renforcer la sécurité (56)
Renforcer l'insertion et l'accès à l'emploi (30)
Favoriser le vivre-ensemble (30)
Renforcer les actions en faveur de la réussite scolaire (28)
Soutenir la parentalité (24)
Lutter contre les discriminations (23)
Renforcer les projets de renouvellement urbain (19)
Développer l'accompagnement des seniors et le lien intergénérationnel (14)
Renforcer l'accessibilité au sport, à la culture et aux loisirs (13)
Développer l'offre de transports en commun (10)
Renforcer l'accès au numérique (9)
Faciliter l'accès à l'apprentissage de la langue française (9)
Intégrer les enjeux liés à la transition écologique (9)
Développer l'offre de soins (5)
""",
    ("defis", "tour_du_renard", 1748): """\
Le cadre de vie (31)
Le logement (28)
La sécurité (28)
L'emploi (26)
La prévention de la délinquance (22)
La transition écologique (22)
L'éducation (19)
La lutte contre les discriminations (8)
L'accès au sport, à la culture, aux loisirs (5)
Les transports en commun (5)
L'accès au numérique (3)
L'accès aux soins (2)
L'accès aux services publics (1)
""",
    ("atouts", "tour_du_renard", 1764): """\
La solidarité (29)
La participation des habitants (24)
Le tissu associatif (22)
Le cadre de vie (18)
L'accès aux soins (14)
Le projet renouvellement urbain (14)
La jeunesse (13)
Le logement (9)
Les transports en commun (9)
La situation géographique (8)
L'accès au sport, à la culture, aux loisirs (7)
Les entreprises (4)
L'accès aux services publics (1)
""",
    ("projets", "tour_du_renard", 1780): """\
Renforcer l'insertion et l'accès à l'emploi (34)
Favoriser le vivre-ensemble (29)
Renforcer la sécurité (27)
Intégrer les enjeux liés à la transition écologique (24)
Développer l'accompagnement des seniors et le lien intergénérationnel (22)
Renforcer les actions en faveur de la réussite scolaire (19)
Soutenir la parentalité (9)
Renforcer les projets de renouvellement urbain (8)
Renforcer l'accès au numérique (7)
Développer l'offre de transports en commun (7)
Renforcer l'accessibilité au sport, à la culture et aux loisirs (4)
Lutter contre les discriminations (3)
Développer l'offre de soins (1)
""",
}


def _parse(block: str) -> list[tuple[str, int]]:
    return [
        (m.group(1), int(m.group(2)))
        for m in (re.fullmatch(r"(.*) \((\d+)\)", item) for item in block.rstrip("\n").split("\n"))
    ]


def test_every_ranked_list_as_printed():
    reponses = load("consultation_reponses")
    assert len(reponses) == sum(len(_parse(b)) for b in RANKED.values()) == 128
    for (question, territory, first), block in RANKED.items():
        rows = reponses[(reponses["question"] == question) & (reponses["territoire"] == territory)]
        expected = [
            (rank, label, count, first + rank - 1) for rank, (label, count) in enumerate(_parse(block), 1)
        ]
        got = [(r.rang, r.libelle, r.nombre, r.ligne_source) for r in rows.sort_values("rang").itertuples()]
        assert got == expected, (question, territory)


def test_list_lengths():
    sizes = load("consultation_reponses").groupby(["question", "territoire"]).size().to_dict()
    assert sizes == {
        ("defis", "ensemble"): 13,
        ("atouts", "ensemble"): 13,
        ("projets", "ensemble"): 14,
        ("moyens_participation", "ensemble"): 9,
        ("defis", "chemin_vert_beaurepaire_marlborough"): 13,
        ("atouts", "chemin_vert_beaurepaire_marlborough"): 13,
        ("projets", "chemin_vert_beaurepaire_marlborough"): 14,
        ("defis", "tour_du_renard"): 13,
        ("atouts", "tour_du_renard"): 13,
        ("projets", "tour_du_renard"): 13,
    }


def test_participation_percentages_as_printed():
    # l. 1661-1671, each question « (152 répondants) »
    expected = {
        ("connait_participation", "oui"): (55.9, 1661),
        ("connait_participation", "non"): (44.1, 1663),
        ("assiste_reunions", "oui"): (48.03, 1667),
        ("assiste_reunions", "non"): (46.05, 1669),
        ("assiste_reunions", "nsp"): (8.92, 1671),
    }
    participation = load("consultation_participation")
    assert {
        (r.question, r.modalite): (r.pourcentage, r.ligne_source) for r in participation.itertuples()
    } == expected
    assert (participation["effectif_total"] == RESPONDENTS).all()


CITATIONS = [  # (question, quote, attribution, territory, line), l. 1609-1689
    (
        "defis",
        "Il faut plus de présence active dans les quartiers, afin de connaître leurs besoins réels",
        "Un habitant du QPV Chemin Vert Beaurepaire Marlborough",
        "chemin_vert_beaurepaire_marlborough",
        1609,
    ),
    (
        "defis",
        "Plus de commerces, un pressing",
        "Un habitant du QPV Chemin Vert Beaurepaire Marlborough",
        "chemin_vert_beaurepaire_marlborough",
        1610,
    ),
    (
        "defis",
        "Il faut plus de logements PMR ou vie de plain-pied minimum",
        "Un habitant du QPV Chemin Vert - Beaurepaire – Marlborough",
        "chemin_vert_beaurepaire_marlborough",
        1611,
    ),
    (
        "defis",
        "Il faut verbaliser les rodéos urbains et souillures (détritus, crottes de chiens), et mettre "
        "des caméras de surveillance",
        "Un habitant du QPV Chemin Vert Beaurepaire Marlborough",
        "chemin_vert_beaurepaire_marlborough",
        1612,
    ),
    (
        "atouts",
        "Tout est à modifier, il faut aller sur le terrain plus souvent pour se rendre compte des "
        "difficultés dans chaque logement",
        "Un habitant du QPV Chemin Vert Beaurepaire Marlborough",
        "chemin_vert_beaurepaire_marlborough",
        1632,
    ),
    ("atouts", "Il n'y a aucun atout", "Un habitant du QPV Quartier Tour Du Renard", "tour_du_renard", 1633),
    (
        "projets",
        "Il faut renforcer l'accès à la culture des familles sur Boulogne-sur-Mer, la ville ainsi "
        "qu'une association du nom de MASHALAW Association sont engagés sur cela. Mais l'association "
        "manque de moyens",
        "Un habitant du QPV Quartier Centre-Ville",
        "centre_ville",
        1654,
    ),
    (
        "projets",
        "Il faut plus de parkings",
        "Un habitant du QPV Quartier Tour Du Renard",
        "tour_du_renard",
        1655,
    ),
    (
        "moyens_participation",
        "Il faudrait la mise en place d'affiches d'informations des actions dans les "
        "halls d'immeubles pour renforcer la visibilité pour tous les habitants",
        "Un habitant du QPV Chemin Vert -Beaurepaire - Marlborough",
        "chemin_vert_beaurepaire_marlborough",
        1687,
    ),
    (
        "moyens_participation",
        "Il faudrait des visios et des échanges via un chat sur un site",
        "Un habitant du QPV Quartier Tour Du Renard",
        "tour_du_renard",
        1689,
    ),
]


def test_quoted_contributions():
    citations = load("consultation_citations")
    got = [
        (r.question, r.citation, r.attribution, r.territoire, r.ligne_source) for r in citations.itertuples()
    ]
    assert got == CITATIONS
    assert list(citations.groupby("question", sort=False)["ordre"].max()) == [4, 2, 2, 2]


# --- the document's own contradictions are kept, as printed ---------------------------------


def _list(question: str, territory: str) -> pd.DataFrame:
    r = load("consultation_reponses")
    return r[(r["question"] == question) & (r["territoire"] == territory)].sort_values("rang")


def test_kept_a_ranking_whose_order_disagrees_with_its_counts():
    """Chemin Vert - Beaurepaire - Marlborough, atouts: rank 8 has 24, after 22, 21, 20 and 20
    (l. 1716-1720)."""
    for question, territory in [(q, t) for q, t, _ in RANKED]:
        counts = list(_list(question, territory)["nombre"])
        rises = [i + 2 for i, (a, b) in enumerate(zip(counts, counts[1:])) if b > a]
        expected = [8] if (question, territory) == ("atouts", "chemin_vert_beaurepaire_marlborough") else []
        assert rises == expected, (question, territory)
    row = _list("atouts", "chemin_vert_beaurepaire_marlborough").set_index("rang").loc[8]
    assert (row["libelle"], row["nombre"], row["ligne_source"]) == ("Les transports en commun", 24, 1720)
    assert "ordre" in row["remarque"]


def test_kept_overall_counts_smaller_than_the_two_quartiers():
    """152 respondents = 97 + 53 + 1 + 1: the overall count is the two detailed quartiers plus at
    most 2. Two printed counts break this (l. 1628 and 1648)."""
    breaks = {}
    for question in ("defis", "atouts", "projets"):
        overall = _list(question, "ensemble").set_index("libelle")["nombre"]
        cv = _list(question, "chemin_vert_beaurepaire_marlborough").set_index("libelle")["nombre"]
        tr = _list(question, "tour_du_renard").set_index("libelle")["nombre"]
        for label, total in overall.items():
            rest = total - cv.get(label, 0) - tr.get(label, 0)
            if not 0 <= rest <= 2:
                breaks[(question, label)] = (total, cv.get(label, 0), tr.get(label, 0))
    assert breaks == {
        ("atouts", "Les entreprises"): (4, 2, 4),
        ("projets", "Renforcer l'accès au numérique"): (14, 9, 7),
    }
    overall = _list("atouts", "ensemble").set_index("libelle")
    assert "= 6" in overall.loc["Les entreprises", "remarque"]


def test_kept_an_answer_missing_from_one_list():
    """« Faciliter l'accès à l'apprentissage de la langue française » is not in the Tour du Renard
    projects (l. 1780-1792: 13 answers instead of 14)."""
    label = "Faciliter l'accès à l'apprentissage de la langue française"
    assert label not in set(_list("projets", "tour_du_renard")["libelle"])
    assert label in set(_list("projets", "chemin_vert_beaurepaire_marlborough")["libelle"])
    assert set(_list("projets", "ensemble")["libelle"]) - set(
        _list("projets", "tour_du_renard")["libelle"]
    ) == {label}


def test_kept_percentages_that_do_not_add_up():
    """Meetings (l. 1667-1671): 48,03 + 46,05 + 8,92 = 103 %, and 8,92 % of 152 is no whole
    number of respondents (48,03 % = 73 and 46,05 % = 70 are)."""
    p = load("consultation_participation").set_index(["question", "modalite"])["pourcentage"]
    meetings = p.loc["assiste_reunions"]
    assert round(meetings.sum(), 2) == 103.0
    whole = {m: abs(v * RESPONDENTS / 100 - round(v * RESPONDENTS / 100)) < 0.01 for m, v in meetings.items()}
    assert whole == {"oui": True, "non": True, "nsp": False}
    assert round(p.loc["connait_participation"].sum(), 2) == 100.0
    assert {m: round(v * RESPONDENTS / 100) for m, v in p.loc["connait_participation"].items()} == {
        "oui": 85,
        "non": 67,
    }
    assert "103" in load("consultation_participation").set_index("modalite").loc["nsp", "remarque"]


def test_kept_a_quote_from_a_qpv_outside_the_consultation():
    """Quote l. 1654 is attributed to the QPV Centre-Ville, absent from the QPV of the synthesis
    (l. 1559-1562) and from the split of the 152 respondents (l. 1574-1577)."""
    assert [item.strip("- ;.") for item in LINES[1558:1562]] == [
        "Chemin Vert Beaurepaire Marlborough",
        "Quartier Tour du Renard",
        "Damrémont",
        "Henriville Montplaisir",
    ]
    citations = load("consultation_citations")
    assert "centre_ville" in set(citations["territoire"]) and "centre_ville" not in SPLIT
    assert citations.set_index("ligne_source").loc[1654, "remarque"].startswith("Le QPV Centre-Ville")


# --- every value stands on its line of the text ------------------------------------------------


def test_every_label_and_number_stands_on_its_source_line():
    checked = 0
    for res in _resources():
        if res["name"] in LOST_FIGURES:
            continue
        frame = load(res["name"])
        for index, row in frame.iterrows():
            line = LINES[int(row["ligne_source"]) - 1]
            where = f"{res['path']} ligne {index + 2} (source l. {row['ligne_source']})"
            for name in ("libelle", "citation", "attribution"):
                if name in frame.columns:
                    assert squash(row[name]) in squash(line), f"{where} : {name}={row[name]!r}"
                    checked += 1
            for name in ("valeur", "nombre", "pourcentage", "numero"):
                if name in frame.columns and not pd.isna(row[name]):
                    assert float(row[name]) in numbers(line), f"{where} : {name}={row[name]}"
                    checked += 1
            if "date" in frame.columns and not pd.isna(row["date"]):
                assert french_date(row["date"]) in line, where
                checked += 1
    assert checked > 300
