"""Every date and number of Part III's text (lines 828-1533: the introductions of the axes,
objectives and orientations, and the axes transversaux) is on its axis's page, said in the
site's words beside its line. The numbers are read from the source text here; the only
ones left out are listed below with their reason."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from helpers import REPO, normalise, page
from quartiers2030.data import datapackage
from quartiers2030.parts.enjeux import sections

FIRST, LAST = 828, 1533
# The first line of each axis in the source text (its heading), and its page.
AXES = [
    (828, "AXE STRATÉGIQUE 1", "plein_emploi", "plein-emploi"),
    (1041, "AXE STRATÉGIQUE 2", "transitions", "transitions"),
    (1173, "AXE STRATÉGIQUE 3", "emancipation", "emancipation"),
    (1350, "AXE STRATÉGIQUE 4", "surs_ouverts", "surs-ouverts"),
    (1475, "LES AXES TRANSVERSAUX", "transversaux", "transversaux"),
]
NUMBER_WORDS = [
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "quinze",
    "vingt",
    "trente",
    "quarante",
    "cinquante",
    "soixante",
    "cent",
    "mille",
    "million",
    "millions",
    "milliard",
    "milliards",
    "second",
    "seconde",
    "moitié",
    "double",
    "triple",
]
TOKEN = re.compile(r"\d+(?:[ \u00a0\u202f]\d{3})*|\b(?:" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
# Numbers that are part of a name the contract gives (a programme, a platform, a school):
# no fact of their own; the name is on the page among the orientation's actions.
EXCEPTIONS = {
    (864, "2"): ("2° chance", "nom d'un dispositif : l'école de la 2° chance"),
    (950, "1"): ("1 jeune = 1 solution", "nom d'une plateforme : « 1 jeune = 1 solution »"),
    (950, "3"): ("stage de 3 ème", "nom d'une plateforme : « mon stage de 3 ème »"),
    (973, "2"): ("Action cœur de ville 2", "nom d'un programme : « Action cœur de ville 2 »"),
}


@pytest.fixture(autouse=True)
def _book_root(monkeypatch):
    monkeypatch.setenv("Q2030_ROOT", str(REPO))
    monkeypatch.delenv(datapackage.DECLARED_INPUTS_ENV, raising=False)


def _axis_of(n: int) -> tuple[str, str]:
    code, slug = None, None
    for first, _, c, s in AXES:
        if n >= first:
            code, slug = c, s
    return code, slug


def source_numbers(lines) -> list[tuple[int, str]]:
    """(line, number as printed) for every number and date of lines 828-1533, headings
    (whose numbers are the sections' numbering) aside."""
    found = []
    for n in range(FIRST, LAST + 1):
        text = lines[n - 1]
        if text.lstrip().startswith("#"):
            continue
        found += [(n, normalise(m.group())) for m in TOKEN.finditer(text)]
    return found


def _facts_on(soup) -> dict[int, list[str]]:
    """Line -> texts of the facts that cite it, in a page's (or a section's) facts list."""
    out: dict[int, list[str]] = {}
    for facts in soup.select("ul.q2030-facts"):
        # the lines are in the list's « Source », a group per part of the text, in order
        source = facts.find_next_sibling("details", class_="q2030-source-detail")
        groups = source.select("li") if source else []
        parts = facts.find_all("li", recursive=False)
        assert len(groups) == len(parts), "une ligne du contrat par fait, dans la Source de la liste"
        for part, group in zip(parts, groups, strict=True):
            texts = [normalise(li.get_text()) for li in part.select("li")]
            cited = [int(span.get_text()) for span in group.select(".q2030-list-source")]
            assert len(cited) == len(texts), normalise(group.get_text())
            assert normalise(group.get_text()).startswith(normalise(part.strong.get_text()))
            for line, text in zip(cited, texts, strict=True):
                out.setdefault(line, []).append(text)
    return out


def _missing(numbers, facts: dict[int, list[str]], text: str) -> list[str]:
    missing = []
    for n, token in numbers:
        if (n, token) in EXCEPTIONS:
            phrase, _ = EXCEPTIONS[(n, token)]
            if normalise(phrase) not in text:
                missing.append(f"ligne {n} : « {phrase} » absent de la page")
            continue
        pattern = re.compile(r"(?<!\d)" + re.escape(token) + r"(?!\d)", re.IGNORECASE)
        if not any(pattern.search(f) for f in facts.get(n, [])):
            missing.append(f"ligne {n} : « {token} » sans fait qui le reprenne avec sa ligne")
    return missing


def test_the_axes_start_where_the_source_text_says(lines):
    for first, heading, _, _ in AXES:
        assert heading in lines[first - 1], heading
    assert "LES AXES TRANSVERSAUX" not in " ".join(lines[LAST : LAST + 1])


def test_the_source_numbers_are_those_a_reader_counts(lines):
    """A sample, read by eye: the emploi franc's amounts (l. 876), the law's date (l. 1479)."""
    numbers = source_numbers(lines)
    assert [(n, t) for n, t in numbers if n == 876] == [
        (876, "5 000"),
        (876, "trois"),
        (876, "2 500"),
        (876, "6"),
    ]
    assert [(n, t) for n, t in numbers if n == 1479] == [(1479, "21"), (1479, "2014")]
    assert (1192, "quatre") in numbers and (895, "second") in numbers


@pytest.mark.parametrize("first,heading,code,slug", AXES)
def test_every_number_of_the_axis_text_is_in_its_facts(lines, first, heading, code, slug):
    """Fast: the facts section the page asks for (sections.facts) holds every number."""
    numbers = [(n, t) for n, t in source_numbers(lines) if _axis_of(n)[0] == code]
    assert numbers, heading
    soup = BeautifulSoup(str(sections.facts(code)), "html.parser")
    facts = _facts_on(soup)
    # Exceptions are names among the actions, not in the facts: checked on the page.
    numbers = [x for x in numbers if x not in EXCEPTIONS]
    assert _missing(numbers, facts, "") == []


def test_each_fact_keeps_its_value_as_printed_on_its_line(lines):
    facts = datapackage.load("enjeux_faits")
    for r in facts.itertuples():
        assert FIRST <= r.ligne_source <= LAST, r
        assert normalise(r.valeur_imprimee) in normalise(lines[r.ligne_source - 1]), (
            r.ligne_source,
            r.valeur_imprimee,
        )
        assert normalise(r.valeur_imprimee) in normalise(r.texte), (r.ligne_source, r.valeur_imprimee)
        assert _axis_of(r.ligne_source)[0] == r.axe, (r.ligne_source, r.axe)


def test_a_fact_sits_under_the_objective_whose_section_holds_its_line(lines):
    """An objective's section runs from its heading (« #### 1.1 … ») to the next heading of
    an objective or an axis; before the first, the fact belongs to the axis's introduction."""
    headings = {}
    for n in range(FIRST, LAST + 1):
        m = re.match(r"#+\s*(\d\.\d)\s", lines[n - 1])
        if m:
            headings[n] = m.group(1)
    transversal_titles = {
        "La promotion des valeurs": "5.1",
        "L'égalité entre les": "5.2",
        "L'accès à tous": "5.3",
    }
    for n in range(1475, LAST + 1):
        for start, code in transversal_titles.items():
            if lines[n - 1].lstrip("# *").startswith(start) and lines[n - 1].startswith("#"):
                headings[n] = code
    axis_starts = {first for first, *_ in AXES}
    for r in datapackage.load("enjeux_faits").itertuples():
        current = None
        for n in range(FIRST, r.ligne_source + 1):
            if n in axis_starts:
                current = None
            current = headings.get(n, current)
        expected = current if current is not None else None
        got = None if not isinstance(r.objectif, str) else r.objectif
        assert got == expected, (r.ligne_source, got, expected)


@pytest.mark.build
@pytest.mark.parametrize("first,heading,code,slug", AXES)
def test_every_number_of_the_axis_text_is_on_its_page(site, lines, first, heading, code, slug):
    """On the built page: each number with its line in the facts list; the exceptions'
    names among the page's text."""
    soup = page(site, f"notebooks/enjeux/{slug}.html")
    numbers = [(n, t) for n, t in source_numbers(lines) if _axis_of(n)[0] == code]
    text = normalise(soup.get_text(" "))
    assert _missing(numbers, _facts_on(soup), text) == []


def test_the_exceptions_are_names_printed_on_their_lines(lines):
    for (n, token), (phrase, reason) in EXCEPTIONS.items():
        assert normalise(phrase) in normalise(lines[n - 1]) and token in phrase, (n, reason)
