"""The tables of the géographie pages: a theme's facts, the QPV table (T-GEO-01) and its
2015 correspondence, the calendar of the new géographie prioritaire, and the contract's
lists (equipment, services, places)."""

from __future__ import annotations

import re

import pandas as pd

from quartiers2030.core import fmt
from quartiers2030.core.html import Fragment, slug
from quartiers2030.core.tables import Row, Table
from quartiers2030.core.templates import render
from quartiers2030.data.datapackage import load
from quartiers2030.parts.geographie.added import beside, marked, note
from quartiers2030.parts.geographie.maps import split_communes
from quartiers2030.parts.geographie.model import list_rows, qpvs, source_text, sub_quartiers, territory_label
from quartiers2030.parts.geographie.vocabulary import list_title, passage
from quartiers2030.parts.geographie.wording import comparison_text, fact_value, period_text


def facts_table(rows: list, id: str, caption: str, show_territory: bool = True, added: tuple = ()) -> Table:
    """Every fact of a theme: value, period, comparison and the line of the contract; the
    values added after the contract (`added`) beside the contract's, marked, with their source."""
    source_column = "Source" if added else "Ligne du contrat"
    columns = (["Territoire"] if show_territory else []) + ["Valeur", "Période", "Comparaison", source_column]

    def row(f) -> Row:
        where = source_text(f) if added else str(f.line)
        return Row(
            f.label if f.from_contract else marked(f.label),
            ([territory_label(f.territory)] if show_territory else [])
            + [fact_value(f), period_text(f), comparison_text(f), where],
        )

    return Table(
        id=id,
        caption=caption,
        corner="Mesure",
        columns=columns,
        rows=[row(f) for f in beside(rows, list(added))],
        note=note(list(added)) or None,
        text=True,
    )


def qpv_table() -> Table:
    """T-GEO-01, rebuilt: the four QPV, their communes and population, and a total computed
    from the rows (the printed total is checked in the « contrôles de cohérence »); their
    official codes and the contract's lines in « Source »."""
    rows = [Row(q.label, [q.communes, fmt.number(q.population)]) for q in qpvs()]
    communes = {c for q in qpvs() for c in split_communes(q.communes)}
    total = Row(
        f"{fmt.number(len(rows))} quartiers prioritaires",
        [f"{fmt.number(len(communes))} communes", fmt.number(sum(q.population for q in qpvs()))],
        "total",
    )
    codes = " ; ".join(f"{q.label}, {q.code}" for q in qpvs())
    lines = [q.line for q in qpvs()]
    return Table(
        id="tableau-qpv",
        caption="La géographie prioritaire « Quartiers 2030 » de la CAB",
        corner="Dénomination",
        columns=["Communes", "Population"],
        rows=rows,
        footer=[total],
        note="Le total est recalculé à partir des quatre lignes ; le contrat l'imprime aussi.",
        source=f"Tableau du contrat, lignes {min(lines)} à {max(lines)}. Code officiel de chaque "
        f"quartier prioritaire : {codes}.",
    )


def qpv_2015_table() -> Table:
    """Each quartier of 2024 and the one of 2015 it takes up; the official codes of both in
    « Source »."""
    labels = {q.code: q.label for q in qpvs()}
    frame = load("qpv_2015")
    rows = [Row(labels.get(r.code_qpv, r.code_qpv), [r.libelle_2015]) for r in frame.itertuples()]
    codes = " ; ".join(
        f"{labels.get(r.code_qpv, r.code_qpv)}, {r.code_qpv} (2015 : {r.code_qpv_2015})"
        for r in frame.itertuples()
    )
    return Table(
        id="tableau-qpv-2015",
        caption="Les quartiers de 2024 et ceux du contrat précédent (2015)",
        corner="Quartier 2024",
        columns=["Nom du quartier de 2015"],
        rows=rows,
        text=True,
        note="Chaque quartier de 2024 reprend un quartier de 2015 dont le "
        "contour a été modifié (liste officielle de l'ANCT).",
        source=f"Liste officielle de l'ANCT. Codes officiels des quartiers de 2024 et de 2015 : {codes}.",
    )


def timeline_table(key: str = "calendrier") -> Table:
    """The dates of a passage of part II (passages.csv) from chronologie.csv (part IV data):
    rows whose source line, or a line their remark cites, falls in the passage."""
    first_line, last_line = passage(key)
    rows = []
    for r in load("chronologie").sort_values("date").itertuples():
        remark = r.remarque if isinstance(r.remarque, str) else ""
        cited = [int(n) for n in re.findall(r"l\. (\d+)", remark)]
        if not any(first_line <= n <= last_line for n in [int(r.ligne_source), *cited]):
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


def _list_heading(territory: str, liste: str, territories: list[str]) -> str:
    """A list's title, with its territory when the page shows several."""
    qpv_codes = {q.code for q in qpvs()}
    several_qpv = len(qpv_codes & set(territories)) > 1
    named = territory in {s.code for s in sub_quartiers()} or (territory in qpv_codes and several_qpv)
    return f"{list_title(liste)} ({territory_label(territory)})" if named else list_title(liste)


def lists(territories: list[str], id: str, exclude: tuple[str, ...] = ()) -> list[Fragment]:
    """The contract's lists (equipment, services, places) for these territories: a bulleted
    list, or a table when the items carry numbers."""
    items_of = list_rows(territories)
    items_of = items_of[~items_of["liste"].isin(exclude)]
    out = []
    for (territory, liste), items in items_of.groupby(["territoire", "liste"], sort=False):
        heading = _list_heading(territory, liste, territories)
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
            out.append(table.fragment())
            continue
        line = int(items["ligne_source"].min())
        out.append(render("geographie/list.html", heading=heading, line=line, entries=list(items["libelle"])))
    return out
