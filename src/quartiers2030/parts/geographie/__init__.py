"""Géographie prioritaire (part II of the contract): the agglomeration, the four QPV and
their sub-quartiers, every number of the text as a table, a chart or a key figure, and the
checks of the facts that contradict each other or the QPV table.

Everything comes from `data/geographie/` (see `datapackage.json`): adding a fact to
`indicateurs.csv` adds it to its quartier's page, to its theme's table and, when it can be
compared with something, to a chart, without a code change. The words here are labels and
definitions of the measures, never facts.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache

import pandas as pd
import plotly.graph_objects as go

from quartiers2030.core import fmt
from quartiers2030.core.figures import LEGEND_ABOVE, Figure, house_figure, plot_text, series_style, wrap_label
from quartiers2030.core.html import Fragment, attrs, escape, slug
from quartiers2030.core.tables import Row, Table
from quartiers2030.data import datapackage
from quartiers2030.data.datapackage import load
from quartiers2030.parts.geographie import maps as carte
from quartiers2030.parts.geographie.labels import INDICATORS, LISTS, SCALES

INDICATORS_CSV = "geographie/indicateurs.csv"
SECTION_CAB = "cab"

AGGREGATES = {"qpv_cab", "qpv_region"}  # several QPV together: never ranked among them

# The page's sections and the themes of indicateurs.csv they gather, in reading order.
SECTIONS = [
    ("population", "Population et ménages", ("population", "menages")),
    ("pauvrete", "Pauvreté et revenus", ("pauvrete", "revenus")),
    ("emploi", "Emploi", ("emploi",)),
    ("education", "Éducation", ("education",)),
    ("logement", "Logement", ("logement",)),
    ("economie", "Tissu économique", ("economie",)),
    ("cadre", "Cadre de vie et rénovation urbaine", ("equipements", "renovation_urbaine")),
    ("reperes", "Autres repères", ("autre",)),
]


# Measures that share a whole: their parts cannot exceed 100 %, and a complete set must
# make 100 % (checked on every page).
BREAKDOWNS = [
    (
        "Ménages selon leur taille",
        (
            "part_menages_une_personne",
            "part_menages_2_personnes",
            "part_menages_3_personnes",
            "part_menages_4_5_personnes",
        ),
        False,
    ),
    (
        "Ancienneté dans le logement",
        (
            "part_anciennete_logement_moins_2_ans",
            "part_anciennete_logement_2_4_ans",
            "part_anciennete_logement_5_ans_plus",
        ),
        True,
    ),
    ("Appartements et maisons", ("part_appartements", "part_maisons"), True),
    (
        "Établissements selon leur taille",
        ("part_etablissements_sans_salaries", "part_etablissements_moins_50_salaries"),
        False,
    ),
    (
        "Établissements selon leur activité",
        (
            "part_etablissements_commerce_restauration_hebergement",
            "part_etablissements_services_particuliers",
        ),
        False,
    ),
    ("Logements selon le nombre de pièces", ("part_logements_4_pieces", "part_logements_5_pieces"), False),
]
# Counts printed with their « dont » parts: the parts cannot exceed the whole.
PARTS_OF = {
    "nombre_collegiens": ("nombre_collegiens_rep", "nombre_collegiens_rep_plus", "nombre_collegiens_prive"),
    "demandeurs_emploi_abc": ("demandeurs_emploi_abc_moins_25_ans", "demandeurs_emploi_abc_50_ans_plus"),
}
PUPILS = ("nombre_collegiens", "nombre_lyceens_general_technologique", "nombre_lyceens_professionnel")
# Chart styles by role: colour AND pattern, so that no role is told by colour alone.
ROLES = {
    "quartier": ("Quartier ou sous-quartier", 0),
    "reference": ("Comparaison citée par le contrat", 1),
    "deduite": ("Comparaison déduite d'un écart imprimé", 2),
}
CORE_SECTIONS = ("population", "pauvrete", "education", "logement", "economie")
CHART_UNITS = {"%", "€", "indice", "personnes", "élèves", "établissements", "habitants", "logements"}


# --- reference data ----------------------------------------------------------------------


@cache
def _read(name: str, path: str, version: int) -> pd.DataFrame:
    return load(name)


def _load(name: str) -> pd.DataFrame:
    """`load`, read once per file version: a page asks for the same names hundreds of times."""
    path = datapackage.resource_path(name)
    return _read(name, str(path), path.stat().st_mtime_ns).copy()


@dataclass(frozen=True)
class Qpv:
    code: str
    label: str
    official_label: str
    communes: str
    population: int
    line: int


def qpvs() -> list[Qpv]:
    return [
        Qpv(r.code_qpv, r.libelle, r.libelle_officiel, r.communes, int(r.population), int(r.ligne_source))
        for r in _load("qpv").itertuples()
    ]


def qpv(code: str) -> Qpv:
    for q in qpvs():
        if q.code == code:
            return q
    raise KeyError(f"QPV inconnu : {code}")


@dataclass(frozen=True)
class SubQuartier:
    code: str
    qpv: str
    label: str
    short: str
    commune: str
    line: int


def sub_quartiers(code_qpv: str | None = None) -> list[SubQuartier]:
    out = [
        SubQuartier(r.code, r.code_qpv, r.libelle, r.libelle_court, r.commune, int(r.ligne_source))
        for r in _load("sous_quartiers").itertuples()
    ]
    return [s for s in out if code_qpv is None or s.qpv == code_qpv]


@dataclass(frozen=True)
class Gap:
    """What part II announced or showed and the published text does not hold (lacunes.csv)."""

    code: str
    territory: str
    nature: str
    subject: str
    title: str | None
    missing: str
    first_line: int
    last_line: int

    @property
    def lines(self) -> str:
        return source_lines(list(range(self.first_line, self.last_line + 1)))


def gaps(territory: str | None = None) -> list[Gap]:
    out = [
        Gap(
            r.code,
            r.territoire,
            r.nature,
            r.objet,
            _clean(r.titre),
            r.manque,
            int(r.ligne_source),
            int(r.derniere_ligne),
        )
        for r in _load("geographie_lacunes").itertuples()
    ]
    return [g for g in out if territory is None or g.territory == territory]


def short_label(text: str) -> str:
    """« Des résidences Sud du Boulonnais » -> « Résidences Sud du Boulonnais »."""
    stripped = re.sub(r"^(?:Des|Les|Le|La|L')\s+", "", text)
    return stripped[:1].upper() + stripped[1:]


def territory_label(code: str, short: bool = True) -> str:
    for q in qpvs():
        if q.code == code:
            return short_label(q.label) if short else q.label
    for s in sub_quartiers():
        if s.code == code:
            return s.short if short else s.label
    return SCALES.get(code, code)


def qpv_of(territory: str) -> str | None:
    if territory in {q.code for q in qpvs()}:
        return territory
    return next((s.qpv for s in sub_quartiers() if s.code == territory), None)


def territories_of(code_qpv: str) -> list[str]:
    return [code_qpv] + [s.code for s in sub_quartiers(code_qpv)]


# --- facts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    section: str
    territory: str
    theme: str
    indicator: str
    words: str
    value: float
    value_words: str | None
    unit: str
    year: int | None
    base_year: int | None
    period: str | None
    reference: str | None
    reference_value: float | None
    remark: str | None
    line: int

    @property
    def label(self) -> str:
        return indicator_label(self.indicator)


def _clean(value):
    return (
        None if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA else value
    )


def facts() -> list[Fact]:
    frame = _load("geographie_indicateurs")
    out = []
    for r in frame.astype(object).itertuples():

        def get(name, row=r):
            return _clean(getattr(row, name))

        year, base = get("annee"), get("annee_base")
        out.append(
            Fact(
                r.section,
                r.territoire,
                r.theme,
                r.indicateur,
                r.libelle,
                float(r.valeur),
                get("valeur_texte"),
                r.unite,
                None if year is None else int(year),
                None if base is None else int(base),
                get("periode"),
                get("reference_territoire"),
                None if get("reference_valeur") is None else float(get("reference_valeur")),
                get("remarque"),
                int(r.ligne_source),
            )
        )
    return out


def facts_of(code_qpv: str) -> list[Fact]:
    """The facts of one QPV's portrait, and those elsewhere that are about it."""
    own = set(territories_of(code_qpv))
    return [f for f in facts() if f.section == code_qpv or f.territory in own]


