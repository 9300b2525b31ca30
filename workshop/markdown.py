"""User text inside Markdown: escaped so it shows literally, never as markup.

Only what would change the meaning is escaped, so a summary pasted into a chat tool
that shows Markdown as plain text reads as typed: "harika!", "= 1+1" and "1. Boost"
keep no backslash, while links, images, headings, HTML and emphasis cannot form.
"""

from __future__ import annotations

import re

_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# Brackets make links and images, a backtick opens code: always markup.
_ALWAYS = frozenset("[]`")
# Paired markers: one alone is plain text, two can emphasise, strike or start maths.
_PAIRED = frozenset("*~$")
_ENTITY = re.compile(r"&#?\w+;")  # "&amp;" would show as "&"
_ICON = re.compile(r":[A-Za-z][\w/+-]*:")  # ":tada:" or ":material/home:" becomes an icon
# At the start of a line: a heading, a quote, a bullet, a rule or a heading underline.
_LINE_START = re.compile(
    r"^([ \t]*)(#+(?=[ \t]|$)|>|[-+*](?=[ \t]|$)|[-=_*](?=[-=_* \t]*$))", re.MULTILINE
)
# A numbered line after a line break would leave the paragraph for a list; at the very
# start of the text it shows the same number either way.
_NUMBERED = re.compile(r"(\n[ \t]*\d{1,9})([.)])(?=[ \t]|$)")


_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u202f]+")


def cell(text: str) -> str:
    """User text inside a table cell: escaped, on one line (a line break ends the row).
    No-break spaces stay: they keep "1 234,5" (Swedish, Polish) on one line."""
    return escape(" ".join(_BREAKING_SPACE.split(text.strip()))).replace("|", "\\|")


def _is_markup(text: str, n: int, edges: int) -> bool:
    """Whether the character at ``n`` could start or end markup where it stands."""
    ch, after = text[n], text[n + 1 : n + 2]
    if ch in _ALWAYS:
        return True
    if ch in _PAIRED:
        return text.count(ch) >= 2
    if ch == "_":
        return edges >= 2 and not _inside_word(text, n)
    if ch == "\\":
        return after in _PUNCTUATION  # a backslash before punctuation would be eaten
    if ch == "<":
        return after.isascii() and (after.isalpha() or after in "/!?")  # a tag or autolink
    if ch == "|":
        return "\n" in text  # a second line of pipes could turn the text into a table
    if ch == "&":
        return bool(_ENTITY.match(text, n))
    return ch == ":" and bool(_ICON.match(text, n))


def _inside_word(text: str, n: int) -> bool:
    """An underscore inside a word ("paid_social") never emphasises."""
    return 0 < n < len(text) - 1 and text[n - 1].isalnum() and text[n + 1].isalnum()


def escape(text: str) -> str:
    """User text as literal Markdown: no links, images, HTML, headings, lists or emoji codes."""
    edges = sum(1 for n, ch in enumerate(text) if ch == "_" and not _inside_word(text, n))
    escaped = "".join(
        "\\" + ch if _is_markup(text, n, edges) else ch for n, ch in enumerate(text)
    )
    escaped = _LINE_START.sub(r"\1\\\2", escaped)
    escaped = _NUMBERED.sub(r"\1\\\2", escaped)
    return escaped.replace("\n", "  \n")
