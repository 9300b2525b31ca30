"""The one translation helper. English is the source language: the English text is
the key, so a page reads naturally and a missing translation falls back to English.

The translations live in gettext catalogues, ``workshop/locale/<lang>/LC_MESSAGES/
messages.po``, managed with Babel (``make catalogues``). They are compiled in memory
the first time a language is used, so a translator's edit needs no build step and no
compiled file can go stale next to its source.

The language is per person, not per server: the UI sets it at the start of every run
(``set_language``); code that writes for the room (exports, the shared board texts)
wraps itself in ``using(workshop_language)``. Outside any of those, ``WORKSHOP_LANG``
is the server's default, and English the last resort.
"""

from __future__ import annotations

import gettext
import io
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

SOURCE = "en"
# Each language named in itself, as the switch offers it.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "da": "Dansk",
    "sv": "Svenska",
    "pl": "Polski",
    "tr": "Türkçe",
    "id": "Bahasa Indonesia",
}
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"

_current: ContextVar[str | None] = ContextVar("workshop_language", default=None)
# Asked when no run set a language (a fragment rerun starts in a fresh thread): the UI
# registers a reader of the browser session's choice; workshop/ never imports it.
_session_language: Callable[[], str | None] | None = None
# Catalogues that are not files in LOCALE_DIR (a pseudo-language built by the tests).
_extra: dict[str, gettext.NullTranslations] = {}


def N_(text: str) -> str:  # noqa: N802 (gettext's name for "translated later")
    """Mark ``text`` for the catalogue where it is defined as data (a column title, a
    phase name); it is translated where it is shown, with ``t(value)``."""
    return text


def Nn_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802
    """Mark a counted sentence's two English forms where they are data; shown with
    ``tn(*pair, n)``."""
    return singular, plural


def Np_(context: str, text: str) -> tuple[str, str]:  # noqa: N802
    """Mark a text whose English word means two things (see ``tp``) where it is data;
    shown with ``tp(*pair)``."""
    return context, text


def supported(code: str | None) -> str | None:
    """The language this app has for ``code`` ("da", "da-DK", "sv_SE", "TR"), if any."""
    if not code:
        return None
    base = code.strip().replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES or base in _extra else None


def server_default() -> str:
    """``WORKSHOP_LANG`` when it names a language this app has, else English."""
    return supported(os.environ.get("WORKSHOP_LANG")) or SOURCE


def language() -> str:
    """The language texts are written in right now."""
    chosen = _current.get()
    if chosen is None and _session_language is not None:
        chosen = _session_language()
    return chosen or server_default()


def set_language(code: str | None) -> Token[str | None]:
    """Write in ``code`` (or the server default) from here on in this run."""
    return _current.set(supported(code) or server_default())


def read_session_language_with(reader: Callable[[], str | None] | None) -> None:
    """Install how to find the language when no run has set one (see ``_session_language``)."""
    global _session_language
    _session_language = reader


@contextmanager
def using(code: str | None) -> Iterator[str]:
    """Write in ``code`` inside the block (a workshop's exports, the room's board), then
    go back to the person's own language."""
    token = set_language(code)
    try:
        yield language()
    finally:
        _current.reset(token)


def catalogue_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _translations(code: str) -> gettext.NullTranslations:
    path = catalogue_path(code)
    if code == SOURCE or not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as po:
        return compiled(po)


def compiled(po: io.BufferedIOBase | io.BytesIO) -> gettext.NullTranslations:
    """A catalogue read from ``po`` as gettext uses it. Untranslated and fuzzy entries are
    left out, so they fall back to English instead of showing an empty or stale text."""
    catalog = read_po(po)
    for message in list(catalog):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and (message.fuzzy or not all(strings)):
            catalog.delete(message.id, context=message.context)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def add_catalogue(code: str, translations: gettext.NullTranslations) -> None:
    """Offer a language that has no file here (the tests' pseudo-language)."""
    _extra[code] = translations


def remove_catalogue(code: str) -> None:
    _extra.pop(code, None)


def translations(code: str | None = None) -> gettext.NullTranslations:
    code = code or language()
    return _extra.get(code) or _translations(code)


def t(text: str, /, **values: object) -> str:
    """Translate ``text`` and fill ``{placeholders}`` from ``values``."""
    translated = translations().gettext(text)
    return translated.format(**values) if values else translated


def tp(context: str, text: str, /, **values: object) -> str:
    """Translate ``text`` in ``context``: one English word can mean two things ("Record" the
    button, "Record" the kind of a CSV row) that a language writes differently."""
    translated = translations().pgettext(context, text)
    return translated.format(**values) if values else translated


def t_marked(marked: str | tuple[str, str]) -> str:
    """A text marked as data, translated: ``N_``'s text, or ``Np_``'s (context, text)."""
    return tp(*marked) if isinstance(marked, tuple) else t(marked)


def tn(singular: str, plural: str, n: int, /, **values: object) -> str:
    """The form of a counted sentence that fits ``n`` ("1 dot", "2 dots"; Polish has
    three forms, Indonesian one), with ``n`` and ``values`` filled in."""
    return translations().ngettext(singular, plural, n).format(n=n, **values)
