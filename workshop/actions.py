"""Decisions and actions recorded in the Discuss phase, each linked to its card or group."""

from __future__ import annotations

from sqlite_utils import Database

from workshop import phases, validate
from workshop.cards import get_card
from workshop.db import one, rows, timestamp, write
from workshop.errors import InvalidInput, NotAllowed, NotFound
from workshop.groups import get_group
from workshop.i18n import t
from workshop.models import Action
from workshop.workshops import authorise

KINDS = ("action", "decision")
STATUSES = ("open", "done", "dropped")
ACTION_MAX = 300


def add_action(
    db: Database,
    workshop_id: int,
    secret: str | None,
    *,
    kind: str,
    text: str,
    owner: str = "",
    due_on: object = None,
    card_id: int | None = None,
    group_id: int | None = None,
) -> Action:
    workshop = authorise(db, workshop_id, secret)
    if workshop.phase not in phases.DECIDING:
        raise NotAllowed(t("Decisions and actions are recorded in the Discuss phase."))
    if kind not in KINDS:
        raise InvalidInput("kind", t("Pick action or decision."))
    clean = validate.text(text, kind, max_len=ACTION_MAX)
    clean_owner = validate.optional_text(owner, "owner", max_len=validate.NAME_MAX)
    if kind == "action" and not clean_owner:
        raise InvalidInput("owner", t("An action needs an owner."))
    due = validate.optional_date(due_on, "due date")
    for found in ([get_card(db, card_id)] if card_id else []) + (
        [get_group(db, group_id)] if group_id else []
    ):
        if found.workshop_id != workshop_id:
            raise NotFound(t("That card no longer exists."))
    with write(db, workshop_id):
        cursor = db.execute(
            """INSERT INTO actions (workshop_id, kind, text, owner, due_on, card_id, group_id,
                   created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            [workshop_id, kind, clean, clean_owner, due, card_id, group_id, timestamp()],
        )
    return get_action(db, cursor.lastrowid)


def get_action(db: Database, action_id: int) -> Action:
    row = one(db, "SELECT * FROM actions WHERE id = ?", [action_id])
    if row is None:
        raise NotFound(t("That action no longer exists."))
    return Action.from_row(row)


def set_status(
    db: Database, workshop_id: int, secret: str | None, action_id: int, status: str
) -> Action:
    authorise(db, workshop_id, secret)
    if status not in STATUSES:
        raise InvalidInput("status", t("Pick open, done or dropped."))
    action = get_action(db, action_id)
    if action.workshop_id != workshop_id:
        raise NotFound(t("That action no longer exists."))
    with write(db, workshop_id):
        db.execute("UPDATE actions SET status = ? WHERE id = ?", [status, action_id])
    return get_action(db, action_id)


def delete_action(db: Database, workshop_id: int, secret: str | None, action_id: int) -> None:
    workshop = authorise(db, workshop_id, secret)
    if workshop.phase == "closed":
        raise NotAllowed(t("The workshop is closed; it can only be read."))
    action = get_action(db, action_id)
    if action.workshop_id != workshop_id:
        raise NotFound(t("That action no longer exists."))
    with write(db, workshop_id):
        db.execute("DELETE FROM actions WHERE id = ?", [action_id])


def list_actions(db: Database, workshop_id: int) -> list[Action]:
    return [
        Action.from_row(r)
        for r in rows(
            db, "SELECT * FROM actions WHERE workshop_id = ? ORDER BY kind DESC, id", [workshop_id]
        )
    ]
