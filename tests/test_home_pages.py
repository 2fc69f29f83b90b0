"""The home page answers (issue 19): a search field, four key figures from the data each
linking to the page that explains it, a small map and a link to each quartier, the
residents' questions each linked to its answer, the data to download; « Ce que le site a
relevé dans le contrat » lists every gap the checks boxes report; « Méthode » lists the
files; the accessibility statement gives its contact or says it is to be completed.

Expected values are the contract's (lines given), never the data's."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from helpers import digits, normalise, page, squash
from test_gouvernance_data import SIGNATORIES  # l. 1971-2108

pytestmark = pytest.mark.build

HOME = "book/index.html"
FINDINGS = "book/releve.html"
# l. 423-426: the four quartiers, their communes and population; l. 427 prints the total.
QUARTIERS = {
    "Damrémont": ("Boulogne-sur-Mer", 1737, "notebooks/geographie/damremont.html"),
    "Centre Ville": ("Boulogne-sur-Mer", 2776, "notebooks/geographie/centre-ville.html"),
    "Chemin Vert - Beaurepaire et Marlborough": (
        "Boulogne-sur-Mer et Saint-Martin-Boulogne",
        7543,
        "notebooks/geographie/chemin-vert.html",
    ),
    "Résidences Sud du Boulonnais": (
        "Boulogne-sur-Mer, Outreau et Le Portel",
        6323,
        "notebooks/geographie/residences-sud.html",
    ),
}
QPV_COMMUNES = ["Boulogne-sur-Mer", "Outreau", "Le Portel", "Saint-Martin-Boulogne"]  # l. 420
RESPONDENTS = 152  # l. 1572
# the question a resident asks -> the page that answers it (never the one beside it)
ANSWERS = {
    "Qu'ont répondu les habitants ?": "notebooks/consultation/reponses.html",
    "Qui a signé le contrat ?": "notebooks/gouvernance/signataires.html",
    "Où sont les quartiers ?": "notebooks/geographie/carte.html",
    "Le contrat contient-il des erreurs ?": "book/releve.html",
    "Le site est-il accessible ?": "book/accessibilite.html",
}


def _target(site: Path, source: str, href: str) -> tuple[Path, str]:
    """The file a relative link of `source` leads to, and its anchor."""
    url = urlparse(urljoin(f"http://site/{source}", href))
    return site / url.path.lstrip("/"), url.fragment


def assert_leads_somewhere(site: Path, source: str, href: str) -> str:
    """The link's file exists and, when it names an anchor, that anchor is on the page."""
    path, anchor = _target(site, source, href)
    assert path.is_file(), f"{source} : le lien {href} ne mène à aucun fichier"
    if anchor and path.suffix == ".html":
        assert page(path.parent, path.name).find(id=anchor) is not None, f"{source} : ancre absente {href}"
    return path.relative_to(site).as_posix()


def _printed_totals(lines) -> int:
    """The sum of the yearly totals that T-EVAL-01 prints (l. 102)."""
    cells = lines[101].split("\t")
    assert cells[0] == "TOTAL"
    return sum(int(digits(c)) for c in cells[1:] if digits(c))


@pytest.fixture(scope="module")
def home(site):
    return page(site, HOME)


def test_the_first_screen_has_a_search_field_sent_to_the_search_page(site, home):
    form = home.select_one("main form.q2030-home-search")
    assert form is not None and form["method"] == "get"
    assert assert_leads_somewhere(site, HOME, form["action"]) == "search.html"
    field = form.find("input", attrs={"name": "q"})
    assert field is not None and form.find("label", attrs={"for": field["id"]}) is not None


def test_four_key_figures_from_the_contract_each_link_to_their_page(site, home, lines):
    cards = {}
    for card in home.select("main .q2030-home .q2030-keyfigure"):
        link = card.find("a")
        assert link is not None, normalise(card.get_text())
        cards[digits(card.dd.get_text())] = assert_leads_somewhere(site, HOME, link["href"])
    assert "18 379 habitants" in lines[426]
    assert cards == {
        str(sum(q[1] for q in QUARTIERS.values())): "notebooks/geographie/comparer.html",
        str(_printed_totals(lines)): "notebooks/evaluation/enveloppe.html",
        str(RESPONDENTS): "notebooks/consultation/reponses.html",
        str(len(SIGNATORIES)): "notebooks/gouvernance/signataires.html",
    }
    assert f"{RESPONDENTS} répondants" in lines[1571]


