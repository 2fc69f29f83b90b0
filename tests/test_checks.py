import re

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


def test_the_box_is_a_named_aside_with_gaps_in_full_and_agreements_folded():
    box = render(
        [Check("a", "1", "1", Verdict.AGREES, 3), Check("b", "1", "2", Verdict.DIFFERS, 4, "car")],
        title="Contrôles",
        id="ctl",
    ).markup
    assert box.startswith('<aside class="q2030-checks" id="ctl" aria-labelledby="ctl-title">')
    assert '<p class="q2030-checks-title" id="ctl-title"><strong>Contrôles</strong></p>' in box
    assert '<p class="q2030-checks-summary">2 contrôles : 1 valeur concorde, 1 écart relevé.</p>' in box
    gaps, agree = box.split("<details>")
    assert 'id="ctl-ecarts"' in gaps and 'id="ctl-concordent"' in agree
    assert agree.startswith("<summary>Voir les 1 contrôle qui concorde</summary>")
    assert box.endswith("</details></aside>")
    assert '<tr class="q2030-row-body q2030-check-ecart">' in gaps
    assert '<td data-label="Verdict"><span aria-hidden="true">✗ </span>Écart</td>' in gaps
    assert '<td data-label="Où dans le contrat">ligne 4</td>' in gaps
    heads = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', gaps)
    assert heads[-5:] == [
        "Ce que dit le contrat",
        "Ce que donne le calcul du site",
        "Verdict",
        "Explication",
        "Où dans le contrat",
    ]


def test_a_box_without_agreement_has_nothing_folded_and_without_gap_no_gap_table():
    assert "<details>" not in render([Check("b", "1", "2", Verdict.DIFFERS, 4)]).markup
    agree = render([Check("a", "1", "1", Verdict.AGREES, 3), Check("c", "2", "2", Verdict.AGREES, 5)]).markup
    assert "-ecarts" not in agree and "Voir les 2 contrôles qui concordent" in agree
    assert "2 contrôles : 2 valeurs concordent, aucun écart." in agree


def test_gaps_and_omissions_together_are_named_in_the_caption():
    box = render([Check("a", "1", "2", Verdict.ROUNDING, 1), Check("b", "x", "?", Verdict.MISSING, 2)]).markup
    assert "Contrôles de cohérence : écarts et lacunes du texte</caption>" in box
    assert "1 écart relevé, 1 lacune du texte." in box and "Écart d&#39;arrondi" in box
