"""Gouvernance (part IV of the contract): instances, who sits where, how the instances
feed one another, the yearly minimum of meetings, the signatories and the timeline; and
the checks of what the text states about them or leaves out.

Every instance, organisation, link and date comes from data/gouvernance/*.csv: a row
added there appears in every table and figure below without a code change.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from quartiers2030.core import fmt
from quartiers2030.core.checks import Check, Verdict
from quartiers2030.core.checks import render as render_checks
from quartiers2030.core.figures import (
    GRID_COLOUR,
    PALETTE,
    TEXT_COLOUR,
    Figure,
    house_figure,
    plot_text,
    wrap_label,
    wrap_lines,
)
from quartiers2030.core.html import Fragment, escape
from quartiers2030.core.tables import Row, Table
from quartiers2030.data.datapackage import load

# Chart labels are wrapped to this many characters: three boxes side by side must fit
# the width of a phone (360 px).
WRAP_NODE, WRAP_COLUMN, WRAP_ROW, WRAP_EVENT = 15, 22, 18, 48
NODE_FONT, LINE_HEIGHT, NODE_PAD = 13, 1.25, 6
MUTED_TEXT = "#4d4d4d"  # contrast 8.5:1 on white


# --- facts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Instance:
    code: str
    label: str  # as the contract writes it
    short: str  # for charts and compact tables
    role: str
    lead: str | None
    per_year: int | None
    frequency_words: str | None
    line: int


def _text(value) -> str | None:
    return None if pd.isna(value) else str(value)


def instances() -> list[Instance]:
    return [
        Instance(
            r.code,
            r.libelle,
            r.libelle_court,
            r.role,
            _text(r.pilotage),
            None if pd.isna(r.frequence_min_par_an) else int(r.frequence_min_par_an),
            _text(r.frequence_texte),
            int(r.ligne_source),
        )
        for r in load("instances").itertuples()
    ]


def organisations() -> pd.DataFrame:
    return load("organisations").set_index("code")


def members() -> pd.DataFrame:
    return load("membres")


def relations() -> pd.DataFrame:
    return load("relations")


def signatories() -> pd.DataFrame:
    return load("signataires").sort_values("ordre")


def timeline() -> pd.DataFrame:
    return load("chronologie").sort_values("date", kind="stable")


def _by_code() -> dict[str, Instance]:
    return {i.code: i for i in instances()}


def _lines(values) -> str:
    """`[1900, 1901, 1902, 1914]` -> `1900-1902, 1914`."""
    numbers = sorted({int(v) for v in values})
    if not numbers:
        return ""
    spans, start = [], numbers[0]
    for previous, current in zip(numbers, numbers[1:] + [None]):
        if current != previous + 1:
            spans.append(str(start) if start == previous else f"{start}-{previous}")
            start = current
    return ", ".join(spans)


def frequency_label(instance: Instance) -> str:
    if instance.per_year is None:
        return "fréquence non indiquée"
    return f"au moins {fmt.count(instance.per_year, 'réunion')} par an"


def steering_committee() -> str:
    """Code of the instance the contract says is made of all the signatories."""
    claims = load("constats")
    return claims.loc[claims["nature"] == "composition_egale_signataires", "instance"].iloc[0]


def signatory_organisations() -> dict[str, list]:
    """Organisation code -> the signature blocks (rows) that represent it."""
    out: dict[str, list] = {}
    for row in signatories().itertuples():
        for code in (row.organisation, row.organisation_associee):
            if not pd.isna(code):
                out.setdefault(code, []).append(row)
    return out


# --- tables ------------------------------------------------------------------------------


def _frequency_cell(i: Instance) -> str:
    if i.per_year is None:
        return "non indiquée"
    return f"{frequency_label(i)} (« {i.frequency_words} »)"


def instances_table() -> Table:
    rows = [
        Row(i.label, [i.role, i.lead or "non précisée", _frequency_cell(i), str(i.line)]) for i in instances()
    ]
    return Table(
        id="tableau-instances",
        caption="Les instances du contrat de ville",
        corner="Instance (nom donné par le contrat)",
        columns=["Rôle", "Animation", "Réunions (rythme écrit dans le contrat)", "Ligne du contrat"],
        rows=rows,
        text=True,
        note=(
            "Le rôle est résumé par le site ; le nom, l'animation et le rythme sont ceux du "
            "contrat. « Non précisée » ou « non indiquée » : le contrat ne le dit pas."
        ),
    )


def _member_groups(frame: pd.DataFrame, orgs: pd.DataFrame) -> str:
    """Members in the contract's order; those with the same precision are grouped."""
    groups: list[tuple[list[str], str | None]] = []
    for row in frame.itertuples():
        precision = _text(row.precision)
        name = orgs.at[row.organisation, "libelle"]
        if groups and groups[-1][1] == precision:
            groups[-1][0].append(name)
        else:
            groups.append(([name], precision))
    return " ; ".join(
        ", ".join(names) + (f" [{precision}]" if precision else "") for names, precision in groups
    )


