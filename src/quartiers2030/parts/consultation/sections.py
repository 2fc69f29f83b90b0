"""The content of one section of a consultation page, as the notebooks ask for it; the
headings around it are the notebook's Markdown."""

from __future__ import annotations

from quartiers2030.core.figures import Figure
from quartiers2030.core.html import Fragment, slug
from quartiers2030.core.templates import render
from quartiers2030.data.datapackage import available, resource
from quartiers2030.parts.consultation import charts, model, tables


def quartiers_list() -> Fragment:
    """The quartiers whose answers the synthesis analyses (SL-LOC-02)."""
    return render(
        "consultation/quartiers_list.html",
        id="quartiers-analyses",
        names=list(model.split()["libelle_quartier"]),
    )


def profile(kind: str) -> Figure | Fragment:
    """A lost chart of the respondents: drawn when its data file exists, otherwise a plain
    statement that the published text does not hold its data."""
    p = model.profiles()[kind]
    path = resource(p.resource)["path"]
    if not available(p.resource):
        return render("consultation/missing_profile.html", profile=p, path=path)
    return charts.figure_profile(p, path)


def quotes(question: str) -> Fragment:
    """The contributions the contract quotes under a question (nothing when it quotes none)."""
    c = model.quotes(question)
    if c.empty:
        return Fragment("")
    return render("consultation/quotes.html", id=slug(question), quotes=list(c.itertuples()))


def quartier_rankings(territory: str) -> Fragment:
    """Every list the contract details for one quartier, in the order of the questionnaire."""
    found = [
        str(tables.ranking_table(q, territory).html())
        for q in model.detailed_questions()
        if not model.ranking(q, territory).empty
    ]
    return Fragment("".join(found))
