"""Backup and restore of the whole database as one JSON document.

A backup names its format, the app version and schema that wrote it, and lists every
table's rows. Restore checks the whole document first (format, version, tables,
columns, types, and every value against the app's own input checks), then replaces
everything in one transaction and checks the result (foreign keys and the app's rules)
before it commits: a bad file changes nothing, and the message says where it is wrong.

A backup from an earlier schema is loaded into a scratch database at that schema and
upgraded there first, so old backups restore forever; one from a newer schema is
refused. A copy of the database file (such as the one kept before a migration) restores
the same way.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from importlib import metadata
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from workshop import check, dbfile, files, rules
from workshop.db import migrations, rows, write
from workshop.errors import InvalidInput
from workshop.i18n import N_, t
from workshop.migrate import SchemaTooNew

FORMAT = "strategy-workshop-backup"
# Parents before children, so a reader can follow the references down the file.
TABLES = (
    "teams",
    "campaigns",
    "workshops",
    "participants",
    "card_groups",
    "cards",
    "votes",
    "actions",
    "audit_channels",
    "canvas_channels",
    "proposals",
    "theme_links",
    "imports",
)
_TYPES = {"INTEGER": (int,), "REAL": (int, float), "TEXT": (str,)}
MAX_BYTES = 500_000_000  # a backup of ten teams' years of workshops is a few MB
MAX_DEPTH_MESSAGE = N_("The file is nested too deeply to be a backup of this app.")


def app_version() -> str:
    try:
        return metadata.version("workshop")
    except metadata.PackageNotFoundError:
        return "unknown"


def schema_version(db: Database) -> list[str]:
    """The migrations this database has applied."""
    return sorted(migrations.applied(db))


def backup(db: Database) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "app_version": app_version(),
        "schema_version": schema_version(db),
        "tables": {table: rows(db, f"SELECT * FROM {table} ORDER BY id") for table in TABLES},
    }


def to_json(db: Database) -> bytes:
    """The backup as stable bytes: the same data gives the same file."""
    return json.dumps(backup(db), ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def restore_file(db: Database, path: str | Path) -> dict[str, int]:
    """Restore a JSON backup or a copy of a database file (told apart by their bytes)."""
    with Path(path).open("rb") as source:
        start = source.read(len(dbfile.HEADER))
    if start == dbfile.HEADER:
        return restore(db, from_copy(path))
    return restore(db, files.read_at_most(path, MAX_BYTES))


def from_copy(path: str | Path) -> dict[str, Any]:
    """The backup document of a copy of the database file, upgraded to this schema.

    The copy is only read: it is copied into memory with SQLite's online backup first.
    """
    scratch = Database(memory=True)
    try:
        with closing(sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)) as copy:
            copy.backup(scratch.conn)
        damage = dbfile.page_damage(scratch.conn, thorough=True)
        if damage:
            raise dbfile.damaged(str(path), dbfile.damage_summary(damage))
        migrations.refuse_newer(scratch, str(path))
        with scratch.conn:
            migrations.apply(scratch)
    except sqlite3.Error as error:
        raise dbfile.explain(error, path) from None
    return backup(scratch)


def restore(db: Database, document: bytes | str | dict) -> dict[str, int]:
    """Replace everything with the backup; returns the rows restored per table."""
    data = _upgraded(_parse(document))
    _check_document(db, data)
    tables = data["tables"]
    with write(db):
        db.execute("PRAGMA defer_foreign_keys = ON")  # campaigns and cards refer to each other
        for table in reversed(TABLES):
            db.execute(f"DELETE FROM {table}")
        for table in TABLES:
            for number, row in enumerate(tables[table]):
                _insert(db, table, number, row)
        _check_result(db)
    return {table: len(tables[table]) for table in TABLES}


def _parse(document: bytes | str | dict) -> dict:
    if isinstance(document, dict):
        return document
    if len(document) > MAX_BYTES:
        raise InvalidInput(
            "file", t("The file is larger than {mb} MB.", mb=MAX_BYTES // 1_000_000)
        )
    try:
        return json.loads(document)
    except RecursionError:
        raise InvalidInput("file", t(MAX_DEPTH_MESSAGE)) from None
    except (ValueError, UnicodeDecodeError) as error:
        raise InvalidInput("file", t("This is not a JSON file: {error}", error=error)) from None


def _check_format(data: object) -> dict:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput(
            "file", t("This is not a backup of this app (no “format”: “{f}”).", f=FORMAT)
        )
    return data


def _upgraded(data: object) -> dict:
    """The document at this app's schema: one from an earlier schema is upgraded."""
    document = _check_format(data)
    theirs = document.get("schema_version")
    known = migrations.names
    if not isinstance(theirs, list) or not all(isinstance(n, str) for n in theirs):
        raise InvalidInput("schema_version", t("The backup names no schema version."))
    unknown = sorted(set(theirs) - set(known))
    if unknown:
        raise SchemaTooNew(
            t(
                "This backup was made by a newer version of the app (version {version}, "
                "schema “{theirs}”); this version knows up to “{ours}”. Nothing was changed. "
                "Update the app to restore it.",
                version=document.get("app_version", "unknown"),
                theirs=unknown[-1],
                ours=known[-1],
            ),
            unknown,
        )
    if sorted(theirs) != sorted(known[: len(theirs)]):
        raise InvalidInput(
            "schema_version",
            t("The backup's schema ({theirs}) is not one this app ever had.",
              theirs=", ".join(theirs)),
        )
    if len(theirs) == len(known):
        return document
    return _upgrade_in_memory(document, len(theirs))


