"""The canvas's proposals, decided by the facilitator, become cards on the team's board.

An accepted proposal becomes a card in the team's Stop / Start / Continue / Change
workshop for the canvas's quarter (opened with the same facilitator key if there is
none taking cards); the proposal keeps the card, so each side shows the other.
"""

from __future__ import annotations

import datetime as dt
import zlib

from sqlite_utils import Database

from workshop import audit, canvas_plan, comparison, next_board, validate, workshops
from workshop.cards import get_card
from workshop.db import one, rows, timestamp
from workshop.errors import Stale
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
    """(Re)compute the open proposals; decided ones stay as they were decided, and an
    open one that is found again keeps its number, so a screen drawn before the new
    comparison can still decide it."""
    with workshops.facilitating(db, workshop_id, secret, Do.COMPARE_CHANNELS) as workshop:
        _, today = today_list(db, workshop)
        found = comparison.compare(canvas_plan.list_plan(db, workshop_id), today, on)
        existing = list_proposals(db, workshop_id)
        decided = {(p.outcome, p.platform) for p in existing if p.status != "proposed"}
        still_open = {
            (p.outcome, p.platform, p.reason, p.text): p.id
            for p in existing
            if p.status == "proposed"
        }
        wanted = {
            (s.outcome, s.platform, s.reason, s.text)
            for s in found
            if (s.outcome, s.platform) not in decided
        }
        for said, proposal_id in still_open.items():
            if said not in wanted:
                db.execute("DELETE FROM proposals WHERE id = ?", [proposal_id])
        for s in found:
            said = (s.outcome, s.platform, s.reason, s.text)
            if said in wanted and said not in still_open:
                db.execute(
                    """INSERT INTO proposals (workshop_id, outcome, platform, reason, text,
                           created_at) VALUES (?, ?, ?, ?, ?, ?)""",
                    [workshop_id, *said, timestamp()],
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


def version(proposal: Proposal) -> str:
    """What the proposal says, in a few letters (its card text aside, which the
    facilitator may edit when accepting). A new comparison replaces the open proposals
    and may give an old number to a different one: a button drawn for one proposal must
    never decide another that took its number."""
    said = "\x1f".join([proposal.outcome, proposal.platform, proposal.reason])
    return f"{zlib.crc32(said.encode()):08x}"


_DECIDED = {
    "accepted": "That proposal was accepted already; nothing was changed.",
    "rejected": "That proposal was rejected already; nothing was changed.",
}


def _open(db: Database, workshop_id: int, proposal_id: int, seen: Proposal | None) -> Proposal:
    """The proposal, still undecided and still the one drawn as ``seen`` (call inside
    the deciding write); Stale when a click came from an older screen."""
    row = one(
        db, "SELECT * FROM proposals WHERE id = ? AND workshop_id = ?", [proposal_id, workshop_id]
    )
    if row is None:
        raise Stale(t("That proposal no longer exists; nothing was changed. Compare again."))
    proposal = Proposal.from_row(row)
    if proposal.status != "proposed":
        raise Stale(t(_DECIDED[proposal.status]))
    if seen is not None and version(seen) != version(proposal):
        raise Stale(
            t(
                "The proposals were compared again after this page was drawn; nothing was "
                "changed. Decide on the list as it is now."
            )
        )
    return proposal


def reject(
    db: Database,
    workshop_id: int,
    secret: str | None,
    proposal_id: int,
    *,
    seen: Proposal | None = None,
) -> None:
    """Set the proposal aside. ``seen``: the proposal as the button was drawn with it;
    a click from an older screen (decided since, or compared again) changes nothing."""
    with workshops.facilitating(db, workshop_id, secret, Do.DECIDE_PROPOSAL):
        _open(db, workshop_id, proposal_id, seen)
        db.execute("UPDATE proposals SET status = 'rejected' WHERE id = ?", [proposal_id])


def accept(
    db: Database,
    workshop_id: int,
    secret: str | None,
    proposal_id: int,
    text: str | None = None,
    *,
    seen: Proposal | None = None,
) -> tuple[Card, Workshop]:
    """The proposal (its text edited or not) as a card on the team's board for the
    quarter; ``seen`` as for :func:`reject`."""
    with workshops.facilitating(db, workshop_id, secret, Do.DECIDE_PROPOSAL) as canvas_workshop:
        proposal = _open(db, workshop_id, proposal_id, seen)
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
