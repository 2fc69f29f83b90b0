"""Part IV of the contract on the site (« Gouvernance du contrat »).

The expected counts and values below are written from the contract's text (line numbers of
data/source/contrat-de-ville-2024-2030.txt), never read from the CSV files: they must equal
what the package computes from the data and what the built pages show. In a real browser,
the diagram, the membership grid, the calendar and the timeline are drawn.
"""

from __future__ import annotations

import shutil

import pytest

from helpers import REPO, assert_figure_described, html_table, normalise, open_chart_page, page
from quartiers2030.data import datapackage, validation
from quartiers2030.parts.gouvernance import model
from quartiers2030.parts.gouvernance.charts import calendar, diagram
from test_gouvernance_data import SIGNATORIES  # l. 1971-2108, in the order of the signature pages

PAGES = {
    "index": "notebooks/gouvernance/index.html",
    "composition": "notebooks/gouvernance/composition.html",
    "signataires": "notebooks/gouvernance/signataires.html",
    "chronologie": "notebooks/gouvernance/chronologie.html",
}

# --- the contract's text, written out ----------------------------------------------------

COPIL_CONTRAT = (
    "Comité de Pilotage du contrat de ville de l'agglomération boulonnaise Ensemble "
    "agir pour nos quartiers 2030"
)  # l. 1896
COMITE_TECHNIQUE = (
    "Comité technique du contrat de ville de l'agglomération boulonnaise "
    "« Ensemble agir pour nos quartiers 2030 »"
)  # l. 1951
INSTANCES = {  # the contract's name: (minimum meetings a year, the contract's words)
    "Comité de pilotage de territoire": (2, "a minima deux fois l'an"),  # l. 1890, 1892
    "Version élargie": (1, "une fois l'an"),  # l. 1894
    COPIL_CONTRAT: (1, "une fois l'an dans sa configuration plénière"),  # l. 1898
    "Comité des financeurs": (None, None),  # l. 1892
    "Équipe projet de territoire": (4, "au moins une fois par trimestre"),  # l. 1932-1934
    COMITE_TECHNIQUE: (None, None),  # l. 1951-1963
}
LEADS = {
    COPIL_CONTRAT: "CAB et État (coanimation)",  # l. 1898
    "Équipe projet de territoire": "animée par la CAB",
}  # l. 1947
SHORT = [
    "Comité de pilotage de territoire",
    "Comité de pilotage de territoire élargi",
    "Comité de pilotage du contrat de ville",
    "Comité des financeurs",
    "Équipe projet de territoire",
    "Comité technique du contrat de ville",
]
MEMBERS = dict(
    zip(
        SHORT,
        [
            5,  # l. 1890 : la CAB et les communes (les quatre de la l. 1902)
            6,  # l. 1894 : les mêmes, et les bailleurs sociaux
            22,  # l. 1900-1914 : 15 entrées, dont 4 communes (l. 1902) et 5 bailleurs (l. 1914)
            1,  # l. 1892 : seule la CAB y est nommée
            5,  # l. 1934 : techniciens de la CAB et des communes
            7,  # l. 1955-1959 : CAB, Délégué du Préfet, 4 chefs de projets, signataires partenaires
        ],
    )
)
STEERING_COMMITTEE = [  # l. 1900-1914, in order
    "Communauté d'agglomération du Boulonnais",
    "État",
    "Boulogne-sur-Mer",
    "Outreau",
    "Le Portel",
    "Saint-Martin-Boulogne",
    "Région Hauts-de-France",
    "Département du Pas-de-Calais",
    "Procureur de la République près le Tribunal Judiciaire de Boulogne-sur-Mer",
    "Agence Régionale de Santé (ARS) Hauts-de-France",
    "Caisse Primaire d'Assurance Maladie de la Côte d'Opale",
    "Caisse d'Allocations Familiales (CAF) du Pas-de-Calais",
    "France Travail",
    "Rectorat de l'académie de Lille",
    "Bpifrance",
    "Chambre des Métiers et de l'Artisanat Hauts-de-France",
    "Chambre de Commerce et d'Industrie Littoral Hauts-de-France",
    "SEM",
    "Urbavileo – Habitat du Littoral",
    "Flandres Opale Habitat",
    "Habitat Hauts-de-France",
    "SIA Habitat",
]
UNNAMED = {
    2: "Première Adjointe au Maire de Boulogne-sur-Mer",  # l. 1979
    14: "Procureur de la République",  # l. 2044
    23: "Président de la Chambre des Métiers et de l'Artisanat Hauts-de-France",
}  # l. 2088
SIGNING_ORGANISATIONS = 25  # 26 blocks; the State signs twice (l. 1973, 2102); ANAH and ANRU
#                             share one block (l. 2028); one block prints no organisation (l. 2076)
ONLY_SIGNING = [
    "Agence Nationale de l'Habitat",
    "Agence Nationale pour la Rénovation Urbaine",  # l. 2028
    "Banque des territoires",  # l. 2034
    "Pas de Calais Habitat",
]  # l. 2074
ONLY_COMMITTEE = ["SEM"]  # l. 1914
LINKS = [  # (from, words of the link, to, line)
    ("Comité de pilotage de territoire", "s'élargit en", "Comité de pilotage de territoire élargi", 1894),
    ("Comité de pilotage de territoire", "précède", "Comité des financeurs", 1892),
    ("Équipe projet de territoire", "prépare", "Comité de pilotage de territoire", 1934),
    ("Équipe projet de territoire", "alimente", "Comité technique du contrat de ville", 1941),
    ("Comité technique du contrat de ville", "guide", "Comité de pilotage du contrat de ville", 1963),
]
MISSIONS = {
    "Comité de pilotage de territoire": 3,  # l. 1890
    "Comité de pilotage de territoire élargi": 1,  # l. 1894
    "Comité de pilotage du contrat de ville": 2,  # l. 1898
    "Équipe projet de territoire": 4,  # l. 1938-1941
    "Comité technique du contrat de ville": 4,
}  # l. 1960-1963
TIMELINE = [  # (the date as precise as the text gives it, line)
    ("2014", 412),
    ("21 février 2014", 17),
    ("26 juin 2015", 81),
    ("2019", 412),
    ("2022", 81),
    ("2023", 81),
    ("31 août 2023", 391),
    ("20 septembre 2023", 1553),
    ("31 octobre 2023", 1553),
    ("28 décembre 2023", 404),
    ("2024", 393),
    ("2027", 393),
    ("2030", 393),
]


