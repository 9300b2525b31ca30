"""User text on screen: shown exactly as typed, wherever Streamlit reads Markdown.

Titles, captions, labels, buttons, links, messages and error boxes all render Markdown.
CommonMark lets a backslash escape any ASCII punctuation character, which then shows
as itself. Escaping every one of them leaves no way for a link, image, heading, list,
HTML, emoji code, formula or Streamlit directive (``:red[…]``, ``:material/…:``) to
start.

GitHub-flavoured Markdown, which Streamlit's pages use, also turns bare web and mail
addresses into links, and it looks for them in the text after escapes are undone
(``www\\.example\\.com`` still becomes a link in the browser). So a word joiner
(U+2060, invisible, never a line break) goes where such a link would start: between
``www`` and its dot, before ``://`` and before ``@``. The text looks exactly as typed.

Text drawn with ``st.text``, in a table or as a select box option is never read as
Markdown and needs none of this. Downloads have their own, more readable escaping in
:mod:`workshop.markdown`.
"""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_LINK_START = re.compile(r"(?i)(?<=www)(?=\.)|(?=://)|(?=@)")
WORD_JOINER = "\u2060"


def literal(text: str) -> str:
    """``text`` as Markdown that shows every character as typed and links nothing."""
    return _PUNCTUATION.sub(r"\\\1", _LINK_START.sub(WORD_JOINER, text))


def label(text: str) -> str:
    """``text`` on one line, as :func:`literal`: for buttons, links and widget labels,
    where a line break would end the label or start a new paragraph."""
    return literal(" ".join(text.split()))
