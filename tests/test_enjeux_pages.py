"""Part III, A « Les enjeux du contrat » on the site: every axis, enjeu, objective,
orientation, number of actions and partner list, as written in the test from the source
text (tests/test_enjeux_data.py holds those values, copied from the contract), equals what
the data gives and what the built pages show; the axis 1 target is tracked against the
emploi pillar's share computed from the contract's own table (tests/source_tables.py)."""

from __future__ import annotations

import copy
import json

import pytest

import source_tables as src
from helpers import (
    REPO,
    assert_ids_unique_and_figures_described,
    digits,
    html_table,
    normalise,
    page,
    table_columns,
)
from quartiers2030.core import figures
from quartiers2030.core.html import slug
from quartiers2030.data import datapackage
from quartiers2030.parts.enjeux import model, sections
from test_enjeux_data import ENJEUX, ITEMS, OBJECTIFS, ORIENTATIONS, PARTNER_LISTS, _entries

# l. 822-826, the summary of the strategic framework: number -> (code, title of the page)
AXES = {
    1: ("plein_emploi", "Quartiers de plein emploi"),
    2: ("transitions", "Quartiers d'adaptation aux transitions"),
    3: ("emancipation", "Quartiers de l'émancipation"),
    4: ("surs_ouverts", "Quartiers plus sûrs et plus ouverts"),
    5: ("transversaux", "Les axes transversaux"),
}
PAGES = {1: "plein-emploi", 2: "transitions", 3: "emancipation", 4: "surs-ouverts", 5: "transversaux"}
TARGET_LINE, TARGET = 838, 30  # « afin qu'il représente 30 % de la programmation globale »


@pytest.fixture(autouse=True)
def _book_root(monkeypatch):
    monkeypatch.setenv("Q2030_ROOT", str(REPO))
    monkeypatch.delenv(datapackage.DECLARED_INPUTS_ENV, raising=False)


def _items(orientation: str) -> int:
    paragraphs, bullets, titles, *_ = ITEMS[orientation]
    return paragraphs + bullets + titles


def _of_axis(n: int, codes) -> list[str]:
    return [c for c in codes if c.split(".")[0] == str(n)]


def _partner_count(n: int) -> int:
    """Distinct organisations of a list: « associations communes » (axis 2) and « centres
    sociaux et autres associations » (axis 3) each name two (see test_enjeux_data)."""
    return {1: 18, 2: 12, 3: 13, 4: 10}.get(n, 0)


# --- the data, through the package ----------------------------------------------------------


def test_counts_by_axis_equal_the_text():
    counts = model.counts()
    for n, (code, _) in AXES.items():
        objectives = _of_axis(n, OBJECTIFS)
        orientations = [o for obj in objectives for o in ORIENTATIONS[obj]]
        actions = sum(_items(o) for o in _of_axis(n, ITEMS))
        assert counts.loc[code].to_dict() == {
            "enjeux": len(ENJEUX[n]),
            "objectifs": len(objectives),
            "orientations": len(orientations),
            "actions": actions,
            "partenaires": _partner_count(n),
        }, n


def test_framework_orders_objectives_and_orientations_as_the_contract():
    frame = model.framework()
    assert list(frame["objectif"].drop_duplicates()) == list(OBJECTIFS)
    assert list(frame["libelle"]) == [t for o in OBJECTIFS for t in ORIENTATIONS[o]]
    assert dict(zip(frame["code"], frame["actions"])) == {o: _items(o) for o in ITEMS}


def test_target_history_is_the_share_of_the_emploi_pillar_in_the_printed_table():
    years, rows = src.parse(src.T_EVAL_01)
    amounts = {
        label: [src.amount(c) or 0 for c in cells]
        for label, cells in rows
        if label in src.PILLAR_ROWS or label == "Priorités transversales"
    }
    emploi = amounts["Développer l'activité et l'emploi"]
    totals = [sum(v[i] for v in amounts.values()) for i in range(len(years))]
    history = model.target_history()
    assert list(history.index) == years
    for year, e, t in zip(years, emploi, totals):
        assert history.at[year, "part_montant"] == pytest.approx(e / t * 100)