@pytest.fixture(autouse=True)
def _book_root(monkeypatch):
    monkeypatch.setenv("Q2030_ROOT", str(REPO))
    monkeypatch.delenv(datapackage.DECLARED_INPUTS_ENV, raising=False)


# --- the package, from the data ----------------------------------------------------------


def test_data_gives_the_instances_frequencies_and_leads_of_the_text():
    got = model.instances()
    assert [i.label for i in got] == list(INSTANCES)
    assert [i.short for i in got] == SHORT
    assert {i.label: (i.per_year, i.frequency_words) for i in got} == INSTANCES
    assert {i.label: i.lead for i in got if i.lead} == LEADS


def test_data_gives_the_two_lists_and_their_differences():
    orgs = model.organisations()["libelle"]
    result = model.compare_committee_and_signatories()
    assert [orgs[c] for c in result.both + result.only_committee] == [
        o for o in STEERING_COMMITTEE if o not in ONLY_COMMITTEE
    ] + ONLY_COMMITTEE
    assert sorted(orgs[c] for c in result.only_signing) == sorted(ONLY_SIGNING)
    assert [orgs[c] for c in result.only_committee] == ONLY_COMMITTEE
    assert [b.nom for b in result.unattached] == ["Véronique BRIOIS"]
    assert len(model.signatory_organisations()) == SIGNING_ORGANISATIONS


def test_layers_follow_the_links():
    """Every arrow climbs: an instance sits above every instance that feeds it."""
    position = diagram.diagram_layout()
    code = {i.short: i.code for i in model.instances()}
    for source, _, target, _ in LINKS:
        assert position[code[target]][1] > position[code[source]][1], (source, target)
    # within a layer, two instances never share a place
    places = list(position.values())
    assert len(set(places)) == len(places)


def test_a_new_instance_and_link_extend_the_diagram_and_the_calendar(tmp_path, monkeypatch):
    shutil.copytree(REPO / "data", tmp_path / "data")
    folder = tmp_path / "data" / "gouvernance"
    with (folder / "instances.csv").open("a", encoding="utf-8") as f:
        f.write("atelier,Atelier des habitants,Atelier test,Rôle de test.,,3,trois fois l'an,,1934\n")
    with (folder / "relations.csv").open("a", encoding="utf-8") as f:
        f.write("atelier,equipe_projet,alimente,Il prépare le COPIL de territoire des élus,,1934\n")
    monkeypatch.setenv("Q2030_ROOT", str(tmp_path))
    datapackage._descriptor.cache_clear()
    try:
        assert validation.validate(tmp_path) == []
        drawn = diagram.figure()
        texts = [a.text for a in drawn.plot.layout.annotations if a.text]
        assert "Atelier test" in texts
        assert diagram.diagram_layout()["atelier"][1] == 0  # below the équipe projet now
        meetings = calendar.figure()
        assert list(meetings.plot.data[0].x) == [2, 1, 1, 4, 3]
        assert "Atelier test" in meetings.description
    finally:
        datapackage._descriptor.cache_clear()


