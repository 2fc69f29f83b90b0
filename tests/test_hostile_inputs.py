"""Every hostile input of `hostile.CHECK_STAGE` refused by `make check` and `make site` with
exit code 1 and its French message, nothing written, the previous site kept."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pytest

from hostile import CHECK_STAGE
from quartiers2030 import cli
from quartiers2030.site import build

PREVIOUS_SITE = "<!DOCTYPE html><html lang=fr><title>Le site publié hier</title></html>\n"


def _files(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _run(root: Path, capsys, *command: str) -> tuple[int, str]:
    code = cli.main(["--root", str(root), *command])
    said = capsys.readouterr()
    return code, said.out + said.err


@pytest.fixture
def book(root: Path, monkeypatch) -> Path:
    """A copy of the data with a site already published from it."""
    site = root / build.SITE
    site.mkdir(parents=True)
    (site / "index.html").write_text(PREVIOUS_SITE, encoding="utf-8")

    def no_jupyter_book(*args, **kwargs):
        raise AssertionError("la vérification aurait dû refuser les données avant jupyter-book")

    monkeypatch.setattr(build, "run_jupyter_book", no_jupyter_book)
    return root


def test_the_catalogue_has_at_least_sixty_distinct_cases():
    assert len(CHECK_STAGE) >= 60
    assert len({case for case, _, _ in CHECK_STAGE}) == len(CHECK_STAGE)


@pytest.mark.parametrize("case,edit,words", CHECK_STAGE, ids=[c[0] for c in CHECK_STAGE])
def test_a_hostile_input_is_refused_in_french_and_changes_nothing(book, capsys, case, edit, words):
    edit(book)
    before = _files(book)
    for command in (["check"], ["build"], ["fix"]):
        code, said = _run(book, capsys, *command)
        assert code == 1, f"{case} : « {' '.join(command)} » a accepté les données\n{said}"
        assert words in said, f"{case} : « {words} » absent du message\n{said}"
        assert "Traceback" not in said and "Error:" not in said, said
        assert "→" in said, f"{case} : le message ne dit pas quoi faire\n{said}"
        assert _files(book) == before, f"{case} : « {' '.join(command)} » a écrit un fichier"
    assert (book / build.SITE / "index.html").read_text(encoding="utf-8") == PREVIOUS_SITE
    assert not (book / "_sauvegardes").exists()


def test_the_staff_page_shows_the_message_an_unknown_value_gets(root):
    """« Mettre à jour les données » quotes the check's message for « NC »: the same text."""
    from helpers import REPO
    from quartiers2030.data import validation

    page = (REPO / "book" / "mettre-a-jour.md").read_text(encoding="utf-8")
    quoted = page.split("**Une valeur inconnue.**", 1)[1].split("```text\n", 1)[1].split("\n```", 1)[0]
    path = root / "data/geographie/indicateurs.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    cells = next(csv.reader([lines[25]]))
    cells[12] = "NC"  # reference_valeur, line 26
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(cells)
    lines[25] = buffer.getvalue()
    path.write_text("\n".join(lines), encoding="utf-8")
    [problem] = validation.check(root).problems
    assert str(problem) == quoted
