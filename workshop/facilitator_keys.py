"""Which facilitator keys open a workshop.

A workshop opens with its own key, and with the key of every workshop that fed it
cards: a learning taken forward from a retrospective, a proposal accepted on a channel
canvas. The same facilitator carries that work onto next quarter's board, so the key
they already hold opens it too, even when another of their workshops created it. Only
SHA-256 hashes of keys are stored and compared.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlite_utils import Database

from workshop.db import rows

# The workshops that fed cards to a board: the origin of a card taken forward, and the
# canvas whose accepted proposal became a card there.
_FEEDERS = """
    SELECT c.workshop_id AS board, origin.workshop_id AS source
      FROM cards c JOIN cards origin ON origin.id = c.origin_card_id
    UNION
    SELECT c.workshop_id AS board, p.workshop_id AS source
      FROM proposals p JOIN cards c ON c.id = p.card_id
"""


def hashes_opening(db: Database, workshop_id: int) -> list[str]:
    """The hashes of every key that opens ``workshop_id``, its own first."""
    found = rows(
        db,
        f"""SELECT secret_hash, 0 AS fed FROM workshops WHERE id = :id
            UNION
            SELECT w.secret_hash, 1 AS fed FROM ({_FEEDERS}) f
              JOIN workshops w ON w.id = f.source WHERE f.board = :id
            ORDER BY fed""",
        {"id": workshop_id},
    )
    return list(dict.fromkeys(r["secret_hash"] for r in found))


def workshops_opened(db: Database, hashes: Collection[str]) -> set[int]:
    """The ids of the workshops that one of the keys with these ``hashes`` opens."""
    if not hashes:
        return set()
    marks = ", ".join("?" for _ in hashes)
    found = rows(
        db,
        f"""SELECT id FROM workshops WHERE secret_hash IN ({marks})
            UNION
            SELECT f.board FROM ({_FEEDERS}) f JOIN workshops w ON w.id = f.source
             WHERE w.secret_hash IN ({marks})""",
        [*hashes, *hashes],
    )
    return {r["id"] for r in found}
