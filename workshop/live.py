"""The live hub: tells every connected browser of a workshop that it changed.

Browsers hold one Server-Sent-Events stream each; nothing runs per browser while a
workshop is idle. A change committed in this process wakes the hub at once; a change
made by another process (the command line, a second server) is found by one cheap
query of all watched revisions per ``poll_s``. Messages carry only the revision,
presence counts and the phase timer (with the server's clock, so every screen counts
down the same seconds before its page has rerun), never card text, so a stream reveals
nothing a page would not.
Every viewer but the facilitator follows the public revision: a change only its author
and the facilitator can see (a private card, a hidden dot) does not rerun every other
participant's page.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import sqlite3
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlite_utils import Database

from workshop import facilitator_keys, scrub
from workshop.codes import normalise_code
from workshop.db import one
from workshop.models import Workshop
from workshop.roles import Role

KEEPALIVE_S = 15.0


class _Seen(NamedTuple):
    """What the hub last read of a workshop: both revisions and when its timer ends."""

    revision: int
    public: int
    timer_ends_at: float | None = None


_GONE = _Seen(-1, -1)  # a workshop that does not exist


def follows_public(role: Role) -> bool:
    """Whether a viewer follows the public revision: all but the facilitator, whose
    stream has to prove it (see facilitator_proof)."""
    return role is not Role.FACILITATOR


def facilitator_proof(secret_hash: str) -> str:
    """What a facilitator's stream address carries to be told of private changes.
    It is derived from the stored hash, so neither the secret nor its hash travels."""
    return hashlib.sha256(f"live:{secret_hash}".encode()).hexdigest()


def participant_proof(token: str) -> str:
    """What a participant's stream address carries to count as that participant, as
    the facilitator's does: derived from their personal token, which itself stays out
    of one more address."""
    return hashlib.sha256(f"live-participant:{token}".encode()).hexdigest()


def shown_revision(workshop: Workshop, role: Role) -> int:
    """The revision a page of this viewer shows, as its stream will announce it."""
    return workshop.public_revision if follows_public(role) else workshop.revision


def stream_query(role: Role, participant_id: int | None, proof: str | None) -> dict[str, str]:
    """What a page's stream address carries to say who is watching."""
    query = {"role": str(role)}
    if participant_id is not None:
        query["id"] = str(participant_id)
    if proof:
        query["proof"] = proof
    return query


def watched(db: Database, code: str, query: dict[str, str]) -> tuple[int, Role, int | None] | None:
    """The workshop a stream with this address may follow, with the watcher's role and
    participant id; None for an unknown code, role or participant, or a wrong proof.
    Only proven streams of the facilitator and participants count as people online."""
    row = one(db, "SELECT id, secret_hash FROM workshops WHERE code = ?", [normalise_code(code)])
    try:
        role = Role(query.get("role", Role.VISITOR))
    except ValueError:
        return None
    if row is None:
        return None
    proof = query.get("proof", "")
    if role is Role.FACILITATOR:  # any key that opens the workshop (see facilitator_keys)
        opening = facilitator_keys.hashes_opening(db, row["id"])
        if not any([_proves(proof, facilitator_proof(h)) for h in opening]):
            return None
    participant_id = None
    if role is Role.PARTICIPANT:
        wanted = query.get("id", "")
        known = wanted.isdigit() and one(
            db,
            "SELECT token FROM participants WHERE id = ? AND workshop_id = ?",
            [int(wanted), row["id"]],
        )
        if not known or not _proves(proof, participant_proof(known["token"])):
            return None
        participant_id = int(wanted)
    return row["id"], role, participant_id


def _proves(proof: str, expected: str) -> bool:
    # As bytes: compare_digest refuses a str with characters beyond ASCII.
    return hmac.compare_digest(proof.encode(), expected.encode())


@dataclass(eq=False)  # each subscriber is its own set member
class _Subscriber:
    workshop_id: int
    role: Role
    participant_id: int | None
    wake: asyncio.Event = field(default_factory=asyncio.Event)


