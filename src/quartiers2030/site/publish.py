"""Assemble the published site: one folder per version, as CI does it.

    pages/
      index.html        -> redirects to the latest release (or to dev when none exists)
      versions.json     -> every published version, newest release first, then dev
      versions.html     -> the same list for readers, without JavaScript
      latest/index.html -> redirects to the latest release
      404.html, sitemap.xml, robots.txt -> with --base-url (absolute addresses)
      v2024.1/ …        -> one folder per release: built once, never rebuilt, with the
                           whole book as quartiers2030.site.pdf
      dev/ …            -> the main branch, rebuilt at every publication

This is the layout of `mike` (versioned MkDocs sites) for a jupyter-book 1.x site. mike
itself drives MkDocs only, and pydata-sphinx-theme's switcher expects the same
`versions.json` idea but sphinx-book-theme has none, so the assembly is this small module.
Each version is built from `git archive` of its ref with that ref's own code.
"""

from __future__ import annotations

import html
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from quartiers2030.core import fmt
from quartiers2030.site import diffs, gitinfo, pdf

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


def _redirect(target: str) -> str:
    safe = html.escape(target, quote=True)
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        f'<title>Redirection</title><meta http-equiv="refresh" content="0; url={safe}">'
        f'<link rel="canonical" href="{safe}"></head><body>'
        f'<p><a href="{safe}">Aller à la dernière version du site</a></p></body></html>\n'
    )


def _versions_page(versions: list[dict]) -> str:
    items = "".join(
        f'<li><a href="{html.escape(v["version"])}/">{html.escape(v["title"])}</a>'
        + (f" — {html.escape(fmt.short_date(v.get('date', '')))}" if v.get("date") else "")
        + (" (dernière version publiée)" if "latest" in v.get("aliases", []) else "")
        + "</li>"
        for v in versions
    )
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Versions — Quartiers 2030 en données</title></head><body><main>"
        "<h1>Versions du site Quartiers 2030 en données</h1>"
        "<p>Chaque version publiée reste en ligne à son adresse.</p>"
        f"<ul>{items}</ul></main></body></html>\n"
    )


def _not_found_page(base_url: str, target: str) -> str:
    """GitHub Pages serves /404.html for any missing address, at any depth: its links are
    absolute, from the site's base address."""
    home = html.escape(f"{base_url}{target}/book/index.html", quote=True)
    versions = html.escape(f"{base_url}versions.html", quote=True)
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Page introuvable — Quartiers 2030 en données</title></head><body><main>"
        "<h1>Page introuvable</h1>"
        "<p>Cette adresse ne correspond à aucune page du site « Quartiers 2030 en données ». "
        "La page a peut-être changé de place dans une nouvelle version du site : chaque version "
        "publiée reste pourtant en ligne à son adresse.</p><ul>"
        f'<li><a href="{home}">Aller à l\'accueil de la dernière version</a></li>'
        f'<li><a href="{versions}">Voir toutes les versions publiées</a></li>'
        "</ul></main></body></html>\n"
    )


def _sitemap(pages: Path, base_url: str, target: str) -> str:
    """The pages of the latest release, for search engines."""
    version = pages / target
    urls = sorted(
        p.relative_to(pages).as_posix()
        for p in version.rglob("*.html")
        if p.relative_to(version).parts[0] not in ("_static", "donnees")
        and p.relative_to(version).as_posix() not in ("genindex.html", "search.html", "index.html")
    )
    body = "".join(f"<url><loc>{html.escape(base_url + u)}</loc></url>" for u in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>\n'
    )


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
            f"User-agent: *\nAllow: /\nSitemap: {base_url}sitemap.xml\n", encoding="utf-8"
        )
    return versions


def publish(root: Path, pages: Path, ref: str, *, base_url: str = "", log=print) -> str:
    """Build `ref` into `pages/<version>/` unless that release is already published."""
    name = _name(ref)
    target = pages / name
    if name != gitinfo.DEV and target.exists():
        log(f"{name} : déjà publiée, conservée telle quelle (une version n'est jamais reconstruite).")
        versions = json.loads((pages / VERSIONS_FILE).read_text(encoding="utf-8"))
        update_index(pages, next(v for v in versions if v["version"] == name), base_url)
        return "skipped"
    commit = gitinfo.git(root, "rev-parse", "--short=12", f"{ref}^{{commit}}") or ""
    date = gitinfo.git(root, "log", "-1", "--format=%cs", f"{ref}^{{commit}}") or ""
    previous = gitinfo.releases(root, before=name if name != gitinfo.DEV else None)
    previous = [p for p in previous if p != name]
    with tempfile.TemporaryDirectory(prefix="q2030-publish-") as tmp:
        book = _export(root, ref, Path(tmp) / "book")
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
        env.setdefault("Q2030_NODE_MODULES", str(root / "node_modules"))
        if previous:
            env[gitinfo.ENV_PREVIOUS_VERSION] = previous[-1]
            env[gitinfo.ENV_PREVIOUS_DATA] = str(
                diffs.export_data(root, previous[-1], Path(tmp) / "previous")
            )
        log(f"{name} : construction de {ref} ({commit})…")
        proc = subprocess.run(
            [sys.executable, "-m", "quartiers2030", "--root", str(book), "build", "--clean"],
            env=env,
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            log_file = book / "_build" / "build.log"
            detail = (
                log_file.read_text(encoding="utf-8")[-6000:] if log_file.exists() else proc.stdout[-3000:]
            )
            raise RuntimeError(f"La construction de {ref} a échoué :\n{detail}{proc.stderr[-2000:]}")
        log(f"{name} : impression du livre en PDF…")
        pdf.make_pdf(book / "_build" / "html", book)
        staging = pages / f".{name}.new"
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(book / "_build" / "html", staging)
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
    update_index(
        pages,
        {
            "version": name,
            "title": name if name != gitinfo.DEV else "dev (version de travail)",
            "date": date,
            "commit": commit,
        },
        base_url,
    )
    log(f"{name} : publiée dans {target}.")
    return "built"
