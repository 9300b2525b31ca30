"""Writing cards: each participant adds, edits and deletes their own while writing is open."""

from __future__ import annotations

from sqlite_utils import Database

from workshop import exercises, phases, validate
from workshop.db import one, timestamp, write
from workshop.errors import InvalidInput, NotAllowed, NotFound
from workshop.groups import drop_if_empty
from workshop.i18n import t
from workshop.models import Card, Participant, Workshop
from workshop.participants import in_workshop
from workshop.workshops import authorise


def _writable(workshop: Workshop) -> None:
    if workshop.phase not in phases.WRITING:
        raise NotAllowed(t("Cards can be written only in the Write and Reveal phases."))


def _check_column(workshop: Workshop, column_key: str) -> None:
    keys = [c.key for c in exercises.get(workshop.exercise).columns]
    if column_key not in keys:
        raise InvalidInput("column", t("Pick one of the columns."))


def get_card(db: Database, card_id: int) -> Card:
    row = one(db, "SELECT * FROM cards WHERE id = ?", [card_id])
    if row is None:
        raise NotFound(t("That card no longer exists."))
    return Card.from_row(row)


def _own_card(db: Database, participant: Participant, card_id: int) -> Card:
    card = get_card(db, card_id)
    if card.participant_id != participant.id:
        raise NotAllowed(t("You can change only your own cards."))
    return card


def _check_reason(workshop: Workshop, column_key: str, reason: str | None) -> str | None:
    if not reason:
        return None
    exercise = exercises.get(workshop.exercise)
    if column_key != exercise.tagged_column:
        raise InvalidInput("reason", t("Only a Miss card carries a reason."))
    if reason not in dict(exercise.tags):
        raise InvalidInput("reason", t("Pick one of the reasons."))
    return reason


def add_card(
    db: Database, token: str, column_key: str, text: str, reason: str | None = None
) -> Card:
    participant, workshop = in_workshop(db, token)
    _writable(workshop)
    _check_column(workshop, column_key)
    clean = validate.card_text(text)
    tag = _check_reason(workshop, column_key, reason)
    now = timestamp()
    with write(db, workshop.id, private_in=phases.OWN_CARDS_PRIVATE):
        cursor = db.execute(
            """INSERT INTO cards (workshop_id, participant_id, column_key, text, reason,
                   created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [workshop.id, participant.id, column_key, clean, tag, now, now],
        )
    return get_card(db, cursor.lastrowid)


def set_reason(
    db: Database, workshop_id: int, secret: str | None, card_ids: list[int], reason: str | None
) -> None:
    """The facilitator tags Miss cards (all cards of a group at once) with why it missed."""
    workshop = authorise(db, workshop_id, secret)
    if workshop.phase == "closed":
        raise NotAllowed(t("The workshop is closed; it can only be read."))
    tagged = [get_card(db, card_id) for card_id in card_ids]
    for card in tagged:
        if card.workshop_id != workshop_id:
            raise NotFound(t("That card no longer exists."))
        _check_reason(workshop, card.column_key, reason)
    with write(db, workshop_id):
        for card in tagged:
            db.execute("UPDATE cards SET reason = ? WHERE id = ?", [reason or None, card.id])


def edit_card(db: Database, token: str, card_id: int, text: str) -> Card:
    participant, workshop = in_workshop(db, token)
    _writable(workshop)
    _own_card(db, participant, card_id)
    clean = validate.card_text(text)
    with write(db, workshop.id, private_in=phases.OWN_CARDS_PRIVATE):
        db.execute(
            "UPDATE cards SET text = ?, updated_at = ? WHERE id = ?", [clean, timestamp(), card_id]
        )
    return get_card(db, card_id)


def delete_card(db: Database, token: str, card_id: int) -> None:
    participant, workshop = in_workshop(db, token)
    _writable(workshop)
    _own_card(db, participant, card_id)
    _delete(db, workshop.id, card_id, private_in=phases.OWN_CARDS_PRIVATE)


def remove_card(db: Database, workshop_id: int, secret: str | None, card_id: int) -> None:
    """The facilitator removes anyone's card (an off-topic or duplicate one)."""
    workshop = authorise(db, workshop_id, secret)
    if workshop.phase == "closed":
        raise NotAllowed(t("The workshop is closed; it can only be read."))
    card = get_card(db, card_id)
    if card.workshop_id != workshop_id:
        raise NotFound(t("That card no longer exists."))
    _delete(db, workshop_id, card_id)


def _delete(
    db: Database, workshop_id: int, card_id: int, private_in: frozenset[str] = frozenset()
) -> None:
    with write(db, workshop_id, private_in=private_in):
        group = one(db, "SELECT group_id FROM cards WHERE id = ?", [card_id])
        db.execute("DELETE FROM cards WHERE id = ?", [card_id])
        if group and group["group_id"]:
            drop_if_empty(db, group["group_id"])
