"""Part III, B « La consultation Quartiers 2030 » and the local orientations on the site.

Every date, count, percentage, ranked answer and quotation, as written in the test from the
source text (here, or in tests/test_consultation_data.py and tests/test_enjeux_data.py,
which copy the contract), equals what the built pages show. The contract's own
contradictions must appear as gaps in the pages' « contrôles de cohérence »; the two charts
that the published text lost must say so, and appear when their data file is added."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from helpers import (
    REPO,
    assert_ids_unique_and_figures_described,
    html_table,
    normalise,
    page,
    table_columns,
    wait_until_drawn,
)
from quartiers2030.core.figures import Figure
from quartiers2030.core.html import Fragment, slug
from quartiers2030.data import datapackage
from quartiers2030.parts.consultation import local_orientations, sections
from quartiers2030.site.ext.staleness import inputs_digest
from test_consultation_data import CITATIONS, RANKED, RESPONDENTS, SPLIT, TERRITORIES, _parse
from test_enjeux_data import LOCAL
from test_enjeux_data import TERRITORIES as LOCAL_TERRITORIES

# l. 1553: « Ouverte le 20 septembre 2023 … Close le 31 octobre 2023 … 12 809 contributions
# individuelles aux questionnaires, dont 6 218 complètes »
OPENING, CLOSING, CONTRIBUTIONS, COMPLETE = "20 septembre 2023", "31 octobre 2023", "12 809", "6 218"
# l. 1661-1671, each « (152 répondants) »
PARTICIPATION = {
    "Savez-vous qu'il est possible de participer aux décisions qui concernent votre quartier ?": [
        "55,9 %",
        "44,1 %",
        "",
    ],
    "Avez-vous déjà assisté à des réunions où les habitants participent à la vie de leur quartier ?": [
        "48,03 %",
        "46,05 %",
        "8,92 %",
    ],
}
DETAILED = ["chemin_vert_beaurepaire_marlborough", "tour_du_renard"]
NAMES = {code: name for code, name, _, _ in TERRITORIES}


@pytest.fixture(autouse=True)
def _book_root(monkeypatch):
    monkeypatch.setenv("Q2030_ROOT", str(REPO))
    monkeypatch.delenv(datapackage.DECLARED_INPUTS_ENV, raising=False)


def _ranked(question: str, territory: str) -> list[tuple[str, int]]:
    block = next(b for (q, t, _), b in RANKED.items() if (q, t) == (question, territory))
    return _parse(block)


def _gaps(soup, box_id: str) -> list[str]:
    box = soup.find(id=box_id)
    assert box is not None, f"encadré #{box_id} absent"
    return [
        normalise(tr.get_text(" "))
        for tr in box.select("tr.q2030-check-ecart, tr.q2030-check-arrondi, tr.q2030-check-lacune")
    ]


def _agree(soup, box_id: str) -> list[str]:
    return [normalise(tr.get_text(" ")) for tr in soup.find(id=box_id).select("tr.q2030-check-concorde")]


# --- démarche and respondents --------------------------------------------------------------


@pytest.mark.build
def test_dates_and_numbers_of_the_consultation(site):
    soup = page(site, "notebooks/consultation/index.html")
    rows = html_table(soup, "tableau-consultation")
    assert rows["Ouverture de la plateforme"][0] == OPENING
    assert rows["Clôture de la concertation en ligne"][0] == CLOSING
    assert rows["Contributions individuelles aux questionnaires"][0] == CONTRIBUTIONS
    assert rows["dont contributions complètes"][0].startswith(COMPLETE)
    assert rows["Répondants habitant un QPV de la CAB (questionnaire complété)"][0] == str(RESPONDENTS)
    platform = [k for k in rows if not k.startswith(("Répondants", "Rang"))]
    assert all(rows[k][-1] == "1553" for k in platform)
    # the préface de l'État (l. 49): « le premier département de France en termes de consultation »
    rank = rows["Rang du Pas-de-Calais parmi les départements de France (préface de l'État)"]
    assert rank == ["premier", "49"]


@pytest.mark.build
def test_quartiers_analysed_and_split_of_the_152_respondents(site):
    soup = page(site, "notebooks/consultation/index.html")
    listed = [normalise(li.get_text()) for li in soup.select("#quartiers-analyses li")]
    assert listed == [NAMES[q] for q in SPLIT]
    rows = html_table(soup, "donnees-repartition-repondants")
    for q, (share, line) in SPLIT.items():
        cells = rows[NAMES[q]]
        assert cells[0] == f"{share:.3f} %".replace(".", ",")
        assert cells[1] == str(round(share * RESPONDENTS / 100))
        assert cells[2] == str(line)
    assert rows["Total"][:2] == ["100,000 %", str(RESPONDENTS)]
    assert len(_agree(soup, "controles-consultation-repondants")) == len(SPLIT) + 1
    # what the text leaves out: the scope of the 12 809 contributions, and the two lost charts
    gaps = _gaps(soup, "controles-consultation-repondants")
    assert len(gaps) == 3 and all("Lacune du texte" in g for g in gaps)
    assert any(CONTRIBUTIONS in g and "1553" in g for g in gaps)
    assert any("tranches d'âges" in g and "1579" in g for g in gaps)
    assert any("situation professionnelle" in g and "1583" in g for g in gaps)


@pytest.mark.build
def test_lost_figures_say_their_data_is_not_in_the_published_text(site):
    soup = page(site, "notebooks/consultation/index.html")
    for kind, line in (("age", 1579), ("situation", 1583)):
        notice = soup.find(id=f"graphique-absent-{kind}")
        assert notice is not None, kind
        text = normalise(notice.get_text())
        assert "ne figurent pas dans le texte publié" in text and f"ligne {line}" in text
        assert soup.find(id=f"fig-repondants-{kind}") is None


# --- answers -----------------------------------------------------------------------------


@pytest.mark.build
@pytest.mark.parametrize("question", ["defis", "atouts", "projets", "moyens_participation"])
def test_ranked_answers_of_all_respondents(site, question):
    soup = page(site, "notebooks/consultation/reponses.html")
    table = f"classement-{slug(question)}-ensemble"
    rows = html_table(soup, table)
    expected = _ranked(question, "ensemble")
    assert list(rows) == [str(r) for r in range(1, len(expected) + 1)]
    assert [(cells[0], int(cells[1])) for cells in rows.values()] == [
        (normalise(label), count) for label, count in expected
    ]
    assert soup.find(id=f"fig-classement-{slug(question)}")["data-q2030-figure"]


@pytest.mark.build
def test_quoted_contributions_with_their_attribution(site):
    soup = page(site, "notebooks/consultation/reponses.html")
    for question in dict.fromkeys(q for q, *_ in CITATIONS):
        block = soup.find(id=f"citations-{slug(question)}")
        shown = [
            (normalise(f.blockquote.get_text()), normalise(f.figcaption.get_text()))
            for f in block.select("figure.q2030-quote")
        ]
        # each quote's line, in the order of the quotes, is in the block's « Source »
        source = block.select_one("details.q2030-source-detail")
        shown = [
            (*quote, int(span.get_text()))
            for quote, span in zip(shown, source.select(".q2030-list-source"), strict=True)
        ]
        expected = [
            (f"« {normalise(text)} »", normalise(who), line)
            for q, text, who, _, line in CITATIONS
            if q == question
        ]
        assert shown == expected


@pytest.mark.build
def test_participation_answers_and_their_checks(site):
    soup = page(site, "notebooks/consultation/reponses.html")
    assert table_columns(soup, "donnees-participation") == [
        "Oui",
        "Non",
        "Ne se prononcent pas",
        "Total",
        "Répondants",
    ]
    rows = html_table(soup, "donnees-participation")
    for question, values in PARTICIPATION.items():
        cells = rows[question]
        assert [c if not c.endswith("vide") else "" for c in cells[:3]] == values
        assert cells[-1] == str(RESPONDENTS)
    assert rows[list(PARTICIPATION)[1]][3] == "103,00 %"
    gaps = _gaps(soup, "controles-consultation-reponses")
    assert any("103,00 %" in g and "1667" in g for g in gaps)
    assert any("8,92 %" in g and "13,56" in g and "1671" in g for g in gaps)
    assert any("Quartier Centre-Ville" in g and "1654" in g for g in gaps)
    assert len(gaps) == 3
    agree = _agree(soup, "controles-consultation-reponses")
    assert any("un peu plus de la moitié" in a and "55,9 %" in a for a in agree)
    # the four overall rankings follow their counts
    assert sum("Ordre du classement" in a for a in agree) == 4


# --- by quartier -------------------------------------------------------------------------------


@pytest.mark.build
@pytest.mark.parametrize("territory", DETAILED)
@pytest.mark.parametrize("question", ["defis", "atouts", "projets"])
def test_ranked_answers_of_each_detailed_quartier(site, question, territory):
    soup = page(site, "notebooks/consultation/quartiers.html")
    rows = html_table(soup, f"classement-{slug(question)}-{slug(territory)}")
    expected = _ranked(question, territory)
    assert [(int(r), cells[0], int(cells[1])) for r, cells in rows.items()] == [
        (i, normalise(label), count) for i, (label, count) in enumerate(expected, 1)
    ]


@pytest.mark.build
def test_each_detailed_quartier_has_its_labelled_heading(site):
    """The headings are the notebook's Markdown: one for each quartier the contract details,
    in its order, labelled reponses-<code>, its lists below it."""
    soup = page(site, "notebooks/consultation/quartiers.html")
    for territory in DETAILED:
        section = soup.find(id=f"reponses-{slug(territory)}").find_parent("section")
        assert normalise(section.find("h3").find(string=True)) == NAMES[territory]
        assert section.find(id=f"classement-defis-{slug(territory)}") is not None
    headings = [normalise(h.find(string=True)) for h in soup.select("main h3, article h3")]
    assert [h for h in headings if h in NAMES.values()] == [NAMES[t] for t in DETAILED]


@pytest.mark.build
@pytest.mark.parametrize("question", ["defis", "atouts", "projets"])
def test_quartiers_side_by_side(site, question):
    soup = page(site, "notebooks/consultation/quartiers.html")
    rows = html_table(soup, f"donnees-quartiers-{slug(question)}")
    overall = _ranked(question, "ensemble")
    assert list(rows) == [normalise(label) for label, _ in overall]
    respondents = {q: round(SPLIT[q][0] * RESPONDENTS / 100) for q in DETAILED}
    for i, territory in enumerate(DETAILED):
        counts = dict(_ranked(question, territory))
        for label, _ in overall:
            count, share = rows[normalise(label)][2 * i : 2 * i + 2]
            if label in counts:
                assert int(count) == counts[label]
                assert share == f"{round(counts[label] / respondents[territory] * 100)} %"
            else:
                assert count.endswith("vide") and share.endswith("vide")
    assert [int(cells[-1]) for cells in rows.values()] == [c for _, c in overall]


@pytest.mark.build
def test_quartier_checks_report_the_contracts_contradictions(site):
    """The printed order of Chemin Vert's assets (l. 1720), two overall counts smaller than
    the two quartiers together (l. 1628, 1648), one answer missing from a list (l. 1780)."""
    soup = page(site, "notebooks/consultation/quartiers.html")
    gaps = _gaps(soup, "controles-consultation-quartiers")
    assert len(gaps) == 4, gaps
    assert any("Les transports en commun" in g and "rang 8" in g and "1720" in g for g in gaps)
    assert any("Les entreprises" in g and "2 + 4 = 6" in g and "1628" in g for g in gaps)
    assert any("Renforcer l'accès au numérique" in g and "9 + 7 = 16" in g and "1648" in g for g in gaps)
    assert any(
        "Faciliter l'accès à l'apprentissage de la langue française" in g and "1780" in g for g in gaps
    )


# --- local orientations ----------------------------------------------------------------------------


@pytest.mark.build
def test_each_quartier_and_sub_quartier_has_its_labelled_section(site):
    soup = page(site, "notebooks/consultation/orientations-locales.html")
    for code, _parent, qpv, heading, line in LOCAL_TERRITORIES:
        anchor = soup.find(id=f"orientations-{slug(code)}")
        assert anchor is not None, code
        section = anchor.find_parent("section")
        title = anchor.find_next_sibling(re.compile("h[23]")).find(string=True)  # not the « # » link
        assert normalise(title).replace("\u2019", "'") == heading
        block = section.find(id=f"orientations-locales-{slug(code)}")
        assert qpv not in block.select_one(".q2030-qpv").get_text()  # its code is in « Source »
        source = normalise(block.select_one("details.q2030-source-detail").get_text())
        assert f"ligne {line}" in source and f"code officiel du quartier prioritaire : {qpv}" in source
        # linked to the page of its QPV (géographie prioritaire, label qpv-<code>)
        href = block.select_one(".q2030-qpv a")["href"]
        target = (site / "notebooks/consultation" / href.split("#")[0]).resolve()
        assert f'id="qpv-{qpv.lower()}"' in target.read_text(encoding="utf-8"), (code, href)
        if code in LOCAL:
            _, count, _, first, last = LOCAL[code]
            items = [normalise(li.get_text()) for li in block.select("ul.q2030-items > li")]
            assert len(items) == count, code
            assert (items[0], items[-1]) == (normalise(first), normalise(last))
    assert soup.find(id="orientations-autres-territoires") is None


@pytest.mark.build
def test_local_targets_are_shown_in_their_section(site):
    soup = page(site, "notebooks/consultation/orientations-locales.html")
    assert "156 logements" in normalise(soup.find(id="orientations-locales-marlborough").get_text())
    assert "2 terrains" in normalise(soup.find(id="orientations-locales-le-portel").get_text())


# --- every page, every item of part III --------------------------------------------------------------

# The inventory of part III (lines 813-1877) and where each item is on the site.
INVENTORY = {
    "SL-ENJ-01": ("enjeux/index", "#tableau-cadre-strategique"),
    "SL-ENJ-02": ("enjeux/plein-emploi", "#liste-enjeux-plein-emploi"),
    "SL-ENJ-03": ("enjeux/plein-emploi", "#objectif-1-1"),
    "SL-ENJ-04": ("enjeux/plein-emploi", "#objectif-1-2"),
    "SL-ENJ-05": ("enjeux/plein-emploi", "#objectif-1-3"),
    "SL-ENJ-06": ("enjeux/plein-emploi", "#partenaires-plein-emploi"),
    "SL-ENJ-07": ("enjeux/transitions", "#axe-transitions"),
    "SL-ENJ-08": ("enjeux/transitions", "#partenaires-transitions"),
    "SL-ENJ-09": ("enjeux/emancipation", "#axe-emancipation"),
    "SL-ENJ-10": ("enjeux/emancipation", "#partenaires-emancipation"),
    "SL-ENJ-11": ("enjeux/surs-ouverts", "#axe-surs-ouverts"),
    "SL-ENJ-12": ("enjeux/surs-ouverts", "#partenaires-surs-ouverts"),
    "SL-ENJ-13": ("enjeux/transversaux", "#axe-transversaux"),
    "SL-LOC-01": ("consultation/index", "#la-consultation-quartiers-2030"),
    "FL-LOC-01": ("consultation/index", "#tableau-consultation"),
    "SL-LOC-02": ("consultation/index", "#quartiers-analyses"),
    "FL-LOC-02": ("consultation/index", "#fig-repartition-repondants-figure"),
    "F-LOC-01": ("consultation/index", "#graphique-absent-age, #fig-repondants-age-figure"),
    "F-LOC-02": ("consultation/index", "#graphique-absent-situation, #fig-repondants-situation-figure"),
    "FL-LOC-03": ("consultation/reponses", "#classement-defis-ensemble"),
    "SL-LOC-03": ("consultation/reponses", "#citations-defis"),
    "FL-LOC-04": ("consultation/reponses", "#classement-atouts-ensemble"),
    "SL-LOC-04": ("consultation/reponses", "#citations-atouts"),
    "FL-LOC-05": ("consultation/reponses", "#classement-projets-ensemble"),
    "SL-LOC-05": ("consultation/reponses", "#citations-projets"),
    "FW-LOC-01": ("consultation/reponses", "#fig-participation-figure"),
    "FW-LOC-02": ("consultation/reponses", "#fig-participation-figure"),
    "FL-LOC-06": ("consultation/reponses", "#classement-moyens-participation-ensemble"),
    "SL-LOC-06": ("consultation/reponses", "#citations-moyens-participation"),
    "FL-LOC-07": ("consultation/quartiers", "#classement-defis-chemin-vert-beaurepaire-marlborough"),
    "FL-LOC-08": ("consultation/quartiers", "#classement-atouts-chemin-vert-beaurepaire-marlborough"),
    "FL-LOC-09": ("consultation/quartiers", "#classement-projets-chemin-vert-beaurepaire-marlborough"),
    "FL-LOC-10": ("consultation/quartiers", "#classement-defis-tour-du-renard"),
    "FL-LOC-11": ("consultation/quartiers", "#classement-atouts-tour-du-renard"),
    "FL-LOC-12": ("consultation/quartiers", "#classement-projets-tour-du-renard"),
    "SL-LOC-07": ("consultation/orientations-locales", "#orientations-locales-chemin-vert"),
    "SL-LOC-08": ("consultation/orientations-locales", "#orientations-locales-beaurepaire"),
    "SL-LOC-09": ("consultation/orientations-locales", "#orientations-locales-marlborough"),
    "SL-LOC-10": ("consultation/orientations-locales", "#orientations-locales-centre-ville"),
    "SL-LOC-11": ("consultation/orientations-locales", "#orientations-locales-damremont"),
    "SL-LOC-12": ("consultation/orientations-locales", "#orientations-locales-montplaisir"),
    "SL-LOC-13": ("consultation/orientations-locales", "#orientations-locales-le-portel"),
    "SL-LOC-14": ("consultation/orientations-locales", "#orientations-locales-outreau"),
}


@pytest.mark.build
def test_every_item_of_part_iii_is_on_the_site(site):
    assert len(INVENTORY) == 13 + 14 + 12 + 2 + 2  # SL-ENJ, SL-LOC, FL-LOC, F-LOC, FW-LOC
    for item, (path, selector) in INVENTORY.items():
        found = page(site, f"notebooks/{path}.html").select_one(selector)
        if found is not None and found.name == "span" and not found.get_text(strip=True):
            found = found.parent  # a MyST label: Sphinx writes it as an empty span in its section
        assert found is not None and found.get_text(strip=True), f"{item} : {selector} absent de {path}"


@pytest.mark.build
@pytest.mark.parametrize("name", ["index", "reponses", "quartiers", "orientations-locales"])
def test_ids_are_unique_and_every_figure_has_its_text_and_data(site, name):
    assert_ids_unique_and_figures_described(page(site, f"notebooks/consultation/{name}.html"))


@pytest.mark.build
def test_charts_use_only_the_trace_types_of_the_site_plotly_bundle(site):
    """The site ships its own plotly.js (site/plotly_bundle.py): scatter and bar only."""
    import json

    types = set()
    for path in site.rglob("*.html"):
        soup = page(site, str(path.relative_to(site)))
        for script in soup.select('script[type="application/json"][id$="-spec"]'):
            types |= {t.get("type", "scatter") for t in json.loads(script.string)["data"]}
    assert types and types <= {"scatter", "bar"}, types


# --- a lost figure, with and without its file -------------------------------------------------

TEST_AGES = (
    "tranche_age,pourcentage,source\n"
    "Moins de 25 ans,20.5,Valeurs inventées pour un test automatique\n"
    "25 à 59 ans,60,Valeurs inventées pour un test automatique\n"
    "60 ans et plus,19.5,Valeurs inventées pour un test automatique\n"
)


def _data_copy(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "data", tmp_path / "data")
    return tmp_path


def test_lost_figure_is_a_notice_without_its_file_and_a_chart_with_it(tmp_path, monkeypatch):
    root = _data_copy(tmp_path)
    monkeypatch.setenv("Q2030_ROOT", str(root))
    datapackage._descriptor.cache_clear()
    absent = sections.profile("age")
    assert isinstance(absent, Fragment) and "ne figurent pas dans le texte publié" in absent.markup
    (root / "data/consultation/repondants_age.csv").write_text(TEST_AGES, encoding="utf-8")
    present = sections.profile("age")
    assert isinstance(present, Figure)
    assert [t.type for t in present.plot.data] == ["bar"]
    assert list(present.plot.data[0].x) == [20.5, 60, 19.5]
    assert "Valeurs inventées" in present.description
    assert isinstance(sections.profile("situation"), Fragment)


def test_digest_of_an_absent_optional_file_changes_when_the_file_arrives(tmp_path):
    root = _data_copy(tmp_path)
    names = ["consultation_faits", "consultation_repondants_age"]
    before = inputs_digest(root, names)  # no FileNotFoundError
    assert inputs_digest(root, names) == before
    (root / "data/consultation/repondants_age.csv").write_text(TEST_AGES, encoding="utf-8")
    assert inputs_digest(root, names) != before


def test_an_unknown_territory_is_refused():
    with pytest.raises(KeyError, match="territoires.csv"):
        local_orientations.local_orientations("chemin_vers")


# --- phones ------------------------------------------------------------------------------------

PART_III_PAGES = [
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
]


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("name", PART_III_PAGES)
def test_part_iii_pages_fit_a_phone_screen(browser, server, name):
    """At 360 px, nothing pushes the page sideways and every chart is drawn inside it."""
    tab = browser.new_page()
    tab.set_viewport_size({"width": 360, "height": 740})
    tab.goto(f"{server}/notebooks/{name}.html", wait_until="networkidle")
    charts = tab.locator("[data-q2030-figure]").count()
    assert wait_until_drawn(tab, charts) == charts
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    widths = tab.evaluate("""() => [...document.querySelectorAll('.q2030-plot')]
        .map(p => p.getBoundingClientRect().right)""")
    assert all(right <= 360 for right in widths), widths
    tab.close()
