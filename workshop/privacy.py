"""Deleting for good: a workshop, a team, or one participant's contributions.

Each call says what it removed. ``secure_delete`` overwrites the deleted rows in the
file and the write-ahead log is checkpointed and truncated afterwards, so the text
is gone from the disk, not only from the app. While another program reads the file
that cannot finish: the report says so, and the next open of the file finishes it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from sqlite_utils import Database

from workshop import scrub, teams, workshops
from workshop.db import one, rows, write
from workshop.errors import InvalidInput, NotFound
from workshop.i18n import Nn_, t, tn
from workshop.roles import Do

# What each table holds, in the words of a removal report.
_NOUNS = {
    "workshops": Nn_("{n} workshop", "{n} workshops"),
    "participants": Nn_("{n} participant", "{n} participants"),
    "cards": Nn_("{n} card", "{n} cards"),
    "groups": Nn_("{n} group", "{n} groups"),
    "votes": Nn_("{n} vote", "{n} votes"),
    "actions": Nn_("{n} action or decision", "{n} actions and decisions"),
    "campaigns": Nn_("{n} campaign or test", "{n} campaigns and tests"),
}
# Groups of a workshop whose every card belongs to one participant.
_EMPTIED = """workshop_id = ? AND id IN (
    SELECT group_id FROM cards WHERE group_id IS NOT NULL
    GROUP BY group_id HAVING SUM(participant_id IS NOT ?) = 0)"""


@dataclass(frozen=True)
class Removed:
    workshops: int = 0
    participants: int = 0
    cards: int = 0
    groups: int = 0
    votes: int = 0
    actions: int = 0
    campaigns: int = 0
    off_disk: bool = True  # False while another program's read keeps the text in the log

    def describe(self) -> str:
        parts = [
            tn(*_NOUNS[f.name], n)
            for f in fields(self)
            if f.name in _NOUNS and (n := getattr(self, f.name))
        ]
        what = ", ".join(parts) if parts else t("nothing")
        if not self.off_disk:
            return t(
                "Removed from the app: {what}. Another program is reading the database "
                "file, so the text stays in its write-ahead log on disk until that program "
                "lets go; the next start of the app or any workshop command then clears it.",
                what=what,
            )
        return t("Removed for good: {what}.", what=what)


def _count(db: Database, table: str, where: str, params: list) -> int:
    return rows(db, f"SELECT COUNT(*) AS n FROM {table} WHERE {where}", params)[0]["n"]


def _in_workshops(db: Database, where: str, params: list) -> Removed:
    """What deleting the workshops selected by ``where`` (on ``workshops``) removes."""
    ids = f"workshop_id IN (SELECT id FROM workshops WHERE {where})"
    return Removed(
        workshops=_count(db, "workshops", where, params),
        participants=_count(db, "participants", ids, params),
        cards=_count(db, "cards", ids, params),
        groups=_count(db, "card_groups", ids, params),
        votes=_count(db, "votes", ids, params),
        actions=_count(db, "actions", ids, params),
    )


def _scrub(db: Database, removed: Removed) -> Removed:
    """Push the overwritten pages into the main file and empty the write-ahead log."""
    path = db.execute("PRAGMA database_list").fetchone()[2] or ":memory:"
    return replace(removed, off_disk=scrub.clear_log(db.conn, path))


def delete_workshop(db: Database, workshop_id: int, secret: str | None) -> Removed:
    """Delete a workshop with everything in it; only its facilitator may."""
    with workshops.facilitating(db, workshop_id, secret, Do.DELETE):
        removed = _in_workshops(db, "id = ?", [workshop_id])
        db.execute("DELETE FROM workshops WHERE id = ?", [workshop_id])
    return _scrub(db, removed)


def delete_team(db: Database, team_id: int, confirm_name: str) -> Removed:
    """Delete a team and every workshop of it; ``confirm_name`` must repeat its name."""
    team = teams.get_team(db, team_id)
    if (confirm_name or "").strip().casefold() != team.name.casefold():
        raise InvalidInput("confirm", t("Type the team's name exactly to confirm."))
    with write(db):
        removed = replace(
            _in_workshops(db, "team_id = ?", [team_id]),
            campaigns=_count(db, "campaigns", "team_id = ?", [team_id]),
        )
        db.execute("DELETE FROM teams WHERE id = ?", [team_id])  # cascades
    return _scrub(db, removed)


def delete_participant(
    db: Database, workshop_id: int, secret: str | None, participant_id: int
) -> Removed:
    """Remove one person from a workshop with their cards and votes (a data-protection
    request); groups left empty go too. Only the facilitator may."""
    with workshops.facilitating(db, workshop_id, secret, Do.DELETE):
        person = one(
            db,
            "SELECT id FROM participants WHERE id = ? AND workshop_id = ?",
            [participant_id, workshop_id],
        )
        if person is None:
            raise NotFound(t("That participant is not in this workshop."))
        mine = "participant_id = ?"
        their_cards = "card_id IN (SELECT id FROM cards WHERE participant_id = ?)"
        removed = Removed(
            participants=1,
            cards=_count(db, "cards", mine, [participant_id]),
            votes=_count(db, "votes", f"{mine} OR {their_cards}", [participant_id] * 2),
            groups=_count(db, "card_groups", _EMPTIED, [workshop_id, participant_id]),
        )
        emptied = [
            r["id"]
            for r in db.query(
                f"SELECT id FROM card_groups WHERE {_EMPTIED}", [workshop_id, participant_id]
            )
        ]
        db.execute("DELETE FROM participants WHERE id = ?", [participant_id])  # cascades
        db.execute(f"DELETE FROM card_groups WHERE id IN ({','.join('?' * len(emptied))})", emptied)
    return _scrub(db, removed)
