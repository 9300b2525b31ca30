"""Open the database, apply the schema, and run write transactions.

Every write goes through :func:`write`: ``BEGIN IMMEDIATE`` takes the write lock at
the start, so concurrent writers queue on the busy timeout instead of failing with
"database is locked" half-way; the workshop's ``revision`` is bumped in the same
transaction, and listeners (the live hub) hear about it only after the commit. A
change that participants cannot see (a card while they write privately, a hidden dot)
leaves ``public_revision`` alone, so their pages need not rerun for it.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from workshop import copies
from workshop.migrate import Migrations, run_script

DEFAULT_PATH = "workshop.db"
BUSY_TIMEOUT_S = 30.0

migrations = Migrations("workshop")
_listeners: list[Callable[[int], None]] = []
# Workshops changed by the open outermost transaction of each connection: listeners
# hear of them only once it has committed.
_pending: dict[int, set[int]] = {}


def default_path() -> str:
    return os.environ.get("WORKSHOP_DB") or DEFAULT_PATH


def connect(path: str | Path | None = None) -> Database:
    """Open (and create or upgrade) the database at ``path``. A browser session opens
    one and keeps it, so a page's rerun pays for neither the connection nor the check."""
    path = str(path or default_path())
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
    db = Database(conn)
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")  # deleted text is overwritten, not left behind
    if path != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    upgrade(db, path)
    return db


def upgrade(db: Database, path: str) -> Path | None:
    """Apply the pending migrations in one transaction, after a copy of the file as it
    was; returns the copy (None when nothing was pending or there was nothing to copy).
    A file from a newer version of the app is refused before anything is written."""
    migrations.refuse_newer(db, path)
    if not migrations.pending(db):
        return None
    with _immediate(db.conn):  # two first opens at once: the second waits, then finds none
        if not migrations.pending(db):
            return None
        had_data = bool(migrations.applied(db))
        copy = copies.take(path, migrations.pending(db)[0]) if had_data else None
        migrations.apply(db)
    return copy


@contextmanager
def _immediate(conn: sqlite3.Connection) -> Iterator[None]:
    if conn.in_transaction:  # nested: part of the caller's transaction
        yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


@contextmanager
def write(
    db: Database, *workshop_ids: int, private_in: Collection[str] = ()
) -> Iterator[Database]:
    """One write transaction; bumps the workshops' revisions and notifies after commit.

    ``private_in``: the phases in which participants other than the author cannot see
    this change; it is read inside the transaction, so a phase change cannot slip in.
    A write inside another joins it, and listeners hear of both after the outer commit.
    """
    phases = sorted(private_in)
    public = f"phase NOT IN ({','.join('?' * len(phases))})" if phases else "1"
    outermost = not db.conn.in_transaction
    key = id(db.conn)
    if outermost:
        _pending[key] = set()
    try:
        with _immediate(db.conn):
            yield db
            for workshop_id in workshop_ids:
                db.execute(
                    "UPDATE workshops SET revision = revision + 1, "
                    f"public_revision = public_revision + ({public}) WHERE id = ?",
                    [*phases, workshop_id],
                )
            _pending[key].update(workshop_ids)
        changed = sorted(_pending[key]) if outermost else []
    finally:
        if outermost:
            _pending.pop(key, None)
    for workshop_id in changed:
        for listener in list(_listeners):
            listener(workshop_id)


def touch(db: Database, *workshop_ids: int) -> None:
    """Count the caller's open write as a change to these workshops too."""
    with write(db, *workshop_ids):
        pass


def on_change(listener: Callable[[int], None]) -> None:
    """Call ``listener(workshop_id)`` after every committed change to a workshop."""
    _listeners.append(listener)


def count(db: Database, sql: str, params: Params = ()) -> int:
    """The number a ``SELECT COUNT(*) ...`` query gives."""
    return int(db.execute(sql, params).fetchone()[0])


def new_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just made."""
    if cursor.lastrowid is None:
        raise RuntimeError("the statement inserted no row")
    return cursor.lastrowid


def timestamp() -> str:
    """Now, in UTC, as stored in ``created_at`` columns."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


Params = Sequence[Any] | dict[str, Any]


def one(db: Database, sql: str, params: Params = ()) -> dict | None:
    """The first row of a query as a dict, or None."""
    cursor = db.execute(sql, params)
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([c[0] for c in cursor.description], row, strict=True))


def rows(db: Database, sql: str, params: Params = ()) -> list[dict]:
    cursor = db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


