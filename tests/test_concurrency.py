"""Fifty writers at once on one file, as threads and as separate processes: every card
is kept, nobody exceeds their dots, and no "database is locked" reaches anyone."""

from __future__ import annotations

import multiprocessing
import random
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from workshop import cards, check, participants, teams, votes, workshops
from workshop import db as database
from workshop.errors import LimitReached

WRITERS = 50
CARDS_EACH = 100
ATTEMPTS_EACH = 12  # more dots than anyone has, so the limits are tested under the race
COLUMNS = ("stop", "start", "continue", "change")


def write_cards(path: str, token: str) -> list[str]:
    """One writer adding its cards on its own connection; returns the errors it saw."""
    db = database.connect(path)
    errors = []
    for i in range(CARDS_EACH):
        try:
            cards.add_card(db, token, COLUMNS[i % 4], f"{token[:6]} card {i}")
        except Exception as error:  # noqa: BLE001 - any error at all is a failure here
            errors.append(repr(error))
    return errors


def spend_dots(path: str, token: str, card_ids: list[int], seed: int) -> list[str]:
    """One voter trying to spend more dots than it has, on a few popular cards."""
    db = database.connect(path)
    pick = random.Random(seed)
    errors = []
    for _ in range(ATTEMPTS_EACH):
        try:
            votes.vote(db, token, card_id=pick.choice(card_ids))
        except LimitReached:
            pass  # the expected refusal
        except Exception as error:  # noqa: BLE001
            errors.append(repr(error))
    return errors


def setup(path: str):
    db = database.connect(path)
    team = teams.create_team(db, "Load test")
    workshop, secret = workshops.create_workshop(
        db, team_id=team.id, quarter="2026-Q4", exercise="sscc", title="Fifty writers",
        settings=workshops.Settings(dots=5, max_dots_per_card=2),
    )
    tokens = [participants.join(db, workshop.id, f"Writer {i}").token for i in range(WRITERS)]
    return db, workshop, secret, tokens


def run_all(pool, path: str, db, workshop, secret, tokens: list[str]) -> None:
    started = time.perf_counter()
    errors = [e for found in pool.map(write_cards, [path] * WRITERS, tokens) for e in found]
    elapsed = time.perf_counter() - started
    total = WRITERS * CARDS_EACH
    print(f"\n{type(pool).__name__}: {total} cards by {WRITERS} writers in {elapsed:.1f} s "
          f"({total / elapsed:.0f} cards/s)")
    assert errors == []
    assert db.execute("SELECT COUNT(*) FROM cards").fetchone()[0] == total
    for token in tokens:  # every writer's every card, exactly once
        texts = {r[0] for r in db.execute(
            "SELECT text FROM cards WHERE text LIKE ?", [f"{token[:6]} card %"]).fetchall()}
        assert texts == {f"{token[:6]} card {i}" for i in range(CARDS_EACH)}

    workshops.set_phase(db, workshop.id, secret, "vote")
    popular = [r[0] for r in db.execute("SELECT id FROM cards ORDER BY id LIMIT 8").fetchall()]
    started = time.perf_counter()
    errors = [e for found in pool.map(spend_dots, [path] * WRITERS, tokens,
                                      [popular] * WRITERS, range(WRITERS)) for e in found]
    elapsed = time.perf_counter() - started
    cast = db.execute("SELECT COUNT(*) FROM votes").fetchone()[0]
    print(f"{type(pool).__name__}: {WRITERS * ATTEMPTS_EACH} vote attempts in {elapsed:.1f} s, "
          f"{cast} dots kept")
    assert errors == []
    per_person = db.execute(
        "SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM votes GROUP BY participant_id)"
    ).fetchone()[0]
    per_card = db.execute(
        "SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM votes GROUP BY participant_id, card_id)"
    ).fetchone()[0]
    assert per_person == 5 and per_card <= 2
    assert cast == WRITERS * 5  # 8 cards × 2 dots leave room for all 5 of everyone's dots
    assert check.problems(db) == []


def test_fifty_threads(tmp_path, capsys):
    path = str(tmp_path / "threads.db")
    with ThreadPoolExecutor(max_workers=WRITERS) as pool, capsys.disabled():
        run_all(pool, path, *setup(path))


def test_fifty_processes(tmp_path, capsys):
    path = str(tmp_path / "processes.db")
    # Children forked from a server that only imported this module: no connection or
    # lock is inherited from this process, and fifty interpreters do not each import
    # the libraries again (that alone took a minute on a busy two-core machine).
    fresh = multiprocessing.get_context("forkserver")
    fresh.set_forkserver_preload([__name__])
    with ProcessPoolExecutor(max_workers=WRITERS, mp_context=fresh) as pool, capsys.disabled():
        run_all(pool, path, *setup(path))