def agglomeration_facts() -> list[Fact]:
    own = {q.code for q in qpvs()} | {s.code for s in sub_quartiers()}
    return [f for f in facts() if f.section == SECTION_CAB and f.territory not in own]


def indicator_label(code: str) -> str:
    return INDICATORS.get(code, (code.replace("_", " ").capitalize(), ""))[0]


def indicator_definition(code: str) -> str:
    return INDICATORS.get(code, ("", ""))[1]


def _signed(indicator: str) -> bool:
    return indicator.startswith(("evolution_", "ecart_"))


def value_text(value: float, unit: str, indicator: str = "", words: str | None = None) -> str:
    """A value as the page writes it: « 48 % », « +4,6 points », « 13 820 € », « 2004 »."""
    decimals = fmt.decimals_of(value)
    sign = "+" if _signed(indicator) and value > 0 else ""
    if unit == "année":
        text = str(int(value))
    elif unit == "points":
        text = f"{sign}{fmt.number(value, decimals)}{fmt.NBSP}point{'s' if abs(value) >= 2 else ''}"
    elif unit == "fois":
        text = f"{fmt.number(value, decimals)}{fmt.NBSP}fois"
    elif unit == "indice":
        text = fmt.number(value, decimals)
    else:
        text = sign + fmt.with_unit(value, unit, decimals)
    return f"{text} (« {words} »)" if words else text


def fact_value(fact: Fact) -> str:
    return value_text(fact.value, fact.unit, fact.indicator, fact.value_words)


def bar_text(value: float, unit: str, indicator: str = "") -> str:
    """A value written on its bar: the unit of a count is on the axis, not on every bar."""
    if unit in ("%", "€", "points", "fois", "indice", "année"):
        return value_text(value, unit, indicator)
    return fmt.number(value, fmt.decimals_of(value))


def fmt_value_plain(f: Fact) -> str:
    """A value without the contract's words."""
    return value_text(f.value, f.unit, f.indicator)


def period_text(fact: Fact) -> str:
    if fact.period:
        if (
            fact.year
            and str(fact.year) not in fact.period
            and not (fact.base_year and str(fact.base_year) in fact.period)
        ):
            lead = f"de {fact.base_year} à {fact.year}" if fact.base_year else str(fact.year)
            return f"{lead} ({fact.period})"
        return fact.period
    if fact.base_year and fact.year:
        return f"de {fact.base_year} à {fact.year}"
    return str(fact.year) if fact.year else "non précisée"


def comparison_text(fact: Fact) -> str:
    if not fact.reference:
        return ""
    name = territory_label(fact.reference)
    if fact.reference_value is None:
        return name
    return f"{name} : {value_text(fact.reference_value, fact.unit, fact.indicator)}"


# --- tables ------------------------------------------------------------------------------