@migrations()
def m001_foundation(db: Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE teams (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            created_at TEXT NOT NULL
        );
        CREATE TABLE workshops (
            id INTEGER PRIMARY KEY,
            team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
            quarter TEXT NOT NULL,
            exercise TEXT NOT NULL,
            title TEXT NOT NULL,
            held_on TEXT,
            code TEXT NOT NULL UNIQUE,
            secret_hash TEXT NOT NULL,
            anonymous INTEGER NOT NULL DEFAULT 1,
            dots INTEGER NOT NULL DEFAULT 5,
            max_dots_per_card INTEGER NOT NULL DEFAULT 3,
            phase TEXT NOT NULL DEFAULT 'write',
            timer_ends_at REAL,
            revision INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE INDEX workshops_team ON workshops(team_id, quarter);
        CREATE TABLE participants (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            token TEXT NOT NULL UNIQUE,
            joined_at TEXT NOT NULL
        );
        CREATE INDEX participants_workshop ON participants(workshop_id);
        CREATE TABLE card_groups (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            column_key TEXT NOT NULL,
            title TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE cards (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            participant_id INTEGER REFERENCES participants(id) ON DELETE CASCADE,
            column_key TEXT NOT NULL,
            text TEXT NOT NULL,
            group_id INTEGER REFERENCES card_groups(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX cards_workshop ON cards(workshop_id, column_key);
        CREATE INDEX cards_group ON cards(group_id);
        CREATE TABLE votes (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            card_id INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL
        );
        CREATE INDEX votes_participant ON votes(participant_id);
        CREATE INDEX votes_card ON votes(card_id);
        CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('action', 'decision')),
            text TEXT NOT NULL,
            owner TEXT NOT NULL DEFAULT '',
            due_on TEXT,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
            card_id INTEGER REFERENCES cards(id) ON DELETE SET NULL,
            group_id INTEGER REFERENCES card_groups(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX actions_workshop ON actions(workshop_id);
        """,
    )


@migrations()
def m002_campaigns(db: Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE campaigns (
            id INTEGER PRIMARY KEY,
            team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('campaign', 'test')),
            status TEXT NOT NULL DEFAULT 'planned'
                CHECK (status IN ('draft', 'planned', 'running', 'finished')),
            channels TEXT NOT NULL DEFAULT '',
            starts_on TEXT,
            ends_on TEXT,
            budget_planned REAL,
            budget_spent REAL,
            goal TEXT NOT NULL DEFAULT '',
            kpi_metric TEXT NOT NULL DEFAULT '',
            kpi_unit TEXT NOT NULL DEFAULT '',
            kpi_target REAL,
            kpi_actual REAL,
            lower_is_better INTEGER NOT NULL DEFAULT 0,
            hypothesis TEXT NOT NULL DEFAULT '',
            source_card_id INTEGER REFERENCES cards(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX campaigns_team ON campaigns(team_id);
        CREATE INDEX campaigns_source ON campaigns(source_card_id);
        ALTER TABLE workshops ADD COLUMN
            campaign_id INTEGER REFERENCES campaigns(id) ON DELETE SET NULL;
        ALTER TABLE cards ADD COLUMN reason TEXT;
        ALTER TABLE cards ADD COLUMN
            origin_card_id INTEGER REFERENCES cards(id) ON DELETE SET NULL;
        CREATE INDEX cards_origin ON cards(origin_card_id);
        """,
    )


@migrations()
def m003_channels(db: Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE audit_channels (
            id INTEGER PRIMARY KEY,
            team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
            quarter TEXT NOT NULL,
            platform TEXT NOT NULL,
            account TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL CHECK (kind IN ('paid', 'earned', 'shared', 'owned')),
            role TEXT CHECK (role IN ('discoverer', 'goal_scorer', 'both')),
            owner TEXT NOT NULL DEFAULT '',
            backup_admin TEXT NOT NULL DEFAULT '',
            last_post_on TEXT,
            audience_size INTEGER,
            budget_share REAL,
            purpose TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'active'
                CHECK (status IN ('active', 'duplicate', 'abandoned', 'owner_unknown')),
            created_at TEXT NOT NULL
        );
        CREATE INDEX audit_team ON audit_channels(team_id, quarter);
        CREATE TABLE canvas_channels (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            card_id INTEGER REFERENCES cards(id) ON DELETE SET NULL,
            platform TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('paid', 'earned', 'shared', 'owned')),
            role TEXT NOT NULL CHECK (role IN ('discoverer', 'goal_scorer', 'both')),
            stage TEXT NOT NULL CHECK (stage IN ('reach', 'act', 'convert', 'engage')),
            audience TEXT NOT NULL DEFAULT '',
            fit_sell TEXT NOT NULL DEFAULT 'unsure',
            fit_sell_note TEXT NOT NULL DEFAULT '',
            fit_buy TEXT NOT NULL DEFAULT 'unsure',
            fit_buy_note TEXT NOT NULL DEFAULT '',
            fit_ours TEXT NOT NULL DEFAULT 'unsure',
            fit_ours_note TEXT NOT NULL DEFAULT '',
            goal TEXT NOT NULL DEFAULT '',
            kpi_metric TEXT NOT NULL DEFAULT '',
            kpi_baseline REAL,
            kpi_target REAL,
            kpi_due_on TEXT,
            kpi_level TEXT CHECK (kpi_level IN ('specialist', 'manager', 'executive')),
            budget_share REAL NOT NULL DEFAULT 0,
            effort TEXT CHECK (effort IN ('low', 'medium', 'high')),
            owner TEXT NOT NULL DEFAULT '',
            hypothesis TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE INDEX canvas_workshop ON canvas_channels(workshop_id);
        CREATE TABLE proposals (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            outcome TEXT NOT NULL CHECK (outcome IN ('stop', 'start', 'continue', 'change')),
            platform TEXT NOT NULL,
            reason TEXT NOT NULL,
            text TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'proposed'
                CHECK (status IN ('proposed', 'accepted', 'rejected')),
            card_id INTEGER REFERENCES cards(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX proposals_workshop ON proposals(workshop_id);
        CREATE INDEX proposals_card ON proposals(card_id);
        """,
    )


@migrations()
def m004_history(db: Database) -> None:
    run_script(
        db,
        """
        ALTER TABLE actions ADD COLUMN
            carried_from INTEGER REFERENCES actions(id) ON DELETE SET NULL;
        ALTER TABLE actions ADD COLUMN
            reviewed_in INTEGER REFERENCES workshops(id) ON DELETE SET NULL;
        ALTER TABLE actions ADD COLUMN drop_reason TEXT NOT NULL DEFAULT '';
        CREATE INDEX actions_carried ON actions(carried_from);
        CREATE TABLE theme_links (
            id INTEGER PRIMARY KEY,
            card_a INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
            card_b INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
            status TEXT NOT NULL CHECK (status IN ('confirmed', 'unlinked')),
            created_at TEXT NOT NULL,
            UNIQUE (card_a, card_b),
            CHECK (card_a < card_b)
        );
        """,
    )


@migrations()
def m005_canvas_card_index(db: Database) -> None:
    # Every board rerun looks up which of its cards went onto a canvas.
    db.execute("CREATE INDEX canvas_card ON canvas_channels(card_id)")


@migrations()
def m006_public_revision(db: Database) -> None:
    # Counts only the changes every participant can see; see write().
    db.execute(
        "ALTER TABLE workshops ADD COLUMN public_revision INTEGER NOT NULL DEFAULT 0"
    )


@migrations()
def m007_imported_history(db: Database) -> None:
    # Votes a card brought from another tool are kept apart from the dots given here,
    # and each imported file is remembered so that importing it again adds nothing.
    run_script(
        db,
        """
        ALTER TABLE cards ADD COLUMN imported_dots INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE imports (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            fingerprint TEXT NOT NULL,
            format TEXT NOT NULL,
            file_name TEXT NOT NULL DEFAULT '',
            cards INTEGER NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX imports_workshop ON imports(workshop_id, fingerprint);
        """,
    )


@migrations()
def m008_team_keys(db: Database) -> None:
    # A team's link carries a key; only its SHA-256 is kept, as for facilitators.
    # Teams from before have none until someone who runs one of their workshops
    # makes a team link.
    db.execute("ALTER TABLE teams ADD COLUMN secret_hash TEXT")


@migrations()
def m009_cards_written_anonymously(db: Database) -> None:
    # A card written while the workshop was anonymous stays anonymous when the
    # facilitator switches anonymity off later. Cards are added by several modules, so
    # a trigger records it on every insert that does not say (a restored backup does).
    db.execute("ALTER TABLE cards ADD COLUMN anonymous INTEGER")
    db.execute(
        "UPDATE cards SET anonymous = "
        "(SELECT anonymous FROM workshops w WHERE w.id = cards.workshop_id)"
    )
    db.execute(
        """CREATE TRIGGER cards_written_anonymously AFTER INSERT ON cards
           WHEN NEW.anonymous IS NULL
           BEGIN
               UPDATE cards SET anonymous =
                   (SELECT anonymous FROM workshops WHERE id = NEW.workshop_id)
               WHERE id = NEW.id;
           END"""
    )


@migrations()
def m010_workshop_language(db: Database) -> None:
    # A workshop is written in a language of its own (its exports, the texts the room
    # reads), whatever language each person picked for their own screen. Workshops from
    # before were written in English.
    db.execute("ALTER TABLE workshops ADD COLUMN language TEXT NOT NULL DEFAULT 'en'")
