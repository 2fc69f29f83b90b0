"""The printed pages made one document (pypdf): the order of `_toc.yml`, the table of
contents' rows and page numbers, the outline (bookmarks: every part, every page and its
headings), the footers laid over the pages, the links between pages turned into links
inside the PDF, and the metadata (title, `/Lang fr`, XMP).

Nothing here reads the clock: the dates are the build's (from git, see site/gitinfo.py),
and Chromium's own dates and producer stay in the printed pieces, which pypdf does not copy.
"""

from __future__ import annotations

import datetime
import functools
import io
import posixpath
from dataclasses import dataclass
from pathlib import Path

import yaml
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    Fit,
    NameObject,
    NullObject,
    StreamObject,
    TextStringObject,
)
from pypdf.xmp import XmpInformation

from quartiers2030.core import fmt

DEV_LABEL = "dev (version de travail)"


@dataclass(frozen=True)
class Entry:
    """A page of `_toc.yml`: its document, its depth (0 for a chapter or the root page,
    1 for its sections…) and the caption of its part ("" for the root page)."""

    doc: str
    depth: int
    part: str


def toc_entries(root: Path) -> list[Entry]:
    """The pages of `_toc.yml`, in reading order."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    entries = [Entry(toc["root"], 0, "")]

    def walk(items, depth: int, part: str) -> None:
        for item in items or []:
            if "file" in item:
                entries.append(Entry(item["file"], depth, part))
            walk(item.get("sections"), depth + 1, part)
            walk(item.get("chapters"), depth, part)

    for part in toc.get("parts") or []:
        walk(part.get("chapters"), 0, part.get("caption", ""))
    walk(toc.get("chapters"), 0, "")
    return entries


@dataclass(frozen=True)
class Facts:
    """What the cover and the metadata say: read from the built home page (its title,
    description and version facts), so that the PDF says what the site it prints says."""

    title: str
    description: str
    version: str
    date: str  # ISO 8601, "" when unknown
    commit: str

    @property
    def version_label(self) -> str:
        return DEV_LABEL if self.version == "dev" else self.version

    @property
    def long_date(self) -> str:
        day = _iso_date(self.date)
        return fmt.date_text(day) if day else ""  # « 1er mars 2027 »


def _iso_date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Printed:
    """One page of the book as Chromium printed it."""

    entry: Entry
    title: str
    data: bytes

    @functools.cached_property
    def reader(self) -> PdfReader:
        return PdfReader(io.BytesIO(self.data))


def sheet_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def starts(printed: list[Printed], front: int) -> dict[str, int]:
    """The first sheet (0-based) of each page of the book, after `front` sheets."""
    first, at = {}, front
    for page in printed:
        first[page.entry.doc] = at
        at += len(page.reader.pages)
    return first


@dataclass(frozen=True)
class Row:
    """A row of the table of contents: a part's caption (`depth` -1) or a page."""

    title: str
    depth: int
    number: int  # the printed page number (the first sheet is 1)
    doc: str


def contents(printed: list[Printed], front: int) -> list[Row]:
    first = starts(printed, front)
    rows, part = [], ""
    for page in printed:
        if page.entry.part and page.entry.part != part:
            part = page.entry.part
            rows.append(Row(part, -1, first[page.entry.doc] + 1, page.entry.doc))
        rows.append(Row(page.title, page.entry.depth, first[page.entry.doc] + 1, page.entry.doc))
    return rows


def assemble(front: bytes, printed: list[Printed], footers: bytes, facts: Facts, origin: str) -> PdfWriter:
    """The document: `front` (cover and contents), then the pages, every sheet but the
    cover under its footer, with its outline, its inner links and its metadata."""
    writer = PdfWriter()
    writer.append(io.BytesIO(front), import_outline=False)
    front_sheets = len(writer.pages)
    for page in printed:
        start = len(writer.pages)
        writer.append(page.reader, import_outline=False)
        anchors(writer, page.reader, start)
    names = writer.root_object.get("/Names", DictionaryObject()).get_object()
    if "/Dests" in names:  # each used one is resolved; the rest clash
        del names["/Dests"]
    lay_footers(writer, PdfReader(io.BytesIO(footers)))
    first = starts(printed, front_sheets)
    outline(writer, printed, first)
    inner_links(writer, origin, first)
    metadata(writer, facts)
    # Chromium embeds the image of a hatched bar's pattern once per bar: one copy is kept.
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    return writer


def anchors(writer: PdfWriter, reader: PdfReader, start: int) -> None:
    """Links to a place of the same page of the book (its contents, a note) name one of its
    destinations, and every page has some of the same names (`contenu`, `source`): each
    is resolved here, where it is known which page it belongs to, into the sheet and the
    place it leads to."""
    places = reader.named_destinations
    for sheet in writer.pages[start:]:
        for ref in sheet.get("/Annots") or []:
            annot = ref.get_object()
            name = annot.get("/Dest")
            if not isinstance(name, str) or name not in places:
                continue
            place = places[name]
            target = writer.pages[start + reader.get_destination_page_number(place)]
            annot[NameObject("/Dest")] = ArrayObject(
                [
                    target.indirect_reference,
                    NameObject("/XYZ"),
                    *(_or_null(place.get(k)) for k in ("/Left", "/Top")),
                    NullObject(),
                ]
            )


