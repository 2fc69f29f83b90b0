"""The Content-Security-Policy of a page: its own origin only, inline scripts by hash."""

from __future__ import annotations

import base64
import hashlib

import pytest

from quartiers2030.site import csp

PAGE = """<!DOCTYPE html>
<html lang="fr"><head>
<title>Page</title>
<script>var a = 1;</script>
<script src="_static/x.js"></script>
<script type="application/json" id="spec">{"data": []}</script>
<script type="module">import "./y.js";</script>
</head><body><p>Texte</p></body></html>
"""


def _hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def test_only_executable_inline_scripts_are_allowed_by_their_hash():
    script_src = next(d for d in csp.policy(PAGE).split("; ") if d.startswith("script-src"))
    assert script_src == "script-src 'self' " + " ".join(
        sorted([_hash("var a = 1;"), _hash('import "./y.js";')])
    )


def test_the_policy_allows_the_own_origin_only():
    directives = dict(d.split(" ", 1) for d in csp.policy("<head></head>").split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert "unsafe-eval" not in csp.policy(PAGE)


def test_only_the_search_page_may_compile_webassembly():
    search = PAGE.replace("</head>", '<script src="_pagefind/pagefind-ui.js"></script></head>')
    script_src = next(d for d in csp.policy(search).split("; ") if d.startswith("script-src"))
    assert script_src.startswith("script-src 'self' 'wasm-unsafe-eval' 'sha256-")
    assert "'unsafe-eval'" not in csp.policy(search)
    assert "wasm" not in csp.policy(PAGE)


def test_protect_puts_the_policy_first_in_the_head_and_is_idempotent(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    csp.protect(page)
    once = page.read_text(encoding="utf-8")
    head = once.index("<head>") + len("<head>\n")
    assert once[head:].startswith('<meta http-equiv="Content-Security-Policy" content="default-src')
    csp.protect(page)
    assert page.read_text(encoding="utf-8") == once
    assert once.count("Content-Security-Policy") == 1


def test_a_page_without_head_is_left_alone(tmp_path):
    page = tmp_path / "fragment.html"
    page.write_text("<p>Sans en-tête</p>", encoding="utf-8")
    csp.protect(page)
    assert page.read_text(encoding="utf-8") == "<p>Sans en-tête</p>"


def test_the_plural_rule_of_sphinx_is_written_without_eval(tmp_path):
    (tmp_path / "translations.js").write_text('Documentation.addTranslations({"plural_expr": "(n > 1)"});')
    (tmp_path / "doctools.js").write_text(
        'Documentation.PLURAL_EXPR = new Function(\n  "n",\n  `return (${catalog.plural_expr})`\n);'
    )
    csp.patch_sphinx_plural(tmp_path)
    assert (tmp_path / "doctools.js").read_text() == "Documentation.PLURAL_EXPR = (n) => ((n > 1));"
    csp.patch_sphinx_plural(tmp_path)  # already patched: unchanged
    assert "new Function" not in (tmp_path / "doctools.js").read_text()


def test_an_unexpected_plural_rule_is_refused(tmp_path):
    (tmp_path / "translations.js").write_text('{"plural_expr": "alert(1)"}')
    (tmp_path / "doctools.js").write_text("Documentation.PLURAL_EXPR = new Function(...)")
    with pytest.raises(ValueError, match="Règle de pluriel inattendue"):
        csp.patch_sphinx_plural(tmp_path)
