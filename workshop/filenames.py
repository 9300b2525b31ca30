"""File names that say what a download holds and that every file system accepts."""

from __future__ import annotations

import re
import unicodedata

# Forbidden on Windows, macOS or Linux, or read as a path by one of them.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
# Windows refuses these as names whatever the extension.
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)),
             *(f"LPT{n}" for n in range(1, 10))}
MAX_BYTES = 180  # well under the 255 bytes most file systems allow, extension included


def safe(stem: str, extension: str) -> str:
    """``stem.extension`` with what a file system would refuse taken out: the words stay."""
    clean = unicodedata.normalize("NFC", stem)
    clean = _FORBIDDEN.sub(" ", clean)
    clean = " ".join(clean.split()).strip(" .")  # Windows drops trailing dots and spaces
    while len(clean.encode("utf-8")) > MAX_BYTES:
        clean = clean[:-1].rstrip(" .")
    if not clean or clean.split(".")[0].upper() in _RESERVED:
        clean = f"_{clean}"
    return f"{clean}.{extension}"
