"""Backup and restore of the whole database as one JSON document.

A backup names its format and schema version and lists every table's rows. Restore
checks the whole document first (format, version, tables, columns, types), then
replaces everything in one transaction and checks the result (foreign keys and the
app's own rules) before it commits: a bad file changes nothing, and the message says
where it is wrong.
"""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from workshop import check
from workshop.db import migrations, rows, write
from workshop.errors import InvalidInput
from workshop.i18n import t

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
)
_TYPES = {"INTEGER": (int,), "REAL": (int, float), "TEXT": (str,)}


def schema_version(db: Database) -> list[str]:
    """The migrations this database has applied: a backup restores only into the same."""
    return sorted(m.name for m in migrations.applied(db))


def backup(db: Database) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "schema_version": schema_version(db),
        "tables": {table: rows(db, f"SELECT * FROM {table} ORDER BY id") for table in TABLES},
    }


def to_json(db: Database) -> bytes:
    """The backup as stable bytes: the same data gives the same file."""
    return json.dumps(backup(db), ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def restore(db: Database, document: bytes | str | dict) -> dict[str, int]:
    """Replace everything with the backup; returns the rows restored per table."""
    data = _parse(document)
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
    try:
        return json.loads(document)
    except (ValueError, UnicodeDecodeError) as error:
        raise InvalidInput("file", t("This is not a JSON file: {error}", error=error)) from None


def _check_document(db: Database, data: object) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput(
            "file", t("This is not a backup of this app (no “format”: “{f}”).", f=FORMAT)
        )
    if data.get("schema_version") != schema_version(db):
        raise InvalidInput(
            "schema_version",
            t(
                "The backup was made by another version of the app (schema {theirs}, this one "
                "{ours}).",
                theirs=data.get("schema_version"),
                ours=schema_version(db)[-1],
            ),
        )
    tables = data.get("tables")
    if not isinstance(tables, dict) or set(tables) != set(TABLES):
        raise InvalidInput(
            "tables",
            t("The backup must list exactly these tables: {names}.", names=", ".join(TABLES)),
        )
    for table in TABLES:
        _check_rows(db, table, tables[table])


def _check_rows(db: Database, table: str, found: object) -> None:
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
