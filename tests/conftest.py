"""Shared fixtures: a file database, a seeded one, and a workshop with people in it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlite_utils import Database

from workshop import db as database
from workshop import demo, guard, participants, teams, workshops
from workshop.models import Participant, Workshop


@pytest.fixture(autouse=True)
def fresh_guard(monkeypatch) -> guard.Guard:
    """Wrong codes are counted per server process: each test starts with none."""
    fresh = guard.Guard()
    monkeypatch.setattr(guard, "GUARD", fresh)
    return fresh


@pytest.fixture
def db_path(tmp_path, monkeypatch) -> str:
    path = str(tmp_path / "workshop.db")
    monkeypatch.setenv("WORKSHOP_DB", path)
    return path


@pytest.fixture
def db(db_path) -> Database:
    return database.connect(db_path)


@pytest.fixture
def demo_db(db) -> Database:
    demo.load_demo(db)
    return db


@dataclass
class Room:
    """A workshop with a facilitator secret and two participants."""

    db: Database
    workshop: Workshop
    secret: str
    anna: Participant
    ben: Participant

    def phase(self, key: str) -> Workshop:
        self.workshop = workshops.set_phase(self.db, self.workshop.id, self.secret, key)
        return self.workshop


def make_room(db: Database, **settings) -> Room:
    team = teams.create_team(db, "Brand & Social")
    workshop, secret = workshops.create_workshop(
        db, team_id=team.id, quarter="2026-Q4", exercise="sscc", title="Q4 offsite",
        settings=workshops.Settings(**settings),
    )
    anna = participants.join(db, workshop.id, "Anna")
    ben = participants.join(db, workshop.id, "Ben")
    return Room(db, workshop, secret, anna, ben)


@pytest.fixture
def room(db) -> Room:
    return make_room(db)
