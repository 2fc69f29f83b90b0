"""What went wrong in a failed build, said in French from jupyter-book's log: the page
whose calculation failed and the error it raised, the warnings of Sphinx at their file
and line. The English tracebacks stay in `_build/build.log`, for developers.

The package's own errors are written in French (a missing source of a page, an input a
page did not declare…): they are repeated as they are. Any other error is named, with
where the whole traceback is."""

from __future__ import annotations

import re
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;]*m")
FAILED_NOTEBOOK = re.compile(r"(?<!\w)ExecutionError: (\S+)")
CELL_ERROR = "CellExecutionError: An error occurred while executing the following cell:"
# The last line of a cell's traceback: « RuntimeError: panne », « KeyError: '…' ».
RAISED = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt)): ?(.*)$")
FRENCH = re.compile(r"[«àâçéèêîôûù]")  # the package's own messages are in French
WARNING = re.compile(r"^(\S+?):(\d+)?:? WARNING: (.*?)(?: \[[\w.-]+\])?$")
# Sphinx's warnings that staff's edits cause, in French, with what to do.
WARNING_WORDS = (
    (re.compile(r"undefined label: '?([^']+)'?"), "la référence « {} » ne mène à aucune ancre du site",
     "Vérifiez le nom de l'ancre visée (la ligne « (nom)= » au-dessus d'un titre)."),
    (re.compile(r"unknown document: '?([^']+)'?"), "le lien vers la page « {} » ne mène à aucune page",
     "Vérifiez le chemin de la page, ou retirez le lien."),
    (re.compile(r"toctree contains reference to nonexisting document '?([^']+)'?"),
     "le sommaire (_toc.yml) cite la page « {} », qui n'existe pas", "Retirez-la de _toc.yml ou rétablissez son fichier."),
    (re.compile(r"document isn't included in any toctree"), "cette page n'est dans aucun sommaire",
     "Ajoutez-la à _toc.yml, ou supprimez le fichier."),
)  # fmt: skip


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path


def _raised(block: str) -> tuple[str, str] | None:
    """The error a cell raised: the last « Kind: text » line of its traceback."""
    found = None
    for line in block.splitlines():
        match = RAISED.match(line.strip())
        if match:
            found = (match[1].rsplit(".", 1)[-1], match[2])
    return found


def _cell_failures(text: str, root: Path) -> list[str]:
    said = []
    pages = [m[1] for m in FAILED_NOTEBOOK.finditer(text)]
    blocks = text.split(CELL_ERROR)[1:]
    for page, block in zip(dict.fromkeys(pages), blocks, strict=False):
        block = block.split("\nTraceback (most recent call last):", 1)[0]
        raised = _raised(block)
        name = _relative(page, root)
        if raised is None:
            said.append(f"{name} : le calcul de la page a échoué (voir _build/build.log).")
        elif FRENCH.search(raised[1]):
            said.append(f"{name} : le calcul de la page a échoué à cause des données.\n    {raised[1]}")
        else:
            said.append(
                f"{name} : le calcul de la page a échoué ({raised[0]} : {raised[1]}). Ce n'est pas un "
                "problème de données reconnu : transmettez _build/build.log à l'équipe technique."
            )
    return said


def _warnings(text: str, root: Path) -> list[str]:
    said = []
    for line in text.splitlines():
        match = WARNING.match(line.strip())
        if not match:
            continue
        where = _relative(match[1], root) + (f", ligne {match[2]}" if match[2] else "")
        for pattern, words, fix in WARNING_WORDS:
            found = pattern.search(match[3])
            if found:
                said.append(f"{where} : {words.format(found[1]) if found.groups() else words}.\n    → {fix}")
                break
        else:
            said.append(f"{where} : avertissement de Sphinx (« {match[3]} »).")
    return list(dict.fromkeys(said))


def explain(log: str, root: Path) -> list[str]:
    """Each failure of the build, in French, in the order of the log."""
    text = ANSI.sub("", log)
    return _cell_failures(text, root) + _warnings(text, root)
