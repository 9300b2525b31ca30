"""Dot voting. The phase and the limits are read inside the write transaction, so no
race (with another dot, a phase change or a lowered limit) lets anyone spend more dots
than they have, or put more than the maximum on one item."""

from __future__ import annotations

from sqlite_utils import Database

from workshop import phases
from workshop.cards import get_card
from workshop.db import count, one, timestamp
from workshop.errors import LimitReached, NotAllowed, NotFound
from workshop.groups import get_group
from workshop.i18n import t
from workshop.models import Participant, Workshop
from workshop.participants import participating
from workshop.roles import Do


def _target(db: Database, workshop: Workshop, card_id: int | None, group_id: int | None):
    """The card a dot lands on and the SQL that selects the voted item's cards."""
    if group_id:
        group = get_group(db, group_id)
        lead = one(db, "SELECT MIN(id) AS id FROM cards WHERE group_id = ?", [group_id])
        if group.workshop_id != workshop.id or not lead or lead["id"] is None:
            raise NotFound(t("That group no longer exists."))
        return lead["id"], "card_id IN (SELECT id FROM cards WHERE group_id = ?)", [group_id]
    card = get_card(db, card_id or 0)
    if card.workshop_id != workshop.id:
        raise NotFound(t("That card no longer exists."))
    if card.group_id:  # a grouped card is voted on as its group
        return _target(db, workshop, None, card.group_id)
    return card.id, "card_id = ?", [card.id]


def dots_left(db: Database, workshop: Workshop, participant: Participant) -> int:
    spent = count(db, "SELECT COUNT(*) FROM votes WHERE participant_id = ?", [participant.id])
    return max(workshop.dots - spent, 0)


def vote(
    db: Database, token: str, *, card_id: int | None = None, group_id: int | None = None
) -> int:
    """Put one dot on a card or group; returns the dots the participant has left."""
    with participating(
        db, token, Do.VOTE, private_in=phases.DOTS_PRIVATE
    ) as (participant, workshop):
        lead, where, params = _target(db, workshop, card_id, group_id)
        spent = count(db, "SELECT COUNT(*) FROM votes WHERE participant_id = ?", [participant.id])
        if spent >= workshop.dots:
            raise LimitReached(t("You have spent all {n} of your dots.", n=workshop.dots))
        on_item = count(
            db,
            f"SELECT COUNT(*) FROM votes WHERE participant_id = ? AND {where}",
            [participant.id, *params],
        )
        if on_item >= workshop.max_dots_per_card:
            raise LimitReached(
                t("At most {n} of your dots can go on one card.", n=workshop.max_dots_per_card)
            )
        db.execute(
            "INSERT INTO votes (workshop_id, participant_id, card_id, created_at) "
            "VALUES (?, ?, ?, ?)",
            [workshop.id, participant.id, lead, timestamp()],
        )
    return workshop.dots - spent - 1


def unvote(
    db: Database, token: str, *, card_id: int | None = None, group_id: int | None = None
) -> int:
    """Take one of your dots back from a card or group; returns the dots left."""
    with participating(
        db, token, Do.VOTE, private_in=phases.DOTS_PRIVATE
    ) as (participant, workshop):
        _, where, params = _target(db, workshop, card_id, group_id)
        mine = one(
            db,
            f"SELECT MAX(id) AS id FROM votes WHERE participant_id = ? AND {where}",
            [participant.id, *params],
        )
        if not mine or mine["id"] is None:
            raise NotAllowed(t("You have no dot on that card to take back."))
        db.execute("DELETE FROM votes WHERE id = ?", [mine["id"]])
    return dots_left(db, workshop, participant)
