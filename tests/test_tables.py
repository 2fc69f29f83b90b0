from quartiers2030.tables import Row, Table


def test_a_text_table_wraps_its_cells_and_a_number_table_does_not():
    rows = [Row("a", ["une phrase"])]
    assert 'class="q2030-table q2030-table-text"' in Table("t", "c", "x", ["y"], rows, text=True).html()
    assert 'class="q2030-table"' in Table("t", "c", "x", ["y"], rows).html()