def facts_table(rows: list[Fact], id: str, caption: str, show_territory: bool = True) -> Table:
    columns = (["Territoire"] if show_territory else []) + [
        "Valeur",
        "Période",
        "Comparaison",
        "Ligne du contrat",
    ]
    return Table(
        id=id,
        caption=caption,
        corner="Mesure",
        columns=columns,
        rows=[
            Row(
                f.label,
                ([territory_label(f.territory)] if show_territory else [])
                + [fact_value(f), period_text(f), comparison_text(f), str(f.line)],
            )
            for f in rows
        ],
        text=True,
    )


def qpv_table() -> Table:
    """T-GEO-01, rebuilt: the four QPV, their communes and population, and a total computed
    from the rows (the printed total is checked in the « contrôles de cohérence »)."""
    rows = [Row(q.label, [q.code, q.communes, fmt.number(q.population)]) for q in qpvs()]
    communes = {c for q in qpvs() for c in carte.split_communes(q.communes)}
    total = Row(
        f"{fmt.number(len(rows))} quartiers prioritaires",
        ["", f"{fmt.number(len(communes))} communes", fmt.number(sum(q.population for q in qpvs()))],
        "total",
    )
    return Table(
        id="tableau-qpv",
        caption="La géographie prioritaire « Quartiers 2030 » de la CAB",
        corner="Dénomination",
        columns=["Code officiel", "Communes", "Population"],
        rows=rows,
        footer=[total],
        note="Le total est recalculé à partir des quatre lignes ; le contrat l'imprime aussi.",
    )


def qpv_2015_table() -> Table:
    labels = {q.code: q.label for q in qpvs()}
    rows = [
        Row(labels.get(r.code_qpv, r.code_qpv), [r.code_qpv, r.code_qpv_2015, r.libelle_2015])
        for r in load("qpv_2015").itertuples()
    ]
    return Table(
        id="tableau-qpv-2015",
        caption="Les quartiers de 2024 et ceux du contrat précédent (2015)",
        corner="Quartier 2024",
        columns=["Code 2024", "Code 2015", "Nom du quartier de 2015"],
        rows=rows,
        text=True,
        note="Chaque quartier de 2024 reprend un quartier de 2015 dont le "
        "contour a été modifié (liste officielle de l'ANCT).",
    )


# --- charts ------------------------------------------------------------------------------


@dataclass
class Bar:
    label: str
    value: float
    text: str
    role: str = "quartier"
    hover: str = ""


def bar_chart(
    bars: list[Bar], *, x_title: str = "", legend: bool = True, subject: str | None = None
) -> go.Figure:
    """Horizontal bars, one per item, top to bottom; one trace per role for the legend."""
    n = len(bars)
    traces = []
    for role, (role_label, style_index) in ROLES.items():
        if role == "quartier" and subject:
            role_label = subject
        members = [i for i, b in enumerate(bars) if b.role == role]
        if not members:
            continue
        traces.append(
            go.Bar(
                y=members,
                x=[bars[i].value for i in members],
                orientation="h",
                name=plot_text(role_label),
                marker=series_style(style_index),
                text=[plot_text(bars[i].text) for i in members],
                textposition="outside",
                cliponaxis=False,
                textfont=dict(size=13, shadow=carte.HALO),
                hovertext=[plot_text(bars[i].hover or f"{bars[i].label} : {bars[i].text}") for i in members],
                hoverinfo="text",
            )
        )
    top = max(b.value for b in bars)
    lines = max(wrap_label(b.label).count("<br>") + 1 for b in bars)
    return house_figure(
        traces,
        x_title=x_title,
        height=max(170, 70 + n * max(34, 18 * lines) + (40 if legend else 0)),
        barmode="overlay",
        showlegend=legend and len(traces) > 1,
        bargap=0.25,
        margin=dict(l=8, r=16, t=8, b=8),
        legend=LEGEND_ABOVE,
        # Room at the right for the longest value written beside its bar, on a phone.
        xaxis=dict(
            range=[0, top * (1.12 + 0.05 * max(len(b.text) for b in bars))],
            tickformat=",~r",
            showgrid=True,
            gridcolor="#d9d9d9",
            zeroline=True,
            zerolinecolor="#1a1a1a",
            nticks=3 if top >= 10_000 else 5,
            tickangle=0,
        ),
        yaxis=dict(
            tickmode="array",
            tickvals=list(range(n)),
            ticktext=[wrap_label(b.label) for b in bars],
            autorange="reversed",
            range=None,
            zeroline=False,
            showgrid=False,
            ticklabelstandoff=6,
        ),
    )


def latest(rows: list[Fact]) -> list[Fact]:
    """One fact per (territory, indicator): the most recent year (undated ones count as
    current: the text gives them without a year)."""
    out: OrderedDict = OrderedDict()
    for f in rows:
        key = (f.territory, f.indicator)
        kept = out.get(key)
        if kept is None or (f.year or 9999) > (kept.year or 9999):
            out[key] = f
    return list(out.values())


def _bar_label(f: Fact, many_territories: bool, many_years: bool) -> str:
    label = territory_label(f.territory) if many_territories else ""
    if many_years:
        label = f"{label}, {f.year}" if label and f.year else label or str(f.year or "année non dite")
    return label or territory_label(f.territory)


def implied_references(rows: list[Fact], all_facts: list[Fact]) -> list[tuple[Fact, str, float, Fact]]:
    """(base fact, reference territory, implied reference value, écart fact) for every
    « écart » printed beside a value: reference = value − écart."""
    out = []
    for gap in all_facts:
        if (
            not gap.indicator.startswith("ecart_")
            or gap.indicator.startswith("ecart_relatif")
            or not gap.reference
        ):
            continue
        stem = gap.indicator.removeprefix("ecart_")
        for base in rows:
            if (
                base.territory == gap.territory
                and base.indicator.startswith(stem)
                and base.year == gap.year
                and base.section == gap.section
                and not base.indicator.startswith(("ecart_", "evolution_"))
            ):
                out.append((base, gap.reference, base.value - gap.value, gap))
    return out


