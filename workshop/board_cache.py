"""A workshop's board as stored at one revision, read once per revision per process.

A new card reruns the board on every open page; without this, each of them ran the
same queries and built the same board. Every change to a workshop goes through
:func:`workshop.db.write`, which bumps its ``revision`` in the same transaction, so
the rows read at one revision stay true until the next: a snapshot is kept for
``(database, workshop, revision, code)``. Each use first reads the stored revision, in
the same read transaction as the rows, so a snapshot never mixes two revisions and
is never served once the workshop has moved past it.

A snapshot holds everything of the board, private cards and dots included: it is an
input of :func:`workshop.board.load`, the privacy boundary, and never leaves it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlite_utils import Database

from workshop.actions import list_actions
from workshop.db import rows
from workshop.links import of_cards
from workshop.models import Action, Workshop

KEPT = 64  # snapshots kept: a few per live workshop is plenty
T = TypeVar("T")


@dataclass(frozen=True)
class Contributor:
    id: int
    name: str
    cards: int
    dots: int

    @property
    def has_written(self) -> bool:
        """What the facilitator is shown while people write: whether, not how many."""
        return self.cards > 0


@dataclass
class Snapshot:
    """The rows of one workshop's board at one revision (read-only once made)."""

    cards: list[dict]  # every card, with its dot count; in the order written
    votes: dict[int, dict[int, int]]  # participant id -> card id -> dots
    links: dict[int, tuple[str, ...]]
    people: tuple[Contributor, ...]
    actions: tuple[Action, ...]
    card_counts: dict[str, int]  # per column key
    _derived: dict[Any, Any] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def my_votes(self, participant_id: int | None) -> dict[int, int]:
        return self.votes.get(participant_id, {}) if participant_id else {}

    def cards_of(self, participant_id: int | None) -> set[int]:
        if not participant_id:
            return set()
        return self.derived(("cards of", participant_id), lambda: {
            c["id"] for c in self.cards if c["participant_id"] == participant_id
        })

    def derived(self, variant: Any, build: Callable[[], T]) -> T:
        """What ``build`` makes of this snapshot, made once per ``variant``: the key
        must name every input of ``build`` besides the snapshot."""
        with self._lock:  # sessions rerun in threads of their own
            if variant not in self._derived:
                self._derived[variant] = build()
            return self._derived[variant]


_kept: OrderedDict[tuple, Snapshot] = OrderedDict()
_kept_lock = threading.Lock()


def snapshot(db: Database, workshop: Workshop) -> Snapshot:
    """The board's rows as stored now. Kept for the next viewer while the database is
    at ``workshop.revision``; a caller holding an older workshop reads afresh."""
    key = (_database_key(db.conn), workshop.id, workshop.revision, workshop.code)
    with _reading(db.conn):
        current = db.execute(
            "SELECT revision, code FROM workshops WHERE id = ?", [workshop.id]
        ).fetchone()
        fresh = current is not None and tuple(current) == (workshop.revision, workshop.code)
        if fresh:
            with _kept_lock:
                found = _kept.get(key)
                if found is not None:
                    _kept.move_to_end(key)
                    return found
        made = _read(db, workshop.id)
    if fresh:
        with _kept_lock:
            _kept[key] = made
            while len(_kept) > KEPT:
                _kept.popitem(last=False)
    return made


def forget() -> None:
    """Drop every kept snapshot (for a restore that rewrote the whole file)."""
    with _kept_lock:
        _kept.clear()


def _database_key(conn: sqlite3.Connection) -> str:
    """The file behind a connection; an in-memory database is its own connection."""
    for _seq, name, path in conn.execute("PRAGMA database_list"):
        if name == "main":
            return path or f"memory:{id(conn)}"
    return f"memory:{id(conn)}"


@contextmanager
def _reading(conn: sqlite3.Connection) -> Iterator[None]:
    """One read transaction, so every query sees the same revision."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        conn.execute("COMMIT")


def _read(db: Database, workshop_id: int) -> Snapshot:
    cards = rows(
        db,
        """SELECT c.id, c.column_key, c.text, c.group_id, c.participant_id, c.reason,
                  c.anonymous AS written_anonymously, p.name AS author,
                  g.title AS group_title, c.imported_dots
           FROM cards c
           LEFT JOIN participants p ON p.id = c.participant_id
           LEFT JOIN card_groups g ON g.id = c.group_id
           WHERE c.workshop_id = ? ORDER BY c.id""",
        [workshop_id],
    )
    votes: dict[int, dict[int, int]] = {}
    for card_id, participant_id, dots in db.execute(
        """SELECT v.card_id, v.participant_id, COUNT(*) FROM votes v
           JOIN cards c ON c.id = v.card_id WHERE c.workshop_id = ?
           GROUP BY v.card_id, v.participant_id""",
        [workshop_id],
    ):
        votes.setdefault(participant_id, {})[card_id] = dots
    per_card: dict[int, int] = {}
    for mine in votes.values():
        for card_id, dots in mine.items():
            per_card[card_id] = per_card.get(card_id, 0) + dots
    counts: dict[str, int] = {}
    for card in cards:
        card["votes"] = per_card.get(card["id"], 0)
        counts[card["column_key"]] = counts.get(card["column_key"], 0) + 1
    return Snapshot(
        cards=cards,
        votes=votes,
        links={card_id: tuple(found) for card_id, found in of_cards(db, workshop_id).items()},
        people=_people(db, workshop_id),
        actions=tuple(list_actions(db, workshop_id)),
        card_counts=counts,
    )


def _people(db: Database, workshop_id: int) -> tuple[Contributor, ...]:
    return tuple(
        Contributor(r["id"], r["name"], r["cards"], r["dots"])
        for r in rows(
            db,
            """SELECT p.id, p.name,
                      (SELECT COUNT(*) FROM cards c WHERE c.participant_id = p.id) AS cards,
                      (SELECT COUNT(*) FROM votes v WHERE v.participant_id = p.id) AS dots
               FROM participants p WHERE p.workshop_id = ? ORDER BY p.id""",
            [workshop_id],
        )
    )
