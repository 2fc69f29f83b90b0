"""The shared wording of a page's « Source » line (cases from the contract's line ranges the
pages cite by hand before they came from the data)."""

import pytest

from quartiers2030.parts.sources import line_ranges, source_sentence


def test_one_range():
    assert line_ranges([(828, 1039, None)]) == "lignes 828 à 1039"


def test_two_ranges():
    assert line_ranges([(1537, 1547, None), (1796, 1877, None)]) == "lignes 1537 à 1547 et 1796 à 1877"


def test_ranges_and_single_lines():
    assert line_ranges([(556, 568, None), (693, 693, None), (770, 770, None)]) == (
        "lignes 556 à 568, 693 et 770"
    )


def test_one_line():
    assert line_ranges([(298, 298, None)]) == "ligne 298"


def test_sentence_with_part_and_subjects():
    assert source_sentence([(1896, 1914, "comité de pilotage"), (1967, 2108, "pages")], "partie IV") == (
        "Source : contrat de ville, partie IV, lignes 1896 à 1914 (comité de pilotage) et 1967 à 2108 (pages)."
    )
    assert source_sentence([(1350, 1473, None)]) == "Source : contrat de ville, lignes 1350 à 1473."


def test_no_passage_is_refused():
    with pytest.raises(ValueError, match="Aucun passage"):
        line_ranges([])
