"""« Comparer les quartiers »: the measures the contract gives for several quartiers or
sub-quartiers, side by side with their years, then measure by measure with the contract's
own words and a warning when the years or the wordings differ."""

from __future__ import annotations

from quartiers2030.core import fmt
from quartiers2030.core.html import Fragment, slug
from quartiers2030.core.tables import Row, Table
from quartiers2030.core.templates import render
from quartiers2030.parts.geographie import vocabulary
from quartiers2030.parts.geographie.bars import REFERENCE, Bar, bar_label
from quartiers2030.parts.geographie.charts import figure_for
from quartiers2030.parts.geographie.model import (
    Fact,
    comparable_indicators,
    compared_territories,
    facts,
    latest,
    qpv,
    qpv_of,
    qpvs,
    short_label,
    territory_label,
)
from quartiers2030.parts.geographie.vocabulary import indicator_definition, indicator_label
from quartiers2030.parts.geographie.wording import bar_text, fact_value, period_text, plain_value, value_text

AGGREGATE = "qpv_cab"  # the column beside the quartiers: all the QPV of the CAB together
MATRIX_NOTE = (
    "Entre parenthèses, l'année de la valeur ; « — » : le contrat ne la dit pas. Une case "
    "vide : le contrat ne donne pas la valeur. Les sous-quartiers sont ceux que le contrat "
    "distingue."
)


def measures() -> list[str]:
    """The measures compared one by one (population is in the matrix only): each has its
    heading on the page."""
    return [i for i in comparable_indicators() if i != "population"]


def _population_row(columns: list[str], recent: list[Fact], with_aggregate: bool) -> Row:
    """Population from the QPV table for a QPV, from the text for a sub-quartier."""
    codes = {q.code for q in qpvs()}

    def cell(t: str) -> str:
        if t in codes:
            return fmt.number(qpv(t).population)
        given = (f for f in recent if f.territory == t and f.indicator == "population")
        return next((value_text(f.value, "") for f in given), "")

    total = [fmt.number(sum(q.population for q in qpvs()))] if with_aggregate else []
    return Row("Population (tableau de la géographie prioritaire)", [cell(t) for t in columns] + total)


def _matrix_note(columns: list[str], recent: list[Fact]) -> str:
    note = MATRIX_NOTE
    empty = [short_label(q.label) for q in qpvs() if not any(qpv_of(c) == q.code for c in columns)]
    if empty:
        note += (
            " Le contrat ne donne aucune de ces mesures pour : "
            + ", ".join(empty)
            + " (seulement sa population)."
        )
    scales = vocabulary.scales()
    # A sub-quartier's population written in the text, against the QPV table's.
    sub_population = next(
        (
            f
            for f in recent
            if f.indicator == "population"
            and f.territory not in scales
            and qpv_of(f.territory) != f.territory
        ),
        None,
    )
    if sub_population:
        note += (
            f" La population de {territory_label(sub_population.territory)} est celle que le texte donne "
            f"(ligne {sub_population.line}) ; elle contredit le tableau (voir les contrôles)."
        )
    return note


def matrix() -> Fragment:
    """One row per measure, one column per quartier or sub-quartier that gives any, with
    the year beside each value."""
    indicators = comparable_indicators()
    recent = latest([f for f in facts() if f.indicator in indicators])
    columns = [t for t in compared_territories() if any(f.territory == t for f in recent)]
    with_aggregate = any(f.territory == AGGREGATE and f.indicator in indicators for f in recent)
    header = [territory_label(t) for t in columns] + ([territory_label(AGGREGATE)] if with_aggregate else [])
    rows = [_population_row(columns, recent, with_aggregate)]
    for indicator in indicators:
        if indicator == "population":
            continue
        cells = []
        for t in columns + ([AGGREGATE] if with_aggregate else []):
            f = next((x for x in recent if x.territory == t and x.indicator == indicator), None)
            cells.append("" if f is None else f"{plain_value(f)} ({f.year or '—'})")
        rows.append(Row(indicator_label(indicator), cells))
    table = Table(
        id="tableau-comparaison",
        caption="Les mesures que le contrat donne pour plusieurs quartiers",
        corner="Mesure",
        columns=header,
        rows=rows,
        note=_matrix_note(columns, recent),
    )
    return table.fragment()


def _bars(rows: list[Fact], aggregates: list[Fact]) -> list[Bar]:
    many_years = len({(x.territory, x.year) for x in rows}) > len({x.territory for x in rows})
    bars = [
        Bar(
            bar_label(f, True, many_years),
            f.value,
            bar_text(f.value, f.unit, f.indicator),
            hover=f"{territory_label(f.territory)} ({period_text(f)}) : {fact_value(f)}",
        )
        for f in rows
    ]
    return bars + [
        Bar(
            territory_label(f.territory),
            f.value,
            bar_text(f.value, f.unit),
            REFERENCE,
            f"{territory_label(f.territory)} : {fact_value(f)} (ligne {f.line})",
        )
        for f in aggregates
    ]


def measure(indicator: str) -> Fragment:
    """One measure given in several places: its definition, a warning when the years or
    the wordings differ, a chart when three or more places give it, and for each place the
    value, the year and the contract's own words."""
    all_facts = facts()
    places = compared_territories()
    rows = sorted(
        (f for f in all_facts if f.indicator == indicator and f.territory in places),
        key=lambda f: (places.index(f.territory), f.year or 0),
    )
    label = indicator_label(indicator)
    years = {f.year for f in latest(rows)}
    figure = None
    if len({f.territory for f in rows}) >= 3:
        aggregates = vocabulary.aggregates()
        around = [f for f in all_facts if f.indicator == indicator and f.territory in aggregates]
        figure = figure_for(indicator, _bars(rows, around), rows, "comparer").fragment()
    table = Table(
        id=f"tableau-comparer-{slug(indicator)}",
        caption=f"{label} : valeur, année et formulation du contrat",
        corner="Quartier",
        columns=["Valeur", "Période", "Ce qu'écrit le contrat", "Ligne du contrat"],
        text=True,
        rows=[
            Row(territory_label(f.territory), [fact_value(f), period_text(f), f"« {f.words} »", str(f.line)])
            for f in rows
        ],
    )
    return render(
        "geographie/measure.html",
        definition=indicator_definition(indicator),
        years=", ".join(sorted(str(y) if y else "non dite" for y in years)) if len(years) > 1 else "",
        wordings_differ=len({f.words.lower() for f in rows}) > 1,
        figure=figure,
        table=table.fragment(),
    )
