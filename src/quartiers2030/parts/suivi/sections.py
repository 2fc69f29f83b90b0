"""What the suivi notebooks ask for: each section's content, or the empty state while no
programmation is imported (no chart is drawn from nothing); the key figures; the list of
actions with its filters (templates/suivi/actions.html, static/q2030-filter.js)."""

from __future__ import annotations

from collections.abc import Callable

from quartiers2030.core import fmt, links
from quartiers2030.core.html import Fragment
from quartiers2030.core.key_figures import KeyFigure, key_figures
from quartiers2030.core.templates import render
from quartiers2030.data.datapackage import resource
from quartiers2030.parts.suivi import charts, checks, model, tables, wording

GUIDE = "mettre-a-jour-programmation"  # the staff page's section on the import
LIST_ID = "liste-des-actions"


def empty_notice(full: bool = True) -> Fragment:
    return render(
        "suivi/empty.html",
        full=full,
        guide=links.url(GUIDE),
        resource=f"data/{resource(model.RESOURCE)['path']}",
    )


def _or_empty(build: Callable[[], object]):
    """The section's content, or one sentence of the empty state."""
    return empty_notice(full=False) if model.empty() else build()


def status() -> Fragment:
    """Top of a page: the empty state in full, or the key figures and the sources."""
    if model.empty():
        return empty_notice()
    grants = model.grants()
    acts = model.actions(grants)
    cards = [
        KeyFigure(
            wording.period(),
            fmt.count(len(model.years()), "programmation publiée", "programmations publiées"),
        ),
        KeyFigure(fmt.number(len(acts)), "actions financées", "une action reconduite compte chaque année"),
        KeyFigure(fmt.euros(acts["montant"].sum()), "programmés", "tous financeurs"),
        KeyFigure(fmt.number(grants["nomAttribuant"].nunique()), "financeurs"),
        KeyFigure(fmt.number(acts["operateur"].nunique()), "opérateurs"),
    ]
    return render(
        "suivi/status.html",
        figures=key_figures(cards, "Chiffres clés de la programmation"),
        sources=wording.sources_sentence(model.source_codes(grants)),
    )


def by_axis():
    return _or_empty(charts.figure_by_axis)


def by_financer():
    return _or_empty(charts.figure_by_financer)


def target():
    return _or_empty(charts.figure_target)


def by_quartier():
    return _or_empty(charts.figure_by_quartier)


def renewal():
    return _or_empty(charts.figure_renewal)


def operators():
    return _or_empty(tables.operators)


def orientations_without_grants():
    return _or_empty(tables.orientations_without_grants)


def checks_box():
    return _or_empty(checks.checks_box)


def state():
    return charts.figure_state()


def _filters(acts, labels: dict[int, str], names: dict[str, str]) -> list[dict]:
    return [
        {"name": "annee", "label": "Année", "options": [(str(y), str(y)) for y in model.years()]},
        {"name": "axe", "label": "Axe", "options": [(str(n), labels[n]) for n in labels]},
        {"name": "qpv", "label": "Quartier", "options": list(names.items())},
        {
            "name": "operateur",
            "label": "Opérateur",
            "options": [(o, o) for o in sorted(acts["operateur"].unique())],
        },
    ]


def _row(r, labels: dict[int, str], names: dict[str, str]) -> dict:
    codes = model.places(r.qpv, list(names))
    where = "tous les quartiers" if model.ALL_QPV in str(r.qpv) else ", ".join(names[c] for c in codes)
    cells = [
        r.identifiantAction,
        str(r.anneeProgrammation),
        r.objet,
        r.operateur,
        labels[r.axe],
        where,
        r.reconduction,
        ", ".join(r.financeurs),
        fmt.euros(r.montant),
    ]
    text = " ".join(str(c) for c in cells).lower()
    data = [
        ("annee", str(r.anneeProgrammation)),
        ("axe", str(r.axe)),
        ("qpv", " ".join(codes)),
        ("operateur", r.operateur),
        ("texte", text),
    ]
    return {"cells": cells, "data": data}


def action_list():
    """Every action of every year, server-rendered; the filters work in the browser."""
    if model.empty():
        return empty_notice(full=False)
    acts = model.actions()
    labels = tables.axis_labels()
    names = dict(zip(model.quartiers()["code_qpv"], model.quartiers()["libelle"], strict=True))
    return render(
        "suivi/actions.html",
        id=LIST_ID,
        caption=f"Les actions programmées, {wording.period()}",
        filters=_filters(acts, labels, names),
        rows=[_row(r, labels, names) for r in acts.itertuples()],
        total=len(acts),
        columns=[
            "Action",
            "Année",
            "Objet",
            "Opérateur",
            "Axe",
            "Quartiers",
            "Nouvelle ou reconduite",
            "Financeurs",
            "Montant reçu",
        ],
        amount_note=wording.AMOUNT_NOTE,
    )
