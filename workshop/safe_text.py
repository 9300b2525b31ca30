"""User text on screen: shown exactly as typed, wherever Streamlit reads Markdown.

Titles, captions, labels, buttons, links, messages and error boxes all render Markdown,
and GitHub-flavoured Markdown also turns bare web and mail addresses into links.
CommonMark lets a backslash escape any ASCII punctuation character, which then shows
as itself. Escaping every one of them is the whole rule: with no bare ``[``, ``!``,
``#``, ``<``, ``:``, ``.`` or ``@`` left, no link, image, heading, list, HTML, emoji
code, formula or Streamlit directive (``:red[…]``, ``:material/…:``) can start, and a
web address loses the ``://``, ``www.`` or ``@`` that would make it a link.

Text drawn with ``st.text``, in a table or as a select box option is never read as
Markdown and needs none of this. Downloads have their own, more readable escaping in
:mod:`workshop.markdown`.
"""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def literal(text: str) -> str:
    """``text`` as Markdown that shows every character as typed."""
    return _PUNCTUATION.sub(r"\\\1", text)


def label(text: str) -> str:
    """``text`` on one line, as :func:`literal`: for buttons, links and widget labels,
    where a line break would end the label or start a new paragraph."""
    return literal(" ".join(text.split()))