def test_mon_quartier_a_map_then_a_link_to_each_quartier(site, home):
    svg = home.select_one("main .q2030-overview-map svg[role=img]")
    assert svg is not None
    described = normalise(svg.desc.get_text())
    assert all(c in described for c in QPV_COMMUNES), described
    assert sorted(normalise(t.get_text()) for t in svg.find_all("text")) == sorted(QPV_COMMUNES)
    assert len(svg.select('path[fill^="url("]')) == len(QPV_COMMUNES)  # hatched
    nav = home.select_one('main nav[aria-label="Mon quartier"]')
    found = {}
    for a in nav.find_all("a"):
        name = normalise(a.strong.get_text())
        found[name] = (normalise(a.select_one(".q2030-home-quartier-where").get_text()), a["href"])
    for name, (communes, _, target) in QUARTIERS.items():
        assert found[name][0] == communes
        assert assert_leads_somewhere(site, HOME, found[name][1]) == target
    assert assert_leads_somewhere(site, HOME, found["Comparer les quartiers"][1]) == (
        "notebooks/geographie/comparer.html"
    )


def test_each_question_leads_straight_to_its_answer(site, home):
    questions = {
        normalise(a.select_one(".q2030-home-question").get_text()): a["href"]
        for a in home.select("main .q2030-home-questions a")
        if a.select_one(".q2030-home-question")
    }
    for question, target in ANSWERS.items():
        assert assert_leads_somewhere(site, HOME, questions[question]) == target, question
    qpv = next(h for q, h in questions.items() if "QPV" in q)
    assert assert_leads_somewhere(site, HOME, qpv) == "book/glossaire.html"
    assert qpv.endswith("#sigle-qpv")


def test_every_link_of_the_home_page_leads_somewhere(site, home):
    links = [
        a["href"] for a in home.select("article a[href]") if not a["href"].startswith(("http", "mailto:"))
    ]
    assert len(links) > 20
    for href in links:
        if href.startswith("#"):
            assert home.find(id=href[1:]) is not None, href
        else:
            assert_leads_somewhere(site, HOME, href)


def _downloads(site: Path, source: str, block) -> list[str]:
    return [assert_leads_somewhere(site, source, a["href"]) for a in block.select("a[download]")]


def test_the_data_are_downloaded_from_the_home_page_and_methode(site, home):
    """The archive first, then every CSV the site publishes, one link each, on both pages."""
    published = sorted(p.relative_to(site).as_posix() for p in (site / "donnees").rglob("*.csv"))
    for source, block in (
        (HOME, home.select_one("main .q2030-home-downloads")),
        ("book/methode.html", page(site, "book/methode.html").find(id="telecharger-les-donnees")),
    ):
        targets = _downloads(site, source, block)
        assert targets[0] == "donnees/quartiers2030-donnees.zip", source
        listed = [t for t in targets if t.endswith(".csv")]
        assert "donnees/geographie/qpv.csv" in listed and "donnees/evaluation/enveloppe_etat.csv" in listed
        assert set(listed) <= set(published) and len(listed) == len(set(listed)), source
        assert len(listed) > 40, source


# --- « Ce que le site a relevé dans le contrat » -----------------------------------------


def _gap_rows(site: Path) -> dict[str, set[str]]:
    """Every gap the site's boxes report about the contract, by the subject of its row: the
    boxes that show it. The suivi's box (an imported programmation against the contract's
    objectives) says how the contract is carried out, not what its text gets wrong."""
    found: dict[str, set[str]] = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("_static/", "donnees/", "notebooks/suivi/")) or rel == FINDINGS:
            continue
        soup = page(site, rel)
        for box in soup.select("aside.q2030-checks"):
            table = box.find("table", id=re.compile(r"-ecarts$"))
            for tr in table.select("tbody tr") if table else []:
                found.setdefault(normalise(tr.th.get_text()), set()).add(f"{rel}#{box['id']}")
    return found


def test_the_findings_list_every_gap_of_every_box_once_with_a_link_to_it(site):
    reported = _gap_rows(site)
    assert len(reported) > 20
    soup = page(site, FINDINGS)
    listed: dict[str, set[str]] = {}
    for item in soup.select("main li.q2030-finding"):
        subject = normalise(item.select_one(".q2030-finding-subject").get_text())
        subject = subject.split(" : ", 1)[1]
        boxes = set()
        for a in item.select(".q2030-finding-link a"):
            target = assert_leads_somewhere(site, FINDINGS, a["href"])  # the page and its anchor
            boxes.add(f"{target}#{urlparse(a['href']).fragment}")
        listed.setdefault(subject, set()).update(boxes)
    assert listed == reported


def test_the_findings_show_the_printed_value_beside_the_recalculated_one(site, lines):
    soup = page(site, FINDINGS)
    items = {
        normalise(i.select_one(".q2030-finding-subject").get_text()): i
        for i in soup.select("li.q2030-finding")
    }
    # T-EVAL-01's commentary: « représente 25 % de la programmation » (l. 108)
    assert "25 %" in lines[107]
    emploi = items["✗ Écart : Part du pilier « Emploi »"]
    values = [normalise(dd.get_text()) for dd in emploi.select("dd")]
    assert values[0] == "25 %" and values[1] != values[0]
    # Signature block n° 14 prints a function, no name (l. 2044).
    assert "Procureur de la République" in lines[2043]
    assert "? Lacune du texte : Signataire n° 14" in items


