from quartiers2030.checks import Check, Verdict, compare, render


def test_equal_at_printed_precision_agrees():
    assert compare(67, 66.67, 0) is Verdict.AGREES


def test_truncation_is_a_rounding_gap():
    # « 16 650.75 € » printed for 16 650.755…: truncated, not rounded.
    assert compare(16650.75, 16650.758, 2) is Verdict.ROUNDING
    assert compare(57, 57.83, 0) is Verdict.ROUNDING


def test_real_difference_is_a_gap():
    assert compare(45.6, 51.03, 1) is Verdict.DIFFERS
    assert compare(62, 61, 0) is Verdict.DIFFERS


def test_box_states_verdict_in_words_and_escapes_text():
    box = render([Check("<b>x</b>", "1", "2", Verdict.DIFFERS, 12)]).markup
    assert "Écart" in box and "1 écart relevé" in box
    assert "<b>x</b>" not in box and "&lt;b&gt;x&lt;/b&gt;" in box