# --- the pages --------------------------------------------------------------------------


def _axis_page(site, n):
    return page(site, f"notebooks/enjeux/{PAGES[n]}.html")


def _section(soup, anchor: str):
    """The element an anchor names: a MyST label above a heading is an empty span at the
    top of the heading's section, so the section itself."""
    found = soup.find(id=anchor)
    assert found is not None, anchor
    if found.name == "span" and not found.get_text(strip=True):
        found = found.parent
    return found


def _plain(text: str) -> str:
    """Sphinx sets the quotes of Markdown headings typographically (’, « »); the contract
    prints them straight."""
    text = normalise(text).replace("\u2019", "'")
    return text.replace("« ", '"').replace(" »", '"')


def _heading(tag) -> str:
    tag = copy.copy(tag)
    for link in tag.select(".headerlink"):
        link.decompose()
    return _plain(tag.get_text())


def _labelled_headings(within, prefix: str, level: str) -> list[str]:
    """In page order, the headings of the sections whose label starts with `prefix` (the
    label is the section's own id when another section has the same title)."""
    found = within.select(f"section[id^='{prefix}'], section > span[id^='{prefix}']")
    sections = [s if s.name == "section" else s.parent for s in found]
    return [_heading(s.find(level, recursive=False)) for s in sections]


@pytest.mark.build
@pytest.mark.parametrize("n", sorted(AXES))
def test_axis_page_title_and_counts(site, n):
    soup = _axis_page(site, n)
    code, label = AXES[n]
    # Sphinx sets the apostrophes of headings typographically (’)
    assert label in normalise(soup.find("h1").get_text()).replace("\u2019", "'")
    summary = normalise(soup.select_one(".q2030-axis-summary").get_text())
    actions = sum(_items(o) for o in _of_axis(n, ITEMS))
    orientations = sum(len(ORIENTATIONS[o]) for o in _of_axis(n, OBJECTIFS))
    assert f"{orientations} orientation" in summary
    assert f"{actions} action" in summary
    assert f"{len(_of_axis(n, OBJECTIFS))} objectif" in summary
    assert f"{_partner_count(n)} partenaire" in summary


@pytest.mark.build
@pytest.mark.parametrize("n", sorted(AXES))
def test_axis_page_shows_every_enjeu_objective_orientation_and_action(site, n):
    soup = _axis_page(site, n)
    code, _ = AXES[n]
    block = _section(soup, f"liste-enjeux-{slug(code)}")
    shown = [normalise(li.get_text()).split(" (objectif")[0] for li in block.select("ol > li")]
    assert shown == ENJEUX[n]
    objectives = _of_axis(n, OBJECTIFS)
    shown_objectives = _labelled_headings(soup, "objectif-", "h2")
    assert shown_objectives == [f"{o} {OBJECTIFS[o]}" for o in objectives]
    for objective in objectives:
        section = _section(soup, f"objectif-{slug(objective)}")
        assert section.name == "section" and section.find("h2", recursive=False)
        titles = _labelled_headings(section, "orientation-", "h3")
        assert titles == ORIENTATIONS[objective]
    for orientation in _of_axis(n, ITEMS):
        section = _section(soup, f"orientation-{slug(orientation)}")
        items = section.select("ul.q2030-items li")
        assert len(items) == _items(orientation), orientation
        assert f"{_items(orientation)} action" in normalise(section.select_one(".q2030-counts").get_text())


@pytest.mark.build
@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_axis_page_lists_its_partners_as_printed(site, n):
    soup = _axis_page(site, n)
    code, _ = AXES[n]
    shown = [normalise(li.get_text()) for li in _section(soup, f"partenaires-{slug(code)}").select("li")]
    entries = _entries(PARTNER_LISTS[n][1])  # every entry, a repeated one too
    assert len(shown) == len(entries)
    for i, (text, entry) in enumerate(zip(shown, entries)):
        assert text.startswith(normalise(entry)), (text, entry)
        earlier = entries.index(entry)
        if earlier < i:
            assert f"répète l'entrée {earlier + 1} de la liste" in text, text
        else:
            assert "répète" not in text, text


