"""Command line: `python -m quartiers2030 check|import|build|serve|…`."""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
from pathlib import Path

from quartiers2030.core import paths
from quartiers2030.data import datapackage, validation
from quartiers2030.site import build as build_mod


def _report(root: Path, report) -> int:
    for change in report.normalised:
        print(change)
    for note in report.notes:
        print(note)
    problems = report.problems
    if not problems:
        count = len(datapackage.descriptor(root)["resources"])
        pending = any(not change.written for change in report.normalised)
        print(
            f"Données valides{' une fois remises au format standard' if pending else ''} : "
            f"{count} fichiers conformes à data/datapackage.json."
        )
        return 0
    print(
        f"{len(problems)} problème(s) dans les données ; aucun fichier n'a été modifié :\n", file=sys.stderr
    )
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1


def _github(root: Path, report) -> int:
    """For a pull request: annotations on the CSV's lines, the report as the job summary;
    a file that needs bringing back fails too, until it is itself saved right."""
    import os

    from quartiers2030.data import github

    for problem in report.problems:
        print(github.annotation(root, problem))
    for change in report.normalised:
        print(github.normalisation_annotation(change))
    if target := os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(github.summary(report.problems, report.normalised))
    return 1 if report.problems or report.normalised else 0


def cmd_check(args) -> int:
    """Read only: what is wrong, and what the canonical form would change."""
    root = paths.book_root(Path(args.root))
    report = validation.check(root)
    if args.format == "github":
        annotated = _github(root, report)
        return max(annotated, _report(root, report))
    return _report(root, report)


def cmd_fix(args) -> int:
    """The files Excel saved brought back to the canonical form, once the result is valid."""
    root = paths.book_root(Path(args.root))
    return _report(root, validation.check(root, write=True))


def cmd_import(args) -> int:
    from quartiers2030.data import importer, yearly_import

    root = paths.book_root(Path(args.root))
    try:
        origin = yearly_import.Origin(args.titre, args.producteur, args.date, args.adresse, args.licence)
        done = importer.import_file(root, args.resource, Path(args.fichier), args.sheet, origin)
    except importer.ImportRefused as refused:
        print(f"Import refusé, rien n'a été écrit ({len(refused.problems)} problème(s)) :\n", file=sys.stderr)
        for problem in refused.problems:
            print(problem, file=sys.stderr)
        return 1
    if done.changed:
        print(f"{args.fichier} importé dans {done.target} (validé).")
    else:
        print(f"{done.target} contient déjà ces données : rien n'a changé.")
    return 0


def cmd_build(args) -> int:
    root = paths.book_root(Path(args.root))
    try:
        seconds = build_mod.build(root, clean=args.clean)
    except build_mod.BuildError as error:
        print(f"\nÉCHEC : {error}", file=sys.stderr)
        return 1
    print(f"\nSite construit dans {build_mod.SITE}/ en {seconds:.1f} s.")
    return 0


