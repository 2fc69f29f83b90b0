"""The géographie modules without a build: values as written, source lines, the latest
value, gaps that imply a reference, bars, lists and key figures rendered from templates.
Expected values come from the contract's text (its lines are cited) or from small facts
made here."""

from __future__ import annotations

from dataclasses import replace

from quartiers2030.core.checks import Verdict
from quartiers2030.core.key_figures import KeyFigure, key_figures
from quartiers2030.core.tables import Table
from quartiers2030.parts.geographie import bars, model, tables, value_checks, vocabulary, wording
from quartiers2030.parts.geographie.model import Fact

NBSP = "\u00a0"


def fact(**values) -> Fact:
    base = dict(
        section="QN06249M",
        territory="QN06249M",
        theme="pauvrete",
        indicator="taux_pauvrete",
        words="taux de pauvreté",
        value=41.5,
        value_words=None,
        unit="%",
        year=2019,
        base_year=None,
        period=None,
        reference=None,
        reference_value=None,
        remark=None,
        line=758,
    )
    return Fact(**(base | values))


def test_values_are_written_the_french_way():
    assert wording.value_text(48, "%") == f"48{NBSP}%"  # l. 551
    assert wording.value_text(13820, "€").replace("\u202f", " ") == f"13 820{NBSP}€"  # l. 637
    assert wording.value_text(4.6, "points", "evolution_taux_pauvrete") == f"+4,6{NBSP}points"
    assert wording.value_text(1, "points") == f"1{NBSP}point"
    assert wording.value_text(2004, "année") == "2004"
    assert (
        wording.value_text(33.3, "%", words="1/3 des ménages") == f"33,3{NBSP}% (« 1/3 des ménages »)"
    )  # l. 539


def test_periods_say_the_years_the_words_do_not():
    assert wording.period_text(fact()) == "2019"
    assert wording.period_text(fact(year=None)) == "non précisée"
    assert wording.period_text(fact(year=2020, base_year=2014)) == "de 2014 à 2020"
    assert wording.period_text(fact(period="rentrée 2020-2021", year=2020)) == "rentrée 2020-2021"
    assert wording.period_text(fact(period="au 31/12", year=2019)) == "2019 (au 31/12)"


def test_source_lines_are_grouped_by_passage():
    assert model.source_lines([433, 606, 620, 640]) == "lignes 433 et 606 à 640"
    assert model.source_lines([433, 606, 640, 723]) == "lignes 433, 606, 640 et 723"
    assert model.source_lines([760]) == "ligne 760"
    assert model.source_lines(list(range(386, 462))) == "lignes 386 à 461"


def test_short_labels_drop_the_article():
    assert model.short_label("Des résidences Sud du Boulonnais") == "Résidences Sud du Boulonnais"  # l. 426
    assert model.short_label("Damrémont") == "Damrémont"


def test_latest_keeps_the_most_recent_year_and_undated_as_current():
    old, new, undated = fact(year=2014), fact(year=2019), fact(indicator="part_locataires", year=None)
    assert model.latest([new, old, undated]) == [new, undated]
    assert model.latest([fact(year=None), old]) == [fact(year=None)]


def test_a_printed_gap_implies_the_reference_value():
    """l. 757: a median income of 14 690 € and a gap of -2 000 € to Boulogne-sur-Mer."""
    income = fact(indicator="revenu_median_disponible", value=14690, unit="€")
    gap = fact(indicator="ecart_revenu_median", value=-2000, unit="€", reference="boulogne_sur_mer")
    [(base, ref, implied, printed)] = model.implied_references([income], [income, gap])
    assert (base, ref, implied, printed) == (income, "boulogne_sur_mer", 16690, gap)
    assert model.implied_references([income], [replace(gap, year=2018)]) == []


def test_bars_of_a_measure_carry_the_quartier_and_its_comparisons():
    mine = fact(reference="cab", reference_value=19.7)
    made = bars.indicator_bars("taux_pauvrete", [mine], [mine], [fact(territory="qpv_cab", value=46.2)])
    assert [b.role for b in made] == [bars.QUARTIER, bars.REFERENCE, bars.REFERENCE]
    assert [b.value for b in made] == [41.5, 19.7, 46.2]
    assert made[0].label == "Damrémont"
    figure = bars.measure_plot(made)
    assert [t.name.replace("<br>", " ") for t in figure.data] == [
        vocabulary.roles()[r].label for r in (bars.QUARTIER, bars.REFERENCE)
    ]  # wrapped between words, never cut


