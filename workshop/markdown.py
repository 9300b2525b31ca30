"""User text inside Markdown: escaped so it shows literally, never as markup.

Only what could turn into markup is escaped, so a summary pasted into a chat tool
that shows Markdown as plain text stays readable.
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#!|~$]|&(?=#?\w+;)|:(?=[\w/+-]+:))")
_LINE_START = re.compile(r"^(\s*(?:\d+)?)([-+=.)])", re.MULTILINE)


def escape(text: str) -> str:
    """User text as literal Markdown: no links, images, HTML, headings, lists or emoji codes."""
    escaped = _SPECIAL.sub(r"\\\1", text)
    escaped = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)
    return escaped.replace("\n", "  \n")
