import pytest

from quartiers2030.core.tables import Row, Table


def test_a_text_table_wraps_its_cells_and_a_number_table_does_not():
    rows = [Row("a", ["une phrase"])]
    assert (
        'class="q2030-table q2030-table-text q2030-cards"'
        in Table("t", "c", "x", ["y"], rows, text=True).html()
    )
    assert 'class="q2030-table"' in Table("t", "c", "x", ["y"], rows).html()


def test_a_text_table_names_the_column_of_each_cell_without_aria_roles():
    """The HTML standard forbids explicit roles on a table's cells (Nu HTML checker): the
    card layout keeps the table's own semantics and shows each column's name."""
    html = Table("t", "c", "Mesure", ["Valeur", "Ligne"], [Row("a", ["1 €", ""])], text=True).html()
    assert '<td data-label="Valeur">1 €</td>' in html
    assert 'data-label="Ligne"><span aria-hidden="true">–</span>' in html
    assert '<th scope="row">a</th>' in html
    assert "role=" not in html.split("<table", 1)[1]


def test_a_row_with_more_or_fewer_cells_than_columns_is_refused():
    with pytest.raises(ValueError):
        Table("t", "c", "Mesure", ["Valeur", "Ligne"], [Row("a", ["1"])], text=True).html()


def test_a_fragment_cell_is_kept_as_markup_and_a_text_cell_is_escaped():
    from quartiers2030.core.html import Fragment

    html = Table(
        "t", "c", "x", ["a", "b"], [Row("r", [Fragment("<em>ok</em>"), "<em>"], classes="extra")], text=True
    ).html()
    assert "<em>ok</em>" in html and "&lt;em&gt;" in html
    assert '<tr class="q2030-row-body extra">' in html


def test_a_table_is_a_focusable_region_named_by_its_caption():
    html = Table("t-1", "Légende & co", "Année", ["A"], [Row("2024", ["1"])]).html()
    assert html.startswith(
        '<div class="q2030-table-wrap" tabindex="0" role="region" aria-labelledby="t-1-caption">'
    )
    assert '<table id="t-1" class="q2030-table"><caption id="t-1-caption">Légende &amp; co</caption>' in html
    assert '<thead><tr><th scope="col">Année</th><th scope="col">A</th></tr></thead>' in html
    assert html.endswith("</table></div>")


def test_a_table_carries_a_hidden_hint_that_it_scrolls():
    """Shown by q2030-tables.js only when the table is wider than its box."""
    html = Table("t", "c", "Année", ["A"], [Row("2024", ["1"])]).html()
    assert (
        '<p class="q2030-table-hint" hidden data-pagefind-ignore>Faire glisser pour voir la suite <span aria-hidden="true">→</span></p>'
        '<table id="t"'
    ) in html


def test_a_column_group_spans_the_value_columns_and_cells_name_their_headers():
    """Two header rows: `scope` cannot say that a cell sits under two column headers
    (HTML_CodeSniffer H43), so each header has an id and each cell lists its headers."""
    html = Table(
        "t",
        "c",
        "Pilier",
        ["2024", "2025"],
        [Row("a", ["1", "2"])],
        footer=[Row("T", ["3", "4"])],
        column_group="Actions",
    ).html()
    assert '<thead><tr><td></td><th id="t-g" colspan="2">Actions</th></tr>' in html
    assert '<tr><th id="t-c0">Pilier</th><th id="t-c1" headers="t-g">2024</th>' in html
    assert '<th id="t-b1">a</th><td headers="t-g t-c1 t-b1">1</td><td headers="t-g t-c2 t-b1">2</td>' in html
    assert '<th id="t-f1">T</th><td headers="t-g t-c1 t-f1">3</td>' in html
    assert "scope=" not in html
    assert "headers=" not in Table("t", "c", "Pilier", ["2024"], [Row("a", ["1"])]).html()


def test_footer_rows_sub_rows_and_note():
    html = Table(
        "t",
        "c",
        "x",
        ["v"],
        [Row("dont a", ["1"], "sub")],
        footer=[Row("Total", ["3"], "total")],
        note="Note.",
    ).html()
    assert '<tbody><tr class="q2030-row-sub"><th scope="row">dont a</th><td>1</td></tr></tbody>' in html
    assert '<tfoot><tr class="q2030-row-total"><th scope="row">Total</th><td>3</td></tr></tfoot>' in html
    assert '</table><p class="q2030-table-note">Note.</p></div>' in html
    assert "<tfoot" not in Table("t", "c", "x", ["v"], [Row("a", ["1"])]).html()
    assert "q2030-table-note" not in Table("t", "c", "x", ["v"], [Row("a", ["1"])]).html()


def test_an_empty_cell_is_said_empty_to_screen_readers():
    html = Table("t", "c", "x", ["v"], [Row("a", [""])]).html()
    assert '<td><span aria-hidden="true">–</span><span class="q2030-sr-only">vide</span></td>' in html


def test_a_card_table_has_the_groups_and_scopes_of_any_table():
    html = Table("t", "c", "x", ["v"], [Row("a", ["1"])], footer=[Row("T", ["2"], "total")], text=True).html()
    for part in (
        "<thead><tr>",
        "<tbody><tr",
        "<tfoot><tr",
        '<th scope="col">x</th>',
        '<th scope="row">T</th>',
    ):
        assert part in html


def test_a_tables_codes_and_lines_are_folded_into_its_source_after_the_note():
    html = Table(
        "t", "c", "x", ["v"], [Row("a", ["1"])], note="Note.", source="Code <QN06249M>, ligne 423."
    ).html()
    assert html.endswith(
        '<p class="q2030-table-note">Note.</p><details class="q2030-source-detail"><summary>Source</summary>'
        "<p>Code &lt;QN06249M&gt;, ligne 423.</p></details></div>"
    )
    assert "q2030-source-detail" not in Table("t", "c", "x", ["v"], [Row("a", ["1"])]).html()