class Hub:
    def __init__(self, db_path: str, poll_s: float = 1.0) -> None:
        self._db_path = db_path
        self._poll_s = poll_s
        self._subscribers: set[_Subscriber] = set()
        self._revisions: dict[int, _Seen] = {}
        self._presence_rev: Counter[int] = Counter()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._check_now = asyncio.Event()
        self._task: asyncio.Task | None = None
        self._conn: sqlite3.Connection | None = None
        self._ending = False

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._check_now = asyncio.Event()
        self._conn = sqlite3.connect(self._db_path, check_same_thread=False)
        self._task = asyncio.create_task(self._watch())

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
        if self._conn:
            self._conn.close()

    def end_streams(self) -> None:
        """End every stream now and any opened later: the server is stopping, and it
        waits for every open response to end first. A browser reconnects on its own."""
        self._ending = True
        for subscriber in list(self._subscribers):
            subscriber.wake.set()

    def changed(self, workshop_id: int) -> None:
        """Called from any thread after a commit: look at the revisions now."""
        if self._loop and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._check_now.set)

    def _watching(self, workshop_id: int) -> list[_Subscriber]:
        return [s for s in list(self._subscribers) if s.workshop_id == workshop_id]

    def participants_online(self, workshop_id: int) -> set[int]:
        """The participants with a page of this workshop open."""
        return {s.participant_id for s in self._watching(workshop_id) if s.participant_id}

    def presence_revision(self, workshop_id: int) -> int:
        return self._presence_rev[workshop_id]

    def online(self, workshop_id: int) -> int:
        """How many people (participants and the facilitator) have the workshop open."""
        people = {
            (s.role, s.participant_id)
            for s in self._watching(workshop_id)
            if s.role is not Role.VISITOR
        }
        return len(people)

    def _message(self, workshop_id: int, role: Role) -> str:
        seen = self._revisions.get(workshop_id, _GONE)
        return json.dumps(
            {
                "rev": seen.public if follows_public(role) else seen.revision,
                "presence": self._presence_rev[workshop_id],
                "online": self.online(workshop_id),
                "timer_ends_at": seen.timer_ends_at,
                "server_now": time.time(),
            }
        )

    async def stream(
        self, workshop_id: int, role: Role, participant_id: int | None = None
    ) -> AsyncIterator[str]:
        """The SSE body for one browser; coalesces bursts into one message."""
        subscriber = _Subscriber(workshop_id, role, participant_id)
        self._subscribers.add(subscriber)
        self._revisions.setdefault(
            workshop_id, (self._read_revisions([workshop_id]) or {}).get(workshop_id, _GONE)
        )
        self._presence_changed(workshop_id)
        try:
            yield "retry: 1000\n\n"
            while not self._ending:
                subscriber.wake.clear()  # the message below holds everything up to now
                yield f"data: {self._message(workshop_id, role)}\n\n"
                while not await _woken(subscriber.wake):
                    yield ": keep-alive\n\n"
        finally:
            self._subscribers.discard(subscriber)
            self._presence_changed(workshop_id)

    def _presence_changed(self, workshop_id: int) -> None:
        self._presence_rev[workshop_id] += 1
        self._wake(workshop_id)

    def _wake(self, workshop_id: int, *, participants: bool = True) -> None:
        for subscriber in list(self._subscribers):
            if subscriber.workshop_id == workshop_id and (
                participants or not follows_public(subscriber.role)
            ):
                subscriber.wake.set()

    def _read_revisions(self, ids: list[int]) -> dict[int, _Seen] | None:
        if not ids or self._conn is None:
            return {}
        marks = ",".join("?" * len(ids))
        try:
            found = self._conn.execute(
                "SELECT id, revision, public_revision, timer_ends_at FROM workshops "
                f"WHERE id IN ({marks})",
                ids,
            ).fetchall()
        except sqlite3.Error:
            return None
        return {workshop_id: _Seen(*seen) for workshop_id, *seen in found}

    async def _watch(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._check_now.wait(), self._poll_s)
            self._check_now.clear()
            with contextlib.suppress(sqlite3.Error):
                scrub.finish_pending(self._db_path)  # a deletion that waited for a reader
            watched = sorted({s.workshop_id for s in self._subscribers})
            found = self._read_revisions(watched)
            if found is None:
                continue  # a locked or replaced file: the next round will see it
            for workshop_id in watched:
                now = found.get(workshop_id, _GONE)  # deleted: its pages learn so
                before = self._revisions.get(workshop_id, _GONE)
                if now != before:
                    self._revisions[workshop_id] = now
                    self._wake(workshop_id, participants=now.public != before.public)


async def _woken(event: asyncio.Event) -> bool:
    """Wait for ``event``; False after KEEPALIVE_S of silence."""
    try:
        await asyncio.wait_for(event.wait(), KEEPALIVE_S)
    except TimeoutError:
        return False
    return True
