"""What an import brings, whatever tool wrote the file: a board of cards and actions."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ImportedCard:
    """One card as the file holds it; ``column`` is the file's name for its column."""

    text: str
    column: str
    row: int  # the file's row (or item) number, for messages
    votes: int = 0
    group: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class ImportedAction:
    text: str
    owner: str = ""
    due_on: str | None = None
    done: bool = False
    kind: str = "action"  # or "decision", which this app's own exports carry


@dataclass
class ImportedBoard:
    """A board read from a file. ``columns`` keeps the tool's column order."""

    format: str
    columns: list[str]
    cards: list[ImportedCard]
    actions: list[ImportedAction] = field(default_factory=list)
    title: str = ""
    held_on: str | None = None  # ISO date of the board, when the file says
    encoding: str = "utf-8"
    headers: list[str] = field(default_factory=list)  # a hand-mapped table's, for messages
