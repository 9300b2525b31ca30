"""Taking what a retrospective learned forward: into a new test, or onto the next board.

A learning becomes the hypothesis of a draft test, or a Start or Change card offered
to the team's next Stop / Start / Continue / Change workshop. Both keep the card they
came from (``campaigns.source_card_id``, ``cards.origin_card_id``), so either side
can show the other.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from workshop import campaigns, exercises, next_board, validate, workshops
from workshop.cards import get_card
from workshop.db import one, rows, timestamp
from workshop.errors import InvalidInput, NotAllowed, NotFound, Repeated
from workshop.i18n import t
from workshop.models import Campaign, Card, Workshop
from workshop.roles import Do

BOARD_COLUMNS = ("start", "change")


@dataclass(frozen=True)
class Source:
    card_id: int  # a group is represented by its first card
    text: str


def _source(db: Database, workshop: Workshop, card_id: int | None, group_id: int | None) -> Source:
    column = exercises.get(workshop.exercise).forward_column
    if column is None:
        raise NotAllowed(t("This exercise has nothing to take forward."))
    if group_id is not None:
        row = one(
            db,
            """SELECT MIN(c.id) AS card_id, g.title AS text, g.column_key FROM card_groups g
               JOIN cards c ON c.group_id = g.id WHERE g.id = ? AND g.workshop_id = ?""",
            [group_id, workshop.id],
        )
    else:
        row = one(
            db,
            "SELECT id AS card_id, text, column_key FROM cards WHERE id = ? AND workshop_id = ?",
            [card_id, workshop.id],
        )
    if row is None or row["card_id"] is None:
        raise NotFound(t("That card no longer exists."))
    if row["column_key"] != column:
        raise InvalidInput("column", t("Only what we learned is taken forward."))
    return Source(row["card_id"], row["text"])


def to_test(
    db: Database,
    workshop_id: int,
    secret: str | None,
    *,
    name: str,
    hypothesis: str | None = None,
    card_id: int | None = None,
    group_id: int | None = None,
) -> Campaign:
    """A draft test of the workshop's team whose hypothesis is the learning; one per
    learning, so a second click is Repeated and names the test the first one made."""
    with workshops.facilitating(db, workshop_id, secret, Do.TAKE_FORWARD) as workshop:
        source = _source(db, workshop, card_id, group_id)
        made = one(db, "SELECT name FROM campaigns WHERE source_card_id = ?", [source.card_id])
        if made:  # read inside the write transaction: two clicks at once make one test
            raise Repeated(
                t(
                    "This learning is the draft test “{name}” already; nothing was added.",
                    name=made["name"],
                )
            )
        values = {
            "name": name,
            "kind": "test",
            "status": "draft",
            "hypothesis": source.text if hypothesis is None else hypothesis,
        }
        stored = campaigns.clean(values)
        cursor = db.execute(
            """INSERT INTO campaigns (team_id, name, kind, status, hypothesis, source_card_id,
                   created_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [
                workshop.team_id,
                stored["name"],
                "test",
                "draft",
                stored["hypothesis"],
                source.card_id,
                timestamp(),
            ],
        )
    assert cursor.lastrowid is not None  # an INSERT always sets it
    return campaigns.get_campaign(db, cursor.lastrowid)


def to_board(
    db: Database,
    workshop_id: int,
    secret: str | None,
    *,
    column: str,
    target_id: int | None = None,
    quarter: str | None = None,
    card_id: int | None = None,
    group_id: int | None = None,
) -> tuple[Card, Workshop]:
    """A Start or Change card on ``target_id``, or on the team's board for ``quarter``."""
    if column not in BOARD_COLUMNS:
        raise InvalidInput("column", t("A learning becomes a Start or a Change card."))
    with workshops.facilitating(db, workshop_id, secret, Do.TAKE_FORWARD) as workshop:
        source = _source(db, workshop, card_id, group_id)
        if target_id is None:
            target = next_board.board_for(db, workshop.team_id, validate.quarter(quarter), secret)
        else:
            target = workshops.get_workshop(db, target_id)
            if target.id not in {w.id for w in next_board.taking_cards(db, workshop.team_id)}:
                raise NotAllowed(
                    t("That workshop is not one of this team's boards still taking cards.")
                )
        if one(
            db,
            "SELECT id FROM cards WHERE workshop_id = ? AND origin_card_id = ?",
            [target.id, source.card_id],
        ):
            raise Repeated(
                t("This learning is on “{title}” already; nothing was added.", title=target.title)
            )
        card_id = next_board.offer_card(db, target.id, column, source.text, source.card_id)
    return get_card(db, card_id), target


def origin_of(db: Database, campaign: Campaign) -> str | None:
    """Where a draft test's hypothesis was learned, for its campaign page."""
    if campaign.source_card_id is None:
        return None
    row = one(
        db,
        """SELECT w.quarter, w.title, COALESCE(k.name, '') AS name FROM cards c
           JOIN workshops w ON w.id = c.workshop_id
           LEFT JOIN campaigns k ON k.id = w.campaign_id WHERE c.id = ?""",
        [campaign.source_card_id],
    )
    if row is None:
        return None
    return t(
        "← learned in the retrospective of “{name}” ({quarter})",
        name=row["name"] or row["title"],
        quarter=row["quarter"],
    )


def drafts(db: Database, workshop_id: int) -> list[Campaign]:
    """The draft tests made from this workshop's learnings."""
    return [
        Campaign.from_row(r)
        for r in rows(
            db,
            """SELECT k.* FROM campaigns k JOIN cards c ON c.id = k.source_card_id
               WHERE c.workshop_id = ? ORDER BY k.id""",
            [workshop_id],
        )
    ]


def targets(db: Database, workshop_id: int) -> list[Workshop]:
    """The workshops that received a card taken forward from this one."""
    found = rows(
        db,
        """SELECT DISTINCT copy.workshop_id AS id FROM cards c
           JOIN cards copy ON copy.origin_card_id = c.id WHERE c.workshop_id = ?""",
        [workshop_id],
    )
    return [workshops.get_workshop(db, r["id"]) for r in found]
