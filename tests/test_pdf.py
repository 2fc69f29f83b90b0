"""The PDF of a version reads as a document: a cover, a table of contents whose numbers are
the pages', bookmarks for every part and page of `_toc.yml`, the page number in every
footer, the title and the language in its metadata, links that stay inside the PDF, and
the book's tables in it. The PDF read is the one `make publish` printed for v2027.1 in
test_publish.py's publishing (conftest.py, `published`): the book is printed once a run."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
import yaml

from helpers import REPO, contract_lines, normalise, page
from quartiers2030.site import pdf

pytestmark = pytest.mark.browser

TITLE = "Quartiers 2030 en données"  # _config.yml's title, shown on every page


@pytest.fixture(scope="module")
def site(published) -> Path:
    """The site of v2027.1 as `make publish` published it: the book printed once in the run
    (one amount differs from the shared build, in a table these tests do not read)."""
    return Path(published["out"]) / "v2027.1"


@pytest.fixture(scope="module")
def document(site):
    from pypdf import PdfReader

    return PdfReader(site / pdf.PDF_NAME)


@pytest.fixture(scope="module")
def toc() -> dict:
    """_toc.yml read here: its parts' captions and its pages, in reading order."""
    data = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    docs = [data["root"]]

    def walk(items):
        for item in items or []:
            docs.append(item["file"])
            walk(item.get("sections"))

    for part in data["parts"]:
        walk(part["chapters"])
    return {"captions": [part["caption"] for part in data["parts"]], "docs": docs}


def title_of(site, doc: str) -> str:
    h1 = page(site, f"{doc}.html").select_one("main h1")
    for link in h1.select(".headerlink"):
        link.decompose()
    return normalise(h1.get_text())


def flat_outline(reader, items=None, depth=0) -> list[tuple[int, str, int]]:
    """(depth, title, page number from 1) of every bookmark, in order."""
    found = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            found += flat_outline(reader, item, depth + 1)
        else:
            found.append((depth, normalise(item.title), reader.get_destination_page_number(item) + 1))
    return found


def first_sheets(reader) -> dict[str, int]:
    """The page each bookmark's title first leads to."""
    starts: dict[str, int] = {}
    for _, title, number in flat_outline(reader):
        starts.setdefault(title, number)
    return starts


def squash(value: str) -> str:
    """Without spaces: a title the sheet wraps (« 2015- 2023 ») still compares."""
    return re.sub(r"\s+", "", value)


@functools.cache  # text extraction is slow: each sheet once
def text(reader, number: int) -> str:
    return normalise(reader.pages[number - 1].extract_text())


def test_outline_has_every_part_and_every_page_where_it_starts(document, toc, site):
    outline = flat_outline(document)
    top = [title for depth, title, _ in outline if depth == 0]
    assert [c for c in toc["captions"] if normalise(c) not in top] == []
    starts = []
    for doc in toc["docs"]:
        title = title_of(site, doc)
        found = [number for _, name, number in outline if name == title]
        assert found, f"pas de signet pour {doc} ({title})"
        assert squash(title) in squash(text(document, found[0])), f"le signet de {doc} ne mène pas à sa page"
        starts.append(found[0])
    assert starts == sorted(starts)  # in the order of the book
    assert len(document.pages) >= len(toc["docs"]) + 2  # a cover and a contents more


def test_contents_give_each_page_its_number(document, toc, site):
    outline = first_sheets(document)
    contents = " ".join(text(document, n) for n in range(2, outline[title_of(site, toc["docs"][0])]))
    assert contents.startswith("Sommaire")
    for doc in toc["docs"]:
        title = title_of(site, doc)
        assert f"{title} {outline[title]}" in contents, f"« {title} » absent du sommaire, ou mal numéroté"


def test_cover_gives_the_title_and_the_version(document, site):
    cover = text(document, 1)
    version = page(site, "book/index.html").select_one('meta[name="q2030-version"]')["content"]
    assert cover.startswith(TITLE) and f"Version {version}" in cover
    assert "page 1 sur" not in cover


def test_every_footer_gives_its_page_number_and_the_total(document):
    total = len(document.pages)
    for number in (2, total // 2, total):
        assert re.search(rf"page {number} sur {total}$", text(document, number)), number


def test_metadata_give_the_title_and_the_language(document):
    assert document.metadata.title == TITLE
    assert document.trailer["/Root"]["/Lang"] == "fr"
    xmp = document.xmp_metadata
    assert xmp.dc_title == {"x-default": TITLE} and xmp.dc_language == ["fr"]


def test_links_stay_in_the_pdf_and_name_no_local_server(document):
    inner = 0
    for sheet in document.pages:
        for annot in sheet.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
            assert "127.0.0.1" not in str(action.get("/URI", ""))
            inner += action.get("/S") == "/GoTo"
    assert inner >= 36  # at least the contents' rows


def test_the_envelope_table_is_printed_with_the_contract_totals(document, site):
    """The TOTAL row of the contract's table « Répartition de l'enveloppe politique de la
    ville État par piliers et par années », each amount found on that page's sheets."""
    lines = contract_lines()
    heading = lines.index(
        "### Répartition de l'enveloppe politique de la ville État par piliers et par années"
    )
    total = next(line for line in lines[heading:] if line.startswith("TOTAL\t"))
    amounts = [normalise(cell) for cell in total.split("\t")[1:] if cell.strip()]
    assert len(amounts) == 9
    starts = first_sheets(document)
    first = starts[title_of(site, "notebooks/evaluation/enveloppe")]
    after = starts[title_of(site, "notebooks/evaluation/actions")]  # the next page of the book
    printed = " ".join(text(document, n) for n in range(first, after))
    assert [a for a in amounts if a not in printed] == []
