"""What changed in the text of each page, word by word, on small texts and tiny sites."""

from __future__ import annotations

from pathlib import Path

from quartiers2030.site import textdiff
from quartiers2030.site.textdiff import ADDED, GONE, MODIFIED, NEW, REMOVED, SAME, Segment

BEFORE = "Égalité\nEn 2019, le montant total est de 38 943 €.\nUn paragraphe qui ne change pas.\nUn passage retiré.\n"
AFTER = "Égalité\nEn 2019, le montant total est de 38 944 €.\nUn paragraphe qui ne change pas.\n"


def _site(folder: Path, pages: dict[str, str]) -> Path:
    for path, body in pages.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"<html lang='fr'><body><article>{body}</article></body></html>", encoding="utf-8")
    return folder


def test_a_french_number_is_one_word():
    assert textdiff.words("de 38 943 € en 2019 et 1 200,5 km") == [
        "de",
        "38 943",
        "€",
        "en",
        "2019",
        "et",
        "1 200,5",
        "km",
    ]


def test_a_changed_number_is_one_removal_and_one_addition():
    blocks = textdiff.compare_text(BEFORE, AFTER)
    assert [b.kind for b in blocks] == [MODIFIED, GONE]
    assert blocks[0].segments == [
        Segment(SAME, "En 2019, le montant total est de"),
        Segment(REMOVED, "38 943"),
        Segment(ADDED, "38 944"),
        Segment(SAME, "€."),
    ]
    assert blocks[1].segments == [Segment(REMOVED, "Un passage retiré.")]


def test_an_added_block_and_unchanged_text_give_no_modified_block():
    assert textdiff.compare_text(BEFORE, BEFORE) == []
    blocks = textdiff.compare_text(AFTER, AFTER + "Un nouveau paragraphe.\n")
    assert [(b.kind, b.segments) for b in blocks] == [(NEW, [Segment(ADDED, "Un nouveau paragraphe.")])]


def test_a_long_block_keeps_only_the_words_around_its_change():
    before = " ".join(f"mot{i}" for i in range(40))
    after = before.replace("mot20", "changé")
    (block,) = textdiff.compare_text(before, after)
    kept = [s.text for s in block.segments]
    assert kept[0] == "… " + " ".join(f"mot{i}" for i in range(12, 20))
    assert kept[1:3] == ["mot20", "changé"]
    assert kept[3] == " ".join(f"mot{i}" for i in range(21, 29)) + " …"


def test_a_block_replaced_by_unrelated_ones_is_a_removal_and_an_addition():
    blocks = textdiff.compare_text("Titre\nAncien texte\n", "Titre\nTout autre chose\nEt encore\n")
    assert [b.kind for b in blocks] == [GONE, NEW, NEW]


def test_pages_added_removed_and_changed_with_their_counts(tmp_path):
    old = _site(
        tmp_path / "v1", {"a.html": "<h1>A</h1><p>Un deux trois.</p>", "b.html": "<h1>B</h1><p>Partie</p>"}
    )
    new = _site(tmp_path / "v2", {"a.html": "<h1>A</h1><p>Un deux quatre cinq.</p>", "c.html": "<h1>C</h1>"})
    pages = {p.path: p for p in textdiff.compare_sites(old, new)}
    assert list(pages) == ["a.html", "b.html", "c.html"]
    assert (pages["a.html"].status, pages["a.html"].words(ADDED), pages["a.html"].words(REMOVED)) == (
        "",
        2,
        1,
    )
    assert (pages["b.html"].status, pages["b.html"].title) == ("supprimée", "B")
    assert (pages["c.html"].status, pages["c.html"].title) == ("ajoutée", "C")


def test_the_comparison_page_itself_is_not_compared(tmp_path):
    site = _site(
        tmp_path / "site",
        {
            "a.html": "<h1>A</h1>",
            "book/changements.html": "<h1>Ce qui a changé</h1><div class='q2030-changes'></div>",
            "book/ancienne.html": "<h1>Ce qui a changé</h1><p class='q2030-diff-summary'>Aucune</p>",
        },
    )
    assert list(textdiff.page_texts(site)) == ["a.html"]
