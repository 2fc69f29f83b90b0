"""The suivi's « Contrôles de cohérence » box: what the contract states about its
programmation beside what the imported programmation gives. The 30 % target of axis 1
(l. 838) is checked by amount over every financer, axes transversaux included; the other
readings are in the target table. What the contract announces and the data cannot show
(an envelope for 2024-2030, the effects of the actions) is said as a gap of the text."""

from __future__ import annotations

from quartiers2030.core import fmt
from quartiers2030.core.checks import Check, Verdict
from quartiers2030.core.checks import render as render_checks
from quartiers2030.core.html import Fragment
from quartiers2030.parts.suivi import model, wording

# « l'état d'avancement de la programmation annuelle, l'utilisation des enveloppes et les
# effets des actions soutenues » (l. 1940); « le degré d'avancement des objectifs par
# orientation stratégique » (l. 1961); « par quartier prioritaire » (l. 1962).
ENVELOPES_LINE = 1940
ORIENTATION_LINE = 1961
QUARTIER_LINE = 1962


def target_checks() -> list[Check]:
    out = []
    for share in model.target_shares():
        reached = share.amount >= model.TARGET_SHARE
        out.append(
            Check(
                subject=f"Part de l'axe 1, {wording.year_label(share.year).lower()}",
                stated=f"au moins {fmt.percent(model.TARGET_SHARE, 0)} de la programmation globale",
                computed=fmt.percent(share.amount),
                verdict=Verdict.AGREES if reached else Verdict.DIFFERS,
                source_line=model.TARGET_LINE,
                detail=(
                    ("Objectif atteint" if reached else "Objectif non atteint")
                    + " en montant, tous financeurs, axes transversaux compris ; "
                    f"{fmt.percent(share.actions)} des actions"
                    + (
                        ""
                        if share.state is None
                        else f", {fmt.percent(share.state)} des subventions de l'État"
                    )
                    + "."
                ),
            )
        )
    return out


def envelope_checks() -> list[Check]:
    """The sum of each year; the contract states no envelope for 2024-2030 to hold it to."""
    grants = model.grants()
    return [
        Check(
            subject=f"Somme de la programmation {year}",
            stated="aucune enveloppe annoncée",
            computed=fmt.euros(model.of_year(grants, year)["recu"].sum()),
            verdict=Verdict.MISSING,
            source_line=ENVELOPES_LINE,
            detail="Le contrat suit « l'utilisation des enveloppes » sans en chiffrer aucune pour 2024-2030.",
        )
        for year in model.years()
    ]


def quartier_and_financer_checks() -> list[Check]:
    grants = model.grants()
    acts = model.actions(grants)
    everywhere = int(sum(model.ALL_QPV in str(cell).split(";") for cell in acts["qpv"]))
    financers = model.by_financer(grants)
    first = financers.index[0]
    share = financers.at[first, "montant"] / financers["montant"].sum() * 100
    return [
        Check(
            subject="Actions sans quartier désigné",
            stated="le suivi se fait par quartier prioritaire",
            computed=f"{fmt.count(everywhere, 'action')} pour tous les quartiers",
            verdict=Verdict.AGREES,
            source_line=QUARTIER_LINE,
            detail="Chaque ligne nomme ses quartiers (colonne qpv obligatoire) ; « tous » compte dans chacun.",
        ),
        Check(
            subject="Part du premier financeur",
            stated="aucune part fixée par financeur",
            computed=f"{first} : {fmt.percent(share)} du montant",
            verdict=Verdict.MISSING,
            source_line=ENVELOPES_LINE,
            detail="Le contrat ne répartit pas la programmation entre ses financeurs.",
        ),
    ]


def left_out_checks() -> list[Check]:
    grants = model.grants()
    missing = model.without_orientation(grants)
    return [
        Check(
            subject="Avancement par orientation stratégique",
            stated="suivi par orientation",
            computed=f"{fmt.count(missing, 'action')} sans orientation",
            verdict=Verdict.AGREES if not missing else Verdict.DIFFERS,
            source_line=ORIENTATION_LINE,
            detail="Une action sans orientation (colonne facultative) ne compte pour aucune.",
        ),
        Check(
            subject="Effets des actions soutenues",
            stated="à identifier par l'équipe projet",
            computed="absents des données",
            verdict=Verdict.MISSING,
            source_line=ENVELOPES_LINE,
            detail="Le format des subventions décrit ce qui est financé, pas ce que l'action produit.",
        ),
    ]


def checks_box() -> Fragment:
    checks = target_checks() + envelope_checks() + quartier_and_financer_checks() + left_out_checks()
    return render_checks(checks, id="controles-suivi")
