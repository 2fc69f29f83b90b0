"""The suivi's sentences, built from the data: charts' text alternatives, notes."""

from __future__ import annotations

from quartiers2030.core import fmt
from quartiers2030.data import value_sources
from quartiers2030.parts.suivi import model

AMOUNT_NOTE = (
    "Montant reçu par l'action : la somme, pour chacun de ses financeurs, du montant de la "
    "subvention multiplié par la part du bénéficiaire (pourcentageSubvention du format SCDL)."
)
SEVERAL_QPV_NOTE = (
    "Une action menée dans plusieurs quartiers, ou dans tous (« tous »), compte en entier dans "
    "chacun d'eux : la somme des quartiers dépasse donc le total de la programmation. La "
    "colonne « Pour ce seul quartier » compte les actions qui ne concernent que lui."
)
WHICH_SHARE = (
    "Le contrat fixe l'objectif que l'axe 1 « représente 30 % de la programmation globale » "
    "(ligne 838) sans dire s'il compte les montants ou les actions, ni de quels financeurs : "
    "le site donne les trois lectures. La première, en montant sur tous les financeurs avec les "
    "axes transversaux au dénominateur, sert au contrôle ; les deux autres sont à côté : en "
    "nombre d'actions, et pour les seules subventions de l'État."
)
PILLARS_AND_AXES = (
    "Les piliers de l'évaluation 2015-2023 (emploi, précarité, jeunesse, ville durable) et les "
    "axes du contrat 2024-2030 ne se recouvrent pas : une action « jeunesse » de 2020 peut "
    "relever de l'axe 1 ou de l'axe 3 aujourd'hui. Le site met bout à bout le total de "
    "l'enveloppe de l'État année par année, sans répartir une période dans les catégories de "
    "l'autre."
)


def year_label(year: int | None) -> str:
    return "Total" if year is None else str(year)


def period() -> str:
    return model.span(model.years())


def sources_sentence(codes: list[str]) -> str:
    """« Source : CAB, Programmation du contrat de ville 2024-2025 2024-2025. »"""
    return "Source : " + " ; ".join(value_sources.label(c) for c in codes) + "."


def axis_description(by_axis, labels: dict[int, str]) -> str:
    total = by_axis["montant"].sum()
    largest = by_axis["montant"].idxmax()
    return (
        f"Montant programmé par axe, {period()} : {fmt.euros(total)} en tout ; l'axe le plus doté "
        f"est « {labels[largest]} » avec {fmt.euros(by_axis.at[largest, 'montant'])} "
        f"({fmt.count(int(by_axis.at[largest, 'actions']), 'action')}). Le tableau donne chaque année."
    )


def financer_description(frame) -> str:
    first = frame.index[0]
    return (
        f"Montant donné par financeur, {period()} : {fmt.count(len(frame), 'financeur')}, le premier "
        f"étant {first} avec {fmt.euros(frame.at[first, 'montant'])} "
        f"({fmt.count(int(frame.at[first, 'actions']), 'action')})."
    )


def target_description(shares: list[model.Share]) -> str:
    parts = [f"{year_label(s.year)} : {fmt.percent(s.amount)} du montant" for s in shares]
    return (
        "Part de l'axe 1 dans la programmation, année par année, contre l'objectif de 30 % "
        f"(ligne 838) : {' ; '.join(parts)}. Les parts en nombre d'actions et pour l'État seul "
        "sont dans le tableau."
    )


def quartier_description(frame, names: dict[str, str]) -> str:
    parts = [f"{names[c]} : {fmt.euros(r.montant)}" for c, r in frame.iterrows()]
    return (
        f"Montant des actions menées dans chaque quartier prioritaire, {period()} : "
        f"{' ; '.join(parts)}. Une action de plusieurs quartiers compte dans chacun."
    )


def renewal_description(frame) -> str:
    parts = [
        f"{y} : {int(r.nouvelles)} nouvelles, {int(r.reconduites)} reconduites" for y, r in frame.iterrows()
    ]
    return f"Actions nouvelles et reconduites par année : {' ; '.join(parts)}."


def state_description(evaluation, programmation) -> str:
    first, last = evaluation.index[0], evaluation.index[-1]
    text = (
        f"Enveloppe politique de la ville de l'État par année : de {fmt.euros(evaluation.iloc[0])} en "
        f"{first} à {fmt.euros(evaluation.iloc[-1])} en {last} (évaluation 2015-2023, par pilier)"
    )
    if programmation is None or programmation.empty:
        return text + " ; aucune programmation 2024-2030 n'est encore publiée."
    parts = [f"{fmt.euros(v)} en {y}" for y, v in programmation.items()]
    return text + f", puis {', '.join(parts)} (programmation 2024-2030, subventions de l'État)."