def members_table() -> Table:
    orgs = organisations()
    frame = members()
    rows = []
    for i in instances():
        sub = frame[frame["instance"] == i.code]
        rows.append(
            Row(i.short, [fmt.number(len(sub)), _member_groups(sub, orgs), _lines(sub["ligne_source"])])
        )
    return Table(
        id="tableau-membres",
        caption="Les membres cités pour chaque instance",
        corner="Instance",
        columns=["Membres cités", "Qui (précisions du contrat entre crochets)", "Lignes du contrat"],
        rows=rows,
        text=True,
        note=(
            "Un groupe que le contrat ne détaille pas (« les bailleurs sociaux », « les "
            "signataires partenaires ») compte pour un membre."
        ),
    )


# Words for the values of organisations.type (its schema lists them).
ORGANISATION_TYPES = {
    "etat": "État et ses services",
    "collectivite": "collectivité",
    "commune": "commune",
    "bailleur": "bailleur social",
    "organisme_public": "organisme public",
    "association": "association",
    "justice": "justice",
    "autre": "autre",
}


def organisations_table() -> Table:
    orgs = organisations()
    frame = members()
    seats = frame.groupby("organisation").size()
    signing = signatory_organisations()
    rows = [
        Row(
            r.libelle if r.libelle_court == r.libelle else f"{r.libelle} ({r.libelle_court})",
            [
                ORGANISATION_TYPES.get(r.type, r.type),
                fmt.number(seats.get(code, 0)),
                "oui" if code in signing else "non",
                _text(r.remarque) or "",
                str(r.ligne_source),
            ],
        )
        for code, r in orgs.iterrows()
    ]
    return Table(
        id="tableau-organisations",
        caption="Les organisations que cite la partie gouvernance du contrat",
        corner="Organisation (nom court)",
        columns=["Type", "Instances où elle siège", "Signe le contrat", "Remarque", "Ligne"],
        rows=rows,
        text=True,
        note=(
            "Le nom est celui du contrat, dans sa forme la plus complète ; les autres façons "
            "dont le contrat l'écrit sont en remarque. Le nom court, entre parenthèses, est "
            "celui des graphiques."
        ),
    )


def _list_block(title: str, items: pd.DataFrame) -> str:
    entries = "".join(
        f"<li>{escape(r.libelle)}"
        + ("" if pd.isna(r.remarque) else f" <small>({escape(r.remarque)})</small>")
        + "</li>"
        for r in items.itertuples()
    )
    source = _lines(items["ligne_source"])
    return (
        f"<dt>{escape(title)}</dt><dd><ol>{entries}</ol>"
        f'<p class="q2030-table-note">Contrat, {"lignes" if "-" in source or "," in source else "ligne"} '
        f"{escape(source)}.</p></dd>"
    )


def missions_list() -> Fragment:
    """The missions the contract gives to each instance, in its words and order."""
    frame = load("missions").sort_values(["ordre"], kind="stable")
    blocks = [
        _list_block(i.short, frame[(frame["liste"] == "missions") & (frame["instance"] == i.code)])
        for i in instances()
        if ((frame["liste"] == "missions") & (frame["instance"] == i.code)).any()
    ]
    return Fragment(f'<dl class="q2030-list" id="missions-des-instances">{"".join(blocks)}</dl>')


def contract_list(kind: str, title: str) -> Fragment:
    """One of the contract's lists that belong to no single instance (`liste` column)."""
    frame = load("missions")
    items = frame[frame["liste"] == kind].sort_values("ordre")
    return Fragment(
        f'<dl class="q2030-list" id="liste-{escape(kind.replace("_", "-"))}">{_list_block(title, items)}</dl>'
    )


def _signatory(r) -> str:
    return "Nom non imprimé" if pd.isna(r.nom) else r.nom


def signatories_table() -> Table:
    orgs = organisations()
    rows = []
    for r in signatories().itertuples():
        org = "non imprimée" if pd.isna(r.organisation) else orgs.at[r.organisation, "libelle"]
        if not pd.isna(r.organisation_associee):
            org += " ; " + orgs.at[r.organisation_associee, "libelle"]
        rows.append(Row(_signatory(r), [fmt.number(r.ordre), r.fonction, org, str(int(r.ligne_source))]))
    frame = signatories()
    return Table(
        id="tableau-signataires",
        caption="Les signataires du contrat, dans l'ordre des pages de signatures",
        corner="Signataire",
        columns=["Rang", "Fonction", "Organisation représentée", "Ligne du contrat"],
        rows=rows,
        text=True,
        note=(
            f"{fmt.count(len(frame), 'bloc')} de signature, dont "
            f"{fmt.count(int(frame['nom'].isna().sum()), 'fonction')} sans nom : le contrat "
            "imprime la fonction mais pas le nom. Noms et fonctions sont recopiés tels "
            "qu'imprimés, coquilles comprises (voir les remarques ci-dessous)."
        ),
    )