def test_the_findings_are_linked_from_the_home_page_and_found_by_their_words(site, home, book_keywords):
    assert any(a["href"].startswith("releve.html") for a in home.select("main a[href]"))
    assert {"erreur", "incohérence", "contradiction"} <= set(book_keywords["book/releve"])


@pytest.fixture(scope="module")
def book_keywords() -> dict:
    import yaml

    from helpers import REPO

    return yaml.safe_load((REPO / "book/mots-cles-recherche.yml").read_text(encoding="utf-8"))


# --- the accessibility statement ------------------------------------------------------------


def test_the_statement_says_its_contact_is_to_be_completed_and_links_the_recourse(site):
    soup = page(site, "book/accessibilite.html")
    contact = soup.find(id="retour-d-information-et-contact")
    assert "À compléter" in normalise(contact.get_text())
    recourse = soup.find(id="voies-de-recours")
    links = {normalise(a.get_text()): a["href"] for a in recourse.find_all("a")}
    assert links["formulaire de contact en ligne du Défenseur des droits"].startswith(
        "https://formulaire.defenseurdesdroits.fr"
    )
    assert any("defenseurdesdroits.fr" in h and "formulaire" not in h for h in links.values())


# --- entry points ----------------------------------------------------------------------------


def test_the_signatories_come_first_as_a_short_list_before_the_blocks(site):
    soup = page(site, "notebooks/gouvernance/signataires.html")
    short = soup.select_one("main ol.q2030-signatories")
    names = [normalise(li.strong.get_text()) for li in short.find_all("li")]
    assert len(names) == len(SIGNATORIES)
    assert [n for n, s in zip(names, SIGNATORIES) if s] == [s for s in SIGNATORIES if s]
    assert "Procureur de la République" in names  # l. 2044: the function, no name printed
    html = str(soup.select_one("main"))
    assert html.index("q2030-signatories") < html.index('id="tableau-signataires"')
    # The governance page names the list before its first section.
    index = page(site, "notebooks/gouvernance/index.html")
    first = index.select_one("main section section")
    before = str(index.select_one("main"))[: str(index.select_one("main")).index(str(first)[:60])]
    assert "signataires.html" in before


# the themes residents look for -> orientations of the contract that must be among them
# (their code and words, l. 854, 856-858, 1039-1040…: the contract's own titles)
THEMES = {
    "Les jeunes": (
        'Mettre l\'accent sur la population "jeunes"',
        "Du décrochage scolaire au raccrochage scolaire",
    ),
    "L'emploi": ("Renforcer l'accompagnement socio professionnel",),
    "La sécurité": ("Améliorer la lutte contre la récidive",),
    "Le logement": ("Réduire l'impact énergétique des bâtiments",),
    "La santé": ("Tendre vers un meilleur accès aux soins",),
    "L'éducation": ("Repenser la place de l'école",),
}


def test_entry_points_by_theme_gather_orientations_of_every_axis_and_the_quartiers(site, lines):
    soup = page(site, "book/themes.html")
    found = {}
    for section in soup.select("main section.q2030-theme"):
        title = normalise(section.h2.get_text())
        orientations = [normalise(a.get_text()) for a in section.select(".q2030-theme-orientations a")]
        for a in section.select("a[href]"):
            assert_leads_somewhere(site, "book/themes.html", a["href"])
        axes = [normalise(p.get_text()) for p in section.select(".q2030-theme-axis")]
        found[title] = (orientations, axes, section)
    assert list(found) == list(THEMES)
    for theme, wanted in THEMES.items():
        for text in wanted:
            assert text in found[theme][0], (theme, text)
            assert any(squash(text) in squash(line) for line in lines), text
    # The young are served by two axes (l. 854 in axis 1, l. 1040… in axis 3).
    assert len(found["Les jeunes"][1]) == 2
    quartiers = [normalise(a.get_text()) for a in found["Le logement"][2].select(".q2030-theme-quartiers a")]
    assert quartiers == list(QUARTIERS)
    home = page(site, HOME)
    answers = [a["href"] for a in home.select(".q2030-home-questions a") if "jeunes" in a.get_text()]
    assert [assert_leads_somewhere(site, HOME, h) for h in answers] == ["book/themes.html"]


def test_a_long_page_opens_with_the_list_of_its_sections(site):
    soup = page(site, "notebooks/geographie/chemin-vert.html")
    summary = soup.select_one("main details.q2030-page-summary")
    assert summary is not None
    links = [a["href"] for a in summary.select("nav a")]
    headings = [f"#{s['id']}" for s in soup.select("main section > section") if s.find("h2", recursive=False)]
    assert links == headings and len(links) >= 4
    html = str(soup.select_one("main"))
    assert html.index("q2030-page-summary") < html.index(f'id="{headings[0][1:]}"')
    assert page(site, "notebooks/evaluation/egalite.html").select_one(".q2030-page-summary") is None
