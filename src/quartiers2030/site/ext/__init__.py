"""Sphinx extension: keep every page in step with its data, and ship the chart assets.

1. **Nothing stale.** Each notebook declares the data resources it reads in its front
   matter (`data_inputs: [piliers, actions]`). The digest of those files, of
   `datapackage.json` and of this package's code is recorded when the page is read; at the
   next build a page whose digest changed is re-read, so myst-nb executes it again. Pages
   whose inputs did not change keep their doctree: one CSV edit re-executes exactly the
   notebooks that read that CSV. While a notebook executes, its kernel is told what it
   declared, and the loader refuses anything else (see `datapackage.load`).
2. **Chart assets, once.** Pages that hold a chart get plotly.js, the French locale and
   the small drawing script; they are copied into `_static/` from the installed plotly
   package and from this package, never fetched.
3. **Content-Security-Policy.** Every page gets a policy that allows its own origin only,
   and, by their hash, the few inline scripts of the theme (see `csp`).
4. **Data downloads.** `data/` is published under `donnees/` so that every chart can link
   to the CSV files behind it, with one archive of all of it.
5. **Glossary links.** The first use of each of the contract's acronyms on a page links to
   its entry in the glossary, with its expansion as a tooltip (`<abbr title>`).
6. **Version facts.** Every page's footer gives the version, the date and the commit,
   taken from git (never from the clock: builds of one commit stay byte-identical). A
   published version also gets the version switcher and the banner of older versions.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
import zipfile
from pathlib import Path

import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from quartiers2030.core import fmt, paths
from quartiers2030.data import datapackage, glossary
from quartiers2030.site import csp, gitinfo, postprocess

logger = logging.getLogger(__name__)

FRONT_MATTER_KEY = "data_inputs"
# A page that compares this version's data with the previous release depends on all the
# data, on which release that is, and on its data (see diffs.previous_fingerprint).
VERSIONS_KEY = "compares_versions"
DATA_ARCHIVE = "quartiers2030-donnees.zip"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed: the archive is byte-identical between builds
STATIC = Path(__file__).parents[1] / "static"
# plotly.js's "basic" partial bundle (scatter, bar, pie: all our charts need), from the
# npm registry: 1.2 MB instead of the 4.8 MB full bundle that the plotly package carries.
PLOTLY_BUNDLE = Path("plotly.js-basic-dist-min") / "plotly-basic.min.js"
CHART_SCRIPTS = ["plotly-basic.min.js", "plotly-locale-fr.js", "q2030-figures.js"]
NODE_MODULES_ENV = "Q2030_NODE_MODULES"
PUBLISHED_DATA_SUFFIXES = {".csv", ".json", ".md", ".geojson", ".txt"}


def front_matter(path: Path) -> dict:
    """The YAML header of a MyST file, or {} when it has none."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return {}
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---", 4)
    if end < 0:
        return {}
    data = yaml.safe_load(text[4:end]) or {}
    return data if isinstance(data, dict) else {}


def declared_inputs(app: Sphinx, docname: str) -> list[str] | None:
    """Resource names a notebook declares ([] if none), or None for a narrative page."""
    source = Path(app.env.doc2path(docname))
    header = front_matter(source)
    if "kernelspec" not in header:
        return None  # a narrative page: nothing executes
    inputs = header.get(FRONT_MATTER_KEY, [])
    if not isinstance(inputs, list) or not all(isinstance(i, str) for i in inputs):
        raise ValueError(f"{source} : « {FRONT_MATTER_KEY} » doit être une liste de noms de ressources.")
    return inputs


def _code_digest() -> str:
    digest = hashlib.sha256()
    package = Path(__file__).parents[2]  # the whole quartiers2030 package
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def inputs_digest(root: Path, inputs: list[str]) -> str:
    """Content digest of everything a notebook's output depends on besides its source."""
    digest = hashlib.sha256(_code_digest().encode())
    digest.update((root / paths.DATAPACKAGE).read_bytes())
    for name in sorted(inputs):
        digest.update(name.encode())
        path = datapackage.resource_path(name, root)
        digest.update(path.read_bytes() if path.is_file() else b"<absent>")  # an optional slot
    return digest.hexdigest()


def page_digest(app: Sphinx, docname: str, inputs: list[str]) -> str:
    root = _root(app)
    if not front_matter(Path(app.env.doc2path(docname))).get(VERSIONS_KEY):
        return inputs_digest(root, inputs)
    from quartiers2030.site import diffs

    everything = [r["name"] for r in datapackage.descriptor(root)["resources"]]
    info = gitinfo.build_info(root)
    return hashlib.sha256(
        "|".join([inputs_digest(root, everything), info.version, diffs.previous_fingerprint(root)]).encode()
    ).hexdigest()


def _digests(env) -> dict[str, str]:
    if not hasattr(env, "q2030_digests"):
        env.q2030_digests = {}
    return env.q2030_digests


def _root(app: Sphinx) -> Path:
    return Path(app.srcdir)


