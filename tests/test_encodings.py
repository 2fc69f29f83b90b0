"""Encodings detected, never guessed: each file written by the test in one encoding, with
French text, and what is decided (issue 15, item 2)."""

from __future__ import annotations

import pytest

from quartiers2030.data import encodings, validation

FRENCH = "libelle,montant\nDévelopper l'activité,925 524 €\nŒuvre à « Zoë »,12\n"
PIL = "evaluation/piliers.csv"


@pytest.mark.parametrize(
    "codec,bom,name",
    [
        ("utf-8", b"", "UTF-8"),
        ("utf-8", b"\xef\xbb\xbf", "UTF-8"),
        ("utf-16-le", b"\xff\xfe", "UTF-16"),
        ("cp1252", b"", "Windows-1252"),
        ("mac_roman", b"", "Mac Roman"),
        ("iso8859_15", b"", "ISO-8859-15"),
    ],
)
def test_each_encoding_is_recognised(codec, bom, name):
    decoded = encodings.decode(bom + FRENCH.encode(codec))
    assert (decoded.text, decoded.encoding) == (FRENCH, name)
    if name != "UTF-8":
        assert f"encodage {name} converti en UTF-8" in " ".join(decoded.changes)


def test_utf16_tab_separated_is_recognised():
    text = FRENCH.replace(",", "\t")
    assert encodings.decode(text.encode("utf-16")).text == text


def test_mac_roman_is_never_read_as_windows_1252():
    raw = "Développer l'activité\n".encode("mac_roman")
    assert raw.decode("cp1252") == "DŽvelopper l'activitŽ\n"
    assert encodings.decode(raw).text == "Développer l'activité\n"


def test_euro_of_iso_8859_15_is_not_read_as_currency_sign():
    assert encodings.decode("925 524 €\n".encode("iso8859_15")).text == "925 524 €\n"
    assert encodings.decode("925 524 €\n".encode("cp1252")).text == "925 524 €\n"


def test_plausible_french():
    assert encodings.plausible_french("Œuvre « Développer l'activité » 925 524 €")
    assert not encodings.plausible_french("DŽvelopper")
    assert not encodings.plausible_french("activitÈ")
    assert not encodings.plausible_french("925 524 ¤")


def test_unknown_encoding_is_refused_with_the_steps():
    with pytest.raises(encodings.EncodingRefused) as refused:
        encodings.decode(b"libelle\n\x81\x8d\xa4\n")
    assert "encodage inconnu" in refused.value.message
    for words in ("CSV UTF-8 (délimité par des virgules)", "LibreOffice", "Unicode (UTF-8)"):
        assert words in refused.value.fix


def test_ambiguous_text_is_refused():
    # One byte 0xC9 alone: « É » in Windows-1252, « … » in Mac Roman: both French.
    with pytest.raises(encodings.EncodingRefused) as refused:
        encodings.decode(b"libelle\n\xc9\n")
    assert "ambigu" in refused.value.message


@pytest.mark.parametrize("codec", ["mac_roman", "iso8859_15", "utf-16"])
def test_staff_file_in_each_encoding_comes_back_canonical(root, codec):
    path = root / "data" / PIL
    canonical = path.read_bytes()
    path.write_bytes(canonical.decode("utf-8").encode(codec))
    report = validation.check(root, write=True)
    assert report.problems == []
    assert path.read_bytes() == canonical


def test_utf16_tab_separated_staff_file_comes_back_canonical(root):
    path = root / "data" / PIL
    canonical = path.read_bytes()
    rows = [line.split(",") for line in canonical.decode("utf-8").splitlines()]
    if any(len(r) != len(rows[0]) for r in rows):
        pytest.skip("quoted commas in this file")
    path.write_bytes(("\r\n".join("\t".join(r) for r in rows) + "\r\n").encode("utf-16"))
    report = validation.check(root, write=True)
    assert report.problems == [] and path.read_bytes() == canonical
    assert "séparateur tabulation" in str(report.normalised[0])


def test_refused_encoding_writes_nothing(root):
    path = root / "data" / PIL
    raw = b"code,libelle\n\x81\x8d\xa4,x\n"
    path.write_bytes(raw)
    [problem] = validation.check(root).problems
    assert problem.file == f"data/{PIL}" and "encodage inconnu" in problem.message
    assert "CSV UTF-8" in problem.fix and "LibreOffice" in problem.fix
    assert path.read_bytes() == raw
