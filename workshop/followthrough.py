"""Follow-through: a new workshop opens by reviewing the team's open actions from before.

Each open action is marked done, carried over (a copy joins the new workshop and
remembers where it came from, so an action can be carried again and again), or
dropped with a reason. The quarter's completion rate counts what became of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from workshop import validate, workshops
from workshop.actions import ACTION_MAX, get_action
from workshop.db import rows, timestamp, touch
from workshop.errors import NotFound
from workshop.i18n import t
from workshop.models import Action
from workshop.roles import Do

# An action is "carried" once a later workshop took a copy of it.
_CARRIED = "EXISTS (SELECT 1 FROM actions c WHERE c.carried_from = a.id)"
# How many workshops an action passed through before: the length of its carried_from chain.
_TIMES_CARRIED = """(WITH RECURSIVE up(id) AS (SELECT a.carried_from
                        UNION ALL SELECT x.carried_from FROM actions x JOIN up ON x.id = up.id)
                     SELECT COUNT(id) FROM up)"""


@dataclass(frozen=True)
class ToReview:
    action: Action
    quarter: str
    workshop_title: str
    times_carried: int  # how many workshops this action has already passed through


def _open_actions(db: Database, workshop_id: int) -> list[dict]:
    workshop = workshops.get_workshop(db, workshop_id)
    return rows(
        db,
        f"""SELECT a.*, w.quarter, w.title AS workshop_title,
                   {_TIMES_CARRIED} AS times_carried FROM actions a
            JOIN workshops w ON w.id = a.workshop_id
            WHERE w.team_id = ? AND w.id < ? AND a.kind = 'action'
              AND a.status = 'open' AND NOT {_CARRIED}
            ORDER BY w.quarter, a.id""",
        [workshop.team_id, workshop_id],
    )


def to_review(db: Database, workshop_id: int) -> list[ToReview]:
    """The open actions of the team's earlier workshops, oldest first."""
    return [
        ToReview(Action.from_row(r), r["quarter"], r["workshop_title"], r["times_carried"])
        for r in _open_actions(db, workshop_id)
    ]


def _reviewable(db: Database, workshop_id: int, action_id: int) -> Action:
    """An action of an earlier workshop still open for review here (inside the write)."""
    if action_id not in {r["id"] for r in _open_actions(db, workshop_id)}:
        raise NotFound(t("That action is not open for review here any more."))
    return get_action(db, action_id)


def mark_done(db: Database, workshop_id: int, secret: str | None, action_id: int) -> None:
    with workshops.facilitating(db, workshop_id, secret, Do.REVIEW_ACTIONS):
        action = _reviewable(db, workshop_id, action_id)
        touch(db, action.workshop_id)  # its page shows the review
        db.execute(
            "UPDATE actions SET status = 'done', reviewed_in = ? WHERE id = ?",
            [workshop_id, action_id],
        )


def drop(db: Database, workshop_id: int, secret: str | None, action_id: int, reason: str) -> None:
    why = validate.text(reason, "reason", max_len=ACTION_MAX)
    with workshops.facilitating(db, workshop_id, secret, Do.REVIEW_ACTIONS):
        action = _reviewable(db, workshop_id, action_id)
        touch(db, action.workshop_id)  # its page shows the review
        db.execute(
            "UPDATE actions SET status = 'dropped', drop_reason = ?, reviewed_in = ? WHERE id = ?",
            [why, workshop_id, action_id],
        )


def carry_over(db: Database, workshop_id: int, secret: str | None, action_id: int) -> Action:
    """A copy of the action joins this workshop, linked to the one it continues."""
    with workshops.facilitating(db, workshop_id, secret, Do.REVIEW_ACTIONS):
        action = _reviewable(db, workshop_id, action_id)
        touch(db, action.workshop_id)  # its page shows the review
        db.execute("UPDATE actions SET reviewed_in = ? WHERE id = ?", [workshop_id, action_id])
        cursor = db.execute(
            """INSERT INTO actions (workshop_id, kind, text, owner, due_on, carried_from,
                   created_at) VALUES (?, 'action', ?, ?, ?, ?, ?)""",
            [workshop_id, action.text, action.owner, action.due_on, action_id, timestamp()],
        )
    assert cursor.lastrowid is not None  # an INSERT always sets it
    return get_action(db, cursor.lastrowid)


@dataclass(frozen=True)
class Completion:
    quarter: str
    done: int
    carried: int
    dropped: int
    open: int

    @property
    def total(self) -> int:
        return self.done + self.carried + self.dropped + self.open

    @property
    def rate(self) -> float | None:
        """Share of the quarter's actions that were done; None when it had none."""
        return self.done / self.total * 100 if self.total else None


def completion(
    db: Database, team_id: int, first: str = "0000", last: str = "9999"
) -> list[Completion]:
    """What became of each quarter's actions."""
    found = rows(
        db,
        f"""SELECT w.quarter,
                   SUM(a.status = 'done') AS done,
                   SUM(a.status = 'open' AND {_CARRIED}) AS carried,
                   SUM(a.status = 'dropped') AS dropped,
                   SUM(a.status = 'open' AND NOT {_CARRIED}) AS open
            FROM actions a JOIN workshops w ON w.id = a.workshop_id
            WHERE w.team_id = ? AND a.kind = 'action' AND w.quarter BETWEEN ? AND ?
            GROUP BY w.quarter ORDER BY w.quarter""",
        [team_id, first, last],
    )
    return [Completion(**r) for r in found]


def reviewed_in(db: Database, workshop_id: int) -> list[Action]:
    """The earlier actions this workshop reviewed, for its summary."""
    return [
        Action.from_row(r)
        for r in rows(db, "SELECT * FROM actions WHERE reviewed_in = ? ORDER BY id", [workshop_id])
    ]
