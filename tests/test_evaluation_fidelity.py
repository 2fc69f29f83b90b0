"""Every cell of T-EVAL-01..03, as the contract prints it (tests/source_tables.py), equals
what the data gives and what the built page shows. A printed total that the data does not
reproduce must be reported as a gap in the page's « contrôles de cohérence » box."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

import source_tables as src
from helpers import REPO, digits, normalise, page, table_columns
from quartiers2030.data import datapackage
from quartiers2030.parts.evaluation import model as evaluation
from quartiers2030.parts.evaluation import tables as evaluation_tables

EURO_TOLERANCE = 0.005


@pytest.fixture(autouse=True)
def _book_root(monkeypatch):
    monkeypatch.setenv("Q2030_ROOT", str(REPO))
    monkeypatch.delenv(datapackage.DECLARED_INPUTS_ENV, raising=False)


def _labels():
    return {p.code: p.label for p in evaluation.pillars()}


# --- data against the source text ------------------------------------------------------


def test_envelope_data_equals_every_amount_of_the_source_table():
    years, rows = src.parse(src.T_EVAL_01)
    wide = evaluation.envelope()
    by_label = {label: code for code, label in _labels().items()}
    pillar_rows = [(item, c) for item, c in rows if item in by_label]
    assert len(pillar_rows) == 5
    for label, cells in pillar_rows:
        code = by_label[label]
        for year, cell in zip(years, cells):
            expected = src.amount(cell)
            got = wide[code].get(year) if code in wide else None
            if expected is None:
                assert got is None or got != got, f"{label} {year} devrait être vide"
            else:
                assert got == expected, f"{label} {year}"
    assert list(wide.index) == years


def test_pre_data_equals_the_two_dont_lines():
    years, rows = src.parse(src.T_EVAL_01)
    pre = datapackage.load("pre")
    amounts = datapackage.load("enveloppe_pre")
    for label, cells in rows:
        if not label.startswith("Dont "):
            continue
        code = pre.loc[pre["libelle"] == label.removeprefix("Dont "), "code"].item()
        for year, cell in zip(years, cells):
            got = amounts[(amounts["pre"] == code) & (amounts["annee"] == year)]["montant_eur"].item()
            assert got == src.amount(cell), f"{label} {year}"


@pytest.mark.parametrize("table,frame", [(src.T_EVAL_02, "actions"), (src.T_EVAL_03, "egalite_fh_actions")])
def test_new_and_renewed_actions_equal_the_source_pairs(table, frame):
    years, rows = src.parse(table)
    data = datapackage.load(frame)
    labels = _labels()
    for i, (label, cells) in enumerate(rows):
        if label != "Nouvelles / reconduites":
            continue
        pillar_label = rows[i - 1][0]
        code = next(c for c, item in labels.items() if item == pillar_label)
        for year, cell in zip(years, cells):
            row = data[(data["pilier"] == code) & (data["annee"] == year)]
            assert (row["nouvelles"].item(), row["reconduites"].item()) == src.pair(cell), (
                f"{pillar_label} {year}"
            )


def test_gender_amounts_equal_the_source():
    years, rows = src.parse(src.T_EVAL_03)
    cells = dict(rows)["Montant total"]
    data = datapackage.load("egalite_fh_montants").set_index("annee")["montant_eur"]
    assert {y: data[y] for y in years} == {y: src.amount(c) for y, c in zip(years, cells)}


def test_printed_totals_are_recorded_as_printed():
    """The contract's printed totals live in valeurs_imprimees, exactly as printed."""
    printed = datapackage.load("valeurs_imprimees")
    for table, name, indicator in [
        (src.T_EVAL_01, "T-EVAL-01", "total_enveloppe_eur"),
        (src.T_EVAL_02, "T-EVAL-02", "total_actions"),
        (src.T_EVAL_02, "T-EVAL-02", "montant_moyen_action_eur"),
        (src.T_EVAL_03, "T-EVAL-03", "total_actions"),
    ]:
        years, rows = src.parse(table)
        label = "Montant moyen par action" if indicator.startswith("montant") else "TOTAL"
        cells = dict(rows)[label]
        sub = printed[(printed["tableau"] == name) & (printed["indicateur"] == indicator)]
        got = sub.set_index("annee")["valeur"].to_dict()
        assert got == {y: src.amount(c) for y, c in zip(years, cells)}


# --- built pages against the source text -----------------------------------------------

PAGES = {
    "T-EVAL-01": ("notebooks/evaluation/enveloppe.html", "tableau-enveloppe-etat", src.T_EVAL_01),
    "T-EVAL-02": ("notebooks/evaluation/actions.html", "tableau-actions", src.T_EVAL_02),
    "T-EVAL-03": ("notebooks/evaluation/egalite.html", "tableau-egalite-fh", src.T_EVAL_03),
}
DERIVED_ROWS = {"TOTAL", "Montant moyen par action"} | set(src.PILLAR_ROWS)


def _same(printed: str, shown: str) -> bool:
    if "/" in printed:
        return src.pair(printed) == src.pair(shown.replace(" ", ""))
    if printed.strip() == "":
        return shown.endswith("vide")  # « – » plus a « vide » for screen readers
    if shown.endswith("vide"):
        return False
    shown_value = src.amount(shown.replace(",", "."))
    return abs(src.amount(printed) - shown_value) < EURO_TOLERANCE


