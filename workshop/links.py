"""Where a card came from and where it was taken, in words to show next to it.

A learning can become a draft test or a card on a later board, a voted proposal a
channel on the canvas, and the canvas's accepted proposals cards on the team's board.
"""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db import rows
from workshop.exercises import SSCC
from workshop.i18n import t


def of_cards(db: Database, workshop_id: int) -> dict[int, list[str]]:
    """For each card of a workshop, where it came from and where it was taken."""
    found: dict[int, list[str]] = {}
    for r in rows(
        db,
        """SELECT c.id AS card_id, w.quarter, w.title, 'test' AS kind, k.name AS name
               FROM cards c JOIN campaigns k ON k.source_card_id = c.id
               JOIN workshops w ON w.id = c.workshop_id
               WHERE c.workshop_id = :w
           UNION ALL
           SELECT c.id, w.quarter, w.title, 'to', copy.column_key
               FROM cards c JOIN cards copy ON copy.origin_card_id = c.id
               JOIN workshops w ON w.id = copy.workshop_id WHERE c.workshop_id = :w
           UNION ALL
           SELECT c.id, '', '', 'plan', cc.platform
               FROM cards c JOIN canvas_channels cc ON cc.card_id = c.id
               WHERE c.workshop_id = :w
           UNION ALL
           SELECT c.id, w.quarter, w.title, 'canvas', ''
               FROM cards c JOIN proposals p ON p.card_id = c.id
               JOIN workshops w ON w.id = p.workshop_id WHERE c.workshop_id = :w
           UNION ALL
           SELECT c.id, w.quarter, w.title, 'from', COALESCE(k.name, '')
               FROM cards c JOIN cards origin ON origin.id = c.origin_card_id
               JOIN workshops w ON w.id = origin.workshop_id
               LEFT JOIN campaigns k ON k.id = w.campaign_id WHERE c.workshop_id = :w
           ORDER BY 1""",
        {"w": workshop_id},
    ):
        found.setdefault(r["card_id"], []).append(_describe(r))
    return found


def _describe(r: dict) -> str:
    if r["kind"] == "test":
        return t("→ draft test “{name}”", name=r["name"])
    if r["kind"] == "plan":
        return t("→ on the canvas as “{name}”", name=r["name"])
    if r["kind"] == "canvas":
        return t(
            "← from the channel canvas “{title}” ({quarter})",
            title=r["title"],
            quarter=r["quarter"],
        )
    if r["kind"] == "to":
        column = SSCC.column(r["name"]).title
        return t(
            "→ {column} card in {quarter} “{title}”",
            column=t(column),
            quarter=r["quarter"],
            title=r["title"],
        )
    return t(
        "← learned in the retrospective of “{name}” ({quarter})",
        name=r["name"] or r["title"],
        quarter=r["quarter"],
    )
