"""Writing cards: each participant adds, edits and deletes their own while writing is open."""

from __future__ import annotations

from sqlite_utils import Database

from workshop import exercises, phases, validate
from workshop.db import new_id, one, timestamp
from workshop.errors import InvalidInput, NotAllowed, NotFound, Repeated
from workshop.groups import drop_if_empty
from workshop.i18n import t
from workshop.models import Card, Participant, Workshop
from workshop.participants import participating
from workshop.roles import Do
from workshop.workshops import facilitating


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
    clean = validate.card_text(text)
    now = timestamp()
    with participating(
        db, token, Do.WRITE_CARD, private_in=phases.OWN_CARDS_PRIVATE
    ) as (participant, workshop):
        _check_column(workshop, column_key)
        tag = _check_reason(workshop, column_key, reason)
        # Read inside the write transaction: a double click on Add card adds one card.
        if one(
            db,
            "SELECT id FROM cards WHERE participant_id = ? AND column_key = ? AND text = ?",
            [participant.id, column_key, clean],
        ):
            raise Repeated(t("You added this card already; nothing was added."))
        cursor = db.execute(
            """INSERT INTO cards (workshop_id, participant_id, column_key, text, reason,
                   created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [workshop.id, participant.id, column_key, clean, tag, now, now],
        )
    return get_card(db, new_id(cursor))


def set_reason(
    db: Database, workshop_id: int, secret: str | None, card_ids: list[int], reason: str | None
) -> None:
    """The facilitator tags Miss cards (all cards of a group at once) with why it missed."""
    with facilitating(db, workshop_id, secret, Do.TAG_REASON) as workshop:
        tagged = [get_card(db, card_id) for card_id in card_ids]
        for card in tagged:
            if card.workshop_id != workshop_id:
                raise NotFound(t("That card no longer exists."))
            _check_reason(workshop, card.column_key, reason)
        for card in tagged:
            db.execute("UPDATE cards SET reason = ? WHERE id = ?", [reason or None, card.id])


def edit_card(db: Database, token: str, card_id: int, text: str) -> Card:
    clean = validate.card_text(text)
    with participating(
        db, token, Do.EDIT_OWN_CARD, private_in=phases.OWN_CARDS_PRIVATE
    ) as (participant, _):
        _own_card(db, participant, card_id)
        db.execute(
            "UPDATE cards SET text = ?, updated_at = ? WHERE id = ?", [clean, timestamp(), card_id]
        )
    return get_card(db, card_id)


def delete_card(db: Database, token: str, card_id: int) -> None:
    with participating(
        db, token, Do.EDIT_OWN_CARD, private_in=phases.OWN_CARDS_PRIVATE
    ) as (participant, workshop):
        _own_card(db, participant, card_id)
        _delete(db, workshop, card_id)


def remove_card(db: Database, workshop_id: int, secret: str | None, card_id: int) -> None:
    """The facilitator removes anyone's card (an off-topic or duplicate one)."""
    with facilitating(db, workshop_id, secret, Do.REMOVE_CARD) as workshop:
        card = get_card(db, card_id)
        if card.workshop_id != workshop_id:
            raise NotFound(t("That card no longer exists."))
        _delete(db, workshop, card_id)


def _delete(db: Database, workshop: Workshop, card_id: int) -> None:
    """Delete a card inside the caller's write; its group goes when it was the last."""
    group = one(db, "SELECT group_id FROM cards WHERE id = ?", [card_id])
    db.execute("DELETE FROM cards WHERE id = ?", [card_id])
    if group and group["group_id"]:
        drop_if_empty(db, group["group_id"])
