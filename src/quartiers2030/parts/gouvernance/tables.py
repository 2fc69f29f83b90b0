"""The tables of the governance pages: instances, members, organisations, signatories and
their remarks, the timeline, and the gaps between the steering committee and the
signatories. Captions and fixed notes come from data/gouvernance/titres.csv."""

from __future__ import annotations

import pandas as pd

from quartiers2030.core import fmt
from quartiers2030.core.tables import Row, Table
from quartiers2030.parts.gouvernance import model, wording
from quartiers2030.parts.gouvernance.model import text


def _table(id: str, corner: str, columns: list[str], rows: list[Row], note: str | None = None) -> Table:
    """A table of sentences, titled from the data; `note` replaces a note the data lacks."""
    title = model.title(id)
    return Table(
        id=id,
        caption=title.text,
        corner=corner,
        columns=columns,
        rows=rows,
        text=True,
        note=title.note or note,
    )


def instances() -> Table:
    rows = [
        Row(
            i.label,
            [i.role, i.lead or wording.NOT_SPECIFIED, wording.frequency_cell(i), str(i.line)],
        )
        for i in model.instances()
    ]
    return _table(
        "tableau-instances",
        "Instance (nom donné par le contrat)",
        ["Rôle", "Animation", "Réunions (rythme écrit dans le contrat)", "Ligne du contrat"],
        rows,
    )


def members() -> Table:
    orgs = model.organisations()
    frame = model.members()
    rows = []
    for i in model.instances():
        sub = frame[frame["instance"] == i.code]
        cells = [
            fmt.number(len(sub)),
            wording.member_groups(sub, orgs),
            wording.line_spans(sub["ligne_source"]),
        ]
        rows.append(Row(i.short, cells))
    return _table(
        "tableau-membres",
        "Instance",
        ["Membres cités", "Qui (précisions du contrat entre crochets)", "Lignes du contrat"],
        rows,
    )


def organisations() -> Table:
    types = model.organisation_types()
    seats = model.members().groupby("organisation").size()
    signing = model.signatory_organisations()
    rows = [
        Row(
            wording.organisation_name(r),
            [
                types[r.type],
                fmt.number(seats.get(code, 0)),
                wording.yes_no(code in signing),
                text(r.remarque) or "",
                str(r.ligne_source),
            ],
        )
        for code, r in model.organisations().iterrows()
    ]
    return _table(
        "tableau-organisations",
        "Organisation (nom court)",
        ["Type", "Instances où elle siège", "Signe le contrat", "Remarque", "Ligne"],
        rows,
    )


def signatories() -> Table:
    orgs = model.organisations()
    frame = model.signatories()
    rows = [
        Row(
            wording.signatory_name(r),
            [fmt.number(r.ordre), r.fonction, wording.represented(r, orgs), str(int(r.ligne_source))],
        )
        for r in frame.itertuples()
    ]
    return _table(
        "tableau-signataires",
        "Signataire",
        ["Rang", "Fonction", "Organisation représentée", "Ligne du contrat"],
        rows,
        note=wording.signatories_note(frame),
    )


def signatory_remarks() -> Table:
    """What the signature blocks print oddly: typos, delegations, missing names."""
    rows = [
        Row(wording.remark_subject(r), [r.remarque, str(int(r.ligne_source))])
        for r in model.signatories().itertuples()
        if not pd.isna(r.remarque)
    ]
    return _table(
        "tableau-remarques-signataires", "Rang et signataire", ["Remarque", "Ligne du contrat"], rows
    )


def timeline() -> Table:
    rows = [
        Row(
            fmt.date_text(r.date, r.precision),
            [r.evenement, text(r.remarque) or "", str(int(r.ligne_source))],
        )
        for r in model.timeline().itertuples()
    ]
    return _table("tableau-chronologie", "Date", ["Événement", "Remarque", "Ligne du contrat"], rows)


def _gap_rows(result: model.Comparison) -> list[Row]:
    """One row per organisation on one list only, then per block that names none."""
    orgs = model.organisations()["libelle"]
    signing = model.signatory_organisations()
    committee_line = model.committee_lines()
    rows = [
        Row(
            orgs[c],
            [
                "non",
                f"oui : {wording.blocks(signing[c])}",
                "Signe le contrat, mais n'est pas dans la liste du comité",
            ],
        )
        for c in result.only_signing
    ]
    rows += [
        Row(
            orgs[c],
            [f"oui (l. {committee_line[c]})", "non", "Dans la liste du comité, mais ne signe pas le contrat"],
        )
        for c in result.only_committee
    ]
    rows += [
        Row(
            f"Bloc n° {b.ordre} : {b.nom}, {b.fonction}",
            [
                "impossible à dire",
                f"oui : {wording.blocks([b])}",
                "Le bloc n'imprime pas d'organisation : il ne peut être rapproché de la liste",
            ],
        )
        for b in result.unattached
    ]
    return rows


def composition_gaps() -> Table:
    """The organisations that stand on one list only, and the blocks that cannot be matched."""
    result = model.compare_committee_and_signatories()
    committee_span = wording.line_spans(model.committee_lines())
    signed_span = wording.signature_span(model.signatories())
    return _table(
        "tableau-ecarts-copil-signataires",
        "Organisation",
        [
            f"Dans la liste du comité de pilotage (l. {committee_span})",
            f"Signe le contrat (l. {signed_span})",
            "Constat",
        ],
        _gap_rows(result),
        note=(
            f"Les {len(result.both)} autres organisations de la liste du comité figurent sur "
            "les deux listes ; l'encadré ci-dessous les détaille."
        ),
    )
