"""Every cell of T-EVAL-01..03, as the contract prints it (tests/source_tables.py), equals
what the data gives and what the built page shows. A printed total that the data does not
reproduce must be reported as a gap in the page's « contrôles de cohérence » box."""

from __future__ import annotations

import pytest

import source_tables as src
from helpers import REPO, digits, html_table, normalise, page, table_columns
from quartiers2030.data import datapackage
from quartiers2030.parts.evaluation import model as evaluation

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


def _gaps_on_page(soup) -> list[str]:
    box = soup.select_one("aside.q2030-checks")
    assert box is not None, "encadré « Contrôles de cohérence » absent"
    return [normalise(tr.get_text(" ")) for tr in box.select("tr.q2030-check-ecart, tr.q2030-check-arrondi")]


@pytest.mark.build
@pytest.mark.parametrize("table", sorted(PAGES))
def test_page_table_matches_the_contract_cell_for_cell(site, table):
    path, table_id, text = PAGES[table]
    soup = page(site, path)
    years, rows = src.parse(text)
    assert table_columns(soup, table_id) == [str(y) for y in years]
    shown = html_table(soup, table_id)
    gaps = _gaps_on_page(soup)
    keys = list(shown)
    assert len(keys) == len(rows), f"{table} : {len(keys)} lignes affichées, {len(rows)} dans le contrat"
    for key, (label, cells) in zip(keys, rows):
        assert normalise(key.split(" #")[0]) == normalise(label)
        for year, printed, got in zip(years, cells, shown[key]):
            if _same(printed, got):
                continue
            # A printed value that the data does not reproduce: it must be a reported gap,
            # showing the printed number, on a derived row (never a base fact).
            assert label in DERIVED_ROWS, f"{table} {label} {year} : {got!r} au lieu de {printed!r}"
            printed_digits = digits(printed)
            assert any(str(year) in g and printed_digits in digits(g) for g in gaps), (
                f"{table} {label} {year} : écart {printed!r} → {got!r} non signalé"
            )
