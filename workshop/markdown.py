"""User text inside Markdown: escaped so it shows literally, never as markup.

Only what could turn into markup is escaped, so a summary pasted into a chat tool
that shows Markdown as plain text stays readable.
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#!|~$]|&(?=#?\w+;)|:(?=[\w/+-]+:))")
# A list, heading or rule marker at the start of a line; "2026-03" or "29.84" is none.
_LINE_START = re.compile(r"^(\s*)([-+=])|^(\s*\d+)([.)])(?=\s|$)", re.MULTILINE)


def _escape_marker(match: re.Match[str]) -> str:
    lead, marker = (match.group(1), match.group(2)) if match.group(2) else match.group(3, 4)
    return lead + "\\" + marker


def cell(text: str) -> str:
    """User text inside a table cell: escaped, on one line (a line break ends the row)."""
    return escape(" ".join(text.split()))


def escape(text: str) -> str:
    """User text as literal Markdown: no links, images, HTML, headings, lists or emoji codes."""
    escaped = _SPECIAL.sub(r"\\\1", text)
    escaped = _LINE_START.sub(_escape_marker, escaped)
    return escaped.replace("\n", "  \n")