def _or_null(value):
    return NullObject() if value is None else value


def lay_footers(writer: PdfWriter, footers: PdfReader) -> None:
    """Each footer sheet, made a form, drawn over the sheet of the same number (not the
    cover), after the sheet's own content, which is left as it is (so not parsed again)."""
    if len(footers.pages) != len(writer.pages):
        raise RuntimeError(
            f"PDF : {len(footers.pages)} pied(s) de page imprimé(s) pour {len(writer.pages)} pages."
        )
    for number, (sheet, footer) in enumerate(zip(writer.pages, footers.pages)):
        if number == 0:
            continue
        name = NameObject(f"/Q2030Footer{number}")
        drawn = footer.get_contents()
        form = _stream(drawn.get_data() if drawn is not None else b"")
        form.update(
            {
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): ArrayObject(footer.mediabox),
                NameObject("/Resources"): footer.get("/Resources", DictionaryObject()).clone(writer),
            }
        )
        if "/Resources" not in sheet:
            sheet[NameObject("/Resources")] = DictionaryObject()
        resources = sheet["/Resources"].get_object()
        if "/XObject" not in resources:
            resources[NameObject("/XObject")] = DictionaryObject()
        resources["/XObject"].get_object()[name] = writer._add_object(form)
        contents = sheet.raw_get("/Contents") if "/Contents" in sheet else ArrayObject()
        own = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents]
        before = writer._add_object(_stream(b"q\n"))
        after = writer._add_object(_stream(f"Q q {name} Do Q\n".encode()))
        sheet[NameObject("/Contents")] = ArrayObject([before, *own, after])


def _stream(data: bytes) -> StreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream.flate_encode()


def outline(writer: PdfWriter, printed: list[Printed], first: dict[str, int]) -> None:
    """Bookmarks: the contents, each part (at its first page), each page under its part
    or its chapter, and under each page its own headings as Chromium outlined them."""
    writer.add_outline_item(title="Sommaire", page_number=1)
    part, part_item, chain = None, None, []
    for page in printed:
        entry = page.entry
        if entry.part != part:
            part, chain = entry.part, []
            part_item = writer.add_outline_item(title=part, page_number=first[entry.doc]) if part else None
        del chain[entry.depth :]
        parent = chain[-1] if chain else part_item
        item = writer.add_outline_item(
            title=page.title, page_number=first[entry.doc], parent=parent, is_open=False
        )
        chain.append(item)
        reader = page.reader
        _headings(writer, reader, _below_title(reader.outline), first[entry.doc], item)


def _below_title(items: list) -> list:
    """Chromium outlines a page as its title (h1) holding its headings: the page's own
    item stands for the title, so only what is under it is kept."""
    if items and not isinstance(items[0], list) and len(items) <= 2:
        return items[1] if len(items) == 2 and isinstance(items[1], list) else []
    return items


def _headings(writer: PdfWriter, reader: PdfReader, items: list, offset: int, parent) -> None:
    last = parent
    for item in items:
        if isinstance(item, list):
            _headings(writer, reader, item, offset, last)
            continue
        number = offset + reader.get_destination_page_number(item)
        fit = Fit.xyz(item.get("/Left"), item.get("/Top"), None)
        last = writer.add_outline_item(
            title=item.title, page_number=number, parent=parent, fit=fit, is_open=False
        )


def inner_links(writer: PdfWriter, origin: str, first: dict[str, int]) -> None:
    """Links to a page of the book go to its first sheet; links to other files of the
    site (data, downloads) become addresses relative to the PDF, which sits at the site's
    root; the local server's address (its port changes at every print) is left nowhere."""
    prefix = origin.rstrip("/") + "/"
    for sheet in writer.pages:
        for ref in sheet.get("/Annots") or []:
            annot = ref.get_object()
            action = annot.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if not uri.startswith(prefix):
                continue
            path = uri[len(prefix) :]
            doc = posixpath.normpath(path.split("#")[0]).removesuffix(".html")
            if doc in first:
                target = writer.pages[first[doc]].indirect_reference
                annot[NameObject("/A")] = DictionaryObject(
                    {
                        NameObject("/S"): NameObject("/GoTo"),
                        NameObject("/D"): ArrayObject([target, NameObject("/Fit")]),
                    }
                )
            else:
                action[NameObject("/URI")] = TextStringObject(path)


def metadata(writer: PdfWriter, facts: Facts) -> None:
    """Title and subject in the information dictionary and in XMP, the language (`fr`)
    in the catalogue; the viewer shows the title and opens the outline."""
    subject = f"{facts.description} Version {facts.version_label}" + (
        f" du {facts.long_date}." if facts.long_date else "."
    )
    info = {"/Title": facts.title, "/Subject": subject, "/Producer": "pypdf"}
    if _iso_date(facts.date):
        info["/CreationDate"] = info["/ModDate"] = "D:" + facts.date.replace("-", "")
    writer.add_metadata(info)
    root = writer.root_object
    root[NameObject("/Lang")] = TextStringObject("fr")
    root[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)}
    )
    writer.page_mode = "/UseOutlines"
    xmp = XmpInformation.create()
    xmp.dc_title = {"x-default": facts.title}
    xmp.dc_description = {"x-default": subject}
    xmp.dc_language = ["fr"]
    xmp.pdf_producer = "pypdf"
    writer.xmp_metadata = xmp