@pytest.mark.build
def test_enjeu_whose_objective_has_another_title_says_so(site):
    soup = _axis_page(site, 2)
    third = normalise(_section(soup, "liste-enjeux-transitions").select("ol > li")[2].get_text())
    assert ENJEUX[2][2] in third and OBJECTIFS["2.3"] in third


@pytest.mark.build
def test_overview_table_counts(site):
    soup = page(site, "notebooks/enjeux/index.html")
    assert table_columns(soup, "tableau-cadre-strategique") == [
        "Enjeux",
        "Objectifs",
        "Orientations",
        "Actions",
        "Partenaires",
    ]
    shown = list(html_table(soup, "tableau-cadre-strategique").values())
    for n, cells in zip(sorted(AXES), shown):
        objectives = _of_axis(n, OBJECTIFS)
        assert cells == [
            str(len(ENJEUX[n])),
            str(len(objectives)),
            str(sum(len(ORIENTATIONS[o]) for o in objectives)),
            str(sum(_items(o) for o in _of_axis(n, ITEMS))),
            str(_partner_count(n)),
        ]
    assert shown[-1] == [
        str(sum(len(e) for e in ENJEUX.values())),
        str(len(OBJECTIFS)),
        str(sum(len(t) for t in ORIENTATIONS.values())),
        str(sum(_items(o) for o in ITEMS)),
        "34",
    ]


@pytest.mark.build
def test_structure_figure_sizes_each_orientation_by_its_actions(site):
    soup = page(site, "notebooks/enjeux/index.html")
    rows = html_table(soup, "donnees-structure")
    expected = {
        f"{code} {title}": _items(code)
        for obj, titles in ORIENTATIONS.items()
        for code, title in zip([f"{obj}.{c}" for c in "abcdefgh"], titles)
    }
    body = {k: int(digits(v[-1])) for k, v in rows.items() if k != "Total"}
    assert body == {normalise(k): v for k, v in expected.items()}
    assert rows["Total"][-1] == str(sum(expected.values()))
    spec = json.loads(soup.find(id="fig-structure-cadre-spec").string)
    bars = [t for t in spec["data"] if t["type"] == "bar"]
    drawn = sum(x for t in bars for x in t["x"] if x is not None)
    assert drawn == sum(expected.values())


@pytest.mark.build
def test_partner_matrix_marks_each_partner_of_each_axis(site):
    soup = page(site, "notebooks/enjeux/index.html")
    rows = html_table(soup, "donnees-partenaires-axes")
    assert len(rows) == 34
    columns = table_columns(soup, "donnees-partenaires-axes")
    assert columns == ["Axe 1", "Axe 2", "Axe 3", "Axe 4", "Axes"]
    per_axis = [sum(1 for cells in rows.values() if cells[i] == "oui") for i in range(4)]
    assert per_axis == [_partner_count(n) for n in (1, 2, 3, 4)]
    everywhere = {k for k, cells in rows.items() if cells[-1] == "4"}
    assert everywhere == {"Communauté d'agglomération du Boulonnais", "associations"}
    spec = json.loads(soup.find(id="fig-partenaires-axes-spec").string)
    assert len(spec["data"][0]["x"]) == sum(per_axis)


@pytest.mark.build
def test_targets_page(site):
    soup = page(site, "notebooks/enjeux/cibles.html")
    rows = html_table(soup, "tableau-cibles")
    assert len(rows) == 16
    target = next(cells for k, cells in rows.items() if "30 % de la programmation globale" in k)
    assert target[0] == "Axe 1" and target[1] == "30 %" and target[-1] == str(TARGET_LINE)
    assert any(cells[1] == "15 à 20 heures par semaine" for cells in rows.values())
    assert any(cells[0] == "Marlborough" and cells[1] == "156 logements" for cells in rows.values())


