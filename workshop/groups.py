"""Grouping: the facilitator merges duplicate cards into a titled group, or splits it again."""

from __future__ import annotations

from sqlite_utils import Database

from workshop import validate
from workshop.db import new_id, one, rows, timestamp
from workshop.errors import InvalidInput, NotFound
from workshop.i18n import t
from workshop.models import Group
from workshop.roles import Do
from workshop.workshops import facilitating, settle_votes

GROUP_TITLE_MAX = 120


def get_group(db: Database, group_id: int) -> Group:
    row = one(db, "SELECT * FROM card_groups WHERE id = ?", [group_id])
    if row is None:
        raise NotFound(t("That group no longer exists."))
    return Group.from_row(row)


def merge(
    db: Database,
    workshop_id: int,
    secret: str | None,
    card_ids: list[int],
    title: str,
    into_group_id: int | None = None,
) -> Group:
    """Put cards into one group: a new one titled ``title``, or ``into_group_id``.
    Dots the group now holds beyond one person's limit per item are taken back."""
    with facilitating(db, workshop_id, secret, Do.GROUP) as workshop:
        group_id = _merge(db, workshop_id, card_ids, title, into_group_id)
        settle_votes(db, workshop_id, workshop.dots, workshop.max_dots_per_card)
    return get_group(db, group_id)


def _merge(
    db: Database, workshop_id: int, card_ids: list[int], title: str, into_group_id: int | None
) -> int:
    ids = sorted(set(card_ids))
    found = (
        rows(
            db,
            f"SELECT id, column_key, group_id FROM cards WHERE workshop_id = ? "
            f"AND id IN ({','.join('?' * len(ids))})",
            [workshop_id, *ids],
        )
        if ids
        else []
    )
    target = get_group(db, into_group_id) if into_group_id else None
    if target and target.workshop_id != workshop_id:
        raise NotFound(t("That group no longer exists."))
    if len(found) != len(ids) or len(ids) + (1 if target else 0) < 2:
        raise InvalidInput("cards", t("Select at least two cards to group."))
    columns = {r["column_key"] for r in found} | ({target.column_key} if target else set())
    if len(columns) > 1:
        raise InvalidInput("cards", t("Cards of different columns cannot share a group."))
    clean = target.title if target else validate.text(title, "group title", max_len=GROUP_TITLE_MAX)
    group_id = (
        target.id
        if target
        else new_id(
            db.execute(
                "INSERT INTO card_groups (workshop_id, column_key, title, created_at) "
                "VALUES (?, ?, ?, ?)",
                [workshop_id, columns.pop(), clean, timestamp()],
            )
        )
    )
    db.execute(
        f"UPDATE cards SET group_id = ? WHERE id IN ({','.join('?' * len(ids))})",
        [group_id, *ids],
    )
    for old in {r["group_id"] for r in found if r["group_id"]}:
        drop_if_empty(db, old)
    return group_id


def split(db: Database, workshop_id: int, secret: str | None, group_id: int) -> None:
    """Dissolve a group; its cards stand alone again with their votes and actions kept."""
    with facilitating(db, workshop_id, secret, Do.GROUP):
        group = get_group(db, group_id)
        if group.workshop_id != workshop_id:
            raise NotFound(t("That group no longer exists."))
        lead = one(db, "SELECT MIN(id) AS id FROM cards WHERE group_id = ?", [group_id])
        db.execute(
            "UPDATE actions SET card_id = ?, group_id = NULL WHERE group_id = ?",
            [lead["id"] if lead else None, group_id],
        )
        db.execute("UPDATE cards SET group_id = NULL WHERE group_id = ?", [group_id])
        db.execute("DELETE FROM card_groups WHERE id = ?", [group_id])


def drop_if_empty(db: Database, group_id: int) -> None:
    """Delete a group that has no cards left (call inside a write transaction)."""
    db.execute(
        "DELETE FROM card_groups WHERE id = ? AND NOT EXISTS "
        "(SELECT 1 FROM cards WHERE group_id = ?)",
        [group_id, group_id],
    )
