"""Decisions and actions recorded in the Discuss phase, each linked to its card or group."""

from __future__ import annotations

from sqlite_utils import Database

from workshop import validate
from workshop.cards import get_card
from workshop.db import new_id, one, rows, timestamp
from workshop.errors import InvalidInput, NotFound, Repeated
from workshop.groups import get_group
from workshop.i18n import N_, t
from workshop.models import Action
from workshop.roles import Do
from workshop.workshops import facilitating

KINDS = ("action", "decision")
STATUSES = (N_("open"), N_("done"), N_("dropped"))  # marked: shown translated
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
    """Record a decision or action on a card or group. The same one recorded again (a
    double click on Record) is Repeated: nothing is added."""
    clean = _clean(kind, text, owner, due_on)
    with facilitating(db, workshop_id, secret, Do.DECIDE):
        for found in ([get_card(db, card_id)] if card_id else []) + (
            [get_group(db, group_id)] if group_id else []
        ):
            if found.workshop_id != workshop_id:
                raise NotFound(t("That card no longer exists."))
        # Read inside the write transaction, so two clicks at once cannot both add it.
        if one(
            db,
            """SELECT id FROM actions WHERE workshop_id = ? AND kind = ? AND text = ?
                   AND owner = ? AND due_on IS ? AND card_id IS ? AND group_id IS ?""",
            [workshop_id, kind, *clean, card_id, group_id],
        ):
            raise Repeated(t("This is recorded already; nothing was added."))
        cursor = db.execute(
            """INSERT INTO actions (workshop_id, kind, text, owner, due_on, card_id, group_id,
                   created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            [workshop_id, kind, *clean, card_id, group_id, timestamp()],
        )
    return get_action(db, new_id(cursor))


def edit_action(
    db: Database,
    workshop_id: int,
    secret: str | None,
    action_id: int,
    *,
    text: str,
    owner: str = "",
    due_on: object = None,
) -> Action:
    """Correct what a recorded decision or action says, who owns it and when it is due."""
    with facilitating(db, workshop_id, secret, Do.EDIT_ACTION):
        action = _of_workshop(db, workshop_id, action_id)
        db.execute(
            "UPDATE actions SET text = ?, owner = ?, due_on = ? WHERE id = ?",
            [*_clean(action.kind, text, owner, due_on), action_id],
        )
    return get_action(db, action_id)


def remove_action(db: Database, workshop_id: int, secret: str | None, action_id: int) -> None:
    """Take a decision or action off the record. Removing it twice says it is gone."""
    with facilitating(db, workshop_id, secret, Do.EDIT_ACTION):
        _of_workshop(db, workshop_id, action_id)
        db.execute("DELETE FROM actions WHERE id = ?", [action_id])


def _clean(kind: str, text: str, owner: str, due_on: object) -> tuple[str, str, str | None]:
    """The text, owner and due date to store, or InvalidInput naming the wrong field."""
    if kind not in KINDS:
        raise InvalidInput("kind", t("Pick action or decision."))
    clean = validate.text(text, kind, max_len=ACTION_MAX)
    clean_owner = validate.optional_text(owner, "action owner", max_len=validate.NAME_MAX)
    if kind == "action" and not clean_owner:
        raise InvalidInput("action owner", t("An action needs an owner."))
    return clean, clean_owner, validate.optional_date(due_on, "due date")


def _of_workshop(db: Database, workshop_id: int, action_id: int) -> Action:
    action = get_action(db, action_id)
    if action.workshop_id != workshop_id:
        raise NotFound(t("That action no longer exists."))
    return action


def get_action(db: Database, action_id: int) -> Action:
    row = one(db, "SELECT * FROM actions WHERE id = ?", [action_id])
    if row is None:
        raise NotFound(t("That action no longer exists."))
    return Action.from_row(row)


def set_status(
    db: Database, workshop_id: int, secret: str | None, action_id: int, status: str
) -> Action:
    if status not in STATUSES:
        raise InvalidInput("status", t("Pick open, done or dropped."))
    with facilitating(db, workshop_id, secret, Do.SET_ACTION_STATUS):
        _of_workshop(db, workshop_id, action_id)
        db.execute("UPDATE actions SET status = ? WHERE id = ?", [status, action_id])
    return get_action(db, action_id)


def list_actions(db: Database, workshop_id: int) -> list[Action]:
    return [
        Action.from_row(r)
        for r in rows(
            db, "SELECT * FROM actions WHERE workshop_id = ? ORDER BY kind DESC, id", [workshop_id]
        )
    ]
