"""« Comparer les quartiers »: the measures the contract gives for several quartiers or
sub-quartiers, side by side with their years, then measure by measure with the contract's
own words and a warning when the years or the wordings differ."""

from __future__ import annotations

from quartiers2030.core import fmt
from quartiers2030.core.checks import compare, marked
from quartiers2030.core.html import Fragment, slug
from quartiers2030.core.tables import Row, Table
from quartiers2030.core.templates import render
from quartiers2030.data.datapackage import load
from quartiers2030.parts.geographie import vocabulary
from quartiers2030.parts.geographie.added import beside, note, sources_of
from quartiers2030.parts.geographie.added import marked as added_marked
from quartiers2030.parts.geographie.bars import REFERENCE, Bar, added_bars, bar_label, with_added
from quartiers2030.parts.geographie.charts import figure_for
from quartiers2030.parts.geographie.model import (
    Fact,
    added_facts,
    comparable_indicators,
    compared_territories,
    facts,
    latest,
    qpv,
    qpv_of,
    qpvs,
    short_label,
    source_text,
    territory_label,
)
from quartiers2030.parts.geographie.vocabulary import indicator_definition, indicator_label
from quartiers2030.parts.geographie.wording import bar_text, fact_value, period_text, plain_value, value_text

NOT_IN_CONTRACT = "(pas dans le contrat)"
AGGREGATE = "qpv_cab"  # the column beside the quartiers: all the QPV of the CAB together
MATRIX_NOTE = (
    "Entre parenthèses, l'année de la valeur (« année non dite » quand le contrat ne la dit "
    "pas) et la ligne du contrat d'où elle vient : les populations des quartiers et leur total, "
    "du tableau de la géographie prioritaire ; toutes les autres valeurs, du texte des "
    "portraits. Une case vide : le contrat ne donne pas la valeur. Les sous-quartiers sont ceux "
    "que le contrat distingue."
)
POPULATION_TOTAL = ("T-GEO-01", "population_qpv")  # the QPV table's printed TOTAL (l. 427)


def measures() -> list[str]:
    """The measures compared one by one (population is in the matrix only): each has its
    heading on the page."""
    return [i for i in comparable_indicators() if i != "population"]


def _population_total() -> str | Fragment:
    """The TOTAL the QPV table prints, with its line; the sum of its rows beside it if it
    differs."""
    table, indicator = POPULATION_TOTAL
    printed = load("geographie_valeurs_imprimees")
    row = printed[(printed["tableau"] == table) & (printed["indicateur"] == indicator)].iloc[0]
    total = sum(q.population for q in qpvs())
    where = f" (tableau, ligne {int(row.ligne_source)})"
    return marked(fmt.number(row.valeur) + where, fmt.number(total), compare(row.valeur, total, 0))


def _population_row(columns: list[str], recent: list[Fact], with_aggregate: bool) -> Row:
    """Population from the QPV table for a QPV, from the text for a sub-quartier, each with
    where it comes from."""
    codes = {q.code for q in qpvs()}

    def cell(t: str) -> str:
        if t in codes:
            return f"{fmt.number(qpv(t).population)} (tableau, ligne {qpv(t).line})"
        given = (f for f in recent if f.territory == t and f.indicator == "population")
        return next((f"{value_text(f.value, '')} (texte, ligne {f.line})" for f in given), "")

    total = [_population_total()] if with_aggregate else []
    return Row("Population", [cell(t) for t in columns] + total)


def _where(f: Fact) -> str:
    """« 2019, ligne 551 », or « année non dite, ligne 459 »."""
    return f"{f.year or 'année non dite'}, ligne {f.line}"


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
            f" La population de {territory_label(sub_population.territory)} est celle que le texte donne ; "
            "elle contredit le tableau (voir les contrôles)."
        )
    return note


def matrix() -> Fragment:
    """One row per measure, one column per quartier or sub-quartier that gives any, with
    the year beside each value."""
    indicators = comparable_indicators()
    recent = latest([f for f in facts() if f.indicator in indicators])
    added = [f for f in added_facts() if f.indicator in indicators]
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
            cell = "" if f is None else f"{plain_value(f)} ({_where(f)})"
            cells.append(" ; ".join(filter(None, [cell, *_added_cells(added, t, indicator)])))
        rows.append(Row(indicator_label(indicator), cells))
    table = Table(
        id="tableau-comparaison",
        caption="Les mesures que le contrat donne pour plusieurs quartiers",
        corner="Mesure",
        columns=header,
        rows=rows,
        note=_matrix_note(columns, recent) + _added_note(added),
    )
    return table.fragment()


