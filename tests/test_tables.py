import pytest

from quartiers2030.core.tables import Row, Table


def test_a_text_table_wraps_its_cells_and_a_number_table_does_not():
    rows = [Row("a", ["une phrase"])]
    assert (
        'class="q2030-table q2030-table-text q2030-cards"'
        in Table("t", "c", "x", ["y"], rows, text=True).html()
    )
    assert 'class="q2030-table"' in Table("t", "c", "x", ["y"], rows).html()


def test_a_text_table_names_the_column_of_each_cell_and_keeps_its_roles():
    html = Table("t", "c", "Mesure", ["Valeur", "Ligne"], [Row("a", ["1 €", ""])], text=True).html()
    assert '<td role="cell" data-label="Valeur">1 €</td>' in html
    assert 'data-label="Ligne"><span aria-hidden="true">–</span>' in html
    assert '<th scope="row" role="rowheader">a</th>' in html and 'role="table"' in html
    assert (
        "role=" not in Table("t", "c", "Mesure", ["Valeur"], [Row("a", ["1"])]).html().split("<table", 1)[1]
    )


def test_a_row_with_more_or_fewer_cells_than_columns_is_refused():
    with pytest.raises(ValueError):
        Table("t", "c", "Mesure", ["Valeur", "Ligne"], [Row("a", ["1"])], text=True).html()


def test_a_fragment_cell_is_kept_as_markup_and_a_text_cell_is_escaped():
    from quartiers2030.core.html import Fragment

    html = Table(
        "t", "c", "x", ["a", "b"], [Row("r", [Fragment("<em>ok</em>"), "<em>"], classes="extra")], text=True
    ).html()
    assert "<em>ok</em>" in html and "&lt;em&gt;" in html
    assert '<tr class="q2030-row-body extra" role="row">' in html