def indicator_bars(
    indicator: str,
    rows: list[Fact],
    all_facts: list[Fact],
    aggregates: list[Fact],
    scales_are_subjects: bool = False,
) -> list[Bar]:
    """The bars of one measure: each territory's value (every year given), then what the
    contract compares it with: printed reference values, values implied by a printed gap,
    and the same measure for an aggregate scale (all the QPV of the CAB…). On the
    agglomeration's page the scales themselves are the subject."""
    own = [f for f in rows if f.indicator == indicator and (scales_are_subjects or f.territory not in SCALES)]
    refs = [f for f in rows if f.indicator == indicator and f not in own]
    if not own and not refs:
        return []
    territories = {f.territory for f in own}
    years = {(f.territory, f.year) for f in own}
    many_years = len(years) > len(territories)
    bars = [
        Bar(
            _bar_label(f, True, many_years),
            f.value,
            bar_text(f.value, f.unit, f.indicator),
            "quartier",
            f"{territory_label(f.territory)} ({period_text(f)}) : {fact_value(f)}",
        )
        for f in own
    ]
    seen = set()
    for f in own:
        if f.reference and f.reference_value is not None and (f.reference, f.reference_value) not in seen:
            seen.add((f.reference, f.reference_value))
            bars.append(
                Bar(
                    territory_label(f.reference),
                    f.reference_value,
                    bar_text(f.reference_value, f.unit, f.indicator),
                    "reference",
                    f"{territory_label(f.reference)} : {value_text(f.reference_value, f.unit)} "
                    f"(cité par le contrat, ligne {f.line})",
                )
            )
    for f in refs:
        if (f.territory, f.value) not in seen:
            seen.add((f.territory, f.value))
            bars.append(
                Bar(
                    territory_label(f.territory),
                    f.value,
                    bar_text(f.value, f.unit),
                    "reference",
                    f"{territory_label(f.territory)} : {fact_value(f)} (ligne {f.line})",
                )
            )
    for base, ref, implied, gap in implied_references(own, all_facts):
        if (ref, implied) not in seen:
            seen.add((ref, implied))
            label = territory_label(ref)
            if ref == "commune":
                label = f"{label} ({territory_label(base.territory)})"
            bars.append(
                Bar(
                    label,
                    implied,
                    bar_text(implied, base.unit),
                    "deduite",
                    f"{label} : {value_text(implied, base.unit)}, déduit de "
                    f"{fact_value(base)} et d'un écart de {fact_value(gap)} (ligne {gap.line})",
                )
            )
    for f in aggregates:
        if f.indicator == indicator and (f.territory, f.value) not in seen:
            seen.add((f.territory, f.value))
            bars.append(
                Bar(
                    territory_label(f.territory),
                    f.value,
                    bar_text(f.value, f.unit),
                    "reference",
                    f"{territory_label(f.territory)} : {fact_value(f)} ({period_text(f)}, ligne {f.line})",
                )
            )
    return bars


def _figure_for(
    indicator: str, bars: list[Bar], rows: list[Fact], page: str, subject: str | None = None
) -> Figure:
    unit = next(f.unit for f in rows if f.indicator == indicator)
    label = indicator_label(indicator)
    definition = indicator_definition(indicator)

    def full(b):
        return value_text(b.value, unit, indicator if b.role == "quartier" else "")

    parts = [
        f"{b.label} : {full(b)}"
        + (
            " (comparaison citée)"
            if b.role == "reference"
            else " (comparaison déduite d'un écart)"
            if b.role == "deduite"
            else ""
        )
        for b in bars
    ]
    description = f"{label}. " + " ; ".join(parts) + "." + (f" {definition}" if definition else "")
    table = Table(
        id=f"donnees-{page}-{slug(indicator)}",
        caption=f"{label} : valeurs du graphique",
        corner="Territoire",
        columns=["Valeur", "Nature"],
        rows=[
            Row(
                b.label,
                [
                    full(b),
                    {
                        "quartier": "valeur du quartier",
                        "reference": "comparaison citée",
                        "deduite": "comparaison déduite d'un écart imprimé",
                    }[b.role],
                ],
            )
            for b in bars
        ],
    )
    x_title = {"%": "%", "€": "euros", "indice": "indice de position sociale"}.get(unit, unit)
    return Figure(
        id=f"{page}-{slug(indicator)}",
        title=label,
        description=description,
        plot=bar_chart(bars, x_title=x_title, subject=subject),
        table=table,
        downloads=[("Indicateurs de la géographie prioritaire", INDICATORS_CSV)],
    )


