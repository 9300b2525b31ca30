"""A workshop as one JSON document: everything of it but its secrets.

The facilitator's key, the join code and the participants' links are never in it, nor
who cast which dot. An anonymous workshop keeps its authors out too: participants are
counted, not named, and cards do not say whose they are. A card written while the
workshop was anonymous says neither whose it is nor when it was written, also after
anonymity was switched off.
"""

from __future__ import annotations

import json
from collections.abc import Set as AbstractSet
from dataclasses import asdict
from typing import Any

from sqlite_utils import Database

from workshop import phases, summary
from workshop.db import rows

FORMAT = "strategy-workshop-export"
_SECRET = {"secret_hash", "code", "token", "revision", "public_revision", "timer_ends_at"}


def _public(row: dict[str, Any], drop: AbstractSet[str] = frozenset()) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in _SECRET | drop}


def _table(
    db: Database, table: str, workshop_id: int, drop: AbstractSet[str] = frozenset()
) -> list:
    return [
        _public(r, drop)
        for r in rows(db, f"SELECT * FROM {table} WHERE workshop_id = ? ORDER BY id", [workshop_id])
    ]


def document(db: Database, workshop_id: int) -> dict[str, Any]:
    board = summary.load(db, workshop_id)
    extra = summary.extras(db, board)
    w = board.workshop
    anonymous = bool(w.anonymous)
    people = _table(db, "participants", w.id)
    return {
        "format": FORMAT,
        "version": 1,
        "workshop": _public(asdict(w)),
        "columns": [
            {"key": c.key, "title": c.title, "question": c.question} for c in board.exercise.columns
        ],
        "participants": {
            "count": len(people),
            "people": None if anonymous else [{"id": p["id"], "name": p["name"]} for p in people],
        },
        "groups": _table(db, "card_groups", w.id),
        "cards": [
            _public(card, {"participant_id", "created_at"})
            if anonymous or card["anonymous"]
            else card
            for card in _table(db, "cards", w.id)
        ],
        "votes": _table(db, "votes", w.id, {"participant_id"})
        if w.phase in phases.RESULTS_SHOWN
        else [],  # dots are secret until the discussion shows them
        "actions": _table(db, "actions", w.id),
        "campaign": asdict(extra.campaign) if extra.campaign else None,
        "canvas": [asdict(c) for c in extra.plan],
        "proposals": [asdict(p) for p in extra.proposals],
        "reviewed_actions": [asdict(a) for a in extra.reviewed],
    }


def to_json(db: Database, workshop_id: int) -> bytes:
    """Stable bytes: keys sorted, nothing of the moment of export."""
    return json.dumps(
        document(db, workshop_id), ensure_ascii=False, indent=1, sort_keys=True
    ).encode("utf-8")
