"""The one translation helper. English is the source language: the English text is
the key, so a page reads naturally and a missing translation falls back to English.

Add a language by adding a catalogue ``{"English text": "translated text"}`` to
``CATALOGUES`` and setting ``WORKSHOP_LANG``.
"""

from __future__ import annotations

import os

CATALOGUES: dict[str, dict[str, str]] = {"en": {}}


def language() -> str:
    lang = os.environ.get("WORKSHOP_LANG", "en")
    return lang if lang in CATALOGUES else "en"


def t(text: str, /, **values: object) -> str:
    """Translate ``text`` and fill ``{placeholders}`` from ``values``."""
    translated = CATALOGUES[language()].get(text, text)
    return translated.format(**values) if values else translated


def tn(singular: str, plural: str, n: int, /, **values: object) -> str:
    """The form of a counted sentence that fits ``n`` ("1 dot", "2 dots"), with ``n``
    and ``values`` filled in. Both English forms are written whole, so a language with
    more forms can add them in its catalogue."""
    english = singular if n == 1 else plural
    return t(english, n=n, **values)
