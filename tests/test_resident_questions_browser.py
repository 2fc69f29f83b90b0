"""Residents on a phone (Chromium at 390 x 844, touch) start from the home page with the
everyday questions of issue 19: each answer is reached within three taps, and the first
screen holds the search field, the key figures, the map and the links to each quartier.

The answers are the contract's (lines given)."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from helpers import normalise

pytestmark = [pytest.mark.build, pytest.mark.browser]

HOME = "book/index.html"
MAX_TAPS = 3
SCREEN_HEIGHT = 844  # the phone fixture's viewport


class Walk:
    """One resident's way from the home page: every tap counted."""

    def __init__(self, tab, server: str):
        self.tab, self.server, self.taps = tab, server, 0
        tab.goto(f"{server}/{HOME}", wait_until="load")

    def tap(self, locator) -> None:
        locator.scroll_into_view_if_needed()
        with self.tab.expect_navigation(wait_until="load"):
            locator.tap()
        self.taps += 1

    def at(self, path: str) -> bool:
        return urlparse(self.tab.url).path.endswith("/" + path)

    def text(self) -> str:
        return normalise(self.tab.locator("main").inner_text())


@pytest.fixture
def walk(phone, server):
    tab = phone.new_page()
    yield Walk(tab, server)
    tab.close()


def _in_first_screen(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= SCREEN_HEIGHT


def test_the_first_screen_holds_search_figures_map_and_quartiers(walk):
    tab = walk.tab
    things = {
        "champ de recherche": tab.locator("#q2030-home-search-input"),
        "carte": tab.locator(".q2030-overview-map svg"),
    }
    for i in range(4):
        things[f"chiffre clé {i + 1}"] = tab.locator(".q2030-home .q2030-keyfigure").nth(i)
        things[f"quartier {i + 1}"] = tab.locator('nav[aria-label="Mon quartier"] li').nth(i)
    outside = [name for name, locator in things.items() if not _in_first_screen(locator)]
    assert outside == [], f"hors du premier écran à 390 × 844 : {outside}"


def test_my_quartiers_poverty_rate(walk):
    # l. 551: « Le taux de pauvreté le plus élevé à l'échelle des QPV de la CAB : 48 % en 2019 »
    walk.tap(walk.tab.locator('nav[aria-label="Mon quartier"] a', has_text="Chemin Vert"))
    assert walk.at("notebooks/geographie/chemin-vert.html")
    card = walk.tab.locator(".q2030-keyfigure", has_text="taux de pauvreté").first
    assert "48 %" in normalise(card.inner_text()) and _in_first_screen(card)
    assert walk.taps <= MAX_TAPS


def test_what_the_state_gave_for_jobs_in_2019(walk):
    # T-EVAL-01, l. 95: « Développer l'activité et l'emploi … 316 521 € » in 2019
    walk.tap(walk.tab.locator(".q2030-home .q2030-keyfigure a", has_text="de l'État"))
    assert walk.at("notebooks/evaluation/enveloppe.html")
    assert "316 521 €" in normalise(walk.tab.locator("#tableau-enveloppe-etat").inner_text())
    assert walk.taps <= MAX_TAPS


@pytest.mark.parametrize(
    ("question", "page", "answer"),
    [
        ("Qui a signé le contrat ?", "notebooks/gouvernance/signataires.html", "Procureur de la République"),
        ("Qu'ont répondu les habitants ?", "notebooks/consultation/reponses.html", "152 répondants"),
        ("Le contrat contient-il des erreurs ?", "book/releve.html", "Lacune du texte"),
        ("Où sont les quartiers ?", "notebooks/geographie/carte.html", "Outreau"),
        ("Le site est-il accessible ?", "book/accessibilite.html", "Défenseur des droits"),
    ],
)
def test_a_question_of_the_home_page_leads_to_its_answer(walk, question, page, answer):
    walk.tap(walk.tab.locator(".q2030-home-questions > li > a", has_text=question))
    assert walk.at(page)
    assert answer in walk.text()
    assert walk.taps <= MAX_TAPS


def test_what_qpv_means(walk):
    walk.tap(walk.tab.locator(".q2030-home-questions > li > a", has_text="Que veut dire « QPV »"))
    assert walk.at("book/glossaire.html")
    entry = walk.tab.locator("#sigle-qpv")
    assert _in_first_screen(entry)
    definition = normalise(entry.locator("xpath=following-sibling::dd[1]").inner_text())
    assert definition.startswith("Quartier prioritaire de la politique de la ville")
    assert walk.taps <= MAX_TAPS


def test_the_data_download_in_one_tap(walk):
    link = walk.tab.locator(".q2030-home-downloads a", has_text="Télécharger les données")
    link.scroll_into_view_if_needed()
    with walk.tab.expect_download() as download:
        link.tap()
    assert download.value.suggested_filename == "quartiers2030-donnees.zip"


def test_what_is_planned_for_young_people(walk):
    # l. 854: « Mettre l'accent sur la population "jeunes" » (axis 1), with axis 3's.
    walk.tap(walk.tab.locator(".q2030-home-questions > li > a", has_text="pour les jeunes"))
    assert walk.at("book/themes.html")
    walk.tab.locator(".q2030-themes-nav a", has_text="Les jeunes").tap()
    walk.taps += 1  # within the page
    theme = walk.tab.locator("#theme-jeunes")
    theme.wait_for()
    assert 'Mettre l\'accent sur la population "jeunes"' in normalise(theme.inner_text())
    assert theme.locator(".q2030-theme-axis").count() == 2
    assert walk.taps <= MAX_TAPS


def test_does_the_contract_contain_errors_by_the_search_field(walk):
    tab = walk.tab
    tab.locator("#q2030-home-search-input").tap()
    tab.keyboard.type("erreur")
    walk.taps += 1
    walk.tap(tab.locator(".q2030-home-search button"))
    assert walk.at("search.html")
    first = tab.locator("#q2030-search .pagefind-ui__result-link").first
    first.wait_for(timeout=10_000)
    walk.tap(first)
    assert walk.at("book/releve.html")
    assert tab.locator("li.q2030-finding").count() > 20
    assert walk.taps <= MAX_TAPS