def signatory_remarks_table() -> Table:
    """What the signature blocks print oddly: typos, delegations, missing names."""
    rows = [
        Row(
            f"{r.ordre}. " + (f"{r.fonction} (nom non imprimé)" if pd.isna(r.nom) else r.nom),
            [r.remarque, str(int(r.ligne_source))],
        )
        for r in signatories().itertuples()
        if not pd.isna(r.remarque)
    ]
    return Table(
        id="tableau-remarques-signataires",
        caption="Remarques sur les blocs de signature",
        corner="Rang et signataire",
        columns=["Remarque", "Ligne du contrat"],
        rows=rows,
        text=True,
    )


def timeline_table() -> Table:
    rows = [
        Row(
            fmt.date_text(r.date, r.precision),
            [r.evenement, _text(r.remarque) or "", str(int(r.ligne_source))],
        )
        for r in timeline().itertuples()
    ]
    return Table(
        id="tableau-chronologie",
        caption="Les dates que donne le contrat",
        corner="Date",
        columns=["Événement", "Remarque", "Ligne du contrat"],
        rows=rows,
        text=True,
        note=(
            "Une date donnée à l'année seulement est écrite sans jour ni mois. "
            "L'événement est résumé par le site."
        ),
    )


# --- the steering committee and the signatories -------------------------------------------


@dataclass(frozen=True)
class Comparison:
    both: list[str]  # organisation codes on both lists
    only_signing: list[str]  # sign, but are not on the committee's list
    only_committee: list[str]  # on the committee's list, but do not sign
    unattached: list  # signature blocks that print no organisation


def compare_committee_and_signatories() -> Comparison:
    committee = members()
    committee = list(committee.loc[committee["instance"] == steering_committee(), "organisation"])
    signing = signatory_organisations()
    unattached = [r for r in signatories().itertuples() if pd.isna(r.organisation)]
    return Comparison(
        both=[c for c in committee if c in signing],
        only_signing=[c for c in signing if c not in committee],
        only_committee=[c for c in committee if c not in signing],
        unattached=unattached,
    )


def _blocks(rows) -> str:
    return " et ".join(f"bloc {r.ordre} (l. {r.ligne_source})" for r in rows)


def _signature_span() -> str:
    lines = signatories()["ligne_source"]
    return f"{lines.min()}-{lines.max()}"


def _committee_lines() -> tuple[pd.Series, str]:
    frame = members()
    frame = frame[frame["instance"] == steering_committee()].set_index("organisation")
    return frame["ligne_source"], _lines(frame["ligne_source"])


def composition_checks() -> list[Check]:
    """« Composé de l'ensemble des signataires »: the two lists, organisation by organisation."""
    claims = load("constats")
    claim = claims[claims["nature"] == "composition_egale_signataires"].iloc[0]
    orgs = organisations()
    result = compare_committee_and_signatories()
    signing = signatory_organisations()
    committee_line, committee_span = _committee_lines()
    blocks = signatories()
    signed_span = _signature_span()
    claim_line = int(claim.ligne_source)
    summary = Check(
        subject=claim.objet,
        stated=f"« {claim.citation} »",
        computed=(
            f"{fmt.count(len(result.both), 'organisation')} sur les deux listes ; "
            f"{fmt.count(len(result.only_signing), 'signataire')} hors de la liste du comité ; "
            f"{fmt.count(len(result.only_committee), 'membre')} du comité sans signature"
            + (
                f" ; {fmt.count(len(result.unattached), 'bloc')} de signature sans organisation"
                if result.unattached
                else ""
            )
        ),
        verdict=(Verdict.AGREES if not (result.only_signing or result.only_committee) else Verdict.DIFFERS),
        source_line=claim_line,
        detail=(
            f"Liste du comité (l. {committee_span}) : "
            f"{fmt.count(len(committee_line), 'organisation')}. Pages de signatures "
            f"(l. {signed_span}) : {fmt.count(len(blocks), 'bloc')}, "
            f"{fmt.count(len(signing), 'organisation')} identifiées."
        ),
    )
    checks = [summary]
    for code in result.only_signing:
        checks.append(
            Check(
                orgs.at[code, "libelle"],
                "Absente de la liste du comité",
                f"Signe : {_blocks(signing[code])}",
                Verdict.DIFFERS,
                int(signing[code][0].ligne_source),
                f"Signataire, donc membre du comité selon la l. {claim_line}, mais absente de la "
                f"liste des l. {committee_span}.",
            )
        )
    for code in result.only_committee:
        checks.append(
            Check(
                orgs.at[code, "libelle"],
                f"Membre du comité (l. {committee_line[code]})",
                "Aucun bloc de signature",
                Verdict.DIFFERS,
                int(committee_line[code]),
                f"Nommée parmi les membres d'un comité composé des signataires (l. {claim_line}), "
                "mais ne signe pas le contrat.",
            )
        )
    for block in result.unattached:
        checks.append(
            Check(
                f"Bloc de signature n° {block.ordre} : {block.nom}",
                "Organisation non imprimée",
                "Ne peut être rapproché d'aucun membre du comité",
                Verdict.MISSING,
                int(block.ligne_source),
                f"Fonction imprimée : « {block.fonction} ». {_text(block.remarque) or ''}".strip(),
            )
        )
    for code in result.both:
        checks.append(
            Check(
                orgs.at[code, "libelle"],
                f"Membre du comité (l. {committee_line[code]})",
                f"Signe : {_blocks(signing[code])}",
                Verdict.AGREES,
                int(committee_line[code]),
            )
        )
    return checks