def breakdown_figure(title: str, members: tuple[str, ...], rows: list[Fact], page: str) -> Figure | None:
    """Shares of one whole (household sizes…) for each territory that gives two or more."""
    recent = [f for f in latest(rows) if f.indicator in members and f.territory not in SCALES]
    by_territory: OrderedDict = OrderedDict()
    for f in recent:
        by_territory.setdefault(f.territory, {})[f.indicator] = f
    kept = {t: v for t, v in by_territory.items() if len(v) >= 2}
    if not kept:
        return None
    present = [m for m in members if any(m in v for v in kept.values())]
    traces = []
    for i, (territory, values) in enumerate(kept.items()):
        name = plot_text(territory_label(territory))
        traces.append(
            go.Bar(
                y=[wrap_label(indicator_label(m)) for m in present if m in values],
                x=[values[m].value for m in present if m in values],
                orientation="h",
                name=name,
                marker=series_style(i),
                text=[plot_text(fact_value(values[m]).split(" (")[0]) for m in present if m in values],
                textposition="outside",
                cliponaxis=False,
                hovertemplate=f"{name}<br>%{{y}} : %{{x}} %<extra></extra>",
            )
        )
    plot = house_figure(
        traces,
        x_title="% des ménages" if "menages" in members[0] else "%",
        height=110 + 46 * len(present) * max(1, len(kept)) // (1 if len(kept) == 1 else 2),
        barmode="group",
        showlegend=len(kept) > 1,
        margin=dict(l=8, r=16, t=8, b=8),
        legend=LEGEND_ABOVE,
        xaxis=dict(range=[0, 100], showgrid=True, gridcolor="#d9d9d9"),
        yaxis=dict(
            autorange="reversed", showgrid=False, zeroline=False, type="category", ticklabelstandoff=6
        ),
    )
    description = (
        f"{title}. "
        + " ; ".join(
            f"{territory_label(t)} : "
            + ", ".join(
                f"{indicator_label(m).lower()} {fact_value(v[m]).split(' (')[0]}" for m in present if m in v
            )
            for t, v in kept.items()
        )
        + "."
    )
    table = Table(
        id=f"donnees-{page}-{slug(title)}",
        caption=f"{title} : valeurs du graphique",
        corner="Part",
        columns=[territory_label(t) for t in kept],
        rows=[
            Row(indicator_label(m), [fact_value(v[m]) if m in v else "" for v in kept.values()])
            for m in present
        ],
    )
    if len(kept) == 1:
        title = f"{title} : {territory_label(next(iter(kept)))}"
    return Figure(
        id=f"{page}-{slug(title)}",
        title=title,
        description=description,
        plot=plot,
        table=table,
        downloads=[("Indicateurs de la géographie prioritaire", INDICATORS_CSV)],
    )


def theme_figures(
    rows: list[Fact], all_facts: list[Fact], aggregates: list[Fact], page: str, agglomeration: bool = False
) -> list[Figure]:
    """Every chart a group of facts supports: the shares of a whole, then each measure that
    the contract gives for two territories or years, or beside a comparison."""
    figures = []
    in_breakdown = set()
    for title, members, _ in BREAKDOWNS:
        figure = breakdown_figure(title, members, rows, page)
        if figure is not None:
            figures.append(figure)
            in_breakdown |= set(members)
    for indicator in OrderedDict.fromkeys(f.indicator for f in rows):
        sample = next(f for f in rows if f.indicator == indicator)
        if sample.unit not in CHART_UNITS or _signed(indicator) or indicator.startswith("annee_"):
            continue
        bars = indicator_bars(indicator, rows, all_facts, aggregates, scales_are_subjects=agglomeration)
        if len(bars) < 2 or (
            indicator in in_breakdown
            and all(b.role == "quartier" for b in bars)
            and len({b.label.split(",")[0] for b in bars}) < 2
        ):
            continue
        figures.append(
            _figure_for(
                indicator, bars, rows, page, subject="Valeur citée par le contrat" if agglomeration else None
            )
        )
    return figures


# --- key figures -------------------------------------------------------------------------

HEADLINES = (
    "taux_pauvrete",
    "revenu_median_disponible",
    "part_moins_25_ans",
    "part_16_25_ans_non_scolarises_sans_emploi",
    "part_locataires",
    "part_locataires_aides",
    "part_logements_aides",
    "nombre_etablissements",
)


@dataclass
class KeyFigure:
    value: str
    label: str
    note: str = ""


def key_figures_html(cards: list[KeyFigure], label: str) -> str:
    items = "".join(
        f'<div class="q2030-keyfigure"><dt>{escape(c.label)}'
        + (f' <span class="q2030-keyfigure-note">{escape(c.note)}</span>' if c.note else "")
        + f"</dt><dd>{escape(c.value)}</dd></div>"
        for c in cards
    )
    return f'<dl class="q2030-keyfigures"{attrs(aria_label=label)}>{items}</dl>'


def quartier_key_figures(code: str) -> list[KeyFigure]:
    q = qpv(code)
    total = sum(x.population for x in qpvs())
    cards = [
        KeyFigure(fmt.number(q.population), "habitants", "tableau de la géographie prioritaire"),
        KeyFigure(
            fmt.percent(q.population / total * 100),
            "des habitants des quartiers prioritaires de la CAB",
            "calculé",
        ),
    ]
    rows = facts_of(code)
    for indicator in HEADLINES:
        found = [f for f in latest(rows) if f.indicator == indicator and f.territory not in SCALES]
        for f in found[:2]:
            where = [] if f.territory == code else [territory_label(f.territory)]
            when = [] if period_text(f) == "non précisée" else [period_text(f)]
            value = (
                value_text(f.value, f.unit, f.indicator)
                if f.unit in ("%", "€")
                else fmt.number(f.value, fmt.decimals_of(f.value))
            )
            cards.append(KeyFigure(value, f.label[:1].lower() + f.label[1:], ", ".join(where + when)))
        if len(cards) >= 8:
            break
    return cards


# --- lists -------------------------------------------------------------------------------


def _list_rows(territories: list[str]) -> pd.DataFrame:
    frame = load("geographie_listes")
    frame = frame[frame["territoire"].isin(territories)]
    order = {t: i for i, t in enumerate(territories)}
    return frame.assign(_t=frame["territoire"].map(order)).sort_values(["_t", "ligne_source", "ordre"])


