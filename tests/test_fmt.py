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