# --- the built pages ---------------------------------------------------------------------


@pytest.mark.build
def test_governance_part_is_in_the_navigation_with_a_description(site):
    home = page(site, "book/index.html")
    caption = [normalise(c.get_text()) for c in home.select("p.caption")]
    assert "Gouvernance du contrat" in caption
    # the parts follow the contract: évaluation (I), géographie (II), enjeux (III), gouvernance (IV)
    assert caption.index("Gouvernance du contrat") > caption.index("Évaluation du contrat 2015-2023")
    # then what came after the contract (its follow-up), then « À propos »
    assert caption.index("Gouvernance du contrat") == caption.index("Suivi du contrat 2024-2030") - 1
    assert caption[-1] == "À propos"
    for path in PAGES.values():
        soup = page(site, path)
        description = soup.find("meta", attrs={"name": "description"})
        assert description and len(description["content"]) > 60, path
        assert soup.html["lang"] == "fr"


@pytest.mark.build
def test_the_evaluation_of_governance_is_linked_both_ways(site):
    index = page(site, PAGES["index"])
    assert any(
        a["href"].endswith("book/evaluation/gouvernance-partenariat.html#evaluation-gouvernance")
        or a["href"].endswith("book/evaluation/gouvernance-partenariat.html")
        for a in index.select("main a[href]")
    )
    evaluation = page(site, "book/evaluation/gouvernance-partenariat.html")
    assert any("notebooks/gouvernance/index.html" in a["href"] for a in evaluation.select("main a[href]"))
    home = page(site, "book/index.html")
    assert any("notebooks/gouvernance/index.html" in a["href"] for a in home.select("main a[href]"))


@pytest.mark.build
def test_instances_table_shows_the_frequencies_and_leads_of_the_text(site):
    rows = html_table(page(site, PAGES["index"]), "tableau-instances")
    assert list(rows) == list(INSTANCES)
    for name, (per_year, words) in INSTANCES.items():
        role, lead, frequency, line = rows[name]
        if per_year is None:
            assert frequency == "non indiquée", name
        else:
            assert frequency.startswith(f"au moins {per_year} réunion"), name
            assert f"« {words} »" in frequency, name
        assert lead == LEADS.get(name, "non précisée"), name


@pytest.mark.build
def test_calendar_counts_the_minimum_meetings_and_never_a_zero(site):
    rows = html_table(page(site, PAGES["index"]), "donnees-calendrier")
    assert list(rows) == SHORT
    for short, (per_year, words) in zip(SHORT, INSTANCES.values()):
        assert rows[short][0] == (str(per_year) if per_year else "non indiquée"), short
        assert rows[short][1] == (f"« {words} »" if words else "non indiqué"), short
    assert not any(cells[0] == "0" for cells in rows.values())


@pytest.mark.build
def test_diagram_data_lists_each_link_with_its_words_and_line(site):
    soup = page(site, PAGES["index"])
    rows = list(html_table(soup, "donnees-liens-instances").items())
    assert [(k.split(" #")[0], v[0], v[1], int(v[3])) for k, v in rows] == LINKS
    description = normalise(soup.find(id="fig-liens-instances-desc").get_text())
    assert "6 instances reliées par 5 liens" in description


@pytest.mark.build
def test_missions_and_lists_keep_the_contracts_items(site):
    soup = page(site, PAGES["index"])
    missions = soup.find("dl", id="missions-des-instances")
    got = {
        normalise(dt.get_text()): len(dt.find_next_sibling("dd").select("li"))
        for dt in missions.find_all("dt")
    }
    assert got == MISSIONS
    assert len(soup.select("#liste-niveaux-de-pilotage li")) == 2  # l. 1887-1888
    roles = page(site, PAGES["composition"]).select("#liste-role-des-acteurs li")
    assert len(roles) == 9  # l. 1918-1926
    assert "lire « contrat de ville »" in normalise(roles[4].get_text())  # l. 1922


