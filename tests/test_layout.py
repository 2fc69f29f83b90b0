"""Guard-rails of the package's layout, read from the source with `ast` (no build, no import):
sizes of modules and functions, imports only downward between the layers and no cycle,
bars built by core.bars only, HTML kept in templates, and templates that exist and are used.

Each failure names the file, the line and the limit, so that the fix is where it points.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "quartiers2030"
SRC = PACKAGE.parent
TEMPLATES = PACKAGE / "templates"

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
# The layers, bottom to top: a module imports only from its own layer or a lower one.
LAYERS = ("core", "data", "parts", "site")
TOP = len(LAYERS)  # cli.py, __main__.py and the package's __init__.py sit above them all

# A string literal holding an HTML tag: `<p`, `</p`, `<!DOCTYPE`. Docstrings are prose
# and are not counted.
# A tag, a closing tag, a comment or a doctype; not a regex lookbehind such as `(?<!x)`.
TAG = re.compile(r"(?<!\(\?)<(?:[a-zA-Z]|!--|!DOCTYPE)|</", re.IGNORECASE)
MAX_TAG_LITERALS = 20
# (file relative to src/quartiers2030, count): why the literals may stay in Python.
TAG_ALLOWLIST = {
    "core/figures.py": (
        2,
        "LINE_BREAK and HOVER_END: plotly.js label markup (`<br>`, `<extra></extra>`), "
        "not the page's HTML; named once so that no part retypes them",
    ),
    "site/csp.py": (
        3,
        "regular expressions over the written page (the policy meta, inline scripts, the head) "
        "that the policy hashes byte for byte, so a parser's re-serialisation would break it",
    ),
    "site/postprocess.py": (
        5,
        "the theme's markup matched exactly as its templates write it, to fix in one pass what "
        "the templates do not allow (toggle labels, search button, sidebar, the search form's "
        "submit button, the search scripts kept to the search page)",
    ),
    "site/ext/sharing.py": (
        1,
        "a regular expression reading the page's own description meta (written by MyST) to "
        "repeat it in the sharing tags",
    ),
}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


@cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _module_id(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _layer(module: str) -> int:
    """`quartiers2030.parts.enjeux.model` -> 2 (parts); the command line is above all."""
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else TOP


MODULES = _modules()
IDS = [_name(p) for p in MODULES]


# --- (a) sizes ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", MODULES, ids=IDS)
def test_modules_and_functions_stay_short(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    problems = []
    if lines > MAX_MODULE_LINES:
        problems.append(f"{_name(path)}:1: module of {lines} lines (limit {MAX_MODULE_LINES})")
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                problems.append(
                    f"{_name(path)}:{node.lineno}: function {node.name} of {length} lines "
                    f"(limit {MAX_FUNCTION_LINES})"
                )
    assert not problems, "\n".join(problems)


# --- (b) imports -------------------------------------------------------------------------


def _known_modules() -> set[str]:
    return {_module_id(p) for p in MODULES}


def _resolve(path: Path, node: ast.ImportFrom) -> str:
    """The absolute name of a `from … import` (relative imports included)."""
    if not node.level:
        return node.module or ""
    package = _module_id(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def imports(path: Path) -> list[tuple[str, int]]:
    """Modules of the package that `path` imports, anywhere in it (inside functions too),
    with the line: `from quartiers2030.core import fmt` is the module `core.fmt`."""
    known = _known_modules()
    found = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(path, node)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.append((full if full in known else base, node.lineno))
    return [(m, line) for m, line in found if m in known]


@pytest.mark.parametrize("path", MODULES, ids=IDS)
def test_imports_only_go_down_the_layers(path):
    own = _layer(_module_id(path))
    problems = [
        f"{_name(path)}:{line}: imports {module} ({LAYERS[_layer(module)]}) from the lower layer "
        f"{LAYERS[own]} (limit: core <- data <- parts <- site <- cli)"
        for module, line in imports(path)
        if _layer(module) > own
    ]
    assert not problems, "\n".join(problems)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of two modules or more (Tarjan), each sorted."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_cycles_and_only_them():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_between_modules():
    by_id = {_module_id(p): p for p in MODULES}
    edges = {m: {(t, line) for t, line in imports(p) if t != m} for m, p in by_id.items()}
    cycles = _cycles({m: {t for t, _ in e} for m, e in edges.items()})
    problems = []
    for cycle in cycles:
        members = set(cycle)
        links = [
            f"  {_name(by_id[m])}:{line}: imports {t}"
            for m in cycle
            for t, line in sorted(edges[m])
            if t in members
        ]
        problems.append(f"import cycle between {', '.join(cycle)} (limit: none):\n" + "\n".join(links))
    assert not problems, "\n".join(problems)


# --- (b2) one home for bars -------------------------------------------------------------

PLOTLY_MODULES = ("plotly.graph_objects", "plotly.graph_objs")
BAR_HOME = "core/"  # core.bars builds every bar; a part asks it (BarSeries, bar_chart…)


def bar_constructions(path: Path) -> list[tuple[int, str]]:
    """(line, text) of each use of plotly's `Bar` in `path`: `go.Bar` (whatever the alias of
    plotly.graph_objects), `from plotly.graph_objects import Bar`, `add_bar`, `plotly.express.bar`."""
    tree = _tree(path)
    aliases, found = set(), []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            aliases |= {a.asname or a.name for a in node.names if a.name in PLOTLY_MODULES}
        elif isinstance(node, ast.ImportFrom) and node.module in PLOTLY_MODULES:
            found += [(node.lineno, f"from {node.module} import Bar") for a in node.names if a.name == "Bar"]
        elif isinstance(node, ast.ImportFrom) and node.module == "plotly":
            aliases |= {a.asname or a.name for a in node.names if a.name in ("graph_objects", "graph_objs")}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            base = node.value
            name = base.id if isinstance(base, ast.Name) else ast.unparse(base)
            if node.attr == "Bar" and (name in aliases or name in PLOTLY_MODULES):
                found.append((node.lineno, f"{name}.Bar"))
            elif node.attr == "add_bar" or (node.attr == "bar" and name in ("px", "plotly.express")):
                found.append((node.lineno, f"{name}.{node.attr}"))
    return sorted(found)


def test_the_bar_finder_sees_every_spelling_of_plotly_s_bar(tmp_path):
    source = tmp_path / "m.py"
    source.write_text(
        "import plotly.graph_objects as go\nimport plotly.graph_objects as pgo\n"
        "from plotly.graph_objects import Bar\nfrom plotly import graph_objects as g\n"
        "a = go.Bar()\nb = pgo.Bar(x=[1])\nc = g.Bar\nfig.add_bar(x=[1])\n"
        "d = go.Scatter()\ne = thing.Bar\ndef f() -> go.Bar: ...\n",
        encoding="utf-8",
    )
    assert [line for line, _ in bar_constructions(source)] == [3, 5, 6, 7, 8, 11]


@pytest.mark.parametrize("path", MODULES, ids=IDS)
def test_only_core_builds_bars(path):
    if _name(path).startswith(BAR_HOME):
        return
    found = bar_constructions(path)
    where = "\n".join(f"{_name(path)}:{line}: {text}" for line, text in found)
    assert not found, (
        f"{_name(path)}: builds plotly bars itself (limit: none outside {BAR_HOME}); "
        f"describe them with core.bars (BarSeries, bar_chart, column_chart):\n{where}"
    )


# --- (c) HTML in templates ---------------------------------------------------------------


def _docstrings(tree: ast.Module) -> set[int]:
    """ids of the docstring nodes of the module, its classes and functions."""
    owners = [tree] + [
        n for n in ast.walk(tree) if isinstance(n, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
    ]
    found = set()
    for owner in owners:
        first = owner.body[0] if owner.body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            found.add(id(first.value))
    return found


def tag_literals(path: Path) -> list[tuple[int, str]]:
    """(line, text) of each string literal (f-string pieces included) holding an HTML tag."""
    tree = _tree(path)
    skip = _docstrings(tree)
    return sorted(
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and TAG.search(node.value)
    )


def test_the_tag_finder_counts_markup_and_skips_docstrings(tmp_path):
    source = tmp_path / "m.py"
    source.write_text(
        '"""A `<p>` in prose."""\nA = "<p>"\nB = f"x{A}</p>"\nC = "a < b"\n\n\n'
        'def f():\n    """<b>doc</b>"""\n    return "<br>"\n'
        'D = r"(?<![\\w-])x"\nE = "<!-- note -->"\n',
        encoding="utf-8",
    )
    assert [line for line, _ in tag_literals(source)] == [2, 3, 9, 11]


@pytest.mark.parametrize("path", MODULES, ids=IDS)
def test_html_lives_in_templates_not_in_python_strings(path):
    found = tag_literals(path)
    allowed, reason = TAG_ALLOWLIST.get(_name(path), (0, ""))
    where = "\n".join(f"{_name(path)}:{line}: {text[:70]!r}" for line, text in found)
    assert len(found) <= allowed, (
        f"{_name(path)}: {len(found)} HTML tag literal(s) in Python strings (limit {allowed}); "
        f"move them to a template under templates/ (core.templates.render):\n{where}"
    )
    assert len(found) == allowed, (
        f"{_name(path)}: {len(found)} HTML tag literal(s), the allowlist says {allowed}: "
        "lower TAG_ALLOWLIST in tests/test_layout.py"
    )


def test_the_allowlist_of_tag_literals_is_short_and_justified():
    total = sum(count for count, _ in TAG_ALLOWLIST.values())
    assert total <= MAX_TAG_LITERALS, f"TAG_ALLOWLIST: {total} literals (limit {MAX_TAG_LITERALS})"
    for name, (count, reason) in TAG_ALLOWLIST.items():
        assert (PACKAGE / name).is_file(), f"TAG_ALLOWLIST names {name}, which does not exist"
        assert count > 0 and len(reason) > 20, f"TAG_ALLOWLIST: {name} needs a count and a reason"


# --- (d) templates -----------------------------------------------------------------------

TEMPLATE_NAME = re.compile(r"^[\w-]+(/[\w.-]+)+\.html$")
# {% include "x" %}, {% extends "x" %}, {% import "x" as y %}, {% from "x" import y %}
TEMPLATE_REFERENCE = re.compile(r"{%-?\s*(?:include|extends|import|from)\s+[\"']([^\"']+)[\"']")


def _template_files() -> list[str]:
    return sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html"))


def _render_names() -> set[str]:
    """Names that a function named `render…` receives as its first argument, both branches
    of a conditional included."""
    found = set()
    for path in MODULES:
        for node in ast.walk(_tree(path)):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if "render" not in name:
                continue
            first = node.args[0]
            branches = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
            found |= {b.value for b in branches if isinstance(b, ast.Constant) and isinstance(b.value, str)}
    return {n for n in found if n.endswith(".html")}


def template_names_in_code() -> dict[str, str]:
    """Each template name written in the package's Python (a render argument, or any
    literal `folder/name.html` whose folder exists under templates/), with where it is."""
    folders = {p.name for p in TEMPLATES.iterdir() if p.is_dir()}
    rendered = _render_names()
    found = {}
    for path in MODULES:
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
                if text in rendered or (TEMPLATE_NAME.match(text) and text.split("/")[0] in folders):
                    found.setdefault(text, f"{_name(path)}:{node.lineno}")
    return found


def test_every_template_a_module_renders_exists():
    missing = [
        f"{where}: renders {name}, which is not under templates/ (limit: every name exists)"
        for name, where in sorted(template_names_in_code().items())
        if not (TEMPLATES / name).is_file()
    ]
    assert not missing, "\n".join(missing)


def test_every_template_is_used():
    used = set(template_names_in_code())
    pending = list(used)
    while pending:  # what a used template includes, extends or imports is used too
        name = pending.pop()
        if (TEMPLATES / name).is_file():
            for ref in TEMPLATE_REFERENCE.findall((TEMPLATES / name).read_text(encoding="utf-8")):
                if ref not in used:
                    used.add(ref)
                    pending.append(ref)
    unused = [
        f"templates/{name}:1: used by no module (limit: every template is rendered or included)"
        for name in _template_files()
        if name not in used
    ]
    assert not unused, "\n".join(unused)


def test_layers_and_relative_imports_are_read_right():
    assert _layer("quartiers2030.core.fmt") == 0 and _layer("quartiers2030.parts.enjeux.model") == 2
    assert _layer("quartiers2030.cli") == TOP and _layer("quartiers2030") == TOP
    inside = PACKAGE / "parts" / "enjeux" / "charts.py"
    assert _resolve(inside, ast.parse("from .model import x").body[0]) == "quartiers2030.parts.enjeux.model"
    assert _resolve(inside, ast.parse("from .. import geographie").body[0]) == "quartiers2030.parts"
    package = PACKAGE / "parts" / "enjeux" / "__init__.py"
    assert _resolve(package, ast.parse("from .model import x").body[0]) == "quartiers2030.parts.enjeux.model"
