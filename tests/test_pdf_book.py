"""The PDF's assembly on small printed pieces (no browser): the contents' numbers, the
outline by part and page, the footers laid over every sheet but the cover, the links
between pages made inner links, the metadata."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject

from quartiers2030.site import pdf_book
from quartiers2030.site.pdf_book import Entry, Facts, Printed

ORIGIN = "http://127.0.0.1:4321"
FACTS = Facts("Le livre", "Un contrat.", "v2027.1", "2027-03-01", "abc123")


def sheets(count: int, link: str = "") -> bytes:
    """`count` blank A4 sheets; the first links to `link` when given."""
    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(595, 842)
    if link:
        action = DictionaryObject(
            {NameObject("/S"): NameObject("/URI"), NameObject("/URI"): TextStringObject(link)}
        )
        annot = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (10, 10, 50, 50)]),
                NameObject("/A"): action,
            }
        )
        writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annot)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def printed() -> list[Printed]:
    return [
        Printed(Entry("book/index", 0, ""), "Accueil", sheets(1)),
        Printed(Entry("a/index", 0, "Partie A"), "Chapitre A", sheets(3, f"{ORIGIN}/b/page.html#x")),
        Printed(Entry("a/section", 1, "Partie A"), "Section A", sheets(2, f"{ORIGIN}/donnees/a.csv")),
        Printed(Entry("b/page", 0, "Partie B"), "Page B", sheets(1)),
    ]


def test_contents_number_each_page_after_the_front_sheets(printed):
    rows = pdf_book.contents(printed, front=2)
    assert [(r.title, r.depth, r.number) for r in rows] == [
        ("Accueil", 0, 3),
        ("Partie A", -1, 4),
        ("Chapitre A", 0, 4),
        ("Section A", 1, 7),
        ("Partie B", -1, 9),
        ("Page B", 0, 9),
    ]


def assembled(printed) -> PdfReader:
    writer = pdf_book.assemble(sheets(2), printed, sheets(9), FACTS, ORIGIN)
    out = io.BytesIO()
    writer.write(out)
    return PdfReader(out)


def test_outline_nests_pages_under_their_part_and_chapter(printed):
    reader = assembled(printed)

    def tree(items):
        return [
            tree(i) if isinstance(i, list) else (i.title, reader.get_destination_page_number(i) + 1)
            for i in items
        ]

    assert tree(reader.outline) == [
        ("Sommaire", 2),
        ("Accueil", 3),
        ("Partie A", 4),
        [("Chapitre A", 4), [("Section A", 7)]],
        ("Partie B", 9),
        [("Page B", 9)],
    ]


def test_links_to_pages_go_inside_and_others_lose_the_local_server(printed):
    reader = assembled(printed)
    (to_page,) = reader.pages[3]["/Annots"]
    action = to_page.get_object()["/A"]
    assert action["/S"] == "/GoTo" and reader.get_page_number(action["/D"][0].get_object()) == 8
    (to_file,) = reader.pages[6]["/Annots"]
    assert to_file.get_object()["/A"]["/URI"] == "donnees/a.csv"


def test_footers_on_every_sheet_but_the_cover_and_the_metadata(printed):
    reader = assembled(printed)
    assert len(reader.pages) == 9
    forms = [set(sheet["/Resources"].get("/XObject", {})) for sheet in reader.pages]
    assert forms[0] == set() and all(f"/Q2030Footer{n}" in forms[n] for n in range(1, 9))
    assert reader.metadata.title == "Le livre" and reader.trailer["/Root"]["/Lang"] == "fr"
    assert reader.metadata["/CreationDate"] == "D:20270301"
    assert reader.xmp_metadata.dc_language == ["fr"]


def test_the_cover_date_is_written_in_french():
    assert FACTS.long_date == "1er mars 2027"
    assert Facts("T", "", "dev", "", "").version_label == "dev (version de travail)"


def test_footers_must_match_the_sheets(printed):
    with pytest.raises(RuntimeError, match="pied"):
        pdf_book.assemble(sheets(2), printed, sheets(8), FACTS, ORIGIN)