@pytest.mark.build
def test_members_per_instance_in_the_table_and_the_grid(site):
    soup = page(site, PAGES["composition"])
    members = html_table(soup, "tableau-membres")
    assert {k: int(v[0]) for k, v in members.items()} == MEMBERS
    grid = html_table(soup, "donnees-qui-siege-ou")
    columns = [
        normalise(th.get_text())
        for th in soup.find("table", id="donnees-qui-siege-ou").select("thead tr:last-child th")
    ][1:]
    assert columns == SHORT + ["Signe le contrat"]
    for k, short in enumerate(SHORT):
        assert sum(cells[k] == "oui" for cells in grid.values()) == MEMBERS[short], short
    assert sum(cells[-1] == "oui" for cells in grid.values()) == SIGNING_ORGANISATIONS
    copil = SHORT.index("Comité de pilotage du contrat de ville")
    assert [org for org, cells in grid.items() if cells[copil] == "oui"] == STEERING_COMMITTEE


@pytest.mark.build
def test_signatories_in_the_contracts_order_with_functions_without_names(site):
    soup = page(site, PAGES["signataires"])
    rows = html_table(soup, "tableau-signataires")
    assert len(rows) == len(SIGNATORIES) == 26
    assert [k.split(" #")[0] for k in rows] == [n or "Nom non imprimé" for n in SIGNATORIES]
    assert [int(cells[0]) for cells in rows.values()] == list(range(1, 27))
    unnamed = {int(cells[0]): cells[1] for k, cells in rows.items() if k.startswith("Nom non imprimé")}
    assert unnamed == UNNAMED
    note = normalise(soup.find("table", id="tableau-signataires").find_next("p").get_text())
    assert note.startswith("26 blocs de signature, dont 3 fonctions sans nom")


@pytest.mark.build
def test_steering_committee_and_signatories_are_compared_for_the_reader(site):
    soup = page(site, PAGES["signataires"])
    gaps = html_table(soup, "tableau-ecarts-copil-signataires")
    assert list(gaps)[:5] == ONLY_SIGNING + ONLY_COMMITTEE
    assert all(gaps[o][0] == "non" and gaps[o][1].startswith("oui") for o in ONLY_SIGNING)
    assert gaps["SEM"][:2] == ["oui (l. 1914)", "non"]
    assert list(gaps)[5].startswith("Bloc n° 20 : Véronique BRIOIS")
    box = soup.find("aside", id="controles-copil-signataires")
    both = len(STEERING_COMMITTEE) - len(ONLY_COMMITTEE)  # 21 on both lists
    gaps_count = 1 + len(ONLY_SIGNING) + len(ONLY_COMMITTEE)  # the claim itself, and each organisation
    assert normalise(box.select_one(".q2030-checks-summary").get_text()) == (
        f"{both + gaps_count + 1} contrôles : {both} valeurs concordent, {gaps_count} écarts "
        "relevés, 1 lacune du texte."
    )
    claim = box.select("table")[0].select("tbody tr")[0]
    assert "composé de l'ensemble des signataires" in claim.get_text()
    assert claim.find_all("td")[-1].get_text() == "ligne 1898"
    shown = normalise(box.select("table")[0].get_text())
    assert all(o in shown for o in ONLY_SIGNING + ONLY_COMMITTEE)


def _box_rows(soup, box_id: str) -> dict[str, list[str]]:
    box = soup.find("aside", id=box_id)
    assert box is not None, box_id
    return {
        normalise(tr.th.get_text()): [normalise(td.get_text()) for td in tr.find_all("td")]
        for tr in box.select("tbody tr")
    }


@pytest.mark.build
def test_what_the_text_leaves_out_is_said(site):
    rows = _box_rows(page(site, PAGES["index"]), "lacunes-instances")
    by_line = {int(cells[-1].removeprefix("ligne ")): (subject, cells) for subject, cells in rows.items()}
    # l. 1947: « un objectif d'acteurs visités par an », without the number
    subject, cells = by_line[1947]
    assert "objectif d'acteurs visités par an" in cells[0] and "Lacune du texte" in cells[2]
    # l. 1928: the commitments are « précisés en annexe », and the annex is not there
    assert "en annexe" in by_line[1928][1][0]
    # instances without a frequency (l. 1892, 1951) or without a lead
    assert by_line[1892][1][0].startswith("Aucune fréquence ; animation non précisée")
    assert by_line[1951][1][0].startswith("Aucune fréquence ; animation non précisée")
    assert by_line[1890][1][0] == "Au moins 2 réunions par an ; animation non précisée"
    assert all("Lacune du texte" in cells[2] for cells in rows.values())
    unnamed = _box_rows(page(site, PAGES["signataires"]), "lacunes-signataires")
    assert sorted(int(c[-1].removeprefix("ligne ")) for c in unnamed.values()) == [1979, 2044, 2088]
    dates = _box_rows(page(site, PAGES["chronologie"]), "lacunes-contrat")
    assert any("Date de signature" in s for s in dates)


