"""The database file on disk: what is wrong with it, in words, and what to do.

The command line and the app open the file through :func:`open_database`. It looks
at the file before SQLite does (a missing folder, an empty or cut-off file, another
kind of file, missing permissions), lets SQLite check its pages, and only then
upgrades and opens it. Whatever is wrong becomes a :class:`FileProblem` whose message
says what happened and what to do; nothing is written to a file found broken.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from workshop import copies, formats, scrub
from workshop import db as database
from workshop.errors import WorkshopError
from workshop.i18n import t

HEADER = b"SQLite format 3\x00"
_log = logging.getLogger(__name__)
_startup_problem: str | None = None


class FileProblem(WorkshopError):
    """The database file cannot be used as it is; the message says why and what to do."""


@dataclass(frozen=True)
class Opened:
    db: Database
    copy: Path | None  # the file as it was before this open upgraded it


def _restore_hint(path: str) -> str:
    kept = copies.listing(path)
    if kept:
        return t(
            "Restore the last backup with “workshop restore BACKUP.json” (or the copy "
            "kept before the last upgrade: “workshop restore {copy}”), or point --db "
            "(WORKSHOP_DB) at the right file.",
            copy=kept[-1],
        )
    return t(
        "Restore the last backup with “workshop restore BACKUP.json”, or point --db "
        "(WORKSHOP_DB) at the right file."
    )


def diagnose(path: str | Path) -> None:
    """Raise :class:`FileProblem` if the file at ``path`` cannot be a healthy database
    of this app that we may write; reads at most its first 100 bytes."""
    path = str(path)
    if path == ":memory:":
        return
    file = Path(path)
    folder = file.resolve().parent
    if file.is_dir():
        raise FileProblem(
            t("{path} is a folder, not a database file. Give the file's path with --db "
              "(or WORKSHOP_DB).", path=path)
        )
    if not file.exists():
        if not folder.is_dir():
            raise FileProblem(
                t("The folder {folder} does not exist, so {path} cannot be created. Create "
                  "the folder or give another path with --db (or WORKSHOP_DB).",
                  folder=folder, path=path)
            )
        _check_writable_folder(path, folder)
        return  # a new, empty database will be made
    if not os.access(file, os.R_OK):
        raise FileProblem(
            t("{path} cannot be read: permission denied. Nothing was changed. Give the user "
              "who runs the app read and write access to it (chmod u+rw {path}).", path=path)
        )
    size = file.stat().st_size
    if size == 0:
        raise FileProblem(
            t("{path} is empty (0 bytes): it holds no workshops. If it held your data, the "
              "file was cut off; nothing was changed. {hint} To start a new database "
              "instead, delete the empty file.", path=path, hint=_restore_hint(path))
        )
    with file.open("rb") as raw:
        header = raw.read(100)
    if len(header) < 100 or not header.startswith(HEADER):
        raise FileProblem(
            t("{path} is not a database of this app (it is not an SQLite file, or its first "
              "bytes are damaged). Nothing was changed. {hint}",
              path=path, hint=_restore_hint(path))
        )
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    counted = header[24:28] == header[92:96]  # SQLite's test that the page count is valid
    if page_size < 512 or size % page_size or (counted and size < pages * page_size):
        raise FileProblem(
            t("{path} is cut off: it holds {size} bytes, but its header promises {expected}. "
              "Nothing was changed. {hint}",
              path=path, size=formats.number(size),
              expected=formats.number(pages * page_size),
              hint=_restore_hint(path))
        )
    if not os.access(file, os.W_OK):
        raise FileProblem(
            t("{path} is read-only, and the app must write to it. Nothing was changed. Give "
              "the user who runs the app write access (chmod u+w {path}), or work on a "
              "copy.", path=path)
        )
    _check_writable_folder(path, folder)


def _check_writable_folder(path: str, folder: Path) -> None:
    if not os.access(folder, os.W_OK | os.X_OK):
        raise FileProblem(
            t("The folder {folder} is read-only. The app keeps two working files next to "
              "{path} (-wal and -shm) and must be able to create them. Nothing was changed. "
              "Make the folder writable, or move the file to a folder that is.",
              folder=folder, path=path)
        )


def explain(error: sqlite3.Error, path: str | Path) -> FileProblem:
    """SQLite's error as a message that says what to do."""
    path = str(path)
    name = getattr(error, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return damaged(path, str(error))
    if name.startswith("SQLITE_FULL"):
        return FileProblem(
            t("The disk that holds {path} is full, so the change was not saved (the file "
              "keeps what it held before). Free some space, then try again.", path=path)
        )
    if name.startswith("SQLITE_READONLY"):
        return FileProblem(
            t("{path} cannot be written to ({error}). Nothing was saved. Give the user who "
              "runs the app write access to the file and its folder.", path=path, error=error)
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return FileProblem(
            t("{path} stayed locked by another program for more than {s:.0f} s. Nothing was "
              "saved. Try again when it is done.", path=path, s=database.BUSY_TIMEOUT_S)
        )
    if name.startswith("SQLITE_IOERR"):
        return FileProblem(
            t("Reading or writing {path} failed ({error}): the disk may be full, removed or "
              "failing. Nothing was saved. Check the disk, then try again.",
              path=path, error=error)
        )
    return FileProblem(
        t("{path} cannot be used: {error}. Nothing was saved. Run “workshop check” to see "
          "what is wrong with it.", path=path, error=error)
    )


def damage_summary(damage: list[str]) -> str:
    if len(damage) == 1:
        return damage[0]
    return t("{n} problems in its pages, the first: {first}", n=len(damage), first=damage[0])


def damaged(path: str, detail: str) -> FileProblem:
    return FileProblem(
        t("{path} is damaged ({detail}). Nothing was changed. Run “workshop check” to see "
          "where. {hint}", path=path, detail=detail, hint=_restore_hint(path))
    )


def page_damage(conn: sqlite3.Connection, *, thorough: bool = False) -> list[str]:
    """SQLite's findings about the file's pages, one line each; empty when sound."""
    pragma = "integrity_check" if thorough else "quick_check"
    try:
        found = [row[0] for row in conn.execute(f"PRAGMA {pragma}").fetchall()]
    except sqlite3.DatabaseError as error:
        return [str(error)]
    if found == ["ok"]:
        return []
    lines = [line for row in found for line in str(row).splitlines()]
    return [line for line in lines if not line.startswith("*** in database")]


def open_database(path: str | Path | None = None) -> Opened:
    """Check, upgrade and open the database at ``path`` (the default if None)."""
    path = str(path or database.default_path())
    diagnose(path)
    new = path != ":memory:" and not Path(path).exists()
    try:
        # A short connection of its own first: check the pages, and upgrade so that
        # the caller can be told where the copy of the old file went.
        with closing(sqlite3.connect(path, timeout=database.BUSY_TIMEOUT_S)) as conn:
            damage = page_damage(conn)
            if damage:
                raise damaged(path, damage_summary(damage))
            copy = database.upgrade(Database(conn), path)
        scrub.finish_pending(path)  # a deletion that had to wait for a reader
        return Opened(database.connect(path), copy)
    except sqlite3.Error as error:
        if new and Path(path).is_file() and Path(path).stat().st_size == 0:
            Path(path).unlink()  # made by this call and never written: no file at all is right
        raise explain(error, path) from None
    except OSError as error:  # the folder for the copy before an upgrade, say
        raise FileProblem(
            t("{path} was not changed: {name}: {reason}. Free some space or fix the "
              "permissions, then try again.",
              path=path, name=error.filename or path, reason=error.strerror or error)
        ) from None


def upgraded_message(path: str, copy: Path) -> str:
    return t(
        "Upgraded {path} to this version of the app; the file as it was is kept in {copy} "
        "(the last {keep} such copies are kept).", path=path, copy=copy, keep=copies.KEEP
    )


def prepare_at_start(path: str) -> str | None:
    """Called once when the app starts: open (and upgrade) the file, or remember what is
    wrong so that the first page can say it instead of failing. Returns the problem."""
    global _startup_problem
    try:
        opened = open_database(path)
    except WorkshopError as problem:
        _log.error("%s", problem)
        _startup_problem = str(problem)
        return _startup_problem
    if opened.copy:
        _log.warning("%s", upgraded_message(path, opened.copy))
    opened.db.conn.close()
    _startup_problem = None
    return None


def startup_problem() -> str | None:
    """What :func:`prepare_at_start` found wrong with the file, if anything."""
    return _startup_problem
