"""The local orientations of each quartier and sub-quartier (SL-LOC-07 to 14), from
data/enjeux/: its QPV by name (data/geographie/qpv.csv), linked to the page of that
quartier, its orientations, the targets it sets; its code and lines in « Source ». The page's Markdown holds one heading per territory; `unplaced_territories`
shows what the data holds that the page has no heading for yet."""

from __future__ import annotations

import pandas as pd

from quartiers2030.core import fmt
from quartiers2030.core import links as pages
from quartiers2030.core.html import Fragment, slug
from quartiers2030.core.templates import render
from quartiers2030.data.datapackage import load


def places() -> pd.DataFrame:
    return load("orientations_territoires").set_index("code")


def _children(territory: str, all_places: pd.DataFrame, items: pd.DataFrame) -> list[str]:
    """« Sub-quartier (n orientations) » for a quartier given sub-quartier by sub-quartier."""
    children = all_places[all_places["parent"] == territory].sort_values("ordre")
    return [
        f"{c.libelle} ({fmt.count(int((items['territoire'] == c.Index).sum()), 'orientation')})"
        for c in children.itertuples()
    ]


def _targets(territory: str) -> list[dict]:
    cibles = load("cibles")
    rows = cibles[cibles["territoire"] == territory]
    return [
        {
            "value": fmt.number(r.valeur, fmt.decimals_of(r.valeur))
            + ("" if pd.isna(r.unite) else f"\u00a0{r.unite}"),
            "label": r.libelle,
            "indicator": r.indicateur_suivi,
        }
        for r in rows.itertuples()
    ]


def local_orientations(territory: str) -> Fragment:
    """The orientations of one quartier or sub-quartier, with its QPV and the targets it
    sets; for a quartier whose orientations are given by sub-quartier, what they are."""
    all_places = places()
    if territory not in all_places.index:
        raise KeyError(f"Le territoire « {territory} » n'existe pas dans data/enjeux/territoires.csv.")
    place = all_places.loc[territory]
    all_items = load("orientations_locales")
    items = all_items[all_items["territoire"] == territory].sort_values("ordre")
    return render(
        "consultation/local_orientations.html",
        id=slug(territory),
        qpv=place["qpv"],
        qpv_label=load("qpv").set_index("code_qpv").loc[place["qpv"], "libelle"],
        qpv_url=pages.url("qpv-" + place["qpv"]),
        line=place["ligne_source"],
        children=_children(territory, all_places, all_items),
        items=list(items["libelle"]),
        notes=[
            f"ligne {r.ligne_source} : {r.remarque}" for r in items.itertuples() if not pd.isna(r.remarque)
        ],
        targets=_targets(territory),
    )


def unplaced_territories(placed: list[str]) -> Fragment:
    """Territories of the data that the page gives no heading of their own (a territory
    added to territoires.csv after the page was written): shown in a notice, so that
    nothing in the data is left out, until the page's Markdown gives them a section."""
    rest = load("orientations_territoires").sort_values("ordre")
    rest = rest[~rest["code"].isin(placed)]
    if rest.empty:
        return Fragment("")
    territories = [{"name": r.libelle, "body": local_orientations(r.code)} for r in rest.itertuples()]
    return render("consultation/unplaced_territories.html", territories=territories)