@pytest.mark.build
def test_timeline_dates_and_their_lines(site):
    soup = page(site, PAGES["chronologie"])
    rows = html_table(soup, "tableau-chronologie")
    assert [(k, int(v[-1])) for k, v in rows.items()] == TIMELINE
    assert "2024-1314" in rows["28 décembre 2023"][1]  # l. 404: the decree's number
    assert "6 ans" in rows["2030"][1]  # l. 393: « une durée de 6 ans »
    assert list(html_table(soup, "donnees-chronologie")) == [d for d, _ in TIMELINE]


@pytest.mark.build
def test_every_governance_figure_has_title_text_alternative_data_and_downloads(site):
    figures = 0
    for path in PAGES.values():
        soup = page(site, path)
        for figure in soup.select("figure.q2030-figure"):
            figures += 1
            assert_figure_described(figure, min_description=80)
            links = figure.select("a[download]")
            assert links
            for link in links:
                assert link["href"].endswith(".csv")
                assert (site / path).parent.joinpath(link["href"]).resolve().is_file()
    assert figures == 4


# --- in the browser ----------------------------------------------------------------------

DRAWN = {  # page: {figure id: (selector inside the figure, expected count)}
    "index": {
        "fig-liens-instances": [
            ("g.annotation", 6 + 5 + 5),  # boxes, arrow heads, words
            ("g.trace.scatter path.js-line", len(LINKS)),
        ],
        "fig-calendrier-reunions": [("g.trace.bars g.point", 4), ("g.textpoint", 2)],
    },
    "composition": {
        "fig-qui-siege-ou": [("g.trace.scatter path.point", sum(MEMBERS.values()) + SIGNING_ORGANISATIONS)]
    },
    "chronologie": {
        "fig-chronologie": [
            ("g.trace.scatter path.point", 6),  # known to the day
            ("g.trace.scatter path.js-line", 7),  # years only
            ("g.annotation", len(TIMELINE)),
        ]
    },
}


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("name", list(DRAWN))
def test_governance_charts_are_drawn_without_error_or_foreign_request(browser, server, name):
    tab, _, charts, requests, errors = open_chart_page(browser, server, PAGES[name])
    expected = DRAWN[name]
    assert charts == len(expected)  # the page's charts, all drawn, are those expected
    for figure, selectors in expected.items():
        for selector, count in selectors:
            assert tab.locator(f"#{figure} {selector}").count() == count, (figure, selector)
    foreign = [u for u in requests if not u.startswith(server) and not u.startswith(("data:", "blob:"))]
    assert not foreign
    assert not errors
    tab.close()


@pytest.mark.build
@pytest.mark.browser
def test_diagram_names_every_instance_and_link(browser, server):
    tab = browser.new_page()
    tab.goto(f"{server}/{PAGES['index']}", wait_until="networkidle")
    tab.locator("#fig-liens-instances").scroll_into_view_if_needed()
    tab.wait_for_selector('#fig-liens-instances[data-q2030-drawn="true"]')
    texts = [
        " ".join(t.split()) for t in tab.locator("#fig-liens-instances g.annotation text").all_text_contents()
    ]
    joined = " | ".join(texts)
    for short in SHORT:
        assert all(word in joined for word in short.split()), short
    for _, words, _, _ in LINKS:
        assert words in texts, words
    tab.close()


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("name", list(PAGES))
def test_governance_pages_fit_a_phone_screen(browser, server, name):
    """At 360 px, nothing pushes the page sideways: wide tables scroll inside their own box."""
    tab = browser.new_page()
    tab.set_viewport_size({"width": 360, "height": 740})
    tab.goto(f"{server}/{PAGES[name]}", wait_until="networkidle")
    tab.wait_for_timeout(300)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    widths = tab.evaluate("""() => [...document.querySelectorAll('.q2030-plot')]
        .map(p => p.getBoundingClientRect().right)""")
    assert all(right <= 360 for right in widths), widths
    tab.close()
