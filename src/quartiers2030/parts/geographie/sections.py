"""The content of each section of the géographie pages, one function per section: the
notebooks hold the headings and their order (Markdown) and call these for what goes under
them, e.g. `sections.key_figures("QN06251M")`, `sections.theme("QN06251M", "pauvrete")`.
"""

from __future__ import annotations

from quartiers2030.core import fmt
from quartiers2030.core.html import Fragment
from quartiers2030.core.key_figures import key_figures as key_figures_fragment
from quartiers2030.core.templates import render
from quartiers2030.parts.geographie import maps as carte
from quartiers2030.parts.geographie import vocabulary
from quartiers2030.parts.geographie.added import sources_of
from quartiers2030.parts.geographie.charts import theme_figures
from quartiers2030.parts.geographie.key_figures import agglomeration_cards, quartier_cards
from quartiers2030.parts.geographie.model import (
    Fact,
    agglomeration_facts,
    facts,
    facts_of,
    former_code,
    gaps,
    list_rows,
    qpv,
    qpvs,
    section_facts,
    short_label,
    source_lines,
    sub_quartiers,
    territories_of,
)
from quartiers2030.parts.geographie.tables import facts_table, lists

NO_NUMBER = "Le contrat ne donne aucun chiffre sur ce thème pour ce quartier."


def intro(code: str) -> Fragment:
    """Who and where: the QPV's code, communes, official and former names, its sub-quartiers."""
    subs = sub_quartiers(code)
    return render(
        "geographie/intro.html",
        qpv=qpv(code),
        former=former_code(code),
        subs=subs,
        count=fmt.number(len(subs)),
    )


def key_figures(code: str) -> Fragment:
    return key_figures_fragment(quartier_cards(code), f"Chiffres clés : {short_label(qpv(code).label)}")


def map(code: str) -> Fragment:
    """« Où se trouve le quartier » : its communes and the nearby collèges, what the map does
    not show, and the illustration of the printed contract that the text lost."""
    figure = carte.map_figure(
        carte.MapSpec(
            id=f"carte-{code.lower()}",
            title=f"Les communes du quartier {short_label(qpv(code).label)} et les collèges proches",
            focus=carte.qpv_communes()[code],
            highlight_qpv=code,
            height=560,
        )
    )
    lost = [g for g in gaps(code) if g.nature == "figure_perdue"]
    return render(
        "geographie/map.html", figure=figure.fragment(), outline_notice=carte.outline_notice(), lost=lost
    )


def _aggregate_facts(all_facts: list[Fact]) -> list[Fact]:
    aggregates = vocabulary.aggregates()
    return [f for f in all_facts if f.territory in aggregates]


def _theme(rows: list[Fact], key: str, page: str, *, agglomeration: bool, empty: str, added=()) -> Fragment:
    all_facts = facts()
    aggregates = [] if agglomeration else _aggregate_facts(all_facts)
    if not rows and not added:
        return render("geographie/theme.html", empty=empty, figures=[], table="")
    charts = theme_figures(rows, all_facts, aggregates, page, agglomeration, tuple(added))
    figures = [f.fragment() for f in charts]
    several = len({f.territory for f in [*rows, *added]}) > 1 or agglomeration  # a scale is always named
    title = vocabulary.section(key).title
    caption = f"{title} : tous les chiffres du contrat" + (" et ceux ajoutés après lui" if added else "")
    table = facts_table(rows, f"{page}-tableau-{key}", caption, several, tuple(added))
    return render("geographie/theme.html", empty="", figures=figures, table=table.fragment())


def theme(code: str, key: str) -> Fragment:
    """A theme of a quartier's portrait (sections.csv): charts when a comparison exists, and
    a table of every number, with the values added after the contract beside its own."""
    rows = section_facts(facts_of(code), key)
    added = section_facts(facts_of(code, added=True), key)
    return _theme(rows, key, code.lower(), agglomeration=False, empty=NO_NUMBER, added=added)


def themes_with_facts(code: str) -> list[str]:
    """The themes a quartier's page must show: the essential ones, and every one the
    contract gives a number for."""
    rows = facts_of(code)
    return [s.key for s in vocabulary.sections() if s.core or section_facts(rows, s.key)]


def places(code: str) -> Fragment:
    """The contract's lists for a QPV and its sub-quartiers (equipment, services, places),
    and where its portrait stands in the contract's text."""
    territories = territories_of(code)
    elsewhere = vocabulary.agglomeration_page_lists()
    blocks = lists(territories, f"listes-{code.lower()}", exclude=elsewhere)
    items = list_rows(territories)
    lines = [f.line for f in facts_of(code) if f.section == code]
    lines += list(items.loc[~items["liste"].isin(elsewhere), "ligne_source"])
    added = " ; ".join(sources_of(facts_of(code, added=True)))
    return render(
        "geographie/places.html", blocks=blocks, lines=source_lines(lines) if lines else "", added=added
    )


# --- « Vision d'agglomération » -------------------------------------------------------------


def agglomeration_key_figures() -> Fragment:
    return key_figures_fragment(agglomeration_cards(), "Chiffres clés de l'agglomération")


def agglomeration_theme(key: str) -> Fragment:
    """A theme of part A (« Vision d'agglomération »): its numbers, by scale of comparison."""
    rows = section_facts(agglomeration_facts(), key)
    added = section_facts(agglomeration_facts(added=True), key)
    return _theme(rows, key, "cab", agglomeration=True, empty="", added=added)


def agglomeration_themes() -> list[str]:
    """The themes part A gives numbers for: each must have its heading on the page."""
    rows = agglomeration_facts()
    return [s.key for s in vocabulary.sections() if section_facts(rows, s.key)]


def agglomeration_lists(*which: str) -> Fragment:
    """Some lists of part A (listes.csv codes), in the text's order."""
    territories = ["france", "cab", *[q.code for q in qpvs()]]
    excluded = tuple(set(list_rows(territories)["liste"]) - set(which))
    return render("geographie/blocks.html", blocks=lists(territories, "listes-cab", exclude=excluded))


def source(key: str) -> Fragment:
    """« Source : contrat de ville, lignes … » for a passage of part II (passages.csv)."""
    first, last = vocabulary.passage(key)
    added = " ; ".join(sources_of(agglomeration_facts(added=True)))
    return render("geographie/source.html", lines=source_lines(list(range(first, last + 1))), added=added)
