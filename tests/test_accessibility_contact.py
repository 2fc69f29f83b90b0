"""The accessibility statement's contact (RGAA): a setting of the book, since the contract
gives none; shown as a link once set, « À compléter » until then, and `make publish` warns."""

from __future__ import annotations

from helpers import REPO
from quartiers2030.site.ext import accessibility


def test_a_mail_address_is_a_link_and_no_contact_is_said_to_be_completed():
    text = accessibility.contact_text("mailto:accessibilite@exemple.fr")
    assert "[accessibilite@exemple.fr](mailto:accessibilite@exemple.fr)" in text
    assert "formulaire" in accessibility.contact_text("https://exemple.fr/contact")
    assert accessibility.contact_text("  ").startswith("**À compléter**")


def test_publish_warns_while_the_book_has_no_contact(tmp_path):
    # The book as it stands: the CAB has not given its contact yet.
    assert "q2030_accessibility_contact" in (REPO / "_config.yml").read_text(encoding="utf-8")
    warning = accessibility.missing_contact(REPO)
    assert warning is not None and "À compléter" in warning
    (tmp_path / "_config.yml").write_text(
        'sphinx:\n  config:\n    q2030_accessibility_contact: "mailto:a@exemple.fr"\n', encoding="utf-8"
    )
    assert accessibility.missing_contact(tmp_path) is None


def test_the_statement_uses_the_substitution_and_publish_checks_it():
    statement = (REPO / "book/accessibilite.md").read_text(encoding="utf-8")
    assert "{{ " + accessibility.SUBSTITUTION + " }}" in statement
    publish = (REPO / "src/quartiers2030/site/publish.py").read_text(encoding="utf-8")
    assert "accessibility.missing_contact(book)" in publish
