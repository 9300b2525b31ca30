"""The team's Stop / Start / Continue / Change board that later work feeds.

A retrospective's learnings and a canvas's accepted proposals become cards on it:
the board of the team still taking cards, or a new one opened with the facilitator
key of the workshop they come from, since the same person carries them there.
"""

from __future__ import annotations

from sqlite_utils import Database

from workshop import workshops
from workshop.db import new_id, timestamp, write
from workshop.exercises import SSCC
from workshop.i18n import t
from workshop.models import Workshop
from workshop.phases import Phase

_TAKING = frozenset({Phase.WRITE, Phase.REVEAL})  # when later work may add its cards


def taking_cards(db: Database, team_id: int) -> list[Workshop]:
    """The team's boards still in Write or Reveal, newest quarter first."""
    return [
        w
        for w in workshops.list_workshops(db, team_id)
        if w.exercise == SSCC.key and w.phase in _TAKING
    ]


def board_for(db: Database, team_id: int, quarter: str, secret: str | None) -> Workshop:
    """The team's board taking cards in ``quarter``, opened with ``secret`` if there is none."""
    for board in taking_cards(db, team_id):
        if board.quarter == quarter:
            return board
    created, _ = workshops.create_workshop(
        db,
        team_id=team_id,
        quarter=quarter,
        exercise=SSCC.key,
        title=t("Quarterly offsite"),
        secret=secret,
    )
    return created


def offer_card(
    db: Database, board_id: int, column: str, text: str, origin_card_id: int | None = None
) -> int:
    """A card with no author on ``board_id``; joins the caller's write transaction."""
    now = timestamp()
    with write(db, board_id):
        return new_id(db.execute(
            """INSERT INTO cards (workshop_id, participant_id, column_key, text, origin_card_id,
                   created_at, updated_at) VALUES (?, NULL, ?, ?, ?, ?, ?)""",
            [board_id, column, text, origin_card_id, now, now],
        ))