def test_vocabulary_reads_the_words_and_falls_back_on_the_code():
    assert vocabulary.indicator_label("taux_pauvrete") == "Taux de pauvreté"  # l. 551
    assert vocabulary.indicator_label("une_mesure_nouvelle") == "Une mesure nouvelle"
    assert vocabulary.list_title("une_liste_nouvelle") == "Une liste nouvelle"
    assert {"qpv_cab", "qpv_region"} <= vocabulary.aggregates()  # l. 458-459
    assert [s.key for s in vocabulary.sections()][:2] == ["population", "pauvrete"]
    assert all(len(b.members) >= 2 for b in vocabulary.breakdowns())
    assert vocabulary.passage("vision") == (386, 461)


def test_the_facts_table_cites_the_contract_line():
    table = tables.facts_table([fact()], "t", "Pauvreté et revenus : tous les chiffres du contrat", False)
    assert isinstance(table, Table)
    assert table.columns == ["Valeur", "Période", "Comparaison", "Ligne du contrat"]
    assert table.rows[0].header == "Taux de pauvreté" and table.rows[0].cells[-1] == "758"


def test_lists_and_key_figures_escape_the_data():
    [block] = tables.lists(
        ["QN06249M"], "x", exclude=tuple(set(model.list_rows(["QN06249M"])["liste"]) - {"equipements"})
    )
    assert "&#39;" in str(block) or "'" not in str(block)
    html = str(key_figures([KeyFigure("1 737", "habitants <b>", "tableau")], "Chiffres clés : Damrémont"))
    assert "habitants &lt;b&gt;" in html and 'aria-label="Chiffres clés : Damrémont"' in html
    assert html.startswith('<dl class="q2030-keyfigures"') and "q2030-keyfigure-note" in html
    assert "q2030-keyfigure-note" not in str(key_figures([KeyFigure("22", "communes")], "x"))


# --- « contrôles de cohérence » on small facts ------------------------------------------------


def test_parts_cannot_exceed_their_whole():
    whole = fact(theme="education", indicator="nombre_collegiens", value=452, unit="élèves", line=570)
    part = replace(whole, indicator="nombre_collegiens_rep", value=300)
    [check] = value_checks.parts_checks([whole, part])
    assert check.verdict is Verdict.AGREES
    [check] = value_checks.parts_checks(
        [whole, part, replace(part, indicator="nombre_collegiens_prive", value=200)]
    )
    assert check.verdict is Verdict.DIFFERS


def test_a_complete_breakdown_must_make_100_percent():
    shares = [
        fact(theme="logement", indicator=f"part_anciennete_logement_{band}", value=value, line=700)
        for band, value in (("moins_2_ans", 10), ("2_4_ans", 20), ("5_ans_plus", 70))
    ]
    [check] = value_checks.breakdown_checks(shares)
    assert check.verdict is Verdict.AGREES and check.stated == "100 %"
    [check] = value_checks.breakdown_checks([*shares[:2], replace(shares[2], value=60)])
    assert check.verdict is Verdict.DIFFERS


def test_printed_amounts_are_known_to_their_last_significant_digit():
    assert value_checks._rounding_unit(2000) == 1000  # « 2 000 € », l. 757
    assert value_checks._rounding_unit(1500) == 100  # « 1 500 € », l. 687
    assert value_checks._rounding_unit(-5200) == 100


def test_rank_words_and_truncated_numbers():
    assert value_checks._rank_mode("le taux de pauvreté le plus élevé") == "max"  # l. 551
    assert value_checks._rank_mode("moins marquée que dans d'autres QPV") == "lower"
    assert value_checks._rank_mode("un taux de pauvreté de 48 %") is None
    truncated = fact(
        indicator="evolution_taux_pauvrete", unit="points", value=-19, remark="année tronquée « 201 »"
    )
    [check] = value_checks.garbled_checks([truncated, fact()])
    assert check.verdict is Verdict.MISSING and check.stated == "« 201 »"  # l. 577
