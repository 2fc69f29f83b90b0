"""The extension's settings: one dataclass, each field a `q2030_*` Sphinx config value.

As in MyST-NB (`NbParserConfig` -> `nb_*`), every field carries its help text, the kind of
rebuild a change needs and its accepted types in its metadata; `register` declares them
with `app.add_config_value`, `from_app` reads them back, checked, as one frozen object.
The defaults are neutral; the book's own values are set in `_config.yml` under
`sphinx: config:`.
"""

from __future__ import annotations

import dataclasses as dc
from typing import Any

from sphinx.application import Sphinx

PREFIX = "q2030_"


def _setting(default: Any, help: str, rebuild: str = "env"):
    """A field of `SiteConfig`: `rebuild` is Sphinx's ("env": pages are re-read when it
    changes, "html": they are only rewritten)."""
    kind = type(default)
    if isinstance(default, list | tuple):
        return dc.field(
            default_factory=lambda: list(default),
            metadata={"help": help, "rebuild": rebuild, "types": (list, tuple)},
        )
    return dc.field(default=default, metadata={"help": help, "rebuild": rebuild, "types": (kind,)})


@dc.dataclass(frozen=True)
class SiteConfig:
    inputs_key: str = _setting(
        "data_inputs",
        "Clé de l'en-tête d'un notebook qui liste les ressources de données qu'il lit.",
    )
    glossary_page: str = _setting(
        "",
        "Page du glossaire (nom de document Sphinx) ; la première occurrence de chaque sigle d'une "
        "page y renvoie. Vide : aucun lien de glossaire.",
    )
    accessibility_page: str = _setting(
        "",
        "Page de la déclaration d'accessibilité, liée depuis le pied de chaque page. Vide : pas de lien.",
        "html",
    )
    accessibility_contact: str = _setting(
        "",
        "Contact de la CAB pour signaler un défaut d'accessibilité (mailto:… ou https://…), lié "
        "depuis la déclaration d'accessibilité ; vide : la déclaration dit « À compléter » et "
        "« make publish » avertit.",
    )
    conformity: str = _setting(
        "",
        "État de conformité au RGAA affiché en pied de chaque page (texte du lien vers la déclaration).",
        "html",
    )
    data_archive: str = _setting(
        "donnees.zip",
        "Nom de l'archive ZIP de toutes les données, dans le dossier des données publiées.",
    )
    data_suffixes: list = _setting(
        [".csv", ".json", ".md", ".geojson", ".txt"],
        "Extensions des fichiers de data/ qui sont publiés.",
    )
    chart_scripts: list = _setting(
        ["plotly-q2030.min.js", "plotly-locale-fr.js"],
        "Scripts de _static/ que q2030-figures.js charge, dans cet ordre, quand un graphique "
        "approche de l'écran ou que la page s'imprime (plotly.js, construit par "
        "site/plotly_bundle.py, puis sa traduction) ; jamais dans l'en-tête des pages.",
        "html",
    )
    chart_marker: str = _setting(
        "data-q2030-figure",
        "Attribut HTML qui signale un graphique dans le corps d'une page.",
        "html",
    )
    generated_pages: list = _setting(
        ["genindex.html", "search.html", "index.html"],
        "Pages que Sphinx écrit en plus des documents : jamais supprimées du site.",
        "html",
    )
    kept_folders: list = _setting(
        ["_static", "_sources"],
        "Dossiers du site dont les pages ne sont jamais supprimées (en plus de celui des données, "
        "core.figures.DOWNLOAD_FOLDER, que les graphiques lient depuis les notebooks).",
        "html",
    )
    public_url: str = _setting(
        "",
        "Adresse publique du site, terminée par / (celle que « make publish » reçoit en BASE_URL) : "
        "chaque page nomme alors son adresse canonique, la même page dans la dernière version "
        "(latest/). Vide : pas d'adresse canonique (la variable Q2030_PUBLIC_URL en tient lieu).",
        "html",
    )
    search_keywords: str = _setting(
        "",
        "Fichier YAML (chemin depuis la racine du livre) des mots que les habitants tapent pour "
        "ce que le contrat nomme autrement, page par page : la recherche du site les lit. Vide : aucun.",
    )
    search_index: bool = _setting(
        False,
        "Construire l'index de recherche Pagefind du site (npm pagefind) après l'écriture des pages.",
        "html",
    )
    locale: str = _setting("fr_FR", "Langue annoncée aux réseaux sociaux (balise og:locale).", "html")


def fields() -> list[dc.Field]:
    return list(dc.fields(SiteConfig))


def register(app: Sphinx) -> None:
    """Declare every setting as `q2030_` + its name, with its help text."""
    defaults = SiteConfig()
    for field in fields():
        meta = field.metadata
        app.add_config_value(
            PREFIX + field.name, getattr(defaults, field.name), meta["rebuild"], meta["types"], meta["help"]
        )


def from_app(app: Sphinx) -> SiteConfig:
    """The settings of this build, each of the declared type (a wrong one stops the build)."""
    values = {}
    for field in fields():
        value = getattr(app.config, PREFIX + field.name)
        if not isinstance(value, field.metadata["types"]):
            raise TypeError(
                f"Le réglage « {PREFIX}{field.name} » doit être de type "
                f"{' ou '.join(t.__name__ for t in field.metadata['types'])} : {value!r}"
            )
        values[field.name] = list(value) if isinstance(value, tuple) else value
    return SiteConfig(**values)


def settings(app: Sphinx) -> SiteConfig:
    """The settings, read once per build."""
    if getattr(app, "q2030_settings", None) is None:
        app.q2030_settings = from_app(app)
    return app.q2030_settings