def _upgrade_in_memory(data: dict, applied: int) -> dict:
    older = Database(memory=True)
    with older.conn:
        migrations.apply(older, upto=applied)
    names = [table for table in TABLES if older[table].exists()]
    tables = _check_tables(older, data, names, with_rules=False)
    with older.conn:
        older.execute("PRAGMA defer_foreign_keys = ON")
        for table in names:
            for number, row in enumerate(tables[table]):
                _insert(older, table, number, row)
        migrations.apply(older)
    return backup(older)


def _check_document(db: Database, data: dict) -> None:
    _check_tables(db, data, list(TABLES), with_rules=True)


def _check_tables(db: Database, data: dict, names: list[str], *, with_rules: bool) -> dict:
    tables = data.get("tables")
    if not isinstance(tables, dict) or set(tables) != set(names):
        raise InvalidInput(
            "tables",
            t("The backup must list exactly these tables: {names}.", names=", ".join(names)),
        )
    for table in names:
        _check_rows(db, table, tables[table], with_rules)
    return tables


def _check_rows(db: Database, table: str, found: object, with_rules: bool) -> None:
    if not isinstance(found, list):
        raise InvalidInput(table, t("{table}: the rows must be a list.", table=table))
    columns = {c.name: c for c in db[table].columns}
    required = {name for name, c in columns.items() if c.notnull and c.default_value is None}
    required.add("id")
    for number, row in enumerate(found):
        where = f"{table}[{number}]"
        if not isinstance(row, dict):
            raise InvalidInput(table, t("{where}: a row must be an object.", where=where))
        unknown = set(row) - set(columns)
        if unknown:
            raise InvalidInput(
                table, t("{where}: unknown column “{name}”.", where=where, name=sorted(unknown)[0])
            )
        missing = required - set(row)
        if missing:
            raise InvalidInput(
                table, t("{where}: missing “{name}”.", where=where, name=sorted(missing)[0])
            )
        for name, value in row.items():
            _check_value(where, name, columns[name], value)
        for name, problem in rules.row_problems(table, row) if with_rules else []:
            raise InvalidInput(
                name, t("{where}, “{name}”: {problem}", where=where, name=name, problem=problem)
            )


def _check_value(where: str, name: str, column, value: object) -> None:
    if value is None:
        if column.notnull or name == "id":
            raise InvalidInput(
                name, t("{where}: “{name}” cannot be empty.", where=where, name=name)
            )
        return
    allowed = _TYPES.get(column.type.upper(), (int, float, str))
    if isinstance(value, bool) or not isinstance(value, allowed):
        raise InvalidInput(
            name,
            t(
                "{where}: “{name}” has the wrong type ({type}).",
                where=where,
                name=name,
                type=type(value).__name__,
            ),
        )


def _insert(db: Database, table: str, number: int, row: dict) -> None:
    names = list(row)
    try:
        db.execute(
            f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})",
            [row[n] for n in names],
        )
    except Exception as error:  # sqlite3.IntegrityError and friends: say where
        raise InvalidInput(
            table, t("{table}[{n}]: {error}", table=table, n=number, error=error)
        ) from None


def _check_result(db: Database) -> None:
    broken = db.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        table, rowid, parent, _ = broken[0]
        raise InvalidInput(
            table,
            t(
                "{table} row {id} points at a {parent} row that is not in the backup.",
                table=table,
                id=rowid,
                parent=parent,
            ),
        )
    problems = check.problems(db)
    if problems:
        raise InvalidInput("file", problems[0])