def composition_box() -> Fragment:
    return render_checks(
        composition_checks(),
        title="Contrôle : le comité de pilotage et les signataires",
        id="controles-copil-signataires",
    )


def composition_gaps_table() -> Table:
    """The organisations that stand on one list only, and the blocks that cannot be matched."""
    orgs = organisations()
    result = compare_committee_and_signatories()
    signing = signatory_organisations()
    committee_line, committee_span = _committee_lines()
    signed_span = _signature_span()
    rows = [
        Row(
            orgs.at[c, "libelle"],
            [
                "non",
                f"oui : {_blocks(signing[c])}",
                "Signe le contrat, mais n'est pas dans la liste du comité",
            ],
        )
        for c in result.only_signing
    ]
    rows += [
        Row(
            orgs.at[c, "libelle"],
            [f"oui (l. {committee_line[c]})", "non", "Dans la liste du comité, mais ne signe pas le contrat"],
        )
        for c in result.only_committee
    ]
    rows += [
        Row(
            f"Bloc n° {b.ordre} : {b.nom}, {b.fonction}",
            [
                "impossible à dire",
                f"oui : {_blocks([b])}",
                "Le bloc n'imprime pas d'organisation : il ne peut être rapproché de la liste",
            ],
        )
        for b in result.unattached
    ]
    return Table(
        id="tableau-ecarts-copil-signataires",
        caption="Organisations présentes sur une seule des deux listes",
        corner="Organisation",
        columns=[
            f"Dans la liste du comité de pilotage (l. {committee_span})",
            f"Signe le contrat (l. {signed_span})",
            "Constat",
        ],
        rows=rows,
        text=True,
        note=(
            f"Les {len(result.both)} autres organisations de la liste du comité figurent sur "
            "les deux listes ; l'encadré ci-dessous les détaille."
        ),
    )


# --- what the text leaves out ------------------------------------------------------------


def omission_checks(scope: str = "instances") -> list[Check]:
    """`instances`: the omissions about the instances (a number, an annex, no frequency, no
    lead); `contrat`: those about the contract as a whole; `signataires`: blocks whose name
    is not printed."""
    checks: list[Check] = []
    claims = load("constats")
    lacunes = claims[claims["nature"] == "lacune"]
    wanted = lacunes["instance"].notna() if scope == "instances" else lacunes["instance"].isna()
    if scope in ("instances", "contrat"):
        for r in lacunes[wanted].itertuples():
            checks.append(
                Check(
                    r.objet, f"« {r.citation} »", "Non donné", Verdict.MISSING, int(r.ligne_source), r.manque
                )
            )
    if scope == "instances":
        for i in instances():
            if i.per_year is None or i.lead is None:
                checks.append(
                    Check(
                        f"{i.short} : fréquence et animation",
                        ("Aucune fréquence" if i.per_year is None else frequency_label(i).capitalize())
                        + " ; "
                        + (i.lead or "animation non précisée"),
                        "Non donné",
                        Verdict.MISSING,
                        i.line,
                        _unsaid_detail(i),
                    )
                )
    if scope == "signataires":
        for r in signatories().itertuples():
            if pd.isna(r.nom):
                checks.append(
                    Check(
                        f"Signataire n° {r.ordre}",
                        f"« {r.fonction} »",
                        "Nom non imprimé",
                        Verdict.MISSING,
                        int(r.ligne_source),
                        "Le bloc de signature imprime la fonction sans le nom de la personne.",
                    )
                )
    return checks


