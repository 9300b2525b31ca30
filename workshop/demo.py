"""The demo team: four quarters of Stop / Start / Continue / Change, and its campaigns and
tests with their Hits / Misses / What we learned retrospectives.

Loaded through the same functions the app uses, so the demo is valid data by
construction; shared by the home page's button, ``workshop demo``, tests and benchmarks.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlite_utils import Database

from workshop import (
    actions,
    audit,
    campaigns,
    canvas,
    cards,
    groups,
    i18n,
    learning,
    participants,
    proposals,
    votes,
    workshops,
)
from workshop.db import one, write
from workshop.errors import InvalidInput
from workshop.i18n import t
from workshop.models import Workshop
from workshop.phases import Phase
from workshop.teams import create_team

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "demo_team.json"


def sample(language: str) -> Path:
    """The demo team written in ``language`` when there is one, else in English."""
    written = SAMPLE.with_name(f"demo_team.{language}.json")
    return written if written.exists() else SAMPLE


def load_demo(db: Database, path: Path | None = None) -> list[Workshop]:
    """Load the demo team in one transaction, in the language in use (its workshops are
    written in it too); refuses if it is loaded already."""
    data = json.loads((path or sample(i18n.language())).read_text(encoding="utf-8"))
    if one(db, "SELECT 1 FROM teams WHERE name = ?", [data["team"]]):
        raise InvalidInput("demo", t("The demo team is loaded already."))
    with write(db):
        team = create_team(db, data["team"])
        boards = [
            _load_workshop(db, team.id, data["people"], spec) for spec in data["workshops"]
        ]
        by_name = {
            spec["name"]: campaigns.create_campaign(db, team.id, spec).id
            for spec in data.get("campaigns", [])
        }
        retros = [
            _load_workshop(db, team.id, data["people"], spec, by_name[spec["campaign"]])
            for spec in data.get("retrospectives", [])
        ]
        for quarter, lines in data.get("audits", {}).items():
            audit.save_audit(db, team.id, quarter, lines)
        canvases = [
            _load_workshop(db, team.id, data["people"], spec, exercise="canvas")
            for spec in data.get("canvases", [])
        ]
        return boards + retros + canvases


def _load_workshop(
    db: Database,
    team_id: int,
    people: list[str],
    spec: dict,
    campaign_id: int | None = None,
    exercise: str = "sscc",
) -> Workshop:
    workshop, secret = workshops.create_workshop(
        db,
        team_id=team_id,
        quarter=spec["quarter"],
        exercise="hml" if campaign_id else exercise,
        title=spec["title"],
        held_on=spec.get("held_on"),
        campaign_id=campaign_id,
    )
    tokens = [participants.join(db, workshop.id, name).token for name in people]
    card_ids: dict[str, int] = {}
    for column, entries in spec["cards"].items():
        for n, entry in enumerate(entries):
            text, reason = (entry, None) if isinstance(entry, str) else (entry["text"],
                                                                          entry["reason"])
            token = tokens[(n + len(card_ids)) % len(tokens)]
            card_ids[text] = cards.add_card(db, token, column, text, reason).id
    for step in (Phase.REVEAL, Phase.GROUP):
        workshops.set_phase(db, workshop.id, secret, step)
    for g in spec.get("groups", []):
        groups.merge(db, workshop.id, secret, [card_ids[c] for c in g["cards"]], g["title"])
    workshops.set_phase(db, workshop.id, secret, Phase.VOTE)
    _spread_votes(db, workshop, tokens, {card_ids[text]: n for text, n in spec["votes"].items()})
    workshops.set_phase(db, workshop.id, secret, Phase.DISCUSS)
    for action in spec.get("actions", []):
        created = actions.add_action(
            db,
            workshop.id,
            secret,
            kind=action["kind"],
            text=action["text"],
            owner=action.get("owner", ""),
            due_on=action.get("due_on"),
            card_id=card_ids[action["card"]],
        )
        if action.get("status", "open") != "open":
            actions.set_status(db, workshop.id, secret, created.id, action["status"])
    for test in spec.get("tests", []):
        learning.to_test(db, workshop.id, secret, name=test["name"], card_id=card_ids[test["card"]])
    if "channels" in spec:
        _fill_canvas(db, workshop, secret, spec)
    return workshops.set_phase(db, workshop.id, secret, Phase.CLOSED)


def _fill_canvas(db: Database, workshop: Workshop, secret: str, spec: dict) -> None:
    """The chosen channels, held against the audit on the day of the workshop."""
    for channel in spec["channels"]:
        canvas.add_channel(db, workshop.id, secret, channel)
    found = proposals.propose(db, workshop.id, secret, dt.date.fromisoformat(spec["held_on"]))
    for proposal in found:
        if proposal.platform in spec["reject"]:
            proposals.reject(db, workshop.id, secret, proposal.id)


def _spread_votes(
    db: Database, workshop: Workshop, tokens: list[str], wanted: dict[int, int]
) -> None:
    """Hand the wanted dots out to people round-robin, within everyone's limits."""
    spent = dict.fromkeys(tokens, 0)
    turn = 0
    for card_id, count in wanted.items():
        for _ in range(count):
            for _ in range(len(tokens)):
                token = tokens[turn % len(tokens)]
                turn += 1
                if spent[token] < workshop.dots:
                    votes.vote(db, token, card_id=card_id)
                    spent[token] += 1
                    break