def _cells(table) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Each row of a rendered table: its header and, for each cell, the value shown as
    printed and the recalculated value the cell adds beside it (None when it adds none)."""
    rows = []
    for tr in table.select("tbody tr, tfoot tr"):
        cells = []
        for td in tr.find_all("td"):
            printed, recalc = td.select_one(".q2030-printed"), td.select_one(".q2030-recalc")
            shown = normalise((printed or td).get_text())
            extra = normalise(recalc.get_text()).split("recalculé : ")[-1] if recalc else None
            cells.append((shown, extra))
        rows.append((normalise(tr.th.get_text()), cells))
    return rows


def _expected_marks(table: str) -> dict[tuple[str, int], str]:
    """The cells a regenerated table must mark, from the source text alone: a TOTAL that
    is not the sum of its pillar rows, an average that is not the envelope's TOTAL
    (T-EVAL-01) divided by the sum of the pillars' actions."""
    years, rows = src.parse(PAGES[table][2])
    cells = dict(rows)
    if table == "T-EVAL-01":
        return {}
    sums = [sum(int(cells[p][i]) for p in src.PILLAR_ROWS) for i in range(len(years))]
    marks = {("TOTAL", y): str(n) for y, n, t in zip(years, sums, cells["TOTAL"]) if int(t) != n}
    if "Montant moyen par action" in cells:
        envelope = dict(zip(*[src.parse(src.T_EVAL_01)[0], dict(src.parse(src.T_EVAL_01)[1])["TOTAL"]]))
        for y, n, printed in zip(years, sums, cells["Montant moyen par action"]):
            average = round(src.amount(envelope[y]) / n, 2)
            if abs(average - src.amount(printed)) > EURO_TOLERANCE:
                marks[("Montant moyen par action", y)] = f"{average:,.2f}".replace(",", " ").replace(".", ",")
    return marks


def _check_shown_as_printed(table: str, soup_table) -> None:
    years, rows = src.parse(PAGES[table][2])
    shown = _cells(soup_table)
    assert len(shown) == len(rows), f"{table} : {len(shown)} lignes affichées, {len(rows)} dans le contrat"
    marks = _expected_marks(table)
    for (header, cells), (label, printed_cells) in zip(shown, rows):
        assert normalise(header) == normalise(label)
        for year, printed, (got, extra) in zip(years, printed_cells, cells):
            assert _same(printed, got), f"{table} {label} {year} : {got!r} au lieu de {printed!r}"
            expected = marks.get((label, year))
            if extra is None:
                assert expected is None, f"{table} {label} {year} : le recalcul {expected} n'est pas signalé"
            else:
                assert label in DERIVED_ROWS, f"{table} {label} {year} : une donnée de base marquée"
                if expected is not None:
                    assert digits(extra) == digits(expected), f"{table} {label} {year} : {extra!r}"


@pytest.mark.parametrize("table", sorted(PAGES))
def test_regenerated_table_shows_every_printed_cell_as_printed(table):
    """Fast: the table the page shows, rendered from the data, holds every cell of the
    contract as printed, and says beside it what the recalculation gives where it differs
    (T-EVAL-02: TOTAL 2015 printed 62, pillars 61; averages of 2015 and 2017)."""
    build = {
        "T-EVAL-01": evaluation_tables.envelope_table,
        "T-EVAL-02": evaluation_tables.actions_table,
        "T-EVAL-03": evaluation_tables.gender_table,
    }[table]
    soup = BeautifulSoup(build().html(), "html.parser")
    _check_shown_as_printed(table, soup.find("table", id=PAGES[table][1]))


def test_the_contracts_own_gaps_in_t_eval_02_are_marked_in_place():
    """The gaps the source text itself shows: 13+30+13+5 = 61 for a printed 62 (l. 118-126),
    and 1 028 685 € / 67 = 15 353,51 € for a printed 13 353.50 € (l. 102, 126, 127)."""
    marks = _expected_marks("T-EVAL-02")
    assert marks[("TOTAL", 2015)] == "61"
    assert marks[("Montant moyen par action", 2017)] == "15 353,51"
    assert marks[("Montant moyen par action", 2015)] == "15 172,52"


def _gaps_on_page(soup) -> list[str]:
    box = soup.select_one("aside.q2030-checks")
    assert box is not None, "encadré « Contrôles de cohérence » absent"
    return [normalise(tr.get_text(" ")) for tr in box.select("tr.q2030-check-ecart, tr.q2030-check-arrondi")]


@pytest.mark.build
@pytest.mark.parametrize("table", sorted(PAGES))
def test_page_table_matches_the_contract_cell_for_cell(site, table):
    path, table_id, text = PAGES[table]
    soup = page(site, path)
    years, _ = src.parse(text)
    assert table_columns(soup, table_id) == [str(y) for y in years]
    _check_shown_as_printed(table, soup.find("table", id=table_id))
    # Every cell marked in the table is also a gap of the page's box, with its year.
    gaps = _gaps_on_page(soup)
    for (label, year), recalculated in _expected_marks(table).items():
        assert any(str(year) in g and digits(recalculated) in digits(g) for g in gaps), (
            f"{table} {label} {year} : écart non repris dans l'encadré"
        )