@pytest.mark.build
def test_axis_1_target_is_drawn_against_the_emploi_pillar_year_by_year(site):
    soup = page(site, "notebooks/enjeux/cibles.html")
    years, rows = src.parse(src.T_EVAL_01)
    amounts = {
        label: [src.amount(c) or 0 for c in cells]
        for label, cells in rows
        if label in src.PILLAR_ROWS or label == "Priorités transversales"
    }
    emploi = amounts["Développer l'activité et l'emploi"]
    shown = html_table(soup, "donnees-suivi-axe1")
    assert list(shown) == [str(y) for y in years]
    for i, year in enumerate(years):
        share = emploi[i] / sum(v[i] for v in amounts.values()) * 100
        cells = shown[str(year)]
        assert cells[2] == f"{share:.1f} %".replace(".", ","), year
        assert cells[-1] == f"{TARGET} %"
    spec = json.loads(soup.find(id="fig-suivi-objectif-axe1-spec").string)
    target = [t for t in spec["data"] if set(t["y"]) == {TARGET}]
    assert len(target) == 1 and target[0]["line"]["dash"] == "dash"
    assert f"{TARGET} %" in normalise(target[0]["name"])


@pytest.mark.build
def test_axis_pages_show_their_targets(site):
    soup = _axis_page(site, 1)
    rows = html_table(soup, "tableau-cibles-plein-emploi")
    assert any("30 % de la programmation globale" in k for k in rows)
    soup = _axis_page(site, 5)
    assert "ne chiffre aucun engagement" in normalise(_section(soup, "cibles-transversaux").get_text())


@pytest.mark.build
@pytest.mark.parametrize("name", ["index", "cibles", *PAGES.values()])
def test_ids_are_unique_and_every_figure_has_its_text_and_data(site, name):
    assert_ids_unique_and_figures_described(page(site, f"notebooks/enjeux/{name}.html"))


def test_an_unknown_axis_is_refused():
    with pytest.raises(KeyError, match="axes.csv"):
        sections.summary("plein_emploie")


def test_wrapped_chart_labels_are_escaped_and_keep_words_whole():
    text = figures.wrap_label("<b>Axes</b> transversaux de la politique", 10)
    assert "<b>" not in text and "&lt;b&gt;Axes&lt;/b&gt;" in text
    assert "transversaux" in text.split("<br>")
    # a name longer than a line is cut after one of its hyphens, never inside a word
    assert figures.wrap_label("Hesdigneul-lès-Boulogne", 12).split("<br>") == ["Hesdigneul-", "lès-Boulogne"]


@pytest.mark.build
@pytest.mark.parametrize("n", sorted(AXES))
def test_axis_page_has_no_hand_made_menu_and_its_headings_are_sphinx_sections(site, n):
    soup = _axis_page(site, n)
    # No menu written by hand: the only one is « Sur cette page », made from the page's own
    # sections (site/ext/page_summary.py), which it lists in their order.
    assert soup.select_one('article nav:not([aria-label="Sur cette page"])') is None
    summary = [a["href"] for a in soup.select('article nav[aria-label="Sur cette page"] a')]
    assert summary == [
        f"#{s['id']}" for s in soup.select("article section > section") if s.find("h2", recursive=False)
    ]
    code, _ = AXES[n]
    for anchor in [f"liste-enjeux-{slug(code)}", f"partenaires-{slug(code)}", f"cibles-{slug(code)}"]:
        assert _section(soup, anchor).name == "section", anchor
    # the page's own "on this page" menu lists the objectives
    toc = _plain(soup.select_one("#pst-page-toc-nav").get_text(" "))
    for objective in _of_axis(n, OBJECTIFS):
        assert f"{objective} {OBJECTIFS[objective]}" in toc, objective
