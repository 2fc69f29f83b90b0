"""Assemble the published site: one folder per version, as CI does it.

    pages/
      index.html        -> redirects to the latest release (or to dev when none exists)
      versions.json     -> every published version, newest release first, then dev
      versions.html     -> the same list for readers, without JavaScript
      latest/index.html -> redirects to the latest release
      404.html, sitemap.xml, robots.txt -> with --base-url (absolute addresses)
      v2024.1/ …        -> one folder per release: built once, never rebuilt, with the
                           whole book as quartiers2030.pdf
      dev/ …            -> the main branch, rebuilt at every publication

This is the layout of `mike` (versioned MkDocs sites) for a jupyter-book 1.x site. mike
itself drives MkDocs only, and pydata-sphinx-theme's switcher expects the same
`versions.json` idea but sphinx-book-theme has none, so the assembly is this small module.
Each version is built from `git archive` of its ref with that ref's own code.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from urllib.parse import urlparse

from quartiers2030.core import fmt
from quartiers2030.core.figures import DOWNLOAD_FOLDER
from quartiers2030.core.templates import render
from quartiers2030.site import diffs, gitinfo, pdf
from quartiers2030.site.ext import accessibility
from quartiers2030.site.ext.addresses import PUBLIC_URL_ENV
from quartiers2030.site.ext.assets import NODE_MODULES_ENV
from quartiers2030.site.ext.config import SiteConfig

VERSIONS_FILE = "versions.json"


def _export(root: Path, ref: str, target: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(root), "archive", "--format=tar", ref], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def _name(ref: str) -> str:
    return ref if gitinfo.RELEASE_TAG.match(ref) else gitinfo.DEV


def _page(template: str, **context) -> str:
    return str(render(template, **context)) + "\n"


def _redirect(target: str) -> str:
    return _page(
        "site/redirect.html",
        target=target,
        title="Redirection",
        label="Aller à la dernière version du site",
        canonical=target,
    )


def _versions_page(versions: list[dict]) -> str:
    items = [
        {
            "version": v["version"],
            "title": v["title"],
            "date": fmt.short_date(v.get("date", "")) if v.get("date") else "",
            "latest": "latest" in v.get("aliases", []),
        }
        for v in versions
    ]
    return _page("site/versions.html", versions=items)


def _not_found_page(base_url: str, target: str) -> str:
    """GitHub Pages serves /404.html for any missing address, at any depth: its links are
    absolute, from the site's base address."""
    return _page(
        "site/not_found.html", home=f"{base_url}{target}/book/index.html", versions=f"{base_url}versions.html"
    )


def _sitemap(pages: Path, base_url: str, target: str) -> str:
    """The pages of the latest release, for search engines."""
    version = pages / target
    furniture = SiteConfig()  # the extension's defaults: Sphinx's own pages and folders
    folders = {*furniture.kept_folders, DOWNLOAD_FOLDER}
    urls = sorted(
        p.relative_to(pages).as_posix()
        for p in version.rglob("*.html")
        if p.relative_to(version).parts[0] not in folders
        and p.relative_to(version).as_posix() not in furniture.generated_pages
    )
    return _page("site/sitemap.xml", urls=[base_url + u for u in urls])


def update_index(pages: Path, entry: dict, base_url: str = "") -> list[dict]:
    """Add or replace `entry` in versions.json; recompute the `latest` alias."""
    path = pages / VERSIONS_FILE
    versions = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    versions = [v for v in versions if v["version"] != entry["version"]] + [entry]
    releases = sorted(
        (v for v in versions if gitinfo.RELEASE_TAG.match(v["version"])),
        key=lambda v: gitinfo.release_key(v["version"]),
        reverse=True,
    )
    others = [v for v in versions if not gitinfo.RELEASE_TAG.match(v["version"])]
    for v in releases + others:
        v["aliases"] = []
    if releases:
        releases[0]["aliases"] = ["latest"]
    versions = releases + others
    path.write_text(json.dumps(versions, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    target = releases[0]["version"] if releases else gitinfo.DEV
    (pages / "index.html").write_text(_redirect(f"{target}/"), encoding="utf-8")
    (pages / "latest").mkdir(exist_ok=True)
    (pages / "latest" / "index.html").write_text(_redirect(f"../{target}/"), encoding="utf-8")
    (pages / "versions.html").write_text(_versions_page(versions), encoding="utf-8")
    if base_url:
        (pages / "404.html").write_text(_not_found_page(base_url, target), encoding="utf-8")
        (pages / "sitemap.xml").write_text(_sitemap(pages, base_url, target), encoding="utf-8")
        (pages / "robots.txt").write_text(
            # pr-N/: previews of pull requests (workflow Aperçu), gone once the request closes.
            f"User-agent: *\nAllow: /\nDisallow: {urlparse(base_url).path or '/'}pr-\nSitemap: {base_url}sitemap.xml\n",
            encoding="utf-8",
        )
    return versions


def _build_env(
    root: Path, book: Path, name: str, commit: str, date: str, work: Path, pages: Path | None = None
) -> dict:
    """The environment of the build of one version: its facts, its own code, the front-end
    assets of this checkout, and the data of the release it is compared with (and its
    published site, when `pages` holds it: the changes page compares their texts)."""
    env = dict(
        os.environ,
        **{
            gitinfo.ENV_VERSION: name,
            gitinfo.ENV_COMMIT: commit,
            gitinfo.ENV_DATE: date,
            gitinfo.ENV_PUBLISHED: "1",
        },
    )
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(book / "src"), env.get("PYTHONPATH")]))
    # The export has no node_modules: the front-end assets of this checkout serve.
    env.setdefault(NODE_MODULES_ENV, str(root / "node_modules"))
    previous = [p for p in gitinfo.releases(root, before=name if name != gitinfo.DEV else None) if p != name]
    if previous:
        env[gitinfo.ENV_PREVIOUS_VERSION] = previous[-1]
        env[gitinfo.ENV_PREVIOUS_DATA] = str(diffs.export_data(root, previous[-1], work / "previous"))
        if pages is not None and (pages / previous[-1] / "index.html").is_file():
            env[gitinfo.ENV_PREVIOUS_SITE] = str(pages / previous[-1])
    return env


