"""Joining a workshop. A participant is known by a private token kept in their link."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager

from sqlite_utils import Database

from workshop import codes, phases, validate
from workshop.db import new_id, one, rows, timestamp, write
from workshop.errors import InvalidInput, NotFound
from workshop.i18n import t
from workshop.models import Participant, Workshop
from workshop.phases import Phase
from workshop.roles import Do, Role, require
from workshop.workshops import authorise, get_workshop


def join(db: Database, workshop_id: int, name: str) -> Participant:
    clean = validate.person_name(name, "display name")
    token = codes.new_token()
    # Only the facilitator lists who joined; the online count comes with presence.
    with write(db, workshop_id, private_in=phases.EVERY):
        require(Role.VISITOR, Do.JOIN, get_workshop(db, workshop_id).phase)
        taken = one(
            db,
            "SELECT 1 FROM participants WHERE workshop_id = ? AND name = ? COLLATE NOCASE",
            [workshop_id, clean],
        )
        if taken:
            raise InvalidInput(
                "display name",
                t(
                    "Someone called “{name}” has joined already. If that is you, ask the "
                    "facilitator for your personal link: it brings back your cards and dots. "
                    "If not, add an initial, like “{name} K.”",
                    name=clean,
                ),
            )
        cursor = db.execute(
            "INSERT INTO participants (workshop_id, name, token, joined_at) VALUES (?, ?, ?, ?)",
            [workshop_id, clean, token, timestamp()],
        )
    return Participant(id=new_id(cursor), workshop_id=workshop_id, name=clean, token=token)


def by_token(db: Database, token: str | None) -> Participant:
    row = one(db, "SELECT * FROM participants WHERE token = ?", [token]) if token else None
    if row is None:
        raise NotFound(t("This link does not belong to a participant. Join with your name."))
    return Participant.from_row(row)


def in_workshop(db: Database, token: str | None) -> tuple[Participant, Workshop]:
    participant = by_token(db, token)
    return participant, get_workshop(db, participant.workshop_id)


def list_participants(db: Database, workshop_id: int) -> list[Participant]:
    return [
        Participant.from_row(r)
        for r in rows(
            db, "SELECT * FROM participants WHERE workshop_id = ? ORDER BY id", [workshop_id]
        )
    ]


def for_facilitator(db: Database, workshop_id: int, secret: str | None) -> list[Participant]:
    """Everyone who joined, with their personal tokens: the facilitator gives a link
    back to someone who lost theirs (a new phone, another laptop)."""
    authorise(db, workshop_id, secret)
    return list_participants(db, workshop_id)


@contextmanager
def participating(
    db: Database, token: str | None, do: Do, *, private_in: Collection[Phase] = ()
) -> Iterator[tuple[Participant, Workshop]]:
    """One write as the participant whose link holds ``token``: who they are and the
    phase are read after ``BEGIN IMMEDIATE`` and must allow ``do``."""
    workshop_id = by_token(db, token).workshop_id  # a link never moves to another workshop
    with write(db, workshop_id, private_in=private_in):
        participant, workshop = in_workshop(db, token)  # the facilitator may remove people
        require(Role.PARTICIPANT, do, workshop.phase)
        yield participant, workshop
