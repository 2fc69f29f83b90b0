"""A Content-Security-Policy for every page: its own origin only.

GitHub Pages cannot send headers, so the policy is a `meta http-equiv` element, the
first thing in the page's head. The theme writes a few small inline scripts; each is
allowed by its SHA-256 hash rather than by 'unsafe-inline'. Chart specs sit in scripts of
type `application/json`, which browsers never execute, so they need no hash.
Styles keep 'unsafe-inline': plotly.js positions its SVG with style attributes.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from quartiers2030.core.templates import render

# Selectors of the page's markup (the policy's own element, inline scripts, the head).
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">\n?')
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S)
HEAD = re.compile(r"<head[^>]*>\n?")


def _executable(attrs: str) -> bool:
    if re.search(r"\ssrc\s*=", attrs):
        return False
    kind = re.search(r'\stype\s*=\s*"([^"]*)"', attrs)
    return kind is None or kind.group(1) in ("text/javascript", "module", "application/javascript")


# The search page runs Pagefind, which compiles its WebAssembly: allowed there only
# ('wasm-unsafe-eval' permits WebAssembly, never JavaScript's eval).
WASM_MARKER = "_pagefind/pagefind-ui.js"


def policy(html: str) -> str:
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(m.group("body").encode()).digest()).decode() + "'"
            for m in INLINE_SCRIPT.finditer(html)
            if _executable(m.group("attrs"))
        }
    )
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'"
            + (" 'wasm-unsafe-eval'" if WASM_MARKER in html else "")
            + "".join(" " + h for h in hashes),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def protect(page: Path) -> None:
    """Insert (or refresh) the policy of one page; a page without a head is left alone."""
    html = page.read_text(encoding="utf-8")
    bare = META.sub("", html)
    head = HEAD.search(bare)
    if head is None:
        return
    meta = str(render("site/csp_meta.html", policy=policy(bare))) + "\n"
    result = bare[: head.end()] + meta + bare[head.end() :]
    if result != html:
        page.write_text(result, encoding="utf-8")


PLURAL_EVAL = re.compile(
    r"Documentation\.PLURAL_EXPR = new Function\(\s*\"n\",\s*`return \(\$\{catalog\.plural_expr\}\)`\s*\);"
)
PLURAL_EXPR = re.compile(r'"plural_expr":\s*"([^"]*)"')


def patch_sphinx_plural(static: Path) -> None:
    """Sphinx's doctools.js builds the plural rule of the interface language with
    `new Function`, which a policy without 'unsafe-eval' forbids. The rule of the
    language is known at build time (translations.js): write it as a plain function."""
    doctools, translations = static / "doctools.js", static / "translations.js"
    if not translations.exists():
        return
    text = doctools.read_text(encoding="utf-8")
    if "PLURAL_EXPR = new Function" not in text:
        return  # already patched
    expr = PLURAL_EXPR.search(translations.read_text(encoding="utf-8"))
    if expr is None or not re.fullmatch(r"[n0-9\s()=!<>%&|?:+-]+", expr.group(1)):
        raise ValueError(
            "Règle de pluriel inattendue dans translations.js : " + (expr.group(1) if expr else "absente")
        )
    patched, count = PLURAL_EVAL.subn(f"Documentation.PLURAL_EXPR = (n) => ({expr.group(1)});", text)
    if count != 1:
        raise ValueError("doctools.js a changé : impossible de retirer « new Function » (CSP).")
    doctools.write_text(patched, encoding="utf-8")
