"""Copies of the database file taken before a migration changes it.

A copy is made with SQLite's online backup, so it is consistent even while other
connections read or write. Copies go into a folder next to the file
(``workshop.db`` → ``workshop.db-copies/``); the newest :data:`KEEP` are kept.
``workshop restore`` reads such a copy like a backup.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

KEEP = 5
SUFFIX = ".db"


def folder(path: str | Path) -> Path:
    """Where the copies of the database at ``path`` go."""
    path = Path(path)
    return path.with_name(path.name + "-copies")


def take(path: str | Path, before: str) -> Path:
    """Copy the database at ``path`` as it is now; returns the copy.

    Called while the migration holds the write lock but has not written yet: the copy
    is read on a connection of its own (SQLite's backup cannot read through the
    connection that holds the write transaction) and sees exactly the file as it was.
    """
    where = folder(path)
    where.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H-%M-%S-%fZ")
    target = where / f"{Path(path).stem}-{stamp}-before-{before}{SUFFIX}"
    partial = target.with_suffix(".partial")
    try:
        with closing(sqlite3.connect(path)) as source, closing(sqlite3.connect(partial)) as copy:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal
        partial.rename(target)  # only a finished copy carries the .db name
    finally:
        partial.unlink(missing_ok=True)
    prune(path)
    return target


def listing(path: str | Path) -> list[Path]:
    """The copies of the database at ``path``, oldest first."""
    where = folder(path)
    return sorted(where.glob(f"*{SUFFIX}")) if where.is_dir() else []


def prune(path: str | Path, keep: int = KEEP) -> None:
    for old in listing(path)[:-keep]:
        old.unlink(missing_ok=True)
