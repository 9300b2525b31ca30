"""Named errors of the domain. Pages show them with ``st.error``; the CLI prints them."""

from __future__ import annotations


class WorkshopError(Exception):
    """Base class: the message is written for the person who caused it."""


class NotFound(WorkshopError):
    """A workshop, team, card or participant does not exist (or no longer does)."""


class NotAllowed(WorkshopError):
    """The caller lacks the role or the phase forbids the action."""


class InvalidInput(WorkshopError):
    """A value the user typed cannot be stored; ``field`` names the input it came from."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class LimitReached(WorkshopError):
    """A count limit (dots per person, dots per card) would be exceeded."""


class Stale(NotAllowed):
    """A click made on a screen drawn before the workshop moved on; nothing changed."""


class AlreadyImported(WorkshopError):
    """The same file was imported into this workshop before; importing it again is asked for."""


class TooManyAttempts(WorkshopError):
    """Too many wrong join codes came from one address; ``retry_after`` is in seconds."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Repeated(WorkshopError):
    """The same write was asked for again (a double click, a second tab): nothing
    changed, and the message says where the first one went."""
