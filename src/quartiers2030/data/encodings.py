"""Which encoding a file saved by staff is in: detected, never guessed.

Excel and LibreOffice write UTF-8 (with or without a byte-order mark), UTF-16 (Excel's
« Texte Unicode », with a byte-order mark), Windows-1252 (« CSV (séparateur : point-virgule) »
on Windows), Mac Roman (« CSV (Macintosh) ») or ISO-8859-15. The Unicode encodings are
recognised by charset-normalizer (byte-order marks, UTF-16 without one) and by a strict
UTF-8 decoding. The three one-byte encodings decode almost any byte, so each decoding is
checked against the characters French text holds: the file is accepted only when the
decodings agree, or when exactly one of them reads as plausible French (Windows-1252 and
ISO-8859-15 differ only on €, Œ, Š, Ž…; Mac Roman read as Windows-1252 gives « DŽvelopper »).
Anything else is refused, with the steps to save the file as « CSV UTF-8 ».
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import charset_normalizer

# The one-byte encodings staff's spreadsheets write, with their French names.
ONE_BYTE = {"cp1252": "Windows-1252", "iso8859_15": "ISO-8859-15", "mac_roman": "Mac Roman"}
_BOMS = {
    b"\xef\xbb\xbf": ("utf-8", "UTF-8"),
    b"\xff\xfe": ("utf-16", "UTF-16"),
    b"\xfe\xff": ("utf-16", "UTF-16"),
}

# Characters beyond ASCII that French data text holds: letters, quotes, dashes, units
# (no « Ä », « Ö »: Mac Roman reads Windows-1252 « € » as « Ä »).
FRENCH = set("àâçéèêëîïôùûüÿœæÀÂÇÉÈÊËÎÏÔÙÛÜŸŒÆ«»€’‘“”…–—°²³·×\u00a0\u202f\u2009")
# An accented capital right after a small letter (« activitÈ ») is a misreading.
_CAPITAL_AFTER_SMALL = re.compile(r"[a-zà-ÿœæ][À-ÞŒŸ]")

SAVE_AS_UTF8 = (
    "Enregistrez-le en « CSV UTF-8 » : dans Excel, Fichier > Enregistrer sous > Type : "
    "« CSV UTF-8 (délimité par des virgules) (*.csv) » > Enregistrer ; dans LibreOffice Calc, "
    "Fichier > Enregistrer sous > Type de fichier : « Texte CSV (.csv) », cochez « Éditer les "
    "paramètres du filtre » > Enregistrer > « Utiliser le format Texte CSV », puis Jeu de "
    "caractères : « Unicode (UTF-8) », Séparateur de champ : « , » > OK."
)


class EncodingRefused(ValueError):
    """The file's encoding cannot be told for sure: `message` and `fix` in French."""

    def __init__(self, message: str, fix: str = SAVE_AS_UTF8):
        super().__init__(message)
        self.message = message
        self.fix = fix


# A workbook (.xlsx, .xls, .ods) renamed to .csv: its first bytes say what it is.
WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


@dataclass
class Decoded:
    text: str
    encoding: str  # its French name: « UTF-8 », « Windows-1252 »…
    changes: list[str] = field(default_factory=list)  # what reading it meant, in French


def plausible_french(text: str) -> bool:
    """Whether every character beyond ASCII is one French text holds, in its place."""
    for char in text:
        if char in "\t\n\r":
            continue
        if ord(char) < 32 or (ord(char) > 126 and char not in FRENCH):
            return False
    return not _CAPITAL_AFTER_SMALL.search(text)


def _accented(text: str) -> str:
    return " ".join(sorted({c for c in text if ord(c) > 127})[:12])


def _unicode(raw: bytes) -> Decoded | None:
    """UTF-8 or UTF-16, by their byte-order mark, strict UTF-8, or charset-normalizer."""
    for bom, (codec, name) in _BOMS.items():
        if raw.startswith(bom):
            try:
                text = raw[len(bom) :].decode(codec) if codec == "utf-8" else raw.decode(codec)
            except UnicodeDecodeError:
                raise EncodingRefused(
                    f"le fichier annonce l'encodage {name} mais ne le respecte pas"
                ) from None
            return Decoded(text, name, [f"marque d'ordre des octets (BOM) {name} retirée"])
    try:
        return Decoded(raw.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(raw).best()
    if best is not None and best.encoding.startswith("utf_16"):
        return Decoded(str(best), "UTF-16")
    return None


def _one_byte(raw: bytes) -> Decoded:
    readings = {}
    for codec, name in ONE_BYTE.items():
        try:
            readings[name] = raw.decode(codec)
        except UnicodeDecodeError:
            continue
    # Readings that agree count once (Windows-1252 and ISO-8859-15 agree on most French text).
    french: dict[str, str] = {}
    for name, text in readings.items():
        if plausible_french(text) and text not in french.values():
            french[name] = text
    if len(french) == 1:
        name, text = next(iter(french.items()))
        return Decoded(text, name)
    if french:
        raise EncodingRefused(
            "encodage ambigu : le fichier se lit en français dans plusieurs encodages ("
            + ", ".join(french)
            + ")"
        )
    raise EncodingRefused(
        "encodage inconnu : le fichier n'est ni en UTF-8, ni en UTF-16, ni en " + ", ".join(ONE_BYTE.values())
    )


def decode(raw: bytes) -> Decoded:
    """The text of a staff file, and what reading it meant; `EncodingRefused` if unsure."""
    if raw.startswith(WORKBOOK_MAGIC):
        raise EncodingRefused(
            "ce fichier est un classeur (Excel ou LibreOffice) renommé en .csv, pas un fichier CSV",
            "Remettez au classeur son nom (.xlsx) et importez-le : make import RESOURCE=… FICHIER=… "
            "(la ressource est nommée dans data/datapackage.json) ; ou enregistrez-le en « CSV UTF-8 ».",
        )
    found = _unicode(raw)
    if found is None:
        found = _one_byte(raw)
    if found.encoding != "UTF-8":
        found.changes.append(
            f"encodage {found.encoding} converti en UTF-8 (caractères concernés : {_accented(found.text)})"
        )
    return found
