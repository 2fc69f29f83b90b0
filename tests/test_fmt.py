from quartiers2030.core import fmt


def test_euros_group_digits_with_narrow_nbsp_and_join_unit_with_nbsp():
    assert fmt.euros(1032347) == "1\u202f032\u202f347\u00a0€"


def test_percent_uses_decimal_comma():
    assert fmt.percent(45.6) == "45,6\u00a0%"
    assert fmt.percent(25, 0) == "25\u00a0%"


def test_number_with_decimals():
    assert fmt.number(14927.8, 2) == "14\u202f927,80"
    assert fmt.euros(16650.755, 2) == "16\u202f650,76\u00a0€"


def test_missing_values_are_empty_strings():
    assert fmt.euros(None) == ""
    assert fmt.number(float("nan")) == ""


def test_decimals_of_printed_numbers():
    assert fmt.decimals_of(45.6) == 1
    assert fmt.decimals_of(25) == 0


def test_counts_take_the_singular_for_zero_and_one():
    assert fmt.count(0, "bloc") == "0 bloc" and fmt.count(1, "bloc") == "1 bloc"
    assert fmt.count(3, "bloc") == "3 blocs" and fmt.count(2, "journal", "journaux") == "2 journaux"
    assert fmt.count(1250, "répondant") == "1\u202f250 répondants"


def test_dates_as_precise_as_their_source():
    import datetime

    assert fmt.date_text(datetime.date(2015, 6, 1)) == "1er juin 2015"
    assert fmt.date_text(datetime.date(2015, 6, 26)) == "26 juin 2015"
    assert fmt.date_text(datetime.date(2015, 6, 26), "mois") == "juin 2015"
    assert fmt.date_text(datetime.date(2015, 6, 26), "annee") == "2015"
    assert fmt.long_date(datetime.date(2023, 9, 20)) == "20 septembre 2023" and fmt.long_date(None) == ""


def test_short_dates_of_versions():
    assert fmt.short_date("2024-06-26") == "26/06/2024" and fmt.short_date("juin") == ""


def test_values_with_their_unit():
    assert fmt.with_unit(12, "€") == "12\u00a0€" and fmt.with_unit(4.5, "%", 1) == "4,5\u00a0%"
    assert fmt.with_unit(3, "ha") == "3\u00a0ha" and fmt.with_unit(3, None) == "3"
