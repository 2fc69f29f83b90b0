from quartiers2030.core.checks import Check, Verdict, compare, render


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


def test_an_omission_is_said_as_such_not_as_a_gap():
    box = render(
        [
            Check("Objectif", "« un objectif »", "Non donné", Verdict.MISSING, 1947),
            Check("Total", "2", "2", Verdict.AGREES, 1),
        ]
    ).markup
    assert "1 valeur concorde, aucun écart, 1 lacune du texte." in box
    assert "Lacune du texte" in box and "q2030-check-lacune" in box
    assert "Objectif : lacunes du texte</caption>" not in box  # the caption names the box
    assert "Contrôles de cohérence : lacunes du texte</caption>" in box


def test_summary_without_omission_is_unchanged():
    box = render([Check("a", "1", "2", Verdict.DIFFERS, 1), Check("b", "1", "3", Verdict.DIFFERS, 2)]).markup
    assert "2 contrôles : 0 valeur concorde, 2 écarts relevés." in box
    assert "écarts entre le contrat et le recalcul</caption>" in box
