"""The checks of what part IV states or leaves out: « composé de l'ensemble des
signataires » compared organisation by organisation, and the omissions of the text (a
number, an annex, a date, an instance without rhythm or lead, a block without a name)."""

from __future__ import annotations

import pandas as pd

from quartiers2030.core import fmt
from quartiers2030.core.checks import Box, Check, Verdict, render_box
from quartiers2030.core.html import Fragment
from quartiers2030.parts.gouvernance import model, wording


def _summary_counts(result: model.Comparison) -> str:
    counts = (
        f"{fmt.count(len(result.both), 'organisation')} sur les deux listes ; "
        f"{fmt.count(len(result.only_signing), 'signataire')} hors de la liste du comité ; "
        f"{fmt.count(len(result.only_committee), 'membre')} du comité sans signature"
    )
    if result.unattached:
        counts += f" ; {fmt.count(len(result.unattached), 'bloc')} de signature sans organisation"
    return counts


def _summary(claim, result: model.Comparison) -> Check:
    """The claim itself: it agrees only if the two lists are the same."""
    committee_line = model.committee_lines()
    blocks = model.signatories()
    agrees = not (result.only_signing or result.only_committee)
    return Check(
        subject=claim.objet,
        stated=f"« {claim.citation} »",
        computed=_summary_counts(result),
        verdict=Verdict.AGREES if agrees else Verdict.DIFFERS,
        source_line=int(claim.ligne_source),
        detail=(
            f"Liste du comité (l. {wording.line_spans(committee_line)}) : "
            f"{fmt.count(len(committee_line), 'organisation')}. Pages de signatures "
            f"(l. {wording.signature_span(blocks)}) : {fmt.count(len(blocks), 'bloc')}, "
            f"{fmt.count(len(model.signatory_organisations()), 'organisation')} identifiées."
        ),
    )


def _organisation_checks(claim_line: int, result: model.Comparison) -> list[Check]:
    """Each organisation on one list only, each block without one, then those on both."""
    orgs = model.organisations()["libelle"]
    signing = model.signatory_organisations()
    committee_line = model.committee_lines()
    span = wording.line_spans(committee_line)
    checks = [
        Check(
            orgs[code],
            "Absente de la liste du comité",
            f"Signe : {wording.blocks(signing[code])}",
            Verdict.DIFFERS,
            int(signing[code][0].ligne_source),
            f"Signataire, donc membre du comité selon la l. {claim_line}, mais absente de la liste des l. {span}.",
        )
        for code in result.only_signing
    ]
    checks += [
        Check(
            orgs[code],
            f"Membre du comité (l. {committee_line[code]})",
            "Aucun bloc de signature",
            Verdict.DIFFERS,
            int(committee_line[code]),
            f"Nommée parmi les membres d'un comité composé des signataires (l. {claim_line}), "
            "mais ne signe pas le contrat.",
        )
        for code in result.only_committee
    ]
    checks += [_unattached(block) for block in result.unattached]
    checks += [
        Check(
            orgs[code],
            f"Membre du comité (l. {committee_line[code]})",
            f"Signe : {wording.blocks(signing[code])}",
            Verdict.AGREES,
            int(committee_line[code]),
        )
        for code in result.both
    ]
    return checks


def _unattached(block) -> Check:
    return Check(
        f"Bloc de signature n° {block.ordre} : {block.nom}",
        "Organisation non imprimée",
        "Ne peut être rapproché d'aucun membre du comité",
        Verdict.MISSING,
        int(block.ligne_source),
        f"Fonction imprimée : « {block.fonction} ». {model.text(block.remarque) or ''}".strip(),
    )


def composition_checks() -> list[Check]:
    """« Composé de l'ensemble des signataires »: the two lists, organisation by organisation."""
    claim = model.composition_claim()
    result = model.compare_committee_and_signatories()
    return [_summary(claim, result)] + _organisation_checks(int(claim.ligne_source), result)


def composition() -> Box:
    box = "controles-copil-signataires"
    return Box("gouvernance-signataires", box, tuple(composition_checks()), model.title(box).text)


def composition_box() -> Fragment:
    return render_box(composition())


# --- what the text leaves out ------------------------------------------------------------

SCOPES = ("instances", "contrat", "signataires")


def _gap_checks(scope: str) -> list[Check]:
    """The gaps of constats.csv: about an instance (`instances`) or the whole contract."""
    claims = model.claims()
    gaps = claims[claims["nature"] == "lacune"]
    wanted = gaps["instance"].notna() if scope == "instances" else gaps["instance"].isna()
    return [
        Check(r.objet, f"« {r.citation} »", "Non donné", Verdict.MISSING, int(r.ligne_source), r.manque)
        for r in gaps[wanted].itertuples()
    ]


def _instance_checks() -> list[Check]:
    """Instances for which the contract gives no rhythm or no lead."""
    return [
        Check(
            f"{i.short} : fréquence et animation",
            wording.unsaid_stated(i),
            "Non donné",
            Verdict.MISSING,
            i.line,
            wording.unsaid_detail(i),
        )
        for i in model.instances()
        if i.per_year is None or i.lead is None
    ]


def _unnamed_checks() -> list[Check]:
    """Signature blocks that print a function and no name."""
    return [
        Check(
            f"Signataire n° {r.ordre}",
            f"« {r.fonction} »",
            "Nom non imprimé",
            Verdict.MISSING,
            int(r.ligne_source),
            "Le bloc de signature imprime la fonction sans le nom de la personne.",
        )
        for r in model.signatories().itertuples()
        if pd.isna(r.nom)
    ]


def omission_checks(scope: str = "instances") -> list[Check]:
    """`instances`: the omissions about the instances (a number, an annex, no frequency, no
    lead); `contrat`: those about the contract as a whole; `signataires`: blocks whose name
    is not printed."""
    if scope not in SCOPES:
        raise ValueError(f"Portée inconnue : {scope!r} (attendu : {', '.join(SCOPES)}).")
    if scope == "signataires":
        return _unnamed_checks()
    checks = _gap_checks(scope)
    if scope == "instances":
        checks += _instance_checks()
    return checks


# The page (its MyST label) that shows the box of each scope.
PAGES = {
    "instances": "gouvernance",
    "contrat": "gouvernance-chronologie",
    "signataires": "gouvernance-signataires",
}


def omissions(scope: str = "instances") -> Box:
    box = f"lacunes-{scope}"
    return Box(PAGES[scope], box, tuple(omission_checks(scope)), model.title(box).text)


def omissions_box(scope: str = "instances") -> Fragment:
    return render_box(omissions(scope))


def boxes() -> list[Box]:
    """In the order of the pages: the instances, the signatories, the chronology."""
    return [omissions("instances"), composition(), omissions("signataires"), omissions("contrat")]
