"""Bytes to text: the byte-order marks first, then UTF-8, then the 8-bit code pages
spreadsheets save in, told apart by charset-normalizer and by which language's letters
the decoded text is made of (a short Polish or Turkish file decodes without error in
every code page, but only one of them gives words of one language)."""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

from workshop.errors import InvalidInput
from workshop.i18n import t

# The order breaks ties: Western European first, as Excel saves most files in it.
CODE_PAGES = (
    "cp1252", "cp1250", "cp1254", "cp1257",
    "iso8859_1", "iso8859_2", "iso8859_9", "iso8859_13", "iso8859_15",
)
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", *CODE_PAGES)
NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252 (Western European)",
    "cp1250": "Windows-1250 (Central European)",
    "cp1254": "Windows-1254 (Turkish)",
    "cp1257": "Windows-1257 (Baltic)",
    "iso8859_1": "ISO-8859-1 (Western European)",
    "iso8859_2": "ISO-8859-2 (Central European)",
    "iso8859_9": "ISO-8859-9 (Turkish)",
    "iso8859_13": "ISO-8859-13 (Baltic)",
    "iso8859_15": "ISO-8859-15 (Western European)",
}

_LETTERS = {
    "pl": "ąćęłńóśźż", "cs": "áčďéěíňóřšťúůýž", "sk": "áäčďéíĺľňóôŕšťúýž",
    "hu": "áéíóöőúüű", "ro": "ăâîșțşţ", "hr": "čćđšž", "de": "äöüß",
    "fr": "àâæçéèêëîïôœùûüÿ", "es": "áéíñóúü", "pt": "àáâãçéêíóôõú", "it": "àèéìíîòóùú",
    "nl": "éëïóöü", "da": "æøåé", "sv": "åäöé", "fi": "äöå",
    "tr": "çğıöşüâîû", "lt": "ąčęėįšųūž", "lv": "āčēģīķļņšūž", "et": "äöõüšž",
}
_WESTERN = ("de", "fr", "es", "pt", "it", "nl", "da", "sv", "fi")
_CENTRAL = ("pl", "cs", "sk", "hu", "ro", "hr", "de")
_BALTIC = ("lt", "lv", "et", "pl", "de", "sv", "fi", "da")
_LANGUAGES = {
    "cp1252": _WESTERN, "iso8859_1": _WESTERN, "iso8859_15": _WESTERN,
    "cp1250": _CENTRAL, "iso8859_2": _CENTRAL,
    "cp1254": ("tr", *_WESTERN), "iso8859_9": ("tr", *_WESTERN),
    "cp1257": _BALTIC, "iso8859_13": _BALTIC,
}
# What a wrong code page turns letters into: signs no one types in a card.
_ODD = set("¤¦¨ª¬¯°±²³´µ¶·¸¹º¼½¾¿×÷ÞÐÝþðý")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """The file's text, in ``encoding`` if given, else in the encoding found."""
    if encoding:
        if encoding not in ENCODINGS:
            raise InvalidInput("encoding", t("Pick one of the encodings offered."))
        try:
            return Decoded(_strip_bom(data.decode(encoding)), encoding)
        except UnicodeDecodeError as error:
            raise InvalidInput(
                "encoding",
                t(
                    "The file is not {encoding} text: byte {n} cannot be read in it.",
                    encoding=NAMES[encoding],
                    n=error.start + 1,
                ),
            ) from error
    if data.startswith(codecs.BOM_UTF8):
        return decode(data, "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data, "utf-16")
    if b"\x00" in data:
        raise InvalidInput("file", t("This is not a text file: it holds binary data."))
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    found = [m.encoding for m in from_bytes(data, cp_isolation=list(CODE_PAGES))]
    if not found:
        raise InvalidInput(
            "file",
            t(
                "The file's encoding is none of those read here (UTF-8, UTF-16, Windows-1250, "
                "1252, 1254, 1257, ISO-8859): save it as CSV UTF-8 and try again."
            ),
        )
    texts = {enc: data.decode(enc) for enc in CODE_PAGES if enc in found}
    best = max(texts, key=lambda enc: (_plausibility(texts[enc], enc), -CODE_PAGES.index(enc)))
    return Decoded(texts[best], best)


def _strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def _plausibility(text: str, encoding: str) -> int:
    """How much the text reads as one language that ``encoding`` serves."""
    foreign = [c for c in text.casefold() if ord(c) > 127]
    odd = sum(1 for c in foreign if c in _ODD or unicodedata.category(c) in ("Cc", "Co", "Cn"))
    letters = [c for c in foreign if c.isalpha() and c not in _ODD]
    best = max(
        sum(1 if c in _LETTERS[lang] else -1 for c in letters)
        for lang in _LANGUAGES[encoding]
    )
    return best - 3 * odd