def lists_html(territories: list[str], id: str, exclude: tuple[str, ...] = ()) -> str:
    """The contract's lists (equipment, services, places) for these territories: a bulleted
    list, or a table when the items carry numbers."""
    frame = _list_rows(territories)
    frame = frame[~frame["liste"].isin(exclude)]
    qpv_codes = {q.code for q in qpvs()}
    sub_codes = {s.code for s in sub_quartiers()}
    several_qpv = len(qpv_codes & set(territories)) > 1
    out = []
    for (territory, liste), items in frame.groupby(["territoire", "liste"], sort=False):
        title = LISTS.get(liste, liste.replace("_", " ").capitalize())
        heading = (
            f"{title} ({territory_label(territory)})"
            if territory in sub_codes or (territory in qpv_codes and several_qpv)
            else title
        )
        line = int(items["ligne_source"].min())
        if items["nombre"].notna().all():
            table = Table(
                id=f"{id}-{slug(territory)}-{slug(liste)}",
                caption=heading,
                corner="Élément",
                columns=["Nombre", "Unité", "Ligne du contrat"],
                text=True,
                rows=[
                    Row(r.libelle, [fmt.number(r.nombre), r.unite or "", str(r.ligne_source)])
                    for r in items.itertuples()
                ],
            )
            out.append(table.html())
            continue
        entries = "".join(f"<li>{escape(r.libelle)}</li>" for r in items.itertuples())
        out.append(
            f'<div class="q2030-list"><p class="q2030-list-title"><strong>{escape(heading)}</strong>'
            f' <span class="q2030-list-source">(ligne {line})</span></p><ul>{entries}</ul></div>'
        )
    return "".join(out)


# --- pages -------------------------------------------------------------------------------


def _section_html(
    key: str,
    title: str,
    rows: list[Fact],
    all_facts: list[Fact],
    aggregates: list[Fact],
    page: str,
    empty: str,
    level: int = 2,
    agglomeration: bool = False,
) -> str:
    out = [
        f'<section class="q2030-geo-section"{attrs(aria_labelledby=f"{page}-{key}")}>',
        f"<h{level}{attrs(id=f'{page}-{key}')}>{escape(title)}</h{level}>",
    ]
    if not rows:
        out.append(f'<p class="q2030-empty">{escape(empty)}</p></section>')
        return "".join(out)
    for figure in theme_figures(rows, all_facts, aggregates, page, agglomeration):
        out.append(figure.html())
    several = len({f.territory for f in rows}) > 1 or agglomeration  # a scale always said
    out.append(
        facts_table(
            rows, f"{page}-tableau-{key}", f"{title} : tous les chiffres du contrat", show_territory=several
        ).html()
    )
    out.append("</section>")
    return "".join(out)


def _nav(page: str, sections: list[tuple[str, str]]) -> str:
    links = "".join(f'<li><a href="#{escape(f"{page}-{k}")}">{escape(t)}</a></li>' for k, t in sections)
    return f'<nav class="q2030-geo-nav" aria-label="Sur cette page"><ul>{links}</ul></nav>'


def quartier_page(code: str) -> Fragment:
    """A QPV's page, from its code: who and where, key figures, a map, then every number of
    its portrait by theme (charts when a comparison exists, and a full table)."""
    q = qpv(code)
    page = code.lower()
    rows = facts_of(code)
    all_facts = facts()
    aggregates = [f for f in all_facts if f.territory in AGGREGATES]
    subs = sub_quartiers(code)
    former = load("qpv_2015").set_index("code_qpv")
    intro = (
        f"Quartier prioritaire <strong>{escape(q.code)}</strong> — "
        f"{escape(q.communes)}. Nom officiel (ANCT) : « {escape(q.official_label)} »"
    )
    if code in former.index:
        intro += f" ; code du quartier de 2015 : {escape(former.at[code, 'code_qpv_2015'])}"
    intro += "."
    out = [f'<p class="q2030-geo-intro">{intro}</p>']
    if subs:
        items = "".join(
            f"<li>{escape(s.label)} ({escape(s.commune)}) "
            f'<span class="q2030-list-source">(ligne {s.line})</span></li>'
            for s in subs
        )
        out.append(
            f"<p>Le contrat le décrit en {escape(fmt.number(len(subs)))} sous-quartiers :</p><ul>{items}</ul>"
        )
    out.append(key_figures_html(quartier_key_figures(code), f"Chiffres clés : {short_label(q.label)}"))
    sections = [
        (k, t) for k, t, themes in SECTIONS if k in CORE_SECTIONS or any(f.theme in themes for f in rows)
    ]
    out.append(_nav(page, [("carte", "Où se trouve le quartier")] + sections))
    out.append(
        f'<section class="q2030-geo-section"{attrs(aria_labelledby=f"{page}-carte")}>'
        f"<h2{attrs(id=f'{page}-carte')}>Où se trouve le quartier</h2>"
    )
    out.append(
        carte.map_figure(
            carte.MapSpec(
                id=f"carte-{page}",
                title=f"Les communes du quartier {short_label(q.label)} et les collèges proches",
                focus=carte.qpv_communes()[code],
                highlight_qpv=code,
                height=560,
            )
        ).html()
    )
    out.append(carte.outline_notice().markup)
    for gap in gaps(code):
        if gap.nature == "figure_perdue":
            out.append(
                f'<p class="q2030-notice">Sous le titre de ce quartier ({escape(gap.lines)}), '
                "le contrat imprimé montrait une illustration que le texte publié a perdue ; "
                "son contenu n'est pas connu. Cette carte ne la reproduit pas : elle situe "
                "le quartier à partir des données ouvertes.</p>"
            )
    out.append("</section>")
    for key, title, themes in SECTIONS:
        if (key, title) not in sections:
            continue
        theme_rows = [f for f in rows if f.theme in themes]
        out.append(
            _section_html(
                key,
                title,
                theme_rows,
                all_facts,
                aggregates,
                page,
                "Le contrat ne donne aucun chiffre sur ce thème pour ce quartier.",
            )
        )
    return Fragment("".join(out))


