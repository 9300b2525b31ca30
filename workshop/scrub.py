"""Taking deleted text off the disk: the write-ahead log, checkpointed and emptied.

``secure_delete`` overwrites deleted rows, but until a checkpoint copies those pages
into the file and empties the write-ahead log, older copies of the text stay on disk.
A checkpoint cannot finish while another program reads an older snapshot of the file;
rather than wait, the deletion says so and leaves a marker next to the file, and the
next open of the file (any command, the app's start, the app's live hub) finishes it.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

WAIT_MS = 2000  # for a reader that is about to finish; a held snapshot is not waited out


def marker(path: str | Path) -> Path:
    return Path(f"{path}-scrub")


def clear_log(conn: sqlite3.Connection, path: str | Path, wait_ms: int = WAIT_MS) -> bool:
    """Checkpoint and empty the write-ahead log; True when the deleted text is off the disk.

    When another program still reads, leave the marker so that it is finished later.
    """
    if str(path) == ":memory:":
        return True
    previous = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    conn.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
    try:
        blocked, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.OperationalError:  # locked by a writer for longer than wait_ms
        blocked = 1
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(previous)}")
    if blocked:
        marker(path).touch()
    else:
        marker(path).unlink(missing_ok=True)
    return not blocked


def finish_pending(path: str | Path) -> bool | None:
    """Finish a deletion's checkpoint left for later; None when none was pending."""
    if str(path) == ":memory:" or not marker(path).exists():
        return None
    with closing(sqlite3.connect(path)) as conn:
        return clear_log(conn, path, wait_ms=0)
