"""The accessibility statement's contact channel (RGAA: « retour d'information et
contact »). The contract does not give one, so it is a setting of the book,
`q2030_accessibility_contact` (an address `mailto:…` or `https://…`): the statement shows
it as a link, through the MyST substitution `{{ contact_accessibilite }}`; until it is set,
the statement says plainly that the contact is still to be given, and `make publish` warns
(`missing_contact`)."""

from __future__ import annotations

from pathlib import Path

import yaml
from sphinx.application import Sphinx
from sphinx.config import Config

from quartiers2030.site.ext.config import PREFIX

SUBSTITUTION = "contact_accessibilite"
SETTING = PREFIX + "accessibility_contact"
TO_COMPLETE = (
    "**À compléter** : la Communauté d'agglomération du Boulonnais n'a pas encore indiqué "
    "l'adresse à laquelle lui signaler un défaut d'accessibilité. En attendant, les voies de "
    "recours ci-dessous restent ouvertes."
)


def contact_text(contact: str) -> str:
    """The statement's sentence (MyST): the contact as a link, or that it is to be completed."""
    contact = contact.strip()
    if not contact:
        return TO_COMPLETE
    shown = contact.removeprefix("mailto:")
    how = "par courriel" if contact.startswith("mailto:") else "par son formulaire en ligne"
    return f"Contactez la Communauté d'agglomération du Boulonnais {how} : [{shown}]({contact})."


def missing_contact(book: Path) -> str | None:
    """The warning `make publish` prints when the book has no contact, else None."""
    path = book / "_config.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    value = (((config or {}).get("sphinx") or {}).get("config") or {}).get(SETTING) or ""
    if str(value).strip():
        return None
    return (
        f"Attention : la déclaration d'accessibilité n'a pas de contact ({SETTING} est vide dans "
        "_config.yml) ; elle indique « À compléter ». Renseignez l'adresse de la CAB "
        "(mailto:… ou https://…) avant de publier."
    )


def on_config_inited(app: Sphinx, config: Config) -> None:
    substitutions = dict(getattr(config, "myst_substitutions", None) or {})
    substitutions[SUBSTITUTION] = contact_text(getattr(config, SETTING, ""))
    config.myst_substitutions = substitutions


def setup_accessibility(app: Sphinx) -> None:
    app.connect("config-inited", on_config_inited)