def _unsaid_detail(i: Instance) -> str:
    if i.per_year is None and i.lead is None:
        return (
            "Le contrat ne dit ni à quel rythme l'instance se réunit, ni qui l'anime : le "
            "calendrier ne peut pas la compter."
        )
    if i.per_year is None:
        return (
            "Le contrat ne dit pas à quel rythme l'instance se réunit : le calendrier ne peut pas la compter."
        )
    return "Le contrat ne dit pas qui anime ou préside l'instance."


def omissions_box(scope: str = "instances") -> Fragment:
    titles = {
        "instances": "Ce que le texte laisse de côté sur les instances",
        "contrat": "Ce que le texte laisse de côté sur les dates",
        "signataires": "Ce que les pages de signatures laissent de côté",
    }
    return render_checks(omission_checks(scope), title=titles[scope], id=f"lacunes-{scope}")


# --- figures -----------------------------------------------------------------------------


def diagram_layout() -> dict[str, tuple[float, int]]:
    """Instance code -> (x in [0, 1], layer): the longest chain of links that leads to an
    instance gives its layer; within a layer, instances sit under the mean position of
    those that lead to them (so that links do not cross), then in the data's order."""
    codes = [i.code for i in instances()]
    links = relations()
    incoming = {c: list(links.loc[links["instance_cible"] == c, "instance_source"]) for c in codes}
    layer: dict[str, int] = {}

    def depth(code: str, seen: tuple = ()) -> int:
        if code not in layer:
            sources = [s for s in incoming[code] if s not in seen]
            layer[code] = 1 + max((depth(s, seen + (code,)) for s in sources), default=-1)
        return layer[code]

    for code in codes:
        depth(code)
    position: dict[str, tuple[float, int]] = {}
    for level in range(max(layer.values()) + 1):
        members_ = [c for c in codes if layer[c] == level]

        def anchor(c):
            parents = [position[s][0] for s in incoming[c] if s in position]
            return sum(parents) / len(parents) if parents else 0.5

        members_.sort(key=lambda c: (anchor(c), codes.index(c)))
        for k, code in enumerate(members_):
            position[code] = ((k + 0.5) / len(members_), level)
    return position


def _box_height(label: str) -> float:
    """Height in pixels of an instance's box (its lines of text and padding)."""
    lines = len(wrap_lines(label, WRAP_NODE))
    return lines * NODE_FONT * LINE_HEIGHT + 2 * NODE_PAD + 4


