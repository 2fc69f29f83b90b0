"""What changed between two versions of the site, in one report: the text of every page
(word by word, `textdiff`) and the data (cell by cell, `diffs`), led by a summary.

The same report is the « Ce qui a changé » page of a version (filled once every page of
the version is written, see `site/ext/changes_page.py`) and the output of
`python -m quartiers2030 diff REF1 REF2`, as text or as an HTML page.

The texts of two versions can only be compared once both are built: a published build is
given the previous release's published folder (`publish` sets ENV_PREVIOUS_SITE); a local
build without it compares the data only and says so.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from quartiers2030.core import fmt, paths
from quartiers2030.core.html import Fragment, slug
from quartiers2030.core.templates import render
from quartiers2030.site import diffs, gitinfo, textdiff
from quartiers2030.site.diffs import TableChange
from quartiers2030.site.textdiff import PageChange

PAGES_NOT_COMPARED = (
    "Les textes des pages sont comparés à la publication, avec le site publié de la version "
    "précédente (make publish), ou par la commande python -m quartiers2030 diff ; "
    "cette construction compare les données seules."
)
BLOCK_MARKERS = {
    textdiff.MODIFIED: ("→", "passage modifié"),
    textdiff.NEW: ("+++", "passage ajouté"),
    textdiff.GONE: ("---", "passage supprimé"),
}


@dataclass
class Report:
    old_label: str
    new_label: str
    tables: list[TableChange]
    pages: list[PageChange] | None  # None: the texts were not compared

    @property
    def changed_tables(self) -> list[TableChange]:
        return [t for t in self.tables if t.any]

    @property
    def changed_pages(self) -> list[PageChange]:
        return [p for p in self.pages or [] if p.any]


def summary(report: Report) -> list[str]:
    """The report's first lines: how many pages, tables and cells changed."""
    lines = []
    if report.pages is not None:
        changed = report.changed_pages
        modified = sum(1 for p in changed if not p.status)
        added = sum(1 for p in changed if p.status == "ajoutée")
        removed = sum(1 for p in changed if p.status == "supprimée")
        lines.append(
            f"Pages : {fmt.count(modified, 'page modifiée', 'pages modifiées')} sur "
            f"{fmt.number(len(report.pages))}, {fmt.count(added, 'ajoutée', 'ajoutées')}, "
            f"{fmt.count(removed, 'supprimée', 'supprimées')}."
        )
    tables = report.changed_tables
    cells = sum(t.cells for t in tables)
    lines.append(
        f"Données : {fmt.count(len(tables), 'table modifiée', 'tables modifiées')} sur "
        f"{fmt.number(len(report.tables))}, {fmt.count(cells, 'cellule modifiée', 'cellules modifiées')}, "
        f"{fmt.count(sum(t.added for t in tables), 'ligne ajoutée', 'lignes ajoutées')}, "
        f"{fmt.count(sum(t.removed for t in tables), 'ligne supprimée', 'lignes supprimées')}."
    )
    if report.pages is None:
        lines.append(PAGES_NOT_COMPARED)
    return lines


def _counts(page: PageChange) -> str:
    return (
        f"{fmt.count(len(page.blocks), 'passage modifié', 'passages modifiés')}, "
        f"{fmt.count(page.words(textdiff.ADDED), 'mot ajouté', 'mots ajoutés')}, "
        f"{fmt.count(page.words(textdiff.REMOVED), 'mot supprimé', 'mots supprimés')}"
    )


def _page_fragment(page: PageChange, link_base: str | None) -> Fragment:
    blocks = [
        {"symbol": BLOCK_MARKERS[b.kind][0], "words": BLOCK_MARKERS[b.kind][1], "segments": b.segments}
        for b in page.blocks
    ]
    href = None if link_base is None or page.status == "supprimée" else link_base + page.path
    return render(
        "site/changes_page_text.html",
        page=page,
        id="changements-" + slug(page.path.removesuffix(".html")),
        href=href,
        counts=_counts(page),
        blocks=blocks,
    )


def render_html(report: Report, link_base: str | None = None) -> Fragment:
    """The report as a fragment; `link_base` leads from where it is shown to the new
    version's pages (none: the pages are named, not linked)."""
    pages = report.pages or []
    unchanged = [p.path for p in pages if not p.any]
    return render(
        "site/changes_report.html",
        old_label=report.old_label,
        new_label=report.new_label,
        summary=summary(report),
        pages=report.pages,
        pages_note=PAGES_NOT_COMPARED,
        changed_pages=[_page_fragment(p, link_base) for p in report.changed_pages],
        unchanged_pages=unchanged,
        unchanged_pages_label=diffs.unchanged_label(len(unchanged), "page", "pages"),
        data=diffs.render_data(report.tables),
    )


def render_page(report: Report) -> str:
    """A whole page of the comparison, for `diff --html`."""
    return (
        str(
            render(
                "site/diff_page.html",
                old_label=report.old_label,
                new_label=report.new_label,
                body=render_html(report),
            )
        )
        + "\n"
    )


