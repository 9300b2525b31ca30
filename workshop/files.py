"""Reading a file someone hands the app: never more than a limit, checked before reading.

``/dev/zero`` or a mistaken multi-gigabyte file would otherwise be read until memory
runs out; a file's reported size cannot be trusted (a device reports 0), so at most
``limit + 1`` bytes are read and more than ``limit`` is refused.
"""

from __future__ import annotations

from pathlib import Path

from workshop import formats
from workshop.errors import InvalidInput
from workshop.i18n import t


def read_at_most(path: str | Path, limit: int) -> bytes:
    """The file's bytes, or InvalidInput if it holds more than ``limit`` bytes."""
    path = Path(path)
    if path.is_file() and path.stat().st_size > limit:
        raise _too_large(path, limit)
    with path.open("rb") as source:
        data = source.read(limit + 1)
    if len(data) > limit:
        raise _too_large(path, limit)
    return data


def _too_large(path: Path, limit: int) -> InvalidInput:
    return InvalidInput(
        "file",
        t("{path} is larger than {mb} MB, more than this app reads. Nothing was read or "
          "changed.", path=path, mb=formats.number(limit / 1_000_000, digits=6)),
    )