def figure_diagram() -> Figure:
    by_code = _by_code()
    position = diagram_layout()
    links = relations()
    layers = max(level for _, level in position.values()) + 1
    y_range = [-0.3, layers - 0.7]
    height = 140 * layers + 30
    unit = (height - 30) / (y_range[1] - y_range[0])  # pixels per layer (margins: 30 px)
    arrows, labels, boxes = [], [], []
    line_x, line_y = [], []
    for link in links.itertuples():
        (xs, ls), (xt, lt) = position[link.instance_source], position[link.instance_cible]
        source, target = by_code[link.instance_source], by_code[link.instance_cible]
        # From the edge of one box to the edge of the other (heights are known in pixels,
        # and the plot's height is fixed, so they convert exactly to the y axis).
        direction = 1 if lt > ls else -1
        ys = ls + direction * (_box_height(source.short) / 2 + 3) / unit
        yt = lt - direction * (_box_height(target.short) / 2 + 3) / unit
        line_x += [xs, xt, None]
        line_y += [ys, yt, None]
        # The head only: its short shaft lies on the link drawn by the trace.
        arrows.append(
            dict(
                x=xt,
                y=yt,
                ax=xs + (xt - xs) * 0.8,
                ay=ys + (yt - ys) * 0.8,
                xref="x",
                yref="y",
                axref="x",
                ayref="y",
                showarrow=True,
                arrowhead=2,
                arrowsize=1.3,
                arrowwidth=1.8,
                arrowcolor=TEXT_COLOUR,
                text="",
            )
        )
        labels.append(
            dict(
                # Past the middle, where links that leave the same box are further apart.
                x=xs + (xt - xs) * 0.6,
                y=ys + (yt - ys) * 0.6,
                xref="x",
                yref="y",
                showarrow=False,
                text=wrap_label(link.relation, 14),
                font=dict(size=13, color=MUTED_TEXT),
                bgcolor="#ffffff",
                borderpad=2,
                hovertext=(
                    f"{plot_text(source.short)} {plot_text(link.relation)} "
                    f"{plot_text(target.short)}<br>« {wrap_label(link.citation, 50)} »"
                    f"<br>Contrat, ligne {link.ligne_source}"
                ),
            )
        )
    for code, (x, level) in position.items():
        i = by_code[code]
        boxes.append(
            dict(
                x=x,
                y=level,
                xref="x",
                yref="y",
                showarrow=False,
                text=wrap_label(i.short, WRAP_NODE),
                font=dict(size=NODE_FONT, color=TEXT_COLOUR),
                align="center",
                bgcolor="#e8f1f8",
                bordercolor=PALETTE[0],
                borderwidth=2,
                borderpad=NODE_PAD,
                hovertext=f"{wrap_label(i.label, 50)}<br>{plot_text(frequency_label(i))}"
                f"<br>Animation : {plot_text(i.lead or 'non précisée')}",
            )
        )
    trace = go.Scatter(
        x=line_x,
        y=line_y,
        mode="lines",
        name="Liens",
        showlegend=False,
        line=dict(color=TEXT_COLOUR, width=1.8),
        hoverinfo="skip",
    )
    plot = house_figure(
        [trace],
        height=height,
        showlegend=False,
        annotations=arrows + labels + boxes,
        margin=dict(l=4, r=4, t=15, b=15),
        xaxis=dict(range=[0, 1], visible=False, fixedrange=True),
        yaxis=dict(range=y_range, visible=False, fixedrange=True),
    )
    table = Table(
        id="donnees-liens-instances",
        caption="Les liens entre les instances, d'après le contrat",
        corner="Instance",
        columns=["Lien", "Vers l'instance", "Mots du contrat", "Ligne"],
        rows=[
            Row(
                by_code[item.instance_source].short,
                [
                    item.relation,
                    by_code[item.instance_cible].short,
                    f"« {item.citation} »",
                    str(item.ligne_source),
                ],
            )
            for item in links.itertuples()
        ],
        text=True,
    )
    bottom = [by_code[c].short for c, (_, level) in position.items() if level == 0]
    top = [by_code[c].short for c, (_, level) in position.items() if level == layers - 1]
    description = (
        f"Schéma de {fmt.count(len(position), 'instance')} reliées par {fmt.count(len(links), 'lien')}. "
        "Chaque flèche monte de l'instance qui prépare ou alimente vers celle qu'elle sert : "
        f"en bas, {', '.join(bottom)} ; en haut, {', '.join(top)}. Les liens : "
        + " ; ".join(
            f"« {by_code[item.instance_source].short} » {item.relation} « {by_code[item.instance_cible].short} »"
            for item in links.itertuples()
        )
        + "."
    )
    return Figure(
        id="liens-instances",
        title="Qui prépare ou alimente quelle instance",
        description=description,
        plot=plot,
        table=table,
        downloads=[
            ("Liens entre les instances", "gouvernance/relations.csv"),
            ("Instances", "gouvernance/instances.csv"),
        ],
    )


