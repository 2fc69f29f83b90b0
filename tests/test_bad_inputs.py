"""The bad-input suite: files as staff might save them. Each case asserts the exact
problem (file, line, column) or the exact normalisation (the canonical file, byte for
byte)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from hostile import ACT, CHRONO, CLAIMS, ENV, FH, PIL, PRE, PRINTED
from quartiers2030.data import validation
from quartiers2030.data.normalise import _clean_number


def text(root: Path, rel: str) -> str:
    return (root / "data" / rel).read_text(encoding="utf-8")


def replace(root: Path, rel: str, old: str, new: str) -> None:
    content = text(root, rel)
    assert old in content, f"{old!r} absent de {rel}"
    (root / "data" / rel).write_text(content.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, rel: str, needle: str) -> int:
    return next(i for i, item in enumerate(text(root, rel).split("\n"), 1) if needle in item)


# (case, file, edit, needle of the broken line or None, column, words of the message)
REFUSED = [
    (
        "lettres dans un montant",
        ENV,
        ("2016,emploi,287285", "2016,emploi,287285a"),
        "287285a",
        "montant_eur",
        "nombre entier",
    ),
    (
        "montant négatif",
        ENV,
        ("2017,emploi,287884", "2017,emploi,-287884"),
        "-287884",
        "montant_eur",
        "minimum",
    ),
    (
        "décimale dans un entier",
        ENV,
        ("2018,emploi,286432", "2018,emploi,286432.5"),
        "286432.5",
        "montant_eur",
        "nombre entier",
    ),
    (
        "virgule décimale dans un entier",
        FH,
        ("2019,38943,", '2019,"38943,5",'),
        "38943,5",
        "montant_eur",
        "nombre entier",
    ),
    ("pilier inconnu", ACT, ("2017,jeunesse,", "2017,jeunnesse,"), "jeunnesse", "pilier", "piliers.csv"),
    ("PRE inconnu", PRE, ("2016,le_portel_outreau,", "2016,le_portel,"), "2016,le_portel,", "pre", "pre.csv"),
    (
        "clé en double",
        ENV,
        ("2016,jeunesse,", "2015,jeunesse,"),
        "2015,jeunesse,106445",
        None,
        "répète la clé",
    ),
    ("année hors limites", ACT, ("2015,emploi,6,7", "1915,emploi,6,7"), "1915,emploi", "annee", "minimum"),
    ("cellule obligatoire vide", FH, ("2020,45000,", "2020,,"), "2020,,", "montant_eur", "obligatoire"),
    (
        "ligne tronquée",
        ACT,
        ("2016,emploi,5,11,119", "2016,emploi,5,11"),
        "2016,emploi,5,11",
        "ligne_source",
        "moins de cellules",
    ),
    (
        "cellule en trop",
        ACT,
        ("2016,emploi,5,11,119", "2016,emploi,5,11,119,x"),
        "119,x",
        None,
        "plus de cellules",
    ),
    (
        "virgule non protégée dans un texte",
        PIL,
        (
            "Priorités transversales,Priorités transversales,",
            "Priorités, transversales,Priorités transversales,",
        ),
        "Priorités, transversales",
        None,
        "plus de cellules",
    ),
    ("valeur hors liste", PIL, (",transversal,5,", ",autre,5,"), ",autre,5,", "type", "valeurs admises"),
    ("code mal formé", PIL, ("\njeunesse,", "\nJeunesse,"), "Jeunesse,Donner", "code", "format attendu"),
    ("ordre en double", PIL, (",pilier,4,", ",pilier,3,"), ",pilier,3,100", "ordre", "unique"),
    (
        "calcul inconnu",
        CLAIMS,
        ("actions_par_an,actions_par_an,", "actions_par_an,moyenne,"),
        "actions_par_an,moyenne",
        "calcul",
        "valeurs admises",
    ),
    (
        "ligne source non numérique",
        FH,
        ("2021,56815,150", "2021,56815,l.150"),
        "l.150",
        "ligne_source",
        "nombre entier",
    ),
    (
        "nombre d'actions négatif",
        ACT,
        ("2017,emploi,9,10", "2017,emploi,-9,10"),
        "-9,10",
        "nouvelles",
        "minimum",
    ),
    (
        "valeur imprimée négative",
        PRINTED,
        ("T-EVAL-02,total_actions,,2016,62,126", "T-EVAL-02,total_actions,,2016,-62,126"),
        "-62,126",
        "valeur",
        "minimum",
    ),
    ("ligne vide au milieu", FH, ("2019,38943,150\n", "2019,38943,150\n,,\n"), ",,", None, "ligne vide"),
]


@pytest.mark.parametrize("case,rel,edit,needle,column,words", REFUSED, ids=[c[0] for c in REFUSED])
def test_refused_with_file_line_column(root, case, rel, edit, needle, column, words):
    replace(root, rel, *edit)
    expected_line = line_of(root, rel, needle)
    problems = validation.check(root).problems
    assert problems, case
    problem = problems[0]
    assert problem.file == f"data/{rel}"
    assert problem.line == expected_line
    assert problem.column == column
    assert words in str(problem)
    assert "→" in str(problem)  # every problem says how to fix it


def test_missing_column_is_refused_naming_the_header(root):
    content = text(root, FH).replace(",ligne_source", "", 1)
    (root / "data" / FH).write_text(content, encoding="utf-8")
    problem = validation.check(root).problems[0]
    assert (problem.file, problem.line) == (f"data/{FH}", 1)
    assert "annee,montant_eur,ligne_source" in str(problem)


def test_extra_column_is_refused(root):
    lines = text(root, FH).split("\n")
    lines[0] += ",commentaire"
    (root / "data" / FH).write_text("\n".join(lines), encoding="utf-8")
    problem = validation.check(root).problems[0]
    assert (problem.file, problem.line, problem.column) == (f"data/{FH}", 1, "commentaire")


def test_misspelt_header_is_refused(root):
    replace(root, FH, "annee,montant_eur", "année,montant_eur")
    problem = validation.check(root).problems[0]
    assert (problem.file, problem.line, problem.column) == (f"data/{FH}", 1, "année")
    assert "La première ligne doit être exactement" in str(problem)


def test_empty_file_is_refused(root):
    (root / "data" / FH).write_text("", encoding="utf-8")
    problem = validation.check(root).problems[0]
    assert problem.file == f"data/{FH}"
    assert "vide" in str(problem)


def test_missing_file_is_refused(root):
    (root / "data" / FH).unlink()
    problem = validation.check(root).problems[0]
    assert (problem.file, problem.message) == (f"data/{FH}", "fichier absent")


def test_undecodable_file_is_refused(root):
    (root / "data" / FH).write_bytes(b"annee,montant_eur,ligne_source\n2018,\x81\x8d,150\n")
    problem = validation.check(root).problems[0]
    assert problem.file == f"data/{FH}" and "encodage" in problem.message


def test_pre_larger_than_its_pillar_is_refused(root):
    replace(root, PRE, "2019,boulogne_saint_martin,153900", "2019,boulogne_saint_martin,653900")
    [problem] = validation.check(root).problems
    assert (problem.file, problem.line, problem.column) == (
        f"data/{PRE}",
        line_of(root, PRE, "653900"),
        "montant_eur",
    )
    assert "dépasse celui de son pilier" in problem.message


def test_pillar_share_claim_without_pillar_is_refused(root):
    replace(root, CLAIMS, "part_emploi,part_pilier_enveloppe,emploi,", "part_emploi,part_pilier_enveloppe,,")
    [problem] = validation.check(root).problems
    assert (problem.file, problem.line, problem.column) == (f"data/{CLAIMS}", 3, "pilier")


def test_a_code_renamed_in_its_table_is_said_once_per_referring_file(root):
    replace(root, PIL, "\njeunesse,", "\nJeunesse,")
    referring = [
        i for i, row in enumerate(text(root, ACT).split("\n"), 1) if row.split(",")[1:2] == ["jeunesse"]
    ]
    problems = validation.check(root).problems
    in_actions = [p for p in problems if p.file == f"data/{ACT}"]
    [problem] = in_actions
    assert (problem.line, problem.column, problem.value) == (referring[0], "pilier", "jeunesse")
    assert (
        f"{len(referring)} lignes : {', '.join(map(str, referring[:5]))} et {len(referring) - 5} autres"
        in str(problem)
    )
    assert len({p.file for p in problems}) == len(problems) - 1  # piliers.csv: its pattern and its row


def test_a_blank_line_is_said_once_without_the_empty_key_it_repeats(root):
    replace(root, FH, "2019,38943,150\n", "2019,38943,150\n,,\n")
    [problem] = validation.check(root).problems
    assert (problem.file, problem.line, problem.message) == (f"data/{FH}", 4, "ligne vide")


def test_html_in_a_label_is_accepted_as_text(root):
    replace(root, PIL, "Jeunesse,citoyenneté", "<script>alert(1)</script>,citoyenneté")
    assert validation.check(root).problems == []


# --- normalised: the canonical file comes back byte for byte ---------------------------


def excel(content: str, *, sep=";", crlf=True, bom=False, encoding="utf-8") -> bytes:
    text = content.replace(",", sep) if sep != "," else content
    if crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


@pytest.mark.parametrize(
    "label,kwargs,expected_change",
    [
        ("BOM", dict(sep=",", crlf=False, bom=True), "BOM"),
        ("CRLF", dict(sep=",", crlf=True), "CRLF"),
        ("point-virgule", dict(sep=";", crlf=False), "séparateur « ; »"),
        ("Excel UTF-8 complet", dict(sep=";", crlf=True, bom=True), "séparateur « ; »"),
        ("Windows-1252", dict(sep=",", crlf=False, encoding="cp1252"), "Windows-1252"),
        ("Excel Windows-1252 complet", dict(sep=";", crlf=True, encoding="cp1252"), "Windows-1252"),
    ],
)
def test_excel_file_is_normalised_back_to_canonical(root, label, kwargs, expected_change):
    canonical = (root / "data" / PIL).read_bytes()
    (root / "data" / PIL).write_bytes(excel(canonical.decode("utf-8"), **kwargs))
    report = validation.check(root, write=True)
    assert report.problems == []
    assert (root / "data" / PIL).read_bytes() == canonical
    [change] = report.normalised
    assert change.file == f"data/{PIL}" and expected_change in str(change)


def test_amounts_with_spaces_and_euro_sign_are_normalised(root):
    canonical = (root / "data" / FH).read_bytes()
    excel_text = (
        canonical.decode()
        .replace("36412", "36 412 €")
        .replace("38943", "38\u00a0943\u00a0€")
        .replace("45000", "45\u202f000")
    )
    (root / "data" / FH).write_text(excel_text.replace(",", ";"), encoding="utf-8")
    report = validation.check(root, write=True)
    assert report.problems == []
    assert (root / "data" / FH).read_bytes() == canonical
    message = str(report.normalised[0])
    assert "colonne « montant_eur » : espaces des milliers retirées (lignes 2, 3, 4)" in message
    assert "colonne « montant_eur » : signe € retiré (lignes 2, 3)" in message


def test_decimal_comma_in_a_number_column_is_normalised(root):
    canonical = (root / "data" / PRINTED).read_bytes()
    (root / "data" / PRINTED).write_text(
        canonical.decode()
        .replace("14927.80", "14 927,80")
        .replace(",", ";")
        .replace("14 927;80", "14 927,80"),
        encoding="utf-8",
    )
    report = validation.check(root, write=True)
    assert report.problems == []
    assert (root / "data" / PRINTED).read_text() == canonical.decode().replace("14927.80", "14927.8" + "0")


def test_trailing_blank_lines_are_removed(root):
    canonical = (root / "data" / FH).read_bytes()
    (root / "data" / FH).write_bytes(canonical + b"\n\n")
    report = validation.check(root, write=True)
    assert report.problems == [] and (root / "data" / FH).read_bytes() == canonical
    assert "lignes vides de fin de fichier retirées" in str(report.normalised[0])


def test_percent_sign_is_removed_only_in_a_percent_column():
    assert _clean_number("45,6 %", {"type": "number", "unit": "%"}) == (
        "45.6",
        ["signe % retiré", "virgule décimale remplacée par un point"],
    )
    assert _clean_number("45,6 %", {"type": "number", "unit": "EUR"})[0] == "45,6 %"


def test_a_repeated_row_names_its_key_and_the_line_it_repeats(root):
    """A row pasted twice: the key and its value, and where it first appears (line 2)."""
    path = root / "data" / PIL
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join([*lines[:3], lines[1], *lines[3:]]), encoding="utf-8")
    said = [str(p) for p in validation.check(root).problems]
    assert (
        f"data/{PIL}, ligne 4 : cette ligne répète la clé (code = emploi) déjà présente à la ligne 2.\n"
        "    → Supprimez la ligne en double, ou corrigez la clé de l'une des deux lignes." in said
    )
    assert (
        f"data/{PIL}, ligne 4, colonne « code » : cette valeur est déjà dans la colonne, à la ligne 2 ; "
        "chaque valeur doit y être unique (valeur trouvée : « emploi »).\n"
        "    → Supprimez la ligne en double, ou corrigez la valeur de l'une des deux lignes." in said
    )
    assert not [s for s in said if "Error" in s or "Row at position" in s]  # no English left


# --- what Excel adds or moves, put back: the canonical file comes back byte for byte ----


def _saved_as(root: Path, rel: str, change) -> bytes:
    canonical = (root / "data" / rel).read_bytes()
    (root / "data" / rel).write_text(change(canonical.decode("utf-8")), encoding="utf-8")
    return canonical


def _columns_moved(text: str) -> str:
    """The first two columns swapped, header included (a column dragged in Excel)."""
    rows = [line.split(",") for line in text.rstrip("\n").split("\n")]
    return "\n".join(",".join([r[1], r[0], *r[2:]]) for r in rows) + "\n"


@pytest.mark.parametrize(
    "label,rel,change,expected",
    [
        ("colonne vide sans nom", FH, lambda t: t.replace("\n", ",\n"), "sans nom et vide"),
        ("deux colonnes vides sans nom", FH, lambda t: t.replace("\n", ",,\n"), "sans nom et vide"),
        ("colonnes déplacées", ENV, _columns_moved, "« annee », « pilier » avaient changé de place"),
        (
            "dates jj/mm/aaaa",
            CHRONO,
            lambda t: re.sub(r"(\d{4})-(\d{2})-(\d{2})", lambda m: f"{m[3]}/{m[2]}/{m[1]}", t),
            "dates jj/mm/aaaa écrites aaaa-mm-jj",
        ),
        (
            "dates j/m/aaaa",
            CHRONO,
            lambda t: re.sub(r"(\d{4})-0?(\d{1,2})-0?(\d{1,2})", lambda m: f"{m[3]}/{m[2]}/{m[1]}", t),
            "dates jj/mm/aaaa écrites aaaa-mm-jj",
        ),
    ],
)
def test_what_excel_adds_or_moves_is_put_back(root, label, rel, change, expected):
    """Cell for cell (a rewritten file quotes only the cells that need it)."""
    canonical = _saved_as(root, rel, change)
    report = validation.check(root, write=True)
    assert report.problems == []
    rows = list(csv.reader(io.StringIO((root / "data" / rel).read_text(encoding="utf-8"))))
    assert rows == list(csv.reader(io.StringIO(canonical.decode("utf-8"))))
    [done] = report.normalised
    assert expected in str(done), str(done)


def test_a_dated_cell_said_once_for_its_column(root):
    _saved_as(
        root, CHRONO, lambda t: t.replace("2014-02-21,", "21/02/2014,").replace("2014-01-01,", "01/01/2014,")
    )
    [done] = validation.check(root).normalised
    assert [c for c in done.changes if "dates" in c] == [
        "colonne « date » : dates jj/mm/aaaa écrites aaaa-mm-jj (lignes 2, 3)"
    ]