def source_lines(lines: list[int], apart: int = 30) -> str:
    """`[433, 606, 640, 723]` -> `lignes 433 et 606 à 723`: one span per passage of the text,
    a new passage when two cited lines are more than `apart` lines away."""
    numbers = sorted(set(lines))
    spans, start = [], numbers[0]
    for previous, current in zip(numbers, numbers[1:] + [None]):
        if current is None or current - previous > apart:
            spans.append(str(start) if start == previous else f"{start} à {previous}")
            start = current
    word = "ligne" if len(numbers) == 1 else "lignes"
    return f"{word} {', '.join(spans[:-1]) + ' et ' if len(spans) > 1 else ''}{spans[-1]}"


def quartier_places(code: str) -> Fragment:
    """The contract's lists for a QPV and its sub-quartiers (equipment, services, places),
    and where its portrait stands in the contract's text."""
    territories = territories_of(code)
    elsewhere = ("differences_contrat_precedent",)  # on the « Vision d'agglomération » page
    html = lists_html(territories, f"listes-{code.lower()}", exclude=elsewhere)
    rows = [f for f in facts_of(code) if f.section == code]
    lists = _list_rows(territories)
    lines = [f.line for f in rows] + list(lists.loc[~lists["liste"].isin(elsewhere), "ligne_source"])
    if lines:
        html += f'<p class="q2030-source">Source : contrat de ville, {escape(source_lines(lines))}.</p>'
    return Fragment(
        html or '<p class="q2030-empty">Le contrat ne cite aucun équipement pour ce quartier.</p>'
    )


def agglomeration_key_figures() -> list[KeyFigure]:
    rows = {(f.territory, f.indicator): f for f in agglomeration_facts()}
    total = sum(q.population for q in qpvs())
    cards = []
    for key, label in (
        (("cab", "nombre_communes"), "communes dans la CAB"),
        (("cab", "population"), "habitants de la CAB"),
        (("cab", "part_population_regionale"), "de la population régionale"),
        (("boulogne_sur_mer", "population"), "habitants à Boulogne-sur-Mer, ville-centre"),
    ):
        if key in rows:
            cards.append(
                KeyFigure(
                    value_text(rows[key].value, rows[key].unit)
                    .replace(f"{fmt.NBSP}habitants", "")
                    .replace(f"{fmt.NBSP}communes", ""),
                    label,
                )
            )
    cards.append(KeyFigure(fmt.number(len(qpvs())), "quartiers prioritaires", "calculé"))
    cards.append(KeyFigure(fmt.number(total), "habitants dans ces quartiers", "calculé"))
    if ("cab", "population") in rows:
        cards.append(
            KeyFigure(
                fmt.percent(total / rows[("cab", "population")].value * 100),
                "des habitants de la CAB vivent dans un quartier prioritaire",
                "calculé",
            )
        )
    return cards


def agglomeration_figures() -> Fragment:
    """Key figures of the agglomeration."""
    return Fragment(key_figures_html(agglomeration_key_figures(), "Chiffres clés de l'agglomération"))


def agglomeration_themes() -> Fragment:
    """Every number of part A (« Vision d'agglomération »), by theme, under a page heading."""
    rows = agglomeration_facts()
    all_facts = facts()
    out = []
    for key, title, themes in SECTIONS:
        theme_rows = [f for f in rows if f.theme in themes]
        if theme_rows:
            out.append(
                _section_html(key, title, theme_rows, all_facts, [], "cab", "", level=3, agglomeration=True)
            )
    return Fragment("".join(out))


def agglomeration_lists(which: tuple[str, ...]) -> Fragment:
    return Fragment(
        lists_html(
            ["france", "cab", *[q.code for q in qpvs()]],
            "listes-cab",
            exclude=tuple(item for item in LISTS if item not in which),
        )
    )


def timeline_table(first_line: int, last_line: int) -> Table:
    """The dates of the part (chronologie.csv, part IV data): rows whose source line, or a
    line their remark cites, falls in the part."""
    rows = []
    for r in load("chronologie").sort_values("date").itertuples():
        remark = r.remarque if isinstance(r.remarque, str) else ""
        cited = [int(n) for n in re.findall(r"l\. (\d+)", remark)]
        if not (
            first_line <= int(r.ligne_source) <= last_line or any(first_line <= n <= last_line for n in cited)
        ):
            continue
        rows.append(
            Row(fmt.date_text(pd.Timestamp(r.date), r.precision), [r.evenement, remark, str(r.ligne_source)])
        )
    return Table(
        id="tableau-calendrier",
        caption="Le calendrier de la nouvelle géographie prioritaire",
        corner="Date",
        columns=["Événement", "Remarque", "Ligne du contrat"],
        rows=rows,
        text=True,
    )


# --- « Comparer les quartiers » ----------------------------------------------------------


def _compared_territories() -> list[str]:
    out = []
    for q in qpvs():
        out += territories_of(q.code)
    return out


def comparable_indicators(minimum: int = 2) -> list[str]:
    """Measures the contract gives for at least `minimum` quartiers or sub-quartiers."""
    places = set(_compared_territories())
    counts: OrderedDict = OrderedDict()
    for f in facts():
        if f.territory in places and not _signed(f.indicator) and not f.indicator.startswith("annee_"):
            counts.setdefault(f.indicator, set()).add(f.territory)
    return [i for i, t in counts.items() if len(t) >= minimum]