def figure_membership() -> Figure:
    insts = instances()
    orgs = organisations()
    frame = members()
    signing = signatory_organisations()
    rows = list(orgs.index)
    column_sign = "Signe le contrat"
    column = {i.code: wrap_label(i.short, WRAP_COLUMN) for i in insts}
    columns = [column[i.code] for i in insts] + [wrap_label(column_sign, WRAP_COLUMN)]
    short = {c: wrap_label(orgs.at[c, "libelle_court"], WRAP_ROW) for c in rows}
    by_code = {i.code: i for i in insts}
    hover = [
        f"{plot_text(orgs.at[r.organisation, 'libelle'])}<br>siège à : "
        f"{plot_text(by_code[r.instance].short)}"
        + (f"<br>{wrap_label(r.precision, 50)}" if not pd.isna(r.precision) else "")
        for r in frame.itertuples()
    ]
    traces = [
        go.Scatter(
            x=[column[c] for c in frame["instance"]],
            y=[short[c] for c in frame["organisation"]],
            mode="markers",
            name="Siège à l'instance",
            marker=dict(symbol="circle", size=13, color=PALETTE[0], line=dict(color="#ffffff", width=1)),
            hovertext=hover,
            hoverinfo="text",
        ),
        go.Scatter(
            x=[columns[-1]] * len(signing),
            y=[short[c] for c in signing],
            mode="markers",
            name="Signe le contrat",
            marker=dict(symbol="diamond", size=13, color=PALETTE[1], line=dict(color="#ffffff", width=1)),
            hovertext=[
                f"{plot_text(orgs.at[c, 'libelle'])}<br>signe : "
                + plot_text(", ".join(f"bloc {b.ordre}" for b in blocks))
                for c, blocks in signing.items()
            ],
            hoverinfo="text",
        ),
    ]
    lines = sum(len(wrap_lines(orgs.at[c, "libelle_court"], WRAP_ROW)) for c in rows)
    plot = house_figure(
        traces,
        height=15 * lines + 14 * len(rows) + 260,
        margin=dict(l=8, r=8, t=8, b=8),
        legend=dict(orientation="h", yanchor="top", y=-0.01, xanchor="left", x=0),
        # The signatures column is set apart from the instances by a line.
        shapes=[
            dict(
                type="line",
                xref="x",
                yref="paper",
                x0=len(insts) - 0.5,
                x1=len(insts) - 0.5,
                y0=0,
                y1=1,
                line=dict(color=TEXT_COLOUR, width=1),
            )
        ],
        xaxis=dict(
            type="category",
            categoryorder="array",
            categoryarray=columns,
            side="top",
            range=[-0.5, len(columns) - 0.5],
            showgrid=True,
            gridcolor=GRID_COLOUR,
            tickangle=-90,
            ticks="",
            fixedrange=True,
            tickfont=dict(size=11),
        ),
        yaxis=dict(
            type="category",
            categoryorder="array",
            categoryarray=[short[c] for c in rows],
            range=[len(rows) - 0.5, -0.5],
            showgrid=True,
            gridcolor=GRID_COLOUR,
            zeroline=False,
            fixedrange=True,
            tickfont=dict(size=12),
            ticks="",
        ),
    )
    table = Table(
        id="donnees-qui-siege-ou",
        caption="Qui siège où : organisations et instances",
        corner="Organisation",
        columns=[i.short for i in insts] + [column_sign],
        rows=[
            Row(
                orgs.at[c, "libelle"],
                [
                    "oui" if ((frame["instance"] == i.code) & (frame["organisation"] == c)).any() else "non"
                    for i in insts
                ]
                + ["oui" if c in signing else "non"],
            )
            for c in rows
        ],
        note="« oui » : le contrat nomme l'organisation parmi les membres de l'instance ou parmi les signataires.",
    )
    seats = frame.groupby("organisation").size()
    most = int(seats.max())
    everywhere = [orgs.at[c, "libelle_court"] for c, n in seats.items() if n == most]
    nowhere = [orgs.at[c, "libelle_court"] for c in rows if c not in seats.index and c in signing]
    description = (
        f"Grille de {fmt.count(len(rows), 'organisation')} (en lignes) et de "
        f"{fmt.count(len(insts), 'instance')} (en colonnes), plus une colonne pour les signataires ; "
        "un rond marque un siège, un losange une signature. "
        f"{', '.join(everywhere)} : {fmt.count(most, 'instance')}"
        f"{' chacune' if len(everywhere) > 1 else ''}, le plus grand nombre. "
        + (f"Signent sans siéger dans aucune instance : {', '.join(nowhere)}. " if nowhere else "")
        + "Le détail est dans le tableau de données ci-dessous."
    )
    return Figure(
        id="qui-siege-ou",
        title="Qui siège où, et qui signe",
        description=description,
        plot=plot,
        table=table,
        downloads=[
            ("Composition des instances", "gouvernance/membres.csv"),
            ("Organisations", "gouvernance/organisations.csv"),
            ("Signataires", "gouvernance/signataires.csv"),
        ],
    )


def figure_calendar() -> Figure:
    insts = instances()
    stated = [i for i in insts if i.per_year is not None]
    missing = [i for i in insts if i.per_year is None]
    label = {i.code: wrap_label(i.short, WRAP_ROW) for i in insts}
    top = max((i.per_year for i in stated), default=1)
    traces = [
        go.Bar(
            x=[i.per_year for i in stated],
            y=[label[i.code] for i in stated],
            orientation="h",
            name="Réunions par an, au minimum",
            marker=dict(color=PALETTE[0]),
            text=[fmt.number(i.per_year) for i in stated],
            textposition="outside",
            cliponaxis=False,
            hovertext=[f"{plot_text(i.short)} : « {plot_text(i.frequency_words)} »" for i in stated],
            hoverinfo="text",
        ),
    ]
    if missing:
        # No bar at 0: the contract gives no number, which is not the same as none.
        traces.append(
            go.Scatter(
                x=[0.05] * len(missing),
                y=[label[i.code] for i in missing],
                mode="text",
                text=["non indiquée"] * len(missing),
                textposition="middle right",
                textfont=dict(color=MUTED_TEXT, size=13),
                name="Fréquence non indiquée",
                hoverinfo="skip",
            )
        )
    plot = house_figure(
        traces,
        height=62 * len(insts) + 70,
        showlegend=False,
        x_title="Réunions par an",
        margin=dict(l=8, r=16, t=8, b=8),
        xaxis=dict(range=[0, top + 0.6], dtick=1, showgrid=True, gridcolor=GRID_COLOUR, fixedrange=True),
        yaxis=dict(
            type="category",
            categoryorder="array",
            categoryarray=[label[i.code] for i in insts],
            autorange="reversed",
            showgrid=False,
            zeroline=False,
            fixedrange=True,
            tickfont=dict(size=12),
        ),
    )
    description = (
        "Nombre minimal de réunions par an que le contrat fixe à chaque instance : "
        + " ; ".join(f"{i.short} {i.per_year}" for i in stated)
        + (
            f". Sans fréquence dans le contrat (aucune barre) : {', '.join(i.short for i in missing)}"
            if missing
            else ""
        )
        + "."
    )
    table = Table(
        id="donnees-calendrier",
        caption="Réunions par an, au minimum, selon le contrat",
        corner="Instance",
        columns=["Réunions par an, au minimum", "Rythme écrit dans le contrat"],
        rows=[
            Row(
                i.short,
                [
                    fmt.number(i.per_year) if i.per_year is not None else "non indiquée",
                    f"« {i.frequency_words} »" if i.frequency_words else "non indiqué",
                ],
            )
            for i in insts
        ],
        text=True,
    )
    return Figure(
        id="calendrier-reunions",
        title="Combien de réunions par an, au minimum",
        description=description,
        plot=plot,
        table=table,
        downloads=[("Instances", "gouvernance/instances.csv")],
    )