def cmd_serve(args) -> int:
    root = paths.book_root(Path(args.root))
    site = root / build_mod.SITE
    if not (site / "index.html").exists():
        print("Le site n'est pas construit : lancez d'abord « make site ».", file=sys.stderr)
        return 1
    from quartiers2030.site.server import server as site_server

    try:
        httpd = site_server(site, args.port)
    except OSError as error:  # the port is taken, most often by another preview
        print(
            f"Impossible d'ouvrir le port {args.port} ({error.strerror}) : un autre aperçu tourne "
            f"peut-être déjà. Fermez-le, ou choisissez un autre port : make serve PORT=8001.",
            file=sys.stderr,
        )
        return 1
    with httpd as server:
        print(f"Aperçu : http://127.0.0.1:{args.port}/ (Ctrl+C pour arrêter)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    return 0


def cmd_publish(args) -> int:
    from quartiers2030.site import publish

    root = paths.book_root(Path(args.root))
    pages = Path(args.out).resolve()
    pages.mkdir(parents=True, exist_ok=True)
    try:
        for ref in args.refs:
            publish.publish(root, pages, ref, base_url=args.base_url)
    except (RuntimeError, subprocess.CalledProcessError) as error:
        print(f"\nÉCHEC : {error}", file=sys.stderr)
        return 1
    return 0


def cmd_diff(args) -> int:
    import tempfile

    from quartiers2030.site import changes

    root = paths.book_root(Path(args.root))
    sites = Path(args.sites).resolve() if args.sites else None
    try:
        with tempfile.TemporaryDirectory(prefix="q2030-diff-") as tmp:
            report = changes.between_refs(
                root,
                args.old,
                args.new,
                Path(tmp),
                sites=sites,
                data_only=args.data_only,
                log=lambda said: print(said, file=sys.stderr),
            )
    except (RuntimeError, subprocess.CalledProcessError) as error:
        print(f"\nÉCHEC : {error}", file=sys.stderr)
        return 1
    if args.html:
        Path(args.html).write_text(changes.render_page(report), encoding="utf-8")
        print(f"Différences écrites dans {args.html}")
    else:
        sys.stdout.write(changes.render_text(report))
    return 0


def cmd_pdf(args) -> int:
    from quartiers2030.site import pdf

    root = paths.book_root(Path(args.root))
    site = root / build_mod.SITE
    if not (site / "index.html").exists():
        print("Le site n'est pas construit : lancez d'abord « make site ».", file=sys.stderr)
        return 1
    target = pdf.make_pdf(site, root)
    print(f"PDF écrit dans {target.relative_to(root)}")
    return 0


def _data_commands(sub) -> None:
    c = sub.add_parser("check", help="valider les données (sans rien écrire)")
    c.add_argument(
        "--format",
        choices=["texte", "github"],
        default="texte",
        help="github : annotations et résumé pour GitHub Actions (un fichier à remettre au format échoue)",
    )
    c.set_defaults(func=cmd_check)
    sub.add_parser(
        "fix", help="remettre au format standard les fichiers enregistrés par Excel, une fois valides"
    ).set_defaults(func=cmd_fix)
    i = sub.add_parser(
        "import", help="convertir un classeur .xlsx ou un CSV d'Excel en fichier d'une ressource"
    )
    i.add_argument("resource", help="nom de la ressource dans data/datapackage.json")
    i.add_argument("fichier", help="le fichier .xlsx ou .csv à importer")
    i.add_argument("--sheet", help="feuille du classeur (défaut : la feuille active)")
    # Where a programmation comes from: its entry in data/sources.csv.
    i.add_argument("--titre", help="titre de la source (défaut : Programmation du contrat de ville ANNÉES)")
    i.add_argument("--producteur", help="qui la publie (défaut : la CAB)")
    i.add_argument("--date", help="date ou édition de la source (défaut : ses années)")
    i.add_argument("--adresse", help="adresse web ou chemin du fichier publié (défaut : le nom du fichier)")
    i.add_argument("--licence", help="licence de réutilisation (défaut : non précisée)")
    i.set_defaults(func=cmd_import)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quartiers2030")
    parser.add_argument("--root", default=".", help="dossier du livre (défaut : dossier courant)")
    sub = parser.add_subparsers(dest="command", required=True)
    _data_commands(sub)
    b = sub.add_parser("build", help="construire le site dans _build/html")
    b.add_argument("--clean", action="store_true", help="repartir de zéro")
    b.set_defaults(func=cmd_build)
    s = sub.add_parser("serve", help="prévisualiser le site sur 127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.set_defaults(func=cmd_serve)
    p = sub.add_parser("publish", help="construire des versions (refs git) dans un dossier de publication")
    p.add_argument("--out", required=True, help="dossier de publication (une version par sous-dossier)")
    p.add_argument(
        "--base-url",
        default="",
        help="adresse publique du site, terminée par / (pour 404.html et sitemap.xml)",
    )
    p.add_argument("refs", nargs="+", help="tags de version (v2024.1…) ou branche (main → dev)")
    p.set_defaults(func=cmd_publish)
    sub.add_parser("pdf", help="imprimer le site construit en un PDF (Chromium)").set_defaults(func=cmd_pdf)
    d = sub.add_parser(
        "diff",
        help="comparer deux refs git : le texte de chaque page (mot à mot) et les données (cellule par cellule)",
    )
    d.add_argument("old")
    d.add_argument(
        "new", nargs="?", default="WORKTREE", help="défaut : l'arbre de travail (et son site construit)"
    )
    d.add_argument("--html", help="écrire le résultat en HTML dans ce fichier")
    d.add_argument(
        "--sites",
        help="dossier de publication (make publish) où prendre les sites déjà construits ; "
        "sinon chaque version est construite une fois, dans _build/versions/",
    )
    d.add_argument(
        "--data-only", action="store_true", help="comparer les données seules, sans construire les sites"
    )
    d.set_defaults(func=cmd_diff)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except paths.BookNotFound as missing:
        print(
            f"{missing}\n    → Lancez la commande à la racine du projet (le dossier qui contient data/) ; "
            f"si {paths.DATAPACKAGE} a été supprimé, restaurez-le depuis la dernière version "
            f"(git checkout -- {paths.DATAPACKAGE}).",
            file=sys.stderr,
        )
        return 1
