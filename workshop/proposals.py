"""The canvas's proposals, decided by the facilitator, become cards on the team's board.

An accepted proposal becomes a card in the team's Stop / Start / Continue / Change
workshop for the canvas's quarter (opened with the same facilitator key if there is
none taking cards); the proposal keeps the card, so each side shows the other.
"""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from workshop import audit, canvas_plan, comparison, next_board, validate, workshops
from workshop.cards import get_card
from workshop.db import one, rows, timestamp
from workshop.errors import NotAllowed, NotFound
from workshop.i18n import t
from workshop.models import Card, Proposal, Workshop
from workshop.roles import Do


def today_list(db: Database, workshop: Workshop) -> tuple[str | None, list]:
    """The audit the canvas is held against: its quarter's, or the newest before it."""
    quarter = audit.latest_quarter(db, workshop.team_id, workshop.quarter)
    return quarter, audit.list_audit(db, workshop.team_id, quarter) if quarter else []


def propose(
    db: Database, workshop_id: int, secret: str | None, on: dt.date | None = None
) -> list[Proposal]:
    """(Re)compute the open proposals; decided ones stay as they were decided."""
    with workshops.facilitating(db, workshop_id, secret, Do.COMPARE_CHANNELS) as workshop:
        _, today = today_list(db, workshop)
        found = comparison.compare(canvas_plan.list_plan(db, workshop_id), today, on)
        decided = {
            (p.outcome, p.platform)
            for p in list_proposals(db, workshop_id)
            if p.status != "proposed"
        }
        db.execute(
            "DELETE FROM proposals WHERE workshop_id = ? AND status = 'proposed'", [workshop_id]
        )
        for s in found:
            if (s.outcome, s.platform) not in decided:
                db.execute(
                    """INSERT INTO proposals (workshop_id, outcome, platform, reason, text,
                           created_at) VALUES (?, ?, ?, ?, ?, ?)""",
                    [workshop_id, s.outcome, s.platform, s.reason, s.text, timestamp()],
                )
    return list_proposals(db, workshop_id)


def list_proposals(db: Database, workshop_id: int) -> list[Proposal]:
    order = "CASE outcome WHEN 'stop' THEN 0 WHEN 'start' THEN 1 WHEN 'continue' THEN 2 ELSE 3 END"
    return [
        Proposal.from_row(r)
        for r in rows(
            db, f"SELECT * FROM proposals WHERE workshop_id = ? ORDER BY {order}, id", [workshop_id]
        )
    ]


def _open(db: Database, workshop_id: int, proposal_id: int) -> Proposal:
    """The proposal, still undecided (call inside the deciding write)."""
    row = one(
        db, "SELECT * FROM proposals WHERE id = ? AND workshop_id = ?", [proposal_id, workshop_id]
    )
    if row is None:
        raise NotFound(t("That proposal no longer exists; compare again."))
    proposal = Proposal.from_row(row)
    if proposal.status != "proposed":
        raise NotAllowed(t("That proposal is decided already."))
    return proposal


def reject(db: Database, workshop_id: int, secret: str | None, proposal_id: int) -> None:
    with workshops.facilitating(db, workshop_id, secret, Do.DECIDE_PROPOSAL):
        _open(db, workshop_id, proposal_id)
        db.execute("UPDATE proposals SET status = 'rejected' WHERE id = ?", [proposal_id])


def accept(
    db: Database, workshop_id: int, secret: str | None, proposal_id: int, text: str | None = None
) -> tuple[Card, Workshop]:
    """The proposal (its text edited or not) as a card on the team's board for the quarter."""
    with workshops.facilitating(db, workshop_id, secret, Do.DECIDE_PROPOSAL) as canvas_workshop:
        proposal = _open(db, workshop_id, proposal_id)
        clean = validate.card_text(proposal.text if text is None else text)
        target = next_board.board_for(db, canvas_workshop.team_id, canvas_workshop.quarter, secret)
        card_id = next_board.offer_card(db, target.id, proposal.outcome, clean)
        db.execute(
            "UPDATE proposals SET status = 'accepted', text = ?, card_id = ? WHERE id = ?",
            [clean, card_id, proposal_id],
        )
    return get_card(db, card_id), target


def boards_fed(db: Database, workshop_id: int) -> list[Workshop]:
    """The boards that received this canvas's accepted proposals."""
    found = rows(
        db,
        """SELECT DISTINCT c.workshop_id AS id FROM proposals p JOIN cards c ON c.id = p.card_id
           WHERE p.workshop_id = ?""",
        [workshop_id],
    )
    return [workshops.get_workshop(db, r["id"]) for r in found]