def _build_version(book: Path, ref: str, env: dict) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "quartiers2030", "--root", str(book), "build", "--clean"],
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        log_file = book / "_build" / "build.log"
        detail = log_file.read_text(encoding="utf-8")[-6000:] if log_file.exists() else proc.stdout[-3000:]
        raise RuntimeError(f"La construction de {ref} a échoué :\n{detail}{proc.stderr[-2000:]}")


def _swap_into(built: Path, target: Path) -> None:
    """Replace `target` by a copy of `built`, never leaving it half-written."""
    staging = target.with_name(f".{target.name}.new")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(built, staging)
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)


def build_site(root: Path, ref: str, target: Path) -> Path:
    """The site of `ref` alone (no PDF, no comparison with another version) into `target`,
    as `publish` builds it: for `diff`, which compares the texts of two refs."""
    name = _name(ref)
    commit = gitinfo.git(root, "rev-parse", "--short=12", f"{ref}^{{commit}}") or ""
    date = gitinfo.git(root, "log", "-1", "--format=%cs", f"{ref}^{{commit}}") or ""
    with tempfile.TemporaryDirectory(prefix="q2030-site-") as tmp:
        book = _export(root, ref, Path(tmp) / "book")
        env = _build_env(root, book, name, commit, date, Path(tmp))
        for key in (gitinfo.ENV_PREVIOUS_VERSION, gitinfo.ENV_PREVIOUS_DATA, gitinfo.ENV_PREVIOUS_SITE):
            env.pop(key, None)
        _build_version(book, ref, env)
        _swap_into(book / "_build" / "html", target)
    return target


def publish(root: Path, pages: Path, ref: str, *, base_url: str = "", log=print) -> str:
    """Build `ref` into `pages/VERSION/` unless that release is already published."""
    name = _name(ref)
    target = pages / name
    if name != gitinfo.DEV and target.exists():
        log(f"{name} : déjà publiée, conservée telle quelle (une version n'est jamais reconstruite).")
        versions = json.loads((pages / VERSIONS_FILE).read_text(encoding="utf-8"))
        update_index(pages, next(v for v in versions if v["version"] == name), base_url)
        return "skipped"
    commit = gitinfo.git(root, "rev-parse", "--short=12", f"{ref}^{{commit}}") or ""
    date = gitinfo.git(root, "log", "-1", "--format=%cs", f"{ref}^{{commit}}") or ""
    with tempfile.TemporaryDirectory(prefix="q2030-publish-") as tmp:
        book = _export(root, ref, Path(tmp) / "book")
        warning = accessibility.missing_contact(book)
        if warning:
            log(f"{name} : {warning}")
        env = _build_env(root, book, name, commit, date, Path(tmp), pages)
        if base_url:  # every page's canonical address, in latest/ (site/ext/addresses.py)
            env[PUBLIC_URL_ENV] = base_url
        log(f"{name} : construction de {ref} ({commit})…")
        _build_version(book, ref, env)
        log(f"{name} : impression du livre en PDF…")
        pdf.make_pdf(book / "_build" / "html", book)
        _swap_into(book / "_build" / "html", target)
    title = name if name != gitinfo.DEV else "dev (version de travail)"
    update_index(pages, {"version": name, "title": title, "date": date, "commit": commit}, base_url)
    log(f"{name} : publiée dans {target}.")
    return "built"
