"""The suivi's charts (core.bars, core.figures): each with its text alternative, its data
table beside it and the programmation to download. Called only when a programmation is
imported (`sections` shows the empty state otherwise), except the State's envelope, whose
2015-2023 years come from the évaluation."""

from __future__ import annotations

from quartiers2030.core import fmt
from quartiers2030.core.bars import BarSeries, bar_chart, column_chart, reference_line
from quartiers2030.core.figures import Figure, hover_template
from quartiers2030.core.tables import Row, Table
from quartiers2030.data.datapackage import resource
from quartiers2030.parts.evaluation import model as evaluation
from quartiers2030.parts.suivi import model, tables, wording


def _download() -> tuple[str, str]:
    return ("La programmation 2024-2030 (format SCDL « subventions »)", resource(model.RESOURCE)["path"])


def figure_by_axis() -> Figure:
    grants = model.grants()
    labels = tables.axis_labels()
    numbers = [a.number for a in model.axes()]
    series = []
    for year in model.years():
        frame = model.by_axis(model.of_year(grants, year))
        series.append(
            BarSeries(
                str(year),
                frame["montant"].tolist(),
                hovers=[f"{labels[n]}\n{year} : {fmt.euros(frame.at[n, 'montant'])}" for n in numbers],
            )
        )
    return Figure(
        id="suivi-par-axe",
        title=f"Montant programmé par axe et par année, {wording.period()}",
        description=wording.axis_description(model.by_axis(grants), labels),
        plot=bar_chart([labels[n] for n in numbers], series, x_title="Montant (€)", label_width=28),
        table=tables.by_axis("donnees-suivi-par-axe"),
        downloads=[_download()],
    )


def figure_by_financer() -> Figure:
    frame = model.by_financer(model.grants())
    amounts = BarSeries(
        "Montant donné",
        frame["montant"].tolist(),
        texts=[fmt.euros(v) for v in frame["montant"]],
    )
    return Figure(
        id="suivi-par-financeur",
        title=f"Montant donné par financeur, {wording.period()}",
        description=wording.financer_description(frame),
        plot=bar_chart(list(frame.index), [amounts], x_title="Montant (€)", label_width=28, right=90),
        table=tables.by_financer("donnees-suivi-par-financeur"),
        downloads=[_download()],
    )


def figure_target() -> Figure:
    shares = model.target_shares()
    names = [wording.year_label(s.year) for s in shares]
    series = [
        BarSeries(
            "Part du montant", [s.amount for s in shares], texts=[fmt.percent(s.amount) for s in shares]
        ),
        BarSeries(
            "Part des actions", [s.actions for s in shares], texts=[fmt.percent(s.actions) for s in shares]
        ),
        BarSeries(
            "Part des subventions de l'État",
            [s.state for s in shares],
            texts=["aucune" if s.state is None else fmt.percent(s.state) for s in shares],
        ),
    ]
    plot = bar_chart(
        names,
        series,
        x_title="Part de l'axe 1 (%)",
        x_range=[0, 105],
        right=56,
        lines=[reference_line(model.TARGET_SHARE, "Objectif du contrat : 30 % (l. 838)")],
    )
    return Figure(
        id="suivi-objectif-axe-1",
        title="L'axe 1 contre l'objectif de 30 % de la programmation",
        description=wording.target_description(shares),
        plot=plot,
        table=tables.target("donnees-suivi-objectif-axe-1"),
        downloads=[_download()],
    )


def figure_by_quartier() -> Figure:
    frame = model.by_quartier(model.grants())
    names = dict(zip(model.quartiers()["code_qpv"], model.quartiers()["libelle"], strict=True))
    amounts = BarSeries("Montant", frame["montant"].tolist(), texts=[fmt.euros(v) for v in frame["montant"]])
    return Figure(
        id="suivi-par-quartier",
        title=f"Montant des actions par quartier prioritaire, {wording.period()}",
        description=wording.quartier_description(frame, names),
        plot=bar_chart(
            [names[c] for c in frame.index], [amounts], x_title="Montant (€)", label_width=24, right=90
        ),
        table=tables.by_quartier("donnees-suivi-par-quartier"),
        downloads=[_download()],
    )


def figure_renewal() -> Figure:
    frame = model.renewal(model.grants())
    plot = column_chart(
        [str(y) for y in frame.index],
        [
            BarSeries(
                "Nouvelles", frame["nouvelles"].tolist(), hover_template="%{hovertext} : %{y} nouvelles"
            ),
            BarSeries(
                "Reconduites", frame["reconduites"].tolist(), hover_template="%{hovertext} : %{y} reconduites"
            ),
        ],
        y_title="Actions",
        mode="stack",
        legend_width=None,
        height=360,
    )
    return Figure(
        id="suivi-nouvelles-reconduites",
        title="Actions nouvelles et reconduites par année",
        description=wording.renewal_description(frame),
        plot=plot,
        table=tables.renewal("donnees-suivi-nouvelles-reconduites"),
        downloads=[_download()],
    )


def _state_table(before, after) -> Table:
    acts = evaluation.actions_per_year()["total"]
    rows = [
        Row(str(y), [fmt.euros(v), fmt.number(int(acts.get(y, 0))), "évaluation 2015-2023"])
        for y, v in before.items()
    ]
    if after is not None:
        rows += [
            Row(str(y), [fmt.euros(r.montant), fmt.number(int(r.actions)), "programmation 2024-2030"])
            for y, r in after.iterrows()
        ]
    return Table(
        id="donnees-suivi-enveloppe-etat",
        caption="Enveloppe politique de la ville de l'État et actions par année",
        corner="Année",
        columns=["Montant de l'État", "Actions", "Données"],
        rows=rows,
        note=wording.PILLARS_AND_AXES,
    )


def figure_state() -> Figure:
    """2015-2023 from the évaluation (every pillar summed), then each imported year's State
    grants; while none is imported, the évaluation's years alone."""
    before = evaluation.envelope_totals()
    after = None if model.empty() else model.state_by_year()
    years = [int(y) for y in before.index] + ([] if after is None else list(after.index))
    n = len(before)
    series = [
        BarSeries(
            "Évaluation 2015-2023 (somme des piliers)",
            before.tolist(),
            rows=list(range(n)),
            hover_template=hover_template("%{hovertext}", "%{y:,.0f} €"),
        ),
    ]
    if after is not None:
        series.append(
            BarSeries(
                "Programmation 2024-2030 (subventions de l'État)",
                after["montant"].tolist(),
                rows=list(range(n, n + len(after))),
                hover_template=hover_template("%{hovertext}", "%{y:,.0f} €"),
            )
        )
    plot = column_chart(
        [str(y) for y in years], series, y_title="Montant (€)", mode="overlay", legend_width=None
    )
    return Figure(
        id="suivi-enveloppe-etat",
        title=f"L'enveloppe de l'État, {years[0]}-{years[-1]}",
        description=wording.state_description(before, None if after is None else after["montant"]),
        plot=plot,
        table=_state_table(before, after),
        downloads=[("Enveloppe 2015-2023 par pilier", "evaluation/enveloppe_etat.csv"), _download()],
    )
