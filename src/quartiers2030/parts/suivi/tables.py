"""The suivi's tables (core.tables): each year and the total, by axis, financer, quartier,
renewal and operator; axis 1 against its target; the orientations that received nothing.
Charts carry the same tables as their data."""

from __future__ import annotations

from quartiers2030.core import fmt
from quartiers2030.core.tables import Row, Table
from quartiers2030.parts.suivi import model, wording


def _years() -> list[int | None]:
    return [*model.years(), None]


def axis_labels() -> dict[int, str]:
    """« Axe 1 : Quartiers de plein emploi », « Les axes transversaux » (whose short name is in its label)."""
    return {
        a.number: a.label if a.short.lower() in a.label.lower() else f"{a.short} : {a.label}"
        for a in model.axes()
    }


def by_axis(id: str = "suivi-par-axe") -> Table:
    grants = model.grants()
    frames = {y: model.by_axis(model.of_year(grants, y)) for y in _years()}
    columns = [f"{wording.year_label(y)} : {what}" for y in _years() for what in ("montant", "actions")]
    labels = axis_labels()

    def cells(number: int | None) -> list[str]:
        out = []
        for y in _years():
            f = frames[y]
            amount = f["montant"].sum() if number is None else f.at[number, "montant"]
            acts = f["actions"].sum() if number is None else f.at[number, "actions"]
            out += [fmt.euros(amount), fmt.number(int(acts))]
        return out

    return Table(
        id=id,
        caption=f"Montant et nombre d'actions par axe, {wording.period()}",
        corner="Axe",
        columns=columns,
        rows=[Row(labels[a.number], cells(a.number)) for a in model.axes()],
        footer=[Row("Total", cells(None), "total")],
        note=wording.AMOUNT_NOTE,
    )


def by_financer(id: str = "suivi-par-financeur") -> Table:
    grants = model.with_state(model.grants())
    total = model.by_financer(grants)
    state = set(grants.loc[grants["etat"], "nomAttribuant"])
    per_year = {y: model.by_financer(model.of_year(grants, y)) for y in model.years()}
    rows = [
        Row(
            name,
            [fmt.euros(per_year[y]["montant"].get(name, 0)) for y in model.years()]
            + [fmt.euros(r.montant), fmt.number(int(r.actions)), "oui" if name in state else "non"],
        )
        for name, r in total.iterrows()
    ]
    return Table(
        id=id,
        caption=f"Montant donné par financeur, {wording.period()}",
        corner="Financeur (attribuant)",
        columns=[f"{y} : montant" for y in model.years()] + ["Total", "Actions financées", "État"],
        rows=rows,
        note="« État » : un attribuant dont le nom désigne l'État (data/suivi/attribuants_etat.csv).",
    )


def target(id: str = "suivi-objectif-axe-1") -> Table:
    def state(share: model.Share) -> str:
        return "aucune subvention de l'État" if share.state is None else fmt.percent(share.state)

    rows = [
        Row(
            wording.year_label(s.year),
            [fmt.percent(s.amount), fmt.percent(s.actions), state(s), fmt.percent(model.TARGET_SHARE, 0)],
            "total" if s.year is None else "body",
        )
        for s in model.target_shares()
    ]
    return Table(
        id=id,
        caption="Part de l'axe 1 « Quartiers de plein emploi » dans la programmation, trois lectures",
        corner="Année",
        columns=[
            "Part du montant (tous financeurs, axes transversaux compris)",
            "Part des actions",
            "Part des subventions de l'État",
            "Objectif du contrat (l. 838)",
        ],
        rows=rows[:-1],
        footer=rows[-1:],
        note=wording.WHICH_SHARE,
    )


def by_quartier(id: str = "suivi-par-quartier") -> Table:
    grants = model.grants()
    names = dict(zip(model.quartiers()["code_qpv"], model.quartiers()["libelle"], strict=True))
    total = model.by_quartier(grants)
    per_year = {y: model.by_quartier(model.of_year(grants, y)) for y in model.years()}
    rows = [
        Row(
            names[code],
            [fmt.euros(per_year[y].at[code, "montant"]) for y in model.years()]
            + [fmt.euros(r.montant), fmt.number(int(r.actions)), fmt.number(int(r.seul))],
        )
        for code, r in total.iterrows()
    ]
    return Table(
        id=id,
        caption=f"Actions par quartier prioritaire, {wording.period()}",
        corner="Quartier",
        columns=[f"{y} : montant" for y in model.years()] + ["Total", "Actions", "Pour ce seul quartier"],
        rows=rows,
        note=wording.SEVERAL_QPV_NOTE,
    )


def renewal(id: str = "suivi-nouvelles-reconduites") -> Table:
    frame = model.renewal(model.grants())

    def cells(r) -> list[str]:
        share = r.reconduites / (r.nouvelles + r.reconduites) * 100
        return [
            fmt.number(int(r.nouvelles)),
            fmt.number(int(r.reconduites)),
            fmt.percent(share),
            fmt.euros(r.montant_nouvelles),
            fmt.euros(r.montant_reconduites),
        ]

    total = frame.sum()
    return Table(
        id=id,
        caption="Actions nouvelles et reconduites par année",
        corner="Année",
        columns=[
            "Nouvelles",
            "Reconduites",
            "Part reconduite",
            "Montant des nouvelles",
            "Montant des reconduites",
        ],
        rows=[Row(str(y), cells(r)) for y, r in frame.iterrows()],
        footer=[Row("Total", cells(total), "total")],
    )


def operators(id: str = "suivi-operateurs") -> Table:
    frame = model.operators(model.grants())
    return Table(
        id=id,
        caption=f"Les opérateurs des actions, {wording.period()}",
        corner="Opérateur (bénéficiaire)",
        columns=["Actions", "Montant reçu", "Années"],
        rows=[
            Row(name, [fmt.number(int(r.actions)), fmt.euros(r.montant), ", ".join(str(y) for y in r.annees)])
            for name, r in frame.iterrows()
        ],
        footer=[
            Row(
                "Total",
                [fmt.number(int(frame["actions"].sum())), fmt.euros(frame["montant"].sum()), ""],
                "total",
            )
        ],
        note=f"{fmt.count(len(frame), 'opérateur')} ; une action reconduite compte une fois par année.",
    )


def orientations_without_grants(id: str = "suivi-orientations-sans-action") -> Table:
    frame = model.orientations_without_grants(model.grants())
    labels = axis_labels()
    return Table(
        id=id,
        caption=f"Les orientations du contrat qu'aucune action n'a reçues, {wording.period()}",
        corner="Orientation",
        columns=["Axe", "Intitulé", "Ligne du contrat"],
        rows=[Row(r.code, [labels[r.axe], r.libelle, str(r.ligne_source)]) for r in frame.itertuples()],
        text=True,
        note=(
            f"{fmt.count(model.without_orientation(model.grants()), 'action')} de la programmation "
            "ne nomme pas d'orientation (colonne facultative) : elle ne compte pour aucune."
        ),
    )