def comparison_matrix() -> Fragment:
    """One row per measure, one column per quartier or sub-quartier that gives any, with
    the year beside each value."""
    indicators = comparable_indicators()
    recent = latest([f for f in facts() if f.indicator in indicators])
    columns = [t for t in _compared_territories() if any(f.territory == t for f in recent)]
    aggregate = [f for f in recent if f.territory == "qpv_cab"]
    with_aggregate = any(f.indicator in indicators for f in aggregate)
    header = [territory_label(t) for t in columns] + (
        ["Ensemble des QPV de la CAB"] if with_aggregate else []
    )
    population = Row(
        "Population (tableau de la géographie prioritaire)",
        [
            fmt.number(qpv(t).population)
            if t in {q.code for q in qpvs()}
            else next(
                (value_text(f.value, "") for f in recent if f.territory == t and f.indicator == "population"),
                "",
            )
            for t in columns
        ]
        + ([fmt.number(sum(q.population for q in qpvs()))] if with_aggregate else []),
    )
    rows = [population]
    for indicator in indicators:
        if indicator == "population":
            continue
        cells = []
        for t in columns + (["qpv_cab"] if with_aggregate else []):
            f = next((x for x in recent if x.territory == t and x.indicator == indicator), None)
            cells.append("" if f is None else f"{fmt_value_plain(f)} ({f.year or '—'})")
        rows.append(Row(indicator_label(indicator), cells))
    empty = [short_label(q.label) for q in qpvs() if not any(qpv_of(c) == q.code for c in columns)]
    note = (
        "Entre parenthèses, l'année de la valeur ; « — » : le contrat ne la dit pas. Une case "
        "vide : le contrat ne donne pas la valeur. Les sous-quartiers sont ceux que le contrat "
        "distingue."
    )
    if empty:
        note += (
            " Le contrat ne donne aucune de ces mesures pour : "
            + ", ".join(empty)
            + " (seulement sa population)."
        )
    outreau = next(
        (
            f
            for f in recent
            if f.indicator == "population"
            and f.territory not in SCALES
            and qpv_of(f.territory) != f.territory
        ),
        None,
    )
    if outreau:
        note += (
            f" La population de {territory_label(outreau.territory)} est celle que le texte donne "
            f"(ligne {outreau.line}) ; elle contredit le tableau (voir les contrôles)."
        )
    table = Table(
        id="tableau-comparaison",
        caption="Les mesures que le contrat donne pour plusieurs quartiers",
        corner="Mesure",
        columns=header,
        rows=rows,
        note=note,
    )
    return Fragment(table.html())


def comparison_details() -> Fragment:
    """For each measure given in several places: a chart when three or more places give it,
    its definition, and for each place the year and the contract's own words, with a
    warning when the years or the scopes differ."""
    all_facts = facts()
    places = _compared_territories()
    out = []
    for indicator in comparable_indicators():
        if indicator == "population":
            continue
        rows = [f for f in all_facts if f.indicator == indicator and f.territory in places]
        rows.sort(key=lambda f: (places.index(f.territory), f.year or 0))
        label = indicator_label(indicator)
        anchor = f"comparer-{slug(indicator)}"
        out.append(
            f'<section class="q2030-geo-section"{attrs(aria_labelledby=anchor)}>'
            f"<h3{attrs(id=anchor)}>{escape(label)}</h3>"
        )
        definition = indicator_definition(indicator)
        if definition:
            out.append(f"<p>{escape(definition)}</p>")
        years = {f.year for f in latest(rows)}
        if len(years) > 1:
            out.append(
                '<p class="q2030-notice">Attention : les valeurs ne portent pas toutes sur la même '
                "année (" + escape(", ".join(sorted(str(y) if y else "non dite" for y in years))) + ").</p>"
            )
        wordings = {f.words.lower() for f in rows}
        if len(wordings) > 1:
            out.append(
                '<p class="q2030-notice">Les formulations du contrat diffèrent d\'un quartier à '
                "l'autre : voir le tableau ci-dessous.</p>"
            )
        if len({f.territory for f in rows}) >= 3:
            aggregates = [f for f in all_facts if f.indicator == indicator and f.territory in AGGREGATES]
            bars = [
                Bar(
                    _bar_label(
                        f, True, len({(x.territory, x.year) for x in rows}) > len({x.territory for x in rows})
                    ),
                    f.value,
                    bar_text(f.value, f.unit, f.indicator),
                    "quartier",
                    f"{territory_label(f.territory)} ({period_text(f)}) : {fact_value(f)}",
                )
                for f in rows
            ]
            bars += [
                Bar(
                    territory_label(f.territory),
                    f.value,
                    bar_text(f.value, f.unit),
                    "reference",
                    f"{territory_label(f.territory)} : {fact_value(f)} (ligne {f.line})",
                )
                for f in aggregates
            ]
            out.append(_figure_for(indicator, bars, rows, "comparer").html())
        table = Table(
            id=f"tableau-{anchor}",
            caption=f"{label} : valeur, année et formulation du contrat",
            corner="Quartier",
            columns=["Valeur", "Période", "Ce qu'écrit le contrat", "Ligne du contrat"],
            text=True,
            rows=[
                Row(
                    territory_label(f.territory),
                    [fact_value(f), period_text(f), f"« {f.words} »", str(f.line)],
                )
                for f in rows
            ],
        )
        out.append(table.html() + "</section>")
    return Fragment("".join(out))
