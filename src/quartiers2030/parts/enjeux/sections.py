"""The content of each section of an axis page. The page's headings are Markdown in its
notebook (notebooks/enjeux/); each function here fills the section under one heading."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from quartiers2030.core import fmt
from quartiers2030.core.html import Fragment, slug
from quartiers2030.core.lists import Item, item_list
from quartiers2030.core.templates import render
from quartiers2030.parts.enjeux import model, tables, wording


def summary(axis_code: str) -> Fragment:
    """The axis in one line under the introduction: its enjeux, objectives, orientations,
    actions and partners."""
    a = model.axis(axis_code)
    text = wording.axis_summary(model.counts().loc[axis_code])
    return render("enjeux/summary.html", anchor=slug(axis_code), title=a.title, summary=text)


def enjeux(axis_code: str) -> Fragment:
    """The list of enjeux, each linked to its objective, saying when their titles differ."""
    model.axis(axis_code)
    titles = model.objective_titles()
    rows = [
        dict(
            label=r.libelle,
            objective=r.objectif,
            anchor=slug(r.objectif),
            other_title=titles.get(r.objectif) if titles.get(r.objectif) != r.libelle else None,
            line=fmt.number(r.ligne_source),
        )
        for r in model.enjeux_of(axis_code).itertuples()
    ]
    return render("enjeux/enjeux.html", enjeux=rows)


def facts(axis_code: str) -> Fragment:
    """Every date and number of the axis's text, in the site's words with its line, under
    the part of the text it stands in (the axis's introduction, or an objective)."""
    a = model.axis(axis_code)
    titles = model.objective_titles()
    groups = []
    for objective_code, rows in model.facts_of(axis_code).groupby("objectif", dropna=False, sort=False):
        title = wording.facts_group_title(a, objective_code, titles)
        children = [Item(r.texte, int(r.ligne_source)) for r in rows.itertuples()]
        groups.append(Item(title, strong=True, children=children))
    return item_list(groups, id=f"reperes-{slug(axis_code)}", classes="q2030-facts")


def objective(axis_code: str, code: str) -> Fragment:
    """The counts of an objective (its orientations follow under their own headings)."""
    rows = model.objective_rows(axis_code, code)
    text = wording.objective_counts(len(rows), int(rows["actions"].sum()))
    return render("enjeux/counts.html", text=text)


def _item_tree(items: pd.DataFrame) -> list[dict]:
    """The items of an orientation as a tree: an item with a `parent` hangs under the item
    of that rank (a bullet under its paragraph, a paragraph under its sub-title)."""
    children: dict = defaultdict(list)
    top = []
    for r in items.sort_values("ordre").itertuples():
        (top if pd.isna(r.parent) else children[int(r.parent)]).append(r)

    def node(r) -> dict:
        kids = [node(c) for c in children.get(int(r.ordre), [])]
        return dict(label=r.libelle, title=r.forme == "intertitre", children=kids)

    return [node(r) for r in top]


def orientation(code: str) -> Fragment:
    """An orientation's number of actions and its actions, as the contract nests them."""
    row = model.orientation(code)
    return render(
        "enjeux/orientation.html",
        counts=wording.orientation_counts(code, int(row["actions"])),
        top=_item_tree(model.items_of([code])),
    )


def partners(axis_code: str) -> Fragment:
    """The partners to call on, in the order of the contract's list, with full names."""
    model.axis(axis_code)
    found = model.partners_of(axis_code)
    entries, intro, line = [], "", None
    if not found.empty:
        intro = wording.partners_intro(found["partenaire"].nunique())
        line = fmt.number(found["ligne_source"].iloc[0])
    first_rank: dict[str, int] = {}
    for rank, entry in found.groupby("ordre", sort=True):
        printed = entry["libelle_contrat"].iloc[0]
        names = [n for n in entry["nom"] if n != printed]
        repeated = [first_rank[p] for p in entry["partenaire"] if p in first_rank]
        for p in entry["partenaire"]:
            first_rank.setdefault(p, int(rank))
        entries.append(dict(printed=printed, full=" ; ".join(names), repeats=wording.repeat_note(repeated)))
    return render("enjeux/partners.html", entries=entries, intro=intro, line=line)


def targets(axis_code: str) -> Fragment:
    """The commitments of the axis to track, or a sentence when it has none."""
    model.axis(axis_code)
    table = tables.targets_table(axis_code=axis_code)
    return render("enjeux/targets.html", table=table.fragment() if table.rows else None)


def notes(axis_code: str) -> Fragment:
    """How the data transcribes what the text leaves ambiguous, folded at the end."""
    frame = model.framework_of(axis_code)
    found = wording.transcription_notes(frame, model.items_of(frame["code"]))
    return render("enjeux/notes.html", notes=found, count=fmt.number(len(found)))
