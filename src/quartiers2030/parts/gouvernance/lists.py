"""The contract's own lists: the missions of each instance, and the lists that belong to no
single instance (the two levels of steering, the role of the partners)."""

from __future__ import annotations

import pandas as pd

from quartiers2030.core.html import Fragment
from quartiers2030.core.templates import render
from quartiers2030.parts.gouvernance import model, wording

TEMPLATE = "gouvernance/lists.html"


def _block(title: str, items: pd.DataFrame) -> dict:
    return {
        "title": title,
        "entries": [{"label": r.libelle, "remark": model.text(r.remarque)} for r in items.itertuples()],
        "source": wording.source_lines(items["ligne_source"]),
    }


def missions() -> Fragment:
    """The missions the contract gives to each instance, in its words and order."""
    frame = model.missions()
    frame = frame[frame["liste"] == "missions"]
    blocks = [
        _block(i.short, frame[frame["instance"] == i.code])
        for i in model.instances()
        if (frame["instance"] == i.code).any()
    ]
    return render(TEMPLATE, id="missions-des-instances", blocks=blocks)


def contract_list(kind: str, title: str) -> Fragment:
    """One of the contract's lists that belong to no single instance (`liste` column)."""
    frame = model.missions()
    items = frame[frame["liste"] == kind]
    return render(TEMPLATE, id="liste-" + kind.replace("_", "-"), blocks=[_block(title, items)])


def signatories() -> Fragment:
    """The signatories first as a short list, in the order of the signature pages: who (or,
    when the block prints no name, the function) and the organisation."""
    orgs = model.organisations()
    entries = [
        {
            "who": r.fonction if pd.isna(r.nom) else r.nom,
            "organisation": wording.represented(r, orgs),
        }
        for r in model.signatories().itertuples()
    ]
    return render("gouvernance/signatories.html", entries=entries)