def figure_timeline() -> Figure:
    """One row per date, oldest at the top; the event is written above its marker, across
    the whole width, so that the time axis keeps the width of the page (a phone too)."""
    frame = timeline().reset_index(drop=True)
    labels = [f"{fmt.date_text(r.date, r.precision)} : {r.evenement}" for r in frame.itertuples()]
    rows = list(range(len(frame)))
    by_day = [r.precision != "annee" for r in frame.itertuples()]
    traces = []
    if not all(by_day):
        xs, ys = [], []
        for row, r in zip(rows, frame.itertuples()):
            if r.precision == "annee":
                xs += [r.date, r.date + pd.DateOffset(years=1) - pd.DateOffset(days=1), None]
                ys += [row, row, None]
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                name="Année seulement (barre sur l'année)",
                line=dict(color=PALETTE[1], width=10),
                hoverinfo="skip",
            )
        )
    traces.append(
        go.Scatter(
            x=[r.date for r, d in zip(frame.itertuples(), by_day) if d],
            y=[row for row, d in zip(rows, by_day) if d],
            mode="markers",
            name="Date connue au jour près",
            marker=dict(symbol="circle", size=12, color=PALETTE[0], line=dict(color=TEXT_COLOUR, width=1)),
            hovertext=[plot_text(item) for item, d in zip(labels, by_day) if d],
            hoverinfo="text",
        )
    )
    annotations = [
        dict(
            x=0,
            xref="paper",
            y=row,
            yref="y",
            yshift=9,
            xanchor="left",
            yanchor="bottom",
            align="left",
            showarrow=False,
            text=wrap_label(label, WRAP_EVENT),
            font=dict(size=12, color=TEXT_COLOUR),
        )
        for row, label in zip(rows, labels)
    ]
    first, last = frame["date"].min(), frame["date"].max()
    tallest = max(len(wrap_lines(item, WRAP_EVENT)) for item in labels)
    plot = house_figure(
        traces,
        height=(15 * tallest + 34) * len(frame) + 110,
        annotations=annotations,
        margin=dict(l=8, r=8, t=8, b=8),
        legend=dict(orientation="h", yanchor="top", y=-0.04, xanchor="left", x=0),
        xaxis=dict(
            type="date",
            range=[first - pd.DateOffset(months=8), last + pd.DateOffset(months=20)],
            tickformat="%Y",
            nticks=6,
            tickangle=0,
            showgrid=True,
            gridcolor=GRID_COLOUR,
            fixedrange=True,
        ),
        yaxis=dict(range=[len(frame) - 0.6, -1.1], visible=False, fixedrange=True),
    )
    description = (
        f"{fmt.count(len(frame), 'date')} de {first.year} à {last.year}, une par ligne, de la plus "
        "ancienne (en haut) à la plus récente : " + " ; ".join(labels) + ". Un rond marque une "
        "date connue au jour près ; une barre couvre l'année entière quand le contrat ne donne "
        "que l'année."
    )
    return Figure(
        id="chronologie",
        title=f"Chronologie du contrat de ville, {first.year}-{last.year}",
        description=description,
        plot=plot,
        table=_timeline_data_table(frame),
        downloads=[("Chronologie", "gouvernance/chronologie.csv")],
    )


def _timeline_data_table(frame: pd.DataFrame) -> Table:
    return Table(
        id="donnees-chronologie",
        caption="Dates du graphique",
        corner="Date",
        columns=["Événement", "Précision de la date"],
        rows=[
            Row(
                fmt.date_text(r.date, r.precision),
                [r.evenement, {"jour": "au jour", "mois": "au mois", "annee": "à l'année"}[r.precision]],
            )
            for r in frame.itertuples()
        ],
        text=True,
    )
