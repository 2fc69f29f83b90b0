"""The theme's stylesheet is reduced by PurgeCSS again only when the pages' words that can
change its result changed: a number of the data reuses the last result, a new class does not."""

from __future__ import annotations

import shutil

import pytest

from helpers import REPO
from quartiers2030.site import theme_css

MODULES = REPO / "node_modules"
PAGE = '<html><body><header class="bd-header"><p>Montant : {amount} €</p>{extra}</header></body></html>'


def site(tmp_path, amount: int = 38943, extra: str = ""):
    out = tmp_path / "_build" / "html"
    (out / theme_css.STYLESHEET).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(theme_css.original(), out / theme_css.STYLESHEET)
    (out / "page.html").write_text(PAGE.format(amount=amount, extra=extra), encoding="utf-8")
    return out


def test_a_changed_number_keeps_the_key_and_a_new_class_changes_it(tmp_path):
    before = theme_css.reduction_key(site(tmp_path), MODULES)
    assert theme_css.reduction_key(site(tmp_path, amount=38944), MODULES) == before
    assert (
        theme_css.reduction_key(site(tmp_path, extra='<nav class="bd-sidebar-primary"></nav>'), MODULES)
        != before
    )


def test_digits_count_when_a_selector_could_match_them(tmp_path):
    pages = [site(tmp_path, amount=3124) / "page.html"]
    assert "3124" not in theme_css._words_that_count(pages, ".bd-header { color: red }")
    assert "3124" in theme_css._words_that_count(pages, '[data-n*="12"] { color: red }')
    assert "3124" in theme_css._words_that_count(pages, ".x-3124 { } 3124")


def test_the_kept_result_is_reused_for_a_changed_number(tmp_path, monkeypatch):
    out = site(tmp_path)
    theme_css.reduce(out, MODULES)
    reduced = (out / theme_css.STYLESHEET).read_bytes()
    assert ".bd-header" in reduced.decode() and len(reduced) < theme_css.original().stat().st_size / 2

    def no_purgecss(*args):
        pytest.fail("PurgeCSS a tourné alors que seul un nombre avait changé")

    monkeypatch.setattr(theme_css, "purgecss", no_purgecss)
    out = site(tmp_path, amount=38944)  # the theme's file copied again, as Sphinx does
    theme_css.reduce(out, MODULES)
    assert (out / theme_css.STYLESHEET).read_bytes() == reduced