def on_builder_inited(app: Sphinx) -> None:
    # Kernels inherit the environment: they find the data of the book being built.
    os.environ["Q2030_ROOT"] = str(_root(app))
    datapackage._descriptor.cache_clear()


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    inputs = declared_inputs(app, docname)
    if inputs is None:
        os.environ.pop(datapackage.DECLARED_INPUTS_ENV, None)
        _digests(app.env).pop(docname, None)
        return
    for name in inputs:
        datapackage.resource(name, _root(app))  # an unknown name fails here, clearly
    os.environ[datapackage.DECLARED_INPUTS_ENV] = ",".join(inputs)
    _digests(app.env)[docname] = page_digest(app, docname, inputs)


def on_env_get_outdated(app, env, added, changed, removed) -> list[str]:
    recorded = _digests(env)
    # Every page links the acronyms of the glossary: when it changes, all pages are rewritten.
    glossary_digest = inputs_digest(_root(app), [glossary.RESOURCE])
    if getattr(env, "q2030_glossary_digest", glossary_digest) != glossary_digest:
        env.q2030_glossary_digest = glossary_digest
        return sorted(env.found_docs)
    env.q2030_glossary_digest = glossary_digest
    stale = []
    for docname, digest in list(recorded.items()):
        if docname in added or docname in changed or docname in removed:
            continue
        inputs = declared_inputs(app, docname)
        if inputs is None or page_digest(app, docname, inputs) != digest:
            stale.append(docname)
    if stale:
        logger.info("[quartiers2030] données modifiées, pages à régénérer : %s", ", ".join(sorted(stale)))
    return stale


def on_env_purge_doc(app, env, docname) -> None:
    _digests(env).pop(docname, None)


def on_env_merge_info(app, env, docnames, other) -> None:
    _digests(env).update({d: _digests(other)[d] for d in docnames if d in _digests(other)})


ACCESSIBILITY_PAGE = "book/accessibilite"
# RGAA: every page states the site's conformity and links to the declaration. The site
# has not been audited yet, hence « non conforme » (see book/accessibilite.md).
CONFORMITY = "Accessibilité : non conforme"


def _footer(info: gitinfo.BuildInfo, published: bool, to_root: str, accessibility: str) -> str:
    parts = [
        f'<a href="{html.escape(accessibility)}">{CONFORMITY}</a>',
        f"Version <strong>{html.escape(info.version)}</strong>",
    ]
    if info.date:
        parts.append(f"du {html.escape(fmt.short_date(info.date))}")
    if info.commit:
        parts.append(f"commit <code>{html.escape(info.commit)}</code>")
    if published:
        parts.append(f'<a href="{html.escape(to_root)}../versions.html">toutes les versions</a>')
    return '<p class="q2030-build">' + " · ".join(parts) + "</p>"


# Where an acronym is left as it is: code, links, headings, raw HTML (tables and charts
# rendered by notebooks link nothing), and abbreviations already marked.
NO_LINK_INSIDE = (
    nodes.literal,
    nodes.literal_block,
    nodes.reference,
    nodes.title,
    nodes.raw,
    nodes.abbreviation,
    nodes.FixedTextElement,
    nodes.target,
)


def _glossary(app: Sphinx):
    if not hasattr(app, "q2030_glossary"):
        items = glossary.entries(_root(app), declared=False)
        app.q2030_glossary = ({e.acronym: e for e in items}, glossary.pattern(items))
    return app.q2030_glossary


def on_doctree_resolved(app: Sphinx, doctree, docname: str) -> None:
    if app.builder.format != "html" or docname == glossary.PAGE:
        return
    by_name, regex = _glossary(app)
    seen: set[str] = set()
    target = app.builder.get_relative_uri(docname, glossary.PAGE)
    for text in list(doctree.findall(nodes.Text)):
        if any(isinstance(a, NO_LINK_INSIDE) for a in _ancestors(text)):
            continue
        value = str(text)
        pieces, last = [], 0
        for match in regex.finditer(value):
            name = match.group(1)
            if name in seen:
                continue
            seen.add(name)
            entry = by_name[name]
            pieces.append(nodes.Text(value[last : match.start()]))
            link = nodes.reference("", "", internal=True, refuri=f"{target}#{entry.anchor}")
            link += nodes.abbreviation(name, name, explanation=entry.title)
            pieces.append(link)
            last = match.end()
        if pieces:
            pieces.append(nodes.Text(value[last:]))
            text.parent.replace(text, pieces)


