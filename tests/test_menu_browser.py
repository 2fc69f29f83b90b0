"""On a phone (Chromium at 390 x 844, touch): the visible menu and page-contents buttons
open their panels when tapped and from the keyboard, focus moves in, Escape and the close
button close them and give focus back, French labels, no tooltip left on screen, and axe
finds nothing with the menu open. (Issue 19: the theme bound a hidden button instead.)"""

from __future__ import annotations

import pytest

from helpers import axe_violations

pytestmark = [pytest.mark.build, pytest.mark.browser]

# The home page, a chart page, a long page.
PAGES = [
    "book/index.html",
    "notebooks/evaluation/enveloppe.html",
    "notebooks/geographie/residences-sud.html",
]
# toggle class, its dialog, the French name of the button
PANELS = [
    ("primary-toggle", "pst-primary-sidebar-modal", "Menu du site"),
    ("secondary-toggle", "pst-secondary-sidebar-modal", "Sommaire de la page"),
]
FOCUS_INSIDE = "id => document.getElementById(id).contains(document.activeElement)"
IS_FOCUSED = "el => el === document.activeElement"
OPEN = "id => document.getElementById(id).open"


@pytest.fixture
def tab(phone):
    page = phone.new_page()
    yield page
    page.close()


def visible_button(tab, toggle: str):
    """The one button of that kind a reader can see (the theme also leaves hidden ones)."""
    button = tab.locator(f"button.{toggle}:visible")
    assert button.count() == 1, f"{toggle} : {button.count()} bouton(s) visible(s), 1 attendu"
    return button


def assert_opened(tab, dialog_id: str, where: str) -> None:
    dialog = tab.locator(f"#{dialog_id}")
    dialog.wait_for(state="visible", timeout=3000)
    assert tab.evaluate(OPEN, dialog_id), f"{where} : le panneau ne s'ouvre pas"
    assert dialog.locator("a:visible").count() > 0, f"{where} : le panneau est vide"
    assert tab.evaluate(FOCUS_INSIDE, dialog_id), f"{where} : le focus reste hors du panneau"
    assert tab.locator(".tooltip:visible").count() == 0, f"{where} : une infobulle reste affichée"


def assert_closed(tab, button, dialog_id: str, where: str) -> None:
    tab.locator(f"#{dialog_id}").wait_for(state="hidden", timeout=3000)
    assert not tab.evaluate(OPEN, dialog_id), f"{where} : le panneau reste ouvert"
    assert button.evaluate(IS_FOCUSED), f"{where} : le focus ne revient pas sur le bouton"


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize(("toggle", "dialog_id", "label"), PANELS)
def test_tap_opens_and_closes(server, tab, path, toggle, dialog_id, label):
    tab.goto(f"{server}/{path}", wait_until="load")
    button = visible_button(tab, toggle)
    where = f"{path} ({label})"
    assert button.get_attribute("aria-label") == label, f"{where} : nom du bouton"
    for attribute in ("title", "data-bs-toggle"):
        assert button.get_attribute(attribute) is None, f"{where} : infobulle ({attribute})"

    button.tap()
    assert_opened(tab, dialog_id, f"{where}, toucher")
    tab.keyboard.press("Escape")
    assert_closed(tab, button, dialog_id, f"{where}, Échap")

    button.tap()
    assert_opened(tab, dialog_id, f"{where}, second toucher")
    close = tab.locator(f"#{dialog_id}").get_by_role("button", name="Fermer")
    assert close.count() == 1, f"{where} : pas de bouton « Fermer » dans le panneau"
    close.tap()
    assert_closed(tab, button, dialog_id, f"{where}, bouton Fermer")
    # Closing gives the page back its sidebar content: a second opening still has it.
    button.tap()
    assert_opened(tab, dialog_id, f"{where}, troisième toucher")


@pytest.mark.parametrize(("toggle", "dialog_id", "label"), PANELS)
def test_keyboard_opens_and_closes(server, tab, toggle, dialog_id, label):
    tab.goto(f"{server}/{PAGES[1]}", wait_until="load")
    button = visible_button(tab, toggle)
    button.focus()
    tab.keyboard.press("Enter")
    assert_opened(tab, dialog_id, f"{label}, Entrée")
    tab.keyboard.press("Escape")
    assert_closed(tab, button, dialog_id, f"{label}, Échap")


def test_axe_with_menu_open(server, tab, tmp_path):
    tab.goto(f"{server}/{PAGES[0]}", wait_until="load")
    visible_button(tab, "primary-toggle").tap()
    assert_opened(tab, "pst-primary-sidebar-modal", "accueil")
    tab.screenshot(path=str(tmp_path / "menu-390.png"))
    violations = axe_violations(tab)
    assert violations == [], "\n".join(violations)