ADDED_WORD = "ajoutée"


def _added_note(added: list[Fact]) -> str:
    if not added:
        return ""
    return (
        f" « {ADDED_WORD} » : donnée ajoutée après le contrat, source : {' ; '.join(sources_of(added))} ; "
        "la valeur du contrat reste à côté."
    )


def _added_cells(added: list[Fact], territory: str, indicator: str) -> list[str]:
    """The values added after the contract for one cell, beside the contract's: year and mark."""
    return [
        f"{plain_value(a)} ({a.year or '—'}, {ADDED_WORD})"
        for a in sorted(added, key=lambda a: (a.year or 0, a.source))
        if a.territory == territory and a.indicator == indicator
    ]


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


def like_with_like(rows: list[Fact], added: list[Fact]) -> list[str]:
    """What can and cannot be compared once values were added after the contract: for each
    added year, the places that have one; a place the contract already gives for that year
    keeps the contract's value in the comparison; the places with no value of that year."""
    out = []
    for year in sorted({a.year or 0 for a in added}):
        same = [a for a in added if (a.year or 0) == year]
        when = str(year) if year else "d'année non dite"
        names = list(dict.fromkeys(territory_label(a.territory) for a in same))
        sentence = f"Valeurs de {when} ajoutées après le contrat ({' ; '.join(sources_of(same))}) : {', '.join(names)}."
        given = {f.territory for f in rows if (f.year or 0) == year}
        if any(a.territory in given for a in same):
            sentence += f" Le contrat donne déjà une valeur de {when} pour ce quartier : la comparaison garde la sienne."
        missing = [
            territory_label(t)
            for t in dict.fromkeys(f.territory for f in rows)
            if t not in given | {a.territory for a in same}
        ]
        if missing:
            verb = "n'a" if len(missing) == 1 else "n'ont"
            sentence += (
                f" Elles ne se comparent qu'entre elles : {', '.join(missing)} {verb} pas de valeur de "
                f"{when} (le contrat : {_years(rows)})."
            )
        if len(sources_of(same)) > 1:
            sentence += " Leurs sources diffèrent : la définition peut ne pas être la même."
        out.append(sentence)
    return out


def _years(rows: list[Fact]) -> str:
    return ", ".join(sorted({str(f.year) if f.year else "année non dite" for f in rows}))


def _measure_row(f: Fact) -> Row:
    """A place's value, year, the contract's words, the remark that says how the words were
    read when they can be read otherwise, and where the value comes from."""
    if f.from_contract:
        cells = [fact_value(f), period_text(f), f"« {f.words} »", f.remark or "", f"texte, {source_text(f)}"]
        return Row(territory_label(f.territory), cells)
    return Row(
        added_marked(territory_label(f.territory)),
        [fact_value(f), period_text(f), NOT_IN_CONTRACT, f.remark or "", source_text(f)],
    )


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
    added = [f for f in added_facts() if f.indicator == indicator and f.territory in places]
    label = indicator_label(indicator)
    years = {f.year for f in latest(rows)}
    figure = None
    if len({f.territory for f in rows}) >= 3:
        aggregates = vocabulary.aggregates()
        around = [f for f in all_facts if f.indicator == indicator and f.territory in aggregates]
        bars = with_added(_bars(rows, around), added_bars(indicator, added))
        figure = figure_for(indicator, bars, rows, "comparer").fragment()
    table = Table(
        id=f"tableau-comparer-{slug(indicator)}",
        caption=f"{label} : valeur, année, formulation du contrat et sa lecture",
        corner="Quartier",
        columns=["Valeur", "Période", "Ce qu'écrit le contrat", "Lecture", "Source"],
        text=True,
        rows=[_measure_row(f) for f in beside(rows, added)],
        note=note(added) or None,
    )
    return render(
        "geographie/measure.html",
        definition=indicator_definition(indicator),
        years=", ".join(sorted(str(y) if y else "non dite" for y in years)) if len(years) > 1 else "",
        wordings_differ=len({f.words.lower() for f in rows}) > 1,
        added=like_with_like(rows, added),
        figure=figure,
        table=table.fragment(),
    )
