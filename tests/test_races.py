"""Writes racing the facilitator: no write lands in the wrong phase or over a limit.

Each participant and the facilitator write from their own thread and connection, as
browser sessions do. Triggers added by the test watch every insert from inside its
transaction: one that lands when the phase forbids it aborts with a sqlite3 error
instead of the app's own refusal, so the race is seen at the moment it happens.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable

import pytest

from tests.support import make_room
from workshop import cards, check, participants, votes, workshops
from workshop import db as database
from workshop.errors import WorkshopError

ROUNDS = 8

WATCH = """
CREATE TRIGGER card_in_wrong_phase BEFORE INSERT ON cards
WHEN (SELECT phase FROM workshops WHERE id = NEW.workshop_id) NOT IN ('write', 'reveal')
     AND NEW.participant_id IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a card landed in the wrong phase'); END;
CREATE TRIGGER dot_in_wrong_phase BEFORE INSERT ON votes
WHEN (SELECT phase FROM workshops WHERE id = NEW.workshop_id) != 'vote'
BEGIN SELECT RAISE(ABORT, 'a dot landed in the wrong phase'); END;
CREATE TRIGGER dot_over_the_limit BEFORE INSERT ON votes
WHEN (SELECT COUNT(*) FROM votes WHERE participant_id = NEW.participant_id)
     >= (SELECT dots FROM workshops WHERE id = NEW.workshop_id)
BEGIN SELECT RAISE(ABORT, 'a dot over the limit'); END;
"""


def watched(db_path: str) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.executescript(WATCH)


def race(*moves: Callable[[], None]) -> list[BaseException]:
    """Run each move in its own thread, all released at once; the unexpected errors."""
    start = threading.Barrier(len(moves))
    failures: list[BaseException] = []

    def run(move: Callable[[], None]) -> None:
        start.wait()
        try:
            move()
        except WorkshopError:
            pass  # the app refused: what a racing write should meet
        except BaseException as error:  # noqa: BLE001 - collected for the assertion
            failures.append(error)

    threads = [threading.Thread(target=run, args=(move,)) for move in moves]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


def voter(db_path: str, token: str, card_ids: list[int]) -> Callable[[], None]:
    def move() -> None:
        db = database.connect(db_path)
        for card_id in card_ids:
            with contextlib.suppress(WorkshopError):
                votes.vote(db, token, card_id=card_id)
    return move


@pytest.fixture
def voting_room(db_path):
    room = make_room(database.connect(db_path), dots=10, max_dots_per_card=5)
    people = [room.anna, room.ben] + [
        participants.join(room.db, room.workshop.id, name) for name in ("Cleo", "Dan")
    ]
    card_ids = [
        cards.add_card(room.db, room.anna.token, "stop", f"Idea {n}").id for n in range(10)
    ]
    watched(db_path)
    return room, people, card_ids


def test_votes_racing_fewer_dots_leave_nobody_over_the_limit(db_path, voting_room):
    room, people, card_ids = voting_room
    room.phase("vote")
    for _ in range(ROUNDS):
        room.db.execute("DELETE FROM votes")
        room.db.conn.commit()
        workshops.update_settings(room.db, room.workshop.id, room.secret,
                                  workshops.Settings(True, 10, 5))

        def lower() -> None:
            workshops.update_settings(database.connect(db_path), room.workshop.id, room.secret,
                                      workshops.Settings(True, 2, 5))

        failures = race(lower, *(voter(db_path, p.token, card_ids) for p in people))
        assert failures == []
        assert check.problems(room.db) == []
        held = database.rows(room.db, "SELECT participant_id, COUNT(*) AS n FROM votes "
                                      "GROUP BY participant_id")
        assert all(row["n"] <= 2 for row in held)


def test_votes_racing_the_end_of_voting_never_land_after_it(db_path, voting_room):
    room, people, card_ids = voting_room
    for _ in range(ROUNDS):
        room.phase("vote")
        room.db.execute("DELETE FROM votes")
        room.db.conn.commit()

        def next_phase() -> None:
            db = database.connect(db_path)
            while database.one(db, "SELECT COUNT(*) AS n FROM votes")["n"] < len(people):
                pass  # move on while the room is in the middle of voting
            workshops.advance(db, room.workshop.id, room.secret)

        failures = race(next_phase, *(voter(db_path, p.token, card_ids) for p in people))
        assert failures == []
        assert workshops.get_workshop(room.db, room.workshop.id).phase == "discuss"


def test_cards_racing_the_close_never_land_after_it(db_path):
    room = make_room(database.connect(db_path))
    people = [room.anna, room.ben]
    watched(db_path)
    for round_ in range(ROUNDS):
        room.phase("reveal")

        def writer(token: str, round_: int = round_) -> Callable[[], None]:
            def move() -> None:
                db = database.connect(db_path)
                for n in range(20):
                    cards.add_card(db, token, "start", f"Late idea {round_}-{n}")
            return move

        def close() -> None:
            workshops.set_phase(database.connect(db_path), room.workshop.id, room.secret,
                                "closed")

        failures = race(close, *(writer(p.token) for p in people))
        assert failures == []
        assert workshops.get_workshop(room.db, room.workshop.id).phase == "closed"
