"""What changed in the text of each page between two built versions, word by word.

The text of a page is its main text (`maintext.site_texts`: the article without the site's
furniture, one block a line). The comparison is `difflib`'s, Python's own diff library
(the SequenceMatcher of `difflib.unified_diff`, without its junk heuristic, so that a word
repeated on a page is never skipped): first the blocks of the page, then the words within
each changed block. A French number keeps its digit groups together (« 38 943 » is one
word), so a changed amount reads as one removal and one addition.

The page that shows the comparison is left out: its content differs by construction.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from quartiers2030.site.maintext import site_texts

SAME, ADDED, REMOVED = "same", "added", "removed"
# A block of a page: modified (some words), added or removed whole.
MODIFIED, NEW, GONE = "modifié", "ajouté", "supprimé"
# Words kept around a change inside a long block; the rest reads « … ».
CONTEXT = 8
ELLIPSIS = "…"
# Blocks split or merged are compared word by word when they share this share of words.
ALIKE = 0.5
# A word, or a French number with its groups of three digits (« 38 943 », « 1 200,5 »).
WORD = re.compile(r"\d{1,3}(?: \d{3})+(?:,\d+)?(?=\s|$)|\S+")
# The comparison page: its report's summary (in every version that had one), its slot.
COMPARISON_MARKS = ("q2030-diff-summary", "q2030-changes")


@dataclass
class Segment:
    kind: str  # SAME, ADDED or REMOVED
    text: str


@dataclass
class Block:
    kind: str  # MODIFIED, NEW or GONE
    segments: list[Segment]


@dataclass
class PageChange:
    path: str  # relative to the site: book/index.html
    title: str
    status: str = ""  # "ajoutée", "supprimée" or "" (a page in both versions)
    blocks: list[Block] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.status or self.blocks)

    def words(self, kind: str) -> int:
        return sum(len(WORD.findall(s.text)) for b in self.blocks for s in b.segments if s.kind == kind)


def words(text: str) -> list[str]:
    return WORD.findall(text)


def _merge(segments: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for segment in segments:
        if merged and merged[-1].kind == segment.kind:
            merged[-1] = Segment(segment.kind, f"{merged[-1].text} {segment.text}")
        else:
            merged.append(segment)
    return merged


def _shorten(segments: list[Segment]) -> list[Segment]:
    """Long unchanged runs keep CONTEXT words on the side of each change."""
    out = []
    for i, segment in enumerate(segments):
        tokens = words(segment.text)
        if segment.kind != SAME or len(tokens) <= 2 * CONTEXT:
            out.append(segment)
            continue
        head = tokens[:CONTEXT] if i > 0 else []
        tail = tokens[-CONTEXT:] if i < len(segments) - 1 else []
        out.append(Segment(SAME, " ".join([*head, ELLIPSIS, *tail])))
    return out


def compare_words(old: str, new: str) -> list[Segment]:
    """The words of `old` and `new` as one sequence of kept, removed and added runs."""
    a, b = words(old), words(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    segments = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(Segment(SAME, " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment(REMOVED, " ".join(a[i1:i2])))
        if j2 > j1:
            segments.append(Segment(ADDED, " ".join(b[j1:j2])))
    return _shorten(_merge(segments))


def _alike(old: list[str], new: list[str]) -> bool:
    """Whether blocks replaced by others share most of their words (else: removed, added)."""
    a, b = words(" ".join(old)), words(" ".join(new))
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= ALIKE


def compare_text(old: str, new: str) -> list[Block]:
    """The blocks that changed between two main texts, each with its words marked."""
    a, b = old.splitlines(), new.splitlines()
    blocks = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and i2 - i1 == j2 - j1:
            pairs = zip(a[i1:i2], b[j1:j2], strict=True)
            blocks += [Block(MODIFIED, compare_words(x, y)) for x, y in pairs]
        elif op == "replace" and _alike(a[i1:i2], b[j1:j2]):  # blocks split or merged
            blocks.append(Block(MODIFIED, compare_words(" ".join(a[i1:i2]), " ".join(b[j1:j2]))))
        else:
            blocks += [Block(GONE, [Segment(REMOVED, line)]) for line in a[i1:i2]]
            blocks += [Block(NEW, [Segment(ADDED, line)]) for line in b[j1:j2]]
    return blocks


def _title(text: str, path: str) -> str:
    return text.split("\n", 1)[0].strip() or path


def compare_texts(old: dict[str, str], new: dict[str, str]) -> list[PageChange]:
    """Every page of either version (path -> main text), in the order of their paths."""
    changes = []
    for path in sorted(set(old) | set(new)):
        if path not in old:
            changes.append(PageChange(path, _title(new[path], path), "ajoutée"))
        elif path not in new:
            changes.append(PageChange(path, _title(old[path], path), "supprimée"))
        else:
            changes.append(PageChange(path, _title(new[path], path), "", compare_text(old[path], new[path])))
    return changes


def page_texts(site: Path) -> dict[str, str]:
    """The main text of every page of a built site, but the page of the comparison itself
    and pages without a main text (the root's redirect)."""
    texts = {}
    for path, text in site_texts(site).items():
        html = (site / path).read_text(encoding="utf-8")
        if text and not any(mark in html for mark in COMPARISON_MARKS):
            texts[path] = text
    return texts


def compare_sites(old_site: Path, new_site: Path) -> list[PageChange]:
    return compare_texts(page_texts(old_site), page_texts(new_site))
