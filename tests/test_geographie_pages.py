"""Part II of the contract (« Géographie », text lines 386-812) on the built site.

Expected values are written here from the contract's text (lines of
data/source/contrat-de-ville-2024-2030.txt), or read from that text itself, never from the
CSV files: the pages must show what the contract prints, and show its contradictions."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from helpers import assert_figure_described, html_table, normalise, page, squash, table_columns
from test_geographie_data import NOT_FACTS

pytestmark = pytest.mark.build

GEO = "notebooks/geographie"
QPV_PAGES = {
    "QN06251M": "chemin-vert",
    "QN06252M": "residences-sud",
    "QN06249M": "damremont",
    "QN06250M": "centre-ville",
}
PAGES = ["vision", "carte", "ips", *QPV_PAGES.values(), "comparer"]
# Which page publishes which lines of part II (the contract's own sections).
LINE_RANGES = [
    (386, 461, "vision"),
    (463, 600, "chemin-vert"),
    (602, 723, "residences-sud"),
    (725, 780, "damremont"),
    (782, 812, "centre-ville"),
]
# Numbers of lines 386-413 that are not facts (the data test lists those of lines 414-812).
NOT_FACTS_INTRO = {404: {5}}  # « l'article 5 de la loi du 21 février 2014 »: a legal reference
NUMBER = re.compile(r"\d[\d \u00a0\u202f]*(?:[.,]\d+)?")


def _numbers(text: str) -> set[float]:
    return {float(re.sub(r"[\s\u00a0\u202f]", "", n).replace(",", ".")) for n in NUMBER.findall(text)}


def _main(site: Path, name: str):
    soup = page(site, f"{GEO}/{name}.html")
    main = soup.select_one("main") or soup
    for script in main.select("script"):
        script.decompose()
    return soup, main


def _page_numbers(site: Path, name: str) -> set[float]:
    """Every number the page shows; « | » between elements so that the cells of a table
    (« 2018 », « 551 ») never merge into one number."""
    _, main = _main(site, name)
    text = unicodedata.normalize("NFKC", main.get_text("|"))
    return _numbers(text)


# --- every number of part II is on its page ----------------------------------------------


@pytest.mark.parametrize("first,last,name", LINE_RANGES, ids=[r[2] for r in LINE_RANGES])
def test_every_number_of_part_ii_appears_on_its_page(site, lines, first, last, name):
    shown = _page_numbers(site, name)
    missing = []
    for number in range(first, last + 1):
        skip = NOT_FACTS.get(number, set()) | NOT_FACTS_INTRO.get(number, set())
        for value in _numbers(lines[number - 1]) - skip:
            if value not in shown:
                missing.append((number, value))
    assert missing == []


def test_the_exceptions_are_real(lines):
    for number, values in NOT_FACTS_INTRO.items():
        assert values <= _numbers(lines[number - 1]), number


def test_every_value_in_a_fact_table_stands_on_the_line_it_cites(site, lines):
    """Each row of the theme tables gives a value and a line of the contract: the value (or
    the contract's own words, quoted) is printed on that line."""
    checked = 0
    for name in ["vision", *QPV_PAGES.values()]:
        _, main = _main(site, name)
        for table in main.select("table.q2030-table"):
            if not (table.get("id") or "").count("-tableau-"):
                continue
            columns = [normalise(th.get_text()) for th in table.select("thead tr:last-child th")]
            value_at, line_at = columns.index("Valeur"), columns.index("Ligne du contrat")
            for tr in table.select("tbody tr"):
                cells = [tr.th] + tr.find_all("td")
                value, line = normalise(cells[value_at].get_text()), int(cells[line_at].get_text())
                source = lines[line - 1]
                quoted = re.search(r"« (.+) »", value)
                if quoted:
                    assert squash(quoted.group(1)) in squash(source), f"{name} l. {line} : {value}"
                else:
                    first = re.match(r"[+-]?(\d[\d ]*(?:,\d+)?)", value)
                    assert first and float(first.group(1).replace(" ", "").replace(",", ".")) in _numbers(
                        source
                    ), f"{name} l. {line} : {value}"
                checked += 1
    assert checked > 150


# --- T-GEO-01, cell by cell ---------------------------------------------------------------

T_GEO_01 = [  # l. 423-427, hyphenation of the PDF undone
    ("Damrémont", "Boulogne-sur-Mer", "1 737"),
    ("Centre Ville", "Boulogne-sur-Mer", "2 776"),
    ("Chemin Vert - Beaurepaire et Marlborough", "Boulogne-sur-Mer et Saint-Martin-Boulogne", "7 543"),
    ("Des résidences Sud du Boulonnais", "Boulogne-sur-Mer, Outreau et Le Portel", "6 323"),
]


def test_the_qpv_table_shows_the_contract_cell_for_cell(site):
    soup, _ = _main(site, "vision")
    assert table_columns(soup, "tableau-qpv") == ["Communes", "Population"]
    shown = html_table(soup, "tableau-qpv")
    rows = list(shown.items())
    assert [(label, cells[0], cells[1]) for label, cells in rows[:4]] == T_GEO_01
    total_label, total = rows[4]
    assert total_label == "4 quartiers prioritaires"  # « 4 quartiers prioritaires »
    assert total == ["4 communes", "18 379"]  # « 4 communes priori- taires », « 18 379 habitants »
    # the official codes, which the contract does not print, are in the table's « Source »
    source = normalise(
        soup.find(id="tableau-qpv").find_next("details", class_="q2030-source-detail").get_text()
    )
    assert "lignes 423 à 426" in source
    for (label, _, _), code in zip(T_GEO_01, ["QN06249M", "QN06250M", "QN06251M", "QN06252M"], strict=True):
        assert f"{label}, {code}" in source
    assert "QN06" not in normalise(soup.find(id="tableau-qpv").get_text())


# --- chosen facts, where a reader looks for them -----------------------------------------

# (page, table caption starts with, row label, territory or None, value, period), from the text.
FACTS = [
    (
        "vision",
        "Emploi",
        "Taux de chômage",
        "Zone d'emploi du Boulonnais",
        "8,2 %",
        "4° trimestre 2023",
    ),  # l. 450
    ("vision", "Emploi", "Taux de chômage", "Pas-de-Calais", "8,7 %", "4° trimestre 2023"),
    (
        "vision",
        "Emploi",
        "Demandeurs d'emploi (catégories A, B, C)",
        "Zone d'emploi du Boulonnais",
        "12 730 personnes",
        "4° trimestre 2023",
    ),
    (
        "vision",
        "Pauvreté",
        "Taux de pauvreté",
        "Ensemble des QPV de la CAB",
        "46,2 %",
        "non précisée",
    ),  # l. 459
    ("vision", "Logement", "Logements aidés", "Ensemble des QPV de la CAB", "88 %", "non précisée"),  # l. 461
    ("chemin-vert", "Pauvreté", "Taux de pauvreté", None, "48 %", "2019"),  # l. 551
    ("chemin-vert", "Pauvreté", "Population couverte par la CAF", None, "71 %", "2018"),  # l. 550
    ("chemin-vert", "Population", "Moins de 25 ans", None, "41 %", "2018"),  # l. 533
    (
        "chemin-vert",
        "Population",
        "Ménages d'une personne",
        None,
        "33,3 % (« 1/3 des ménages »)",
        "non précisée",
    ),  # l. 539
    ("chemin-vert", "Éducation", "IPS du collège de secteur", None, "62,8", "non précisée"),  # l. 563
    ("chemin-vert", "Éducation", "Collégiens", None, "452 élèves", "rentrée 2020-2021"),  # l. 570
    (
        "chemin-vert",
        "Logement",
        "Personnes par logement",
        "Chemin Vert - Beaurepaire et Marlborough",
        "2,5 personnes",
        "non précisée",
    ),  # l. 588
    (
        "chemin-vert",
        "Tissu",
        "Établissements économiques",
        None,
        "152 établissements",
        "non précisée",
    ),  # l. 595
    (
        "residences-sud",
        "Pauvreté",
        "Revenu médian disponible",
        "Les Résidences",
        "13 820 €",
        "2019",
    ),  # l. 637
    ("residences-sud", "Pauvreté", "Taux de pauvreté", "Henriville-Montplaisir", "37,7 %", "2019"),  # l. 688
    ("residences-sud", "Population", "Population", "Outreau", "6 300 habitants", "non précisée"),  # l. 708
    ("residences-sud", "Éducation", "Réussite au brevet", "Les Résidences", "80 %", "2021"),  # l. 653
    (
        "residences-sud",
        "Logement",
        "Vacance dans le parc social",
        "Henriville-Montplaisir",
        "3 %",
        "non précisée",
    ),  # l. 702
    ("damremont", "Pauvreté", "Taux de pauvreté", None, "41,5 %", "2019"),  # l. 758
    ("damremont", "Pauvreté", "Revenu médian disponible", None, "14 690 €", "2019"),  # l. 757
    ("damremont", "Pauvreté", "Population couverte par la CAF", None, "64 %", "non précisée"),  # l. 752
    ("damremont", "Logement", "Logements aidés (nombre)", None, "751 logements", "2018"),  # l. 775
    (
        "damremont",
        "Tissu",
        "Établissements économiques",
        None,
        "45 établissements",
        "au 31/12/2019",
    ),  # l. 739
]


def _fact_rows(main, caption_start: str):
    for table in main.select("table.q2030-table"):
        caption = normalise(table.caption.get_text()) if table.caption else ""
        if caption.startswith(caption_start) and caption.endswith("tous les chiffres du contrat"):
            columns = [normalise(th.get_text()) for th in table.select("thead tr:last-child th")]
            for tr in table.select("tbody tr"):
                yield dict(
                    zip(
                        columns,
                        [normalise(tr.th.get_text())]
                        + [normalise(td.get_text()) for td in tr.find_all("td")],
                    )
                )


@pytest.mark.parametrize(
    "name,caption,label,territory,value,period", FACTS, ids=[f"{f[0]}-{f[2]}-{f[4]}" for f in FACTS]
)
def test_facts_of_the_contract_in_their_theme_table(site, name, caption, label, territory, value, period):
    _, main = _main(site, name)
    rows = [
        r
        for r in _fact_rows(main, caption)
        if r["Mesure"] == label and (territory is None or r.get("Territoire") == territory)
    ]
    assert any(r["Valeur"] == normalise(value) and r["Période"] == period for r in rows), rows


# --- key figures -----------------------------------------------------------------------------


def _key_figures(main) -> dict[str, str]:
    return {
        normalise(div.dt.contents[0] if div.dt.contents else ""): normalise(div.dd.get_text())
        for div in main.select(".q2030-keyfigure")
    }


def test_key_figures_come_first_and_carry_the_contract_numbers(site):
    _, main = _main(site, "vision")
    cards = _key_figures(main)
    assert cards["communes dans la CAB"] == "22"  # l. 416
    assert cards["habitants de la CAB"] == "112 077"
    assert cards["de la population régionale"] == "1,87 %"
    assert cards["habitants à Boulogne-sur-Mer, ville-centre"] == "41 310"
    assert cards["habitants dans ces quartiers"] == "18 379"  # l. 427
    for code, name in QPV_PAGES.items():
        _, main = _main(site, name)
        first = main.select_one(".q2030-keyfigures")
        assert first is not None and not first.find_previous("figure"), name
        population = {"QN06249M": "1 737", "QN06250M": "2 776", "QN06251M": "7 543", "QN06252M": "6 323"}[
            code
        ]
        assert _key_figures(main)["habitants"] == population


# --- the quartier pages ----------------------------------------------------------------------

TITLES = {
    "QN06251M": "Chemin Vert - Beaurepaire - Marlborough",
    "QN06252M": "Résidences Sud du Boulonnais",
    "QN06249M": "Damrémont",
    "QN06250M": "Centre-ville de Boulogne-sur-Mer",
}
WITH_POVERTY_FIGURES = {"QN06251M", "QN06252M", "QN06249M"}  # l. 551, 688, 758
THEMES = ["Population et ménages", "Pauvreté et revenus", "Éducation", "Logement", "Tissu économique"]


@pytest.mark.parametrize("code", sorted(QPV_PAGES))
def test_each_quartier_page_has_its_label_title_themes_and_map(site, code):
    soup, main = _main(site, QPV_PAGES[code])
    # The label (qpv-QN06249M)= ; Sphinx writes label ids in lower case, refs ignore case.
    assert soup.find(id=f"qpv-{code.lower()}") is not None, "libellé (qpv-…)= absent"
    vision, _ = _main(site, "vision")
    assert vision.select_one(f'a[href="{QPV_PAGES[code]}.html#qpv-{code.lower()}"]') is not None
    assert normalise(soup.h1.get_text()).rstrip("#") == TITLES[code]
    assert code in main.get_text()
    # The headings are the notebook's Markdown: Sphinx's own sections (a « # » link ends them).
    headings = [normalise(h.get_text()).rstrip("#") for h in main.select("section > h2")]
    assert headings[0] == "Où se trouve le quartier"
    assert [h for h in headings if h in THEMES] == THEMES  # charts by theme, in this order
    assert main.select_one(f"#fig-carte-{code.lower()}[data-q2030-figure]") is not None
    text = main.get_text(" ")
    assert "Le quartier en quelques mots" in text and "Contrôles de cohérence" in text
    meta = soup.find("meta", attrs={"name": "description"})
    assert meta and len(meta["content"]) > 40


def test_pages_with_poverty_figures_say_pauvrete_in_their_own_words(site):
    for code in WITH_POVERTY_FIGURES:
        soup, main = _main(site, QPV_PAGES[code])
        prose = " ".join(p.get_text(" ") for p in main.select("section#le-quartier-en-quelques-mots > p"))
        assert "pauvreté" in prose, QPV_PAGES[code]


def test_sub_quartiers_and_their_lists_are_shown(site):
    _, main = _main(site, "chemin-vert")
    text = normalise(main.get_text(" "))
    for name in (
        "Chemin Vert (Boulogne-sur-Mer)",
        "Beaurepaire (Boulogne-sur-Mer)",
        "Marlborough (Saint-Martin-Boulogne)",
    ):
        assert name in text  # l. 471-473
    assert "la rue de la Colonne" in text and "la rue du Camp de Droite" in text  # l. 477
    _, main = _main(site, "residences-sud")
    shown = html_table(main, "listes-qn06252m-partie-outreau-logements")
    assert shown["la résidence Ramsès"][0] == "162" and shown["la résidence Salengro"][0] == "96"  # l. 719
    _, main = _main(site, "damremont")
    text = normalise(main.get_text(" ")).replace("’", "'")  # typographic apostrophes in prose
    assert "une bibludothèque" in text  # l. 743, typo of the contract kept
    assert (
        "un taux d'emploi élevé et des demandeurs d'emploi en recul" in text
    )  # l. 760, a heading with nothing under it
    _, main = _main(site, "centre-ville")
    text = main.get_text(" ")
    for place in (
        "Parc des Tintelleries",
        "Jardin Buccialli",
        "le boulevard Clocheville",
        "gare ferroviaire",
    ):
        assert place in text  # l. 790-800


# --- contradictions, shown in the « contrôles de cohérence » ---------------------------------


def _check_rows(main, verdict: str) -> list[str]:
    return [normalise(tr.get_text(" ")) for tr in main.select(f"aside.q2030-checks tr.q2030-check-{verdict}")]


# (page, verdict class, texts that the row must hold), from the contract's text.
CONTRADICTIONS = [
    # l. 708 vs l. 426: the Outreau part alone « passe de 4 400 à 6 300 habitants », the QPV has 6 323.
    ("residences-sud", "ecart", ["6 300", "6 323", "23 habitants"]),
    ("comparer", "ecart", ["6 300", "6 323", "23 habitants"]),
    # l. 752: « 1 100 personnes … soit 64 % » of 1 737 inhabitants (l. 423) is 63,3 %.
    ("damremont", "arrondi", ["64 %", "63,3 %", "1 100", "1 737"]),
    # l. 577: « par rapport à 201 (-19 points) », a truncated year: a gap of the text.
    ("chemin-vert", "lacune", ["201", "-19 points"]),
    # l. 539: « mais de façon moindre que dans le QPV centre ville », whose value is not given.
    ("chemin-vert", "lacune", ["Centre Ville", "+6 points"]),
    # l. 458-459: the QPV of the CAB against regional and national means that are not given.
    ("vision", "lacune", ["Moyenne régionale des QPV", "46,2 %"]),
    ("vision", "lacune", ["brevet", "91 %"]),
    # l. 404: « Le décret 2024-1314 publié le 28 décembre 2023 ».
    ("vision", "ecart", ["2024-1314", "28 décembre 2023"]),
    # l. 687 and 757: Boulogne-sur-Mer's median income, 15 410 + 1 500 against 14 690 + 2 000.
    ("comparer", "arrondi", ["Boulogne-sur-Mer", "16 910 €", "16 690 €"]),
    ("damremont", "arrondi", ["Boulogne-sur-Mer", "16 910 €", "16 690 €"]),
    # l. 637 and 757: the CAB's, 13 820 + 5 200 against 14 690 + 4 300.
    ("comparer", "arrondi", ["CAB", "19 020 €", "18 990 €"]),
    ("residences-sud", "arrondi", ["CAB", "19 020 €", "18 990 €"]),
    ("residences-sud", "arrondi", ["Boulogne-sur-Mer", "16 910 €", "16 690 €"]),
    # What the published text lost: blank lines, one a page break, after the paragraph on
    # employment (l. 451-454); the figure under each quartier's title; a heading with nothing
    # under it (l. 760).
    ("vision", "lacune", ["451 à 454"]),
    ("chemin-vert", "lacune", ["« 1. LE QUARTIER CHEMIN VERT - BEAUREPAIRE - MARLBOROUGH »", "465 à 468"]),
    ("residences-sud", "lacune", ["« 2. LE QUARTIER DES RÉSIDENCES SUD DU BOULONNAIS »", "602 à 605"]),
    ("damremont", "lacune", ["« 3. LE QUARTIER DAMRÉMONT »", "727 à 730"]),
    ("damremont", "lacune", ["« UN TAUX D'EMPLOI ÉLEVÉ ET DES DEMANDEURS D'EMPLOI EN RECUL »", "ligne 760"]),
    ("centre-ville", "lacune", ["« 4. LE QUARTIER CENTRE-VILLE DE BOULOGNE-SUR-MER »", "784 à 787"]),
]


@pytest.mark.parametrize(
    "name,verdict,texts", CONTRADICTIONS, ids=[f"{c[0]}-{c[2][0]}" for c in CONTRADICTIONS]
)
def test_contradictions_are_shown_as_gaps(site, name, verdict, texts):
    _, main = _main(site, name)
    rows = _check_rows(main, verdict)
    assert any(all(t in row for t in texts) for row in rows), rows


# Printed counts and totals that agree (l. 416-481, 719), as the contract prints them.
AGREEMENTS = [
    ("vision", ["Population des quartiers prioritaires", "18 379"]),
    ("vision", ["Nombre de quartiers prioritaires (FL-GEO-02)", "4 (« quatre »)"]),
    ("vision", ["Nombre de communes concernées (FL-GEO-02)", "4 (« Quatre »)"]),
    ("vision", ["Autres communes de plus de 10 000 habitants", "2 (« deux »)"]),
    ("vision", ["Projets de rénovation urbaine", "2 (« Deux »)"]),
    ("chemin-vert", ["Nombre de sous-quartiers", "3 (« trois »)"]),
    ("chemin-vert", ["Population du quartier dans le texte et dans le tableau", "7 543"]),
    ("chemin-vert", ["Taux de pauvreté", "48 %", "le plus élevé"]),
    ("residences-sud", ["Logements des trois ZAC", "640"]),
    ("ips", ["Langevin", "62,8"]),
    ("ips", ["Duchenne", "78,4"]),
    ("ips", ["boulonnais", "89,05"]),
]


@pytest.mark.parametrize("name,texts", AGREEMENTS, ids=[f"{a[0]}-{a[1][0]}" for a in AGREEMENTS])
def test_printed_counts_and_citations_that_agree_are_listed(site, name, texts):
    _, main = _main(site, name)
    assert any(all(t in row for t in texts) for row in _check_rows(main, "concorde"))


def test_no_page_reports_a_gap_the_text_does_not_have(site):
    """Gaps are only those written above: a wrong computation would add one."""
    expected = {(c[0], c[1]) for c in CONTRADICTIONS}
    for name in PAGES:
        _, main = _main(site, name)
        for verdict in ("ecart", "arrondi", "lacune"):
            if _check_rows(main, verdict):
                assert (name, verdict) in expected, (name, verdict, _check_rows(main, verdict))


# --- « Comparer les quartiers » ----------------------------------------------------------------


def test_comparison_puts_the_same_measure_side_by_side_with_years(site):
    soup, main = _main(site, "comparer")
    columns = table_columns(soup, "tableau-comparaison")
    assert {
        "Damrémont",
        "Chemin Vert - Beaurepaire et Marlborough",
        "Les Résidences",
        "Henriville-Montplaisir",
    } <= set(columns)
    shown = html_table(soup, "tableau-comparaison")
    poverty = dict(zip(columns, shown["Taux de pauvreté"]))
    assert poverty["Chemin Vert - Beaurepaire et Marlborough"] == "48 % (2019, ligne 551)"
    assert poverty["Henriville-Montplaisir"] == "37,7 % (2019, ligne 688)"
    assert poverty["Damrémont"] == "41,5 % (2019, ligne 758)"
    assert poverty["Ensemble des QPV de la CAB"] == "46,2 % (année non dite, ligne 459)"
    income = dict(zip(columns, shown["Revenu médian disponible"]))
    assert income["Les Résidences"] == "13 820 € (2019, ligne 637)"
    assert income["Damrémont"] == "14 690 € (2019, ligne 757)"
    population = dict(zip(columns, shown["Population"]))
    assert population["Damrémont"] == "1 737 (tableau, ligne 423)"  # the QPV table
    assert population["Ensemble des QPV de la CAB"] == "18 379 (tableau, ligne 427)"
    notes = normalise(main.get_text(" "))
    assert "Centre Ville" in normalise(soup.find("table", id="tableau-comparaison").find_next("p").get_text())
    assert "les valeurs ne portent pas toutes sur la même année" in notes
    # Each measure's own table gives, for each place, the contract's wording.
    young = html_table(soup, "tableau-comparer-part-moins-25-ans")
    assert young["Damrémont"][2] == "« de la population a moins de 25 ans »"  # l. 750
    assert young["Chemin Vert - Beaurepaire et Marlborough"][1] == "2018"  # l. 533
    assert young["Damrémont"][4] == "texte, ligne 750"


# --- the lost figures, and the map ------------------------------------------------------------


def _specs(site: Path, name: str) -> list[dict]:
    soup = page(site, f"{GEO}/{name}.html")
    return [json.loads(s.string) for s in soup.select('script[type="application/json"][id^="fig-"]')]


def test_charts_use_only_the_basic_bundle_trace_types(site):
    for name in PAGES:
        for spec in _specs(site, name):
            assert {t.get("type", "scatter") for t in spec["data"]} <= {"scatter", "bar", "pie"}, name


def test_every_figure_has_a_title_a_text_alternative_data_and_its_csv(site):
    for name in PAGES:
        soup, main = _main(site, name)
        figures = main.select("figure.q2030-figure")
        assert figures, name
        for figure in figures:
            plot = assert_figure_described(figure)
            links = figure.select("a[download]")
            assert links, f"{name} : {plot['id']} sans lien CSV"
            for link in links:
                assert (site / GEO / link["href"]).resolve().is_file(), link["href"]


def test_ips_figures_restore_f_geo_02_and_03_with_the_cited_values(site):
    soup, main = _main(site, "ips")
    titles = [normalise(f.get_text()) for f in main.select("figcaption")]
    assert "IPS des écoles de Boulogne-sur-Mer, rentrée 2023-2024" in titles  # F-GEO-02, l. 559
    assert "IPS des collèges de la CAB, rentrée 2022-2023" in titles  # F-GEO-03, l. 565
    text = json.dumps(_specs(site, "ips"), ensure_ascii=False)
    assert "93,78" in text and "89,05" in text  # l. 563, 693
    colleges = next(s for s in _specs(site, "ips") if "Langevin" in json.dumps(s, ensure_ascii=False))
    named = [t for t in colleges["data"] if t.get("name", "").startswith("Établissement nommé")]
    assert named and named[0]["x"] == [62.8]  # l. 563


def test_the_map_says_plainly_that_outlines_are_not_yet_included(site):
    for name in ["carte", *QPV_PAGES.values()]:
        _, main = _main(site, name)
        assert "Les contours des quartiers prioritaires ne sont pas encore inclus" in main.get_text(" ")
    spec = next(
        s
        for s in _specs(site, "carte")
        if any("Commune avec un quartier" in t.get("name", "") for t in s["data"])
    )
    communes = [t for t in spec["data"] if t.get("fill") == "toself" and t.get("showlegend") is False]
    assert len(communes) == 22  # l. 416
    hatched = [t for t in communes if t.get("fillpattern")]
    assert len(hatched) == 4  # l. 418: four communes
    assert spec["layout"]["yaxis"]["scaleanchor"] == "x"
    colleges = [t for t in spec["data"] if t.get("name", "").startswith("Collège")]
    assert sum(len([x for x in t["x"] if x is not None]) for t in colleges) == 12
    assert len({t["marker"]["symbol"] for t in colleges}) == 3


def test_navigation_has_the_geography_part_after_the_evaluation(site):
    soup = page(site, f"{GEO}/vision.html")
    captions = [normalise(c.get_text()) for c in soup.select(".bd-sidebar-primary p.caption")]
    assert captions.index("Géographie prioritaire") == captions.index("Évaluation du contrat 2015-2023") + 1


# --- every item of part II ---------------------------------------------------------------

# The inventory of part II (its identifiers and lines) and the page that publishes each item.
INVENTORY = {
    "FL-GEO-01": ("vision", 386, 412),
    "FL-GEO-02": ("vision", 414, 420),
    "T-GEO-01": ("vision", 422, 427),
    "SL-GEO-01": ("vision", 429, 433),
    "FL-GEO-03": ("vision", 435, 446),
    "FL-GEO-04": ("vision", 448, 450),
    "P-GEO-01": ("vision", 451, 454),
    "FL-GEO-05": ("vision", 455, 461),
    "F-GEO-01": ("chemin-vert", 465, 468),
    "SL-GEO-02": ("chemin-vert", 469, 473),
    "FL-GEO-06": ("chemin-vert", 475, 527),
    "FL-GEO-07": ("chemin-vert", 529, 545),
    "FL-GEO-08": ("chemin-vert", 548, 552),
    "FL-GEO-09": ("chemin-vert", 554, 580),
    "F-GEO-02": ("ips", 559, 562),
    "F-GEO-03": ("ips", 565, 568),
    "FL-GEO-10": ("chemin-vert", 582, 591),
    "FL-GEO-11": ("chemin-vert", 593, 600),
    "F-GEO-04": ("residences-sud", 602, 605),
    "SL-GEO-03": ("residences-sud", 606, 610),
    "FL-GEO-12": ("residences-sud", 612, 653),
    "FL-GEO-13": ("residences-sud", 655, 702),
    "FL-GEO-14": ("residences-sud", 704, 723),
    "F-GEO-05": ("damremont", 727, 730),
    "FL-GEO-15": ("damremont", 731, 746),
    "FL-GEO-16": ("damremont", 748, 753),
    "FL-GEO-17": ("damremont", 755, 758),
    "SL-GEO-04": ("damremont", 760, 760),
    "FL-GEO-18": ("damremont", 762, 771),
    "FL-GEO-19": ("damremont", 773, 780),
    "F-GEO-06": ("centre-ville", 784, 787),
    "SL-GEO-05": ("centre-ville", 788, 812),
}


def _cited_lines(site: Path, name: str) -> set[int]:
    """The lines of the contract that a page cites one by one: the « Ligne » column of its
    tables (facts, lists, checks) and the lines of its lists (in their « Source » detail)."""
    _, main = _main(site, name)
    cited = set()
    for table in main.select("table"):
        heads = [normalise(th.get_text()) for th in table.select("thead tr:last-child th")]
        at = [i for i, h in enumerate(heads) if h.startswith("Ligne") or h == "Où dans le contrat"]
        for tr in table.select("tbody tr"):
            cells = tr.find_all(["th", "td"])
            cited |= {int(n) for i in at if i < len(cells) for n in re.findall(r"\d+", cells[i].get_text())}
    for span in main.select(".q2030-list-source"):  # « ligne N » or N, in a « Source » detail
        cited |= {int(n) for n in re.findall(r"(?:ligne )?(\d+)", span.get_text())}
    return cited


def test_every_item_of_part_ii_is_on_the_site(site, lines):
    assert len(INVENTORY) == 19 + 1 + 5 + 6 + 1  # FL-GEO, T-GEO, SL-GEO, F-GEO, P-GEO
    assert [first for _, first, _ in INVENTORY.values()] == sorted(
        first for _, first, _ in INVENTORY.values()
    )
    for item, (name, first, last) in INVENTORY.items():
        if item in ("F-GEO-02", "F-GEO-03", "SL-GEO-05"):
            continue
        assert _cited_lines(site, name) & set(range(first, last + 1)), (
            f"{item} : aucune ligne {first}-{last} sur {name}"
        )
    # The two figures redrawn from open data: the page names the lost figure by its printed title.
    _, main = _main(site, "ips")
    text = squash(main.get_text(" "))
    for item, figure in (("F-GEO-02", "ips-ecoles"), ("F-GEO-03", "ips-colleges")):
        title = lines[INVENTORY[item][1] - 1].lstrip("#▶ ").split("\\*")[0]
        assert squash(title) in text and main.select_one(f"#fig-{figure}-figure"), item
    # The Centre-ville's portrait (no number): told in the page's own words.
    _, main = _main(site, "centre-ville")
    prose = main.select("section#le-quartier-en-quelques-mots > p")
    assert len(prose) >= 3 and sum(len(p.get_text()) for p in prose) > 800


@pytest.mark.parametrize("item", ["F-GEO-01", "F-GEO-04", "F-GEO-05", "F-GEO-06"])
def test_the_map_of_a_quartier_says_which_figure_of_the_contract_was_lost(site, item):
    name, first, last = INVENTORY[item]
    code = next(c for c, n in QPV_PAGES.items() if n == name)
    _, main = _main(site, name)
    # The label (qn…-carte)= is the section's id, or a span at the top of the section.
    target = main.find(id=f"{code.lower()}-carte")
    section = normalise((target if target.name == "section" else target.parent).get_text(" "))
    assert f"lignes {first} à {last}" in section and "illustration" in section


def test_the_source_of_a_quartier_page_cites_its_own_passages(site):
    """« Source : contrat de ville, lignes … » under a quartier's lists: lines of its portrait
    (from its first item to its last), or of the paragraph on the differences with the
    previous contract (SL-GEO-01, l. 429-433)."""
    for name in QPV_PAGES.values():
        items = [(first, last) for page_name, first, last in INVENTORY.values() if page_name == name]
        allowed = set(range(429, 434)) | set(
            range(min(f for f, _ in items), max(item for _, item in items) + 1)
        )
        _, main = _main(site, name)
        text = normalise(main.select_one("p.q2030-source").get_text())
        spans = re.findall(r"(\d+)(?: à (\d+))?", text.split("ligne", 1)[1])
        assert spans, text
        for first, last in spans:
            assert set(range(int(first), int(last or first) + 1)) <= allowed, f"{name} : {text}"