def _ancestors(node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


DESCRIPTION = re.compile(
    r'<meta\s+content="([^"]*)"\s+name="description"|<meta\s+name="description"\s+content="([^"]*)"'
)


def _sharing_tags(app: Sphinx, context: dict) -> str:
    """Open Graph tags, so that a shared link shows the page's title and description."""
    found = DESCRIPTION.search(context.get("metatags", ""))
    description = html.unescape(next(g for g in found.groups() if g is not None)) if found else ""
    title = html.unescape(re.sub(r"<[^>]+>", "", context.get("title", "")))
    tags = [
        ("og:type", "website"),
        ("og:locale", "fr_FR"),
        ("og:site_name", html.unescape(context.get("docstitle", ""))),
        ("og:title", title),
    ] + ([("og:description", description)] if description else [])
    return "".join(f'<meta property="{k}" content="{html.escape(v)}">' for k, v in tags)


def on_html_page_context(app, pagename, templatename, context, doctree) -> None:
    if "data-q2030-figure" in context.get("body", ""):
        for script in CHART_SCRIPTS:
            app.add_js_file(script, defer="defer")
    info = gitinfo.build_info(_root(app))
    published = os.environ.get(gitinfo.ENV_PUBLISHED) == "1"
    to_root = "../" * pagename.count("/")
    context["theme_extra_footer"] = _footer(info, published, to_root, context["pathto"](ACCESSIBILITY_PAGE))
    context["metatags"] = (
        context.get("metatags", "")
        + _sharing_tags(app, context)
        + (f'<meta name="q2030-version" content="{html.escape(info.version)}">')
    )
    if published:
        app.add_js_file("q2030-versions.js", defer="defer")
        if pagename == app.config.root_doc:
            # The publishing command prints the whole book to this file (quartiers2030.site.pdf).
            context["body"] += (
                f'<p class="q2030-pdf"><a href="{html.escape(to_root)}quartiers2030.site.pdf">'
                "Télécharger tout le site en un seul fichier PDF</a></p>"
            )


def _copy_if_changed(source: Path, target: Path) -> None:
    if target.exists() and target.read_bytes() == source.read_bytes():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def node_modules(root: Path) -> Path:
    """Where `npm ci` put the front-end assets: the book's own folder, or (for a version
    built from a `git archive` export) the one the publishing command points to."""
    candidates = [Path(os.environ[NODE_MODULES_ENV])] if os.environ.get(NODE_MODULES_ENV) else []
    candidates += [root / "node_modules", Path(__file__).resolve().parents[4] / "node_modules"]
    for folder in candidates:
        if (folder / PLOTLY_BUNDLE).is_file():
            return folder
    raise FileNotFoundError(
        f"{PLOTLY_BUNDLE} introuvable : lancez « npm ci » à la racine du projet (« make site » le fait)."
    )


def on_build_finished(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    _copy_if_changed(node_modules(_root(app)) / PLOTLY_BUNDLE, out / "_static" / PLOTLY_BUNDLE.name)
    for asset in sorted(STATIC.iterdir()):
        _copy_if_changed(asset, out / "_static" / asset.name)
    data = paths.data_dir(_root(app))
    published = out / "donnees"
    files = [p for p in sorted(data.rglob("*")) if p.is_file() and p.suffix in PUBLISHED_DATA_SUFFIXES]
    for path in files:
        _copy_if_changed(path, published / path.relative_to(data))
    _write_archive(files, data, published / DATA_ARCHIVE)
    _prune(app, out, published, files, data)
    csp.patch_sphinx_plural(out / "_static")
    for page in sorted(out.rglob("*.html")):
        if page.relative_to(out).parts[0] not in ("_static", "donnees"):
            postprocess.finalise(page)


# Pages that Sphinx writes besides the documents.
GENERATED_PAGES = {"genindex.html", "search.html", "index.html"}


def _prune(app: Sphinx, out: Path, published: Path, files: list[Path], data: Path) -> None:
    """Remove what earlier builds left behind: the page of a removed document, a data
    file removed from data/. Sphinx never deletes from its output folder, and the work
    folder is kept between builds, so without this a removed page would stay online."""
    expected = {f"{doc}.html" for doc in app.env.found_docs} | GENERATED_PAGES
    for page in out.rglob("*.html"):
        rel = page.relative_to(out).as_posix()
        if rel.split("/")[0] not in ("_static", "donnees", "_sources") and rel not in expected:
            page.unlink()
    keep = {published / f.relative_to(data) for f in files} | {published / DATA_ARCHIVE}
    for path in published.rglob("*"):
        if path.is_file() and path not in keep:
            path.unlink()


def _write_archive(files: list[Path], base: Path, target: Path) -> None:
    """All the data of this version in one zip, identical bytes for identical files."""
    buffer = target.with_suffix(".tmp")
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"donnees/{path.relative_to(base).as_posix()}", ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    if target.exists() and target.read_bytes() == buffer.read_bytes():
        buffer.unlink()
    else:
        buffer.replace(target)


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", on_builder_inited)
    app.connect("source-read", on_source_read)
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("env-purge-doc", on_env_purge_doc)
    app.connect("env-merge-info", on_env_merge_info)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("html-page-context", on_html_page_context)
    app.connect("build-finished", on_build_finished)
    app.add_css_file("q2030-icons.css")
    app.add_css_file("q2030.css")
    return {"version": "1", "env_version": 1, "parallel_read_safe": False, "parallel_write_safe": True}
