"""A staff file is never rewritten before it validates (issue 15, item 3): `check` only
reads and says what the canonical form would change; `fix` (and the build) write it once
the whole package is valid, the original kept in `_sauvegardes/`, outside `data/`."""

from __future__ import annotations

from pathlib import Path

from helpers import REPO, normalise
from quartiers2030 import cli
from quartiers2030.data import validation

FH = "evaluation/egalite_fh_montants.csv"
PIL = "evaluation/piliers.csv"


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _as_excel(root: Path, rel: str) -> tuple[bytes, bytes]:
    """The file as French Excel saves it (`;`, CRLF): (canonical bytes, Excel's bytes)."""
    path = root / "data" / rel
    canonical = path.read_bytes()
    saved = canonical.decode("utf-8").replace(",", ";").replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(saved)
    return canonical, saved


def test_check_only_reads_and_says_what_fix_would_change(root, capsys):
    _, saved = _as_excel(root, FH)
    before = _tree(root)
    assert cli.main(["--root", str(root), "check"]) == 0
    assert _tree(root) == before
    out = normalise(capsys.readouterr().out)
    assert (
        f"data/{FH} : à remettre au format standard ; rien n'a été écrit. « make fix » (ou « make site ») "
        "le fera une fois les données valides, en conservant l'original." in out
    )
    assert "séparateur « ; » remplacé par « , »" in out
    assert "Données valides une fois remises au format standard" in out
    assert (root / "data" / FH).read_bytes() == saved


def test_fix_writes_the_canonical_file_and_keeps_the_original_outside_data(root, capsys):
    canonical, saved = _as_excel(root, FH)
    others = {k: v for k, v in _tree(root / "data").items() if k != FH}
    assert cli.main(["--root", str(root), "fix"]) == 0
    assert (root / "data" / FH).read_bytes() == canonical
    assert {k: v for k, v in _tree(root / "data").items() if k != FH} == others
    [kept] = (root / "_sauvegardes").glob(f"*/data/{FH}")
    assert kept.read_bytes() == saved
    folder = kept.relative_to(root).as_posix()
    assert f"data/{FH} : mis au format standard (l'original est conservé dans {folder})." in normalise(
        capsys.readouterr().out
    )


def test_a_file_still_invalid_is_not_converted(root, capsys):
    """A `;` file with a wrong amount: converting it would make a file French Excel no
    longer opens in columns, and the amount would still be wrong."""
    _, saved = _as_excel(root, FH)
    path = root / "data" / FH
    path.write_bytes(saved.replace(b"2019;38943", b"2019;38943 euros"))
    before = _tree(root)
    assert cli.main(["--root", str(root), "fix"]) == 1
    assert _tree(root) == before  # neither the file nor a backup
    err = normalise(capsys.readouterr().err)
    assert "problème(s) dans les données ; aucun fichier n'a été modifié" in err
    assert f"data/{FH}, ligne 3, colonne « montant_eur »" in err


def test_no_file_is_converted_while_another_is_invalid(root):
    _, saved = _as_excel(root, PIL)
    path = root / "data" / FH
    path.write_text(path.read_text(encoding="utf-8").replace("2019,38943,", "2019,trente,"), encoding="utf-8")
    report = validation.check(root, write=True)
    assert report.problems and report.problems[0].file == f"data/{FH}"
    assert (root / "data" / PIL).read_bytes() == saved
    assert not (root / "_sauvegardes").exists()
    assert [c.written for c in report.normalised] == [False]


def test_two_fixes_keep_both_originals(root):
    _as_excel(root, FH)
    validation.check(root, write=True)
    _as_excel(root, PIL)
    validation.check(root, write=True)
    assert len(list((root / "_sauvegardes").glob("*/data/evaluation/*.csv"))) == 2


def test_the_staff_page_shows_what_check_says(root, capsys):
    """« Mettre à jour les données » quotes the check's answer for amounts saved by Excel."""
    path = root / "data" / FH
    excel = (
        path.read_text(encoding="utf-8")
        .replace("36412", "36 412 €")
        .replace("38943", "38\u00a0943\u00a0€")
        .replace("45000", "45\u202f000")
        .replace(",", ";")
    )
    path.write_text(excel, encoding="utf-8")
    assert cli.main(["--root", str(root), "check"]) == 0
    said = capsys.readouterr().out
    page = (REPO / "book" / "mettre-a-jour.md").read_text(encoding="utf-8")
    quoted = page.split("```text\n", 1)[1].split("```", 1)[0]
    assert quoted.strip() and quoted in said