def _segment_text(segment: textdiff.Segment) -> str:
    if segment.kind == textdiff.ADDED:
        return "{+" + segment.text + "+}"
    if segment.kind == textdiff.REMOVED:
        return "[-" + segment.text + "-]"
    return segment.text


def pages_text(pages: list[PageChange]) -> list[str]:
    """Each changed page, then its blocks: `[-removed-]` and `{+added+}` (as wdiff writes)."""
    lines = []
    for page in pages:
        if not page.any:
            continue
        lines.append(
            f"\n{page.path} ({page.title}) : " + (f"page {page.status}" if page.status else _counts(page))
        )
        for block in page.blocks:
            symbol = BLOCK_MARKERS[block.kind][0]
            lines.append(f"  {symbol} " + " ".join(_segment_text(s) for s in block.segments))
    return lines or ["Le texte d'aucune page n'a changé."]


def render_text(report: Report) -> str:
    lines = [f"Ce qui a changé : {report.old_label} → {report.new_label}", *summary(report)]
    if report.pages is not None:
        lines += ["", "== Pages ==", *pages_text(report.pages)]
    lines += ["", "== Données ==", *diffs.data_text(report.tables)]
    return "\n".join(lines) + "\n"


# --- the page of a build ------------------------------------------------------------------


def for_build(root: Path, site: Path) -> Report | None:
    """The report of the version being built, against the release before it (None: no
    release precedes it). Its texts are compared when that release's site is given."""
    previous = diffs.previous_release(root)
    if previous is None:
        return None
    version, data = previous
    info = gitinfo.build_info(root)
    tables = diffs.compare_data(data, paths.data_dir(root))
    old_site = os.environ.get(gitinfo.ENV_PREVIOUS_SITE)
    pages = textdiff.compare_sites(Path(old_site), site) if old_site else None
    new_label = info.version if info.is_release else "la version en cours"
    return Report(version, new_label, tables, pages)


@cache
def marks() -> tuple[str, str]:
    """The two comments that hold the report on the « Ce qui a changé » page."""
    start, end = str(render("site/changes_marks.html")).split()
    return start, end


def has_slot(html: str) -> bool:
    return marks()[0] in html


def fill(html: str, fragment: Fragment) -> str:
    """The page with its slot holding `fragment` (again, when a rebuild did not rewrite it)."""
    first, last = marks()
    start = html.index(first) + len(first)
    end = html.index(last, start)
    return html[:start] + str(fragment) + html[end:]


def slot() -> Fragment:
    """What the « Ce qui a changé » notebook shows: the slot of the report."""
    return render("site/changes_slot.html")


# --- between two refs (the `diff` command) -------------------------------------------------

WORKTREE = "WORKTREE"  # the working tree: its data, and its last build (_build/html)
SITES_CACHE = Path("_build") / "versions"  # one built site per commit, built once


def ref_site(root: Path, ref: str, sites: Path | None, log) -> Path:
    """The built site of `ref`: from a publication folder when it holds it, else from the
    cache of sites built by commit, else built now (a few minutes) into that cache."""
    from quartiers2030.site import build, publish

    if ref == WORKTREE:
        site = root / build.SITE
        if not (site / "index.html").is_file():
            raise RuntimeError(
                "Le site de l'arbre de travail n'est pas construit : lancez d'abord « make site »."
            )
        return site
    name = ref if gitinfo.RELEASE_TAG.match(ref) else gitinfo.DEV
    if (
        sites is not None
        and (sites / name / "index.html").is_file()
        and (name != gitinfo.DEV or ref == "main")
    ):
        return sites / name
    commit = gitinfo.git(root, "rev-parse", "--short=12", f"{ref}^{{commit}}")
    if not commit:
        raise RuntimeError(f"« {ref} » n'est ni un tag, ni une branche, ni un commit de ce dépôt.")
    cached = root / SITES_CACHE / commit
    if not (cached / "index.html").is_file():
        log(f"Construction du site de {ref} ({commit}) pour comparer les textes…")
        publish.build_site(root, ref, cached)
    return cached


def between_refs(
    root: Path,
    old: str,
    new: str,
    work: Path,
    *,
    sites: Path | None = None,
    data_only: bool = False,
    log=print,
) -> Report:
    """The report between two git refs (`new` may be WORKTREE): data always, texts unless
    `data_only`."""
    old_data = diffs.export_data(root, old, work / "old")
    new_data = paths.data_dir(root) if new == WORKTREE else diffs.export_data(root, new, work / "new")
    pages = None
    if not data_only:
        pages = textdiff.compare_sites(ref_site(root, old, sites, log), ref_site(root, new, sites, log))
    label = "l'arbre de travail" if new == WORKTREE else new
    return Report(old, label, diffs.compare_data(old_data, new_data), pages)
