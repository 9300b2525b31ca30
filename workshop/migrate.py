"""Numbered schema migrations, each a list of SQL statements or a function.

The caller runs :meth:`Migrations.apply` inside one write transaction, so a crash
leaves the old schema or the new one, never a mixture: SQLite's schema changes are
transactional, and nothing here commits. Applied migrations are recorded in the
``_sqlite_migrations`` table that files made by earlier versions already hold.
A file whose record names a migration this version does not know was written by a
newer version of the app: it is refused, never changed.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from sqlite_utils import Database

from workshop.errors import InvalidInput
from workshop.i18n import t

TABLE = "_sqlite_migrations"

Step = Callable[[Database], None]


class SchemaTooNew(InvalidInput):
    """The file (or a backup) was written by a newer version of the app."""

    def __init__(self, message: str, unknown: list[str]) -> None:
        super().__init__("schema_version", message)
        self.unknown = unknown


class NotOurs(InvalidInput):
    """The file is an SQLite database, but not one this app made."""


@dataclass(frozen=True)
class Migration:
    name: str
    step: Step


def statements(script: str) -> list[str]:
    """The SQL statements of ``script``, each complete on its own.

    A ``;`` inside a string, a comment or a trigger body does not end a statement:
    SQLite's own ``complete_statement`` decides where one ends.
    """
    found: list[str] = []
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip().rstrip(";").strip():
                found.append(pending.strip())
            pending = ""
    leftover = pending[:-1].strip()  # the ';' added after the last piece
    if leftover:
        raise ValueError(f"incomplete SQL statement: {leftover[:60]!r}")
    return found


def run_script(db: Database, script: str) -> None:
    """Run every statement of ``script`` in the caller's transaction.

    ``executescript`` would commit the surrounding transaction first.
    """
    for statement in statements(script):
        db.execute(statement)


class Migrations:
    """An ordered set of named migrations; ``@migrations()`` registers a function."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._all: list[Migration] = []

    def __call__(self, *, name: str | None = None) -> Callable[[Step], Step]:
        def register(step: Step) -> Step:
            self._all.append(Migration(name or step.__name__, step))
            return step

        return register

    @property
    def names(self) -> list[str]:
        """Every migration this version knows, oldest first."""
        return [m.name for m in self._all]

    def applied(self, db: Database) -> list[str]:
        """The migrations recorded in the file, in the order they were applied."""
        exists = db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [TABLE]
        ).fetchone()
        if not exists:
            return []
        return [
            row[0]
            for row in db.execute(
                f"SELECT name FROM {TABLE} WHERE migration_set = ? ORDER BY rowid", [self.name]
            ).fetchall()
        ]

    def pending(self, db: Database) -> list[str]:
        done = set(self.applied(db))
        return [name for name in self.names if name not in done]

    def refuse_newer(self, db: Database, what: str) -> None:
        """Raise :class:`SchemaTooNew` if ``db`` holds migrations this version lacks, and
        :class:`NotOurs` if it is another program's database."""
        applied = self.applied(db)
        unknown = [name for name in applied if name not in self.names]
        if unknown:
            raise SchemaTooNew(newer_message(what, unknown, self.names[-1]), unknown)
        if not applied and db.execute(
            "SELECT 1 FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchone():
            raise NotOurs(
                "file",
                t("{what} is an SQLite database of another program (it holds tables but "
                  "none of this app's schema). Nothing was changed. Point --db (WORKSHOP_DB) "
                  "at this app's file, or give a new file name to start afresh.", what=what),
            )

    def apply(self, db: Database, *, upto: int | None = None) -> list[str]:
        """Apply the pending migrations (only the first ``upto`` of all, if given);
        returns their names. Runs in the caller's transaction and never commits."""
        known = self._all if upto is None else self._all[:upto]
        done = set(self.applied(db))
        db.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} (id INTEGER PRIMARY KEY, "
            "migration_set TEXT, name TEXT, applied_at TEXT)"
        )
        db.execute(
            f"CREATE UNIQUE INDEX IF NOT EXISTS idx_{TABLE}_migration_set_name "
            f"ON {TABLE} (migration_set, name)"
        )
        ran = []
        for migration in known:
            if migration.name in done:
                continue
            migration.step(db)
            db.execute(
                f"INSERT INTO {TABLE} (migration_set, name, applied_at) VALUES (?, ?, ?)",
                [self.name, migration.name, str(dt.datetime.now(dt.UTC))],
            )
            ran.append(migration.name)
        return ran


def newer_message(what: str, unknown: list[str], ours: str) -> str:
    return t(
        "{what} was written by a newer version of the app (it has schema “{theirs}”; this "
        "version knows up to “{ours}”). Nothing was changed. Update the app to open it.",
        what=what,
        theirs=unknown[-1],
        ours=ours,
    )
