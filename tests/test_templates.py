"""core.templates: autoescape, Fragments kept as markup, StrictUndefined, compact templates."""

from __future__ import annotations

import jinja2
import pytest

from quartiers2030.core import templates
from quartiers2030.core.html import Fragment
from quartiers2030.core.lists import Item, item_list
from quartiers2030.core.templates import Compact, render


def _env(sources: dict[str, str]) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.DictLoader(sources),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=[Compact],
    )


def test_render_returns_a_fragment_and_escapes_values():
    box = render("core/verdict.html", verdict=type("V", (), {"symbol": "<", "label": "a & b"})())
    assert isinstance(box, Fragment)
    assert box.markup == '<span aria-hidden="true">&lt; </span>a &amp; b'


def test_a_fragment_is_inserted_as_markup():
    html = item_list([Item(Fragment('<a href="#x">lien</a>')), Item("<a>")])
    assert '<li><a href="#x">lien</a></li>' in html.markup and "<li>&lt;a&gt;</li>" in html.markup


def test_a_missing_value_is_an_error_not_an_empty_string():
    with pytest.raises(jinja2.UndefinedError):
        render("core/verdict.html")


def test_a_compact_template_drops_its_line_breaks_and_indentation():
    env = _env({"c.html": "{# compact #}\n<ul>\n  <li>{{ a }}</li>\n  <li>b c</li>\n</ul>\n"})
    assert env.get_template("c.html").render(a="x") == "<ul><li>x</li><li>b c</li></ul>"


def test_a_template_that_is_not_compact_keeps_its_line_breaks():
    env = _env({"p.html": "<p>\n  {{ a }}\n</p>"})
    assert env.get_template("p.html").render(a="x") == "<p>\n  x\n</p>"


def test_templates_are_found_under_the_package():
    assert (templates.TEMPLATES / "core" / "table.html").is_file()


SOURCE = '<details class="q2030-source-detail"><summary>Source</summary>'


def test_a_list_nests_children_and_folds_the_line_of_each_item_into_its_source():
    html = item_list(
        [
            Item("Le Chemin Vert (Boulogne-sur-Mer)", 812),
            Item("Titre", strong=True, children=[Item("a", 830), Item("b", 1348)]),
        ],
        classes="q2030-items",
    ).markup
    assert html == (
        '<ul class="q2030-items"><li>Le Chemin Vert (Boulogne-sur-Mer)</li>'
        "<li><strong>Titre</strong><ul><li>a</li><li>b</li></ul></li></ul>"
        f"{SOURCE}<p>Lignes du contrat, dans l'ordre de la liste :</p><ul>"
        '<li>ligne <span class="q2030-list-source">812</span></li>'
        '<li>Titre : lignes <span class="q2030-list-source">830</span>, <span class="q2030-list-source">1348</span></li>'
        "</ul></details>"
    )


def test_a_list_without_lines_has_no_source():
    assert (
        item_list([Item("a"), Item("T", children=[Item("b")])]).markup
        == "<ul><li>a</li><li>T<ul><li>b</li></ul></li></ul>"
    )


def test_a_titled_list_is_a_block_with_the_line_of_its_title_in_its_source():
    html = item_list([Item("a")], title="Équipements", title_line=40, id="liste", ordered=True).markup
    assert html == (
        '<div class="q2030-list"><p class="q2030-list-title"><strong>Équipements</strong></p>'
        f'<ol id="liste"><li>a</li></ol>{SOURCE}<p>Liste du contrat, à partir de la '
        '<span class="q2030-list-source">ligne 40</span>.</p></details></div>'
    )
