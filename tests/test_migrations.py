"""Schema upgrades: every earlier schema, filled with the demo team, upgrades with every
row kept; a copy is taken first; old backups restore forever; newer files and backups
are refused; a migration killed half-way leaves the old schema, never a mixture."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlite_utils import Database

from workshop import backup, check, copies, dbfile, demo, importers
from workshop import db as database
from workshop.cli import cli
from workshop.errors import WorkshopError
from workshop.migrate import SchemaTooNew, statements

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = FIXTURES / "backup-schema-m006.json"  # made by `workshop backup` from the demo team
NAMES = database.migrations.names
EARLIER = range(1, len(NAMES))  # every schema before today's, by how many migrations it has


@pytest.fixture(scope="module")
def demo_document(tmp_path_factory) -> dict:
    db = database.connect(tmp_path_factory.mktemp("demo") / "demo.db")
    demo.load_demo(db)
    return backup.backup(db)


def build_at(path: Path, applied: int, document: dict) -> dict[str, list[dict]]:
    """A database file at the schema of the first ``applied`` migrations, holding the
    demo team as far as that schema has room for it; returns the rows it holds."""
    db = Database(sqlite3.connect(path))
    with db.conn:
        database.migrations.apply(db, upto=applied)
    held = {}
    with db.conn:
        for table in backup.TABLES:
            if not db[table].exists():
                continue
            columns = {c.name for c in db[table].columns}
            held[table] = [
                {k: v for k, v in row.items() if k in columns}
                for row in document["tables"][table]
            ]
            for row in held[table]:
                names = list(row)
                db.execute(
                    f"INSERT INTO {table} ({', '.join(names)}) "
                    f"VALUES ({', '.join('?' * len(names))})",
                    [row[n] for n in names],
                )
    db.conn.close()
    return held


def assert_rows_kept(db: Database, held: dict[str, list[dict]]) -> None:
    for table, expected in held.items():
        found = {r["id"]: r for r in database.rows(db, f"SELECT * FROM {table}")}
        assert len(found) == len(expected), table
        for row in expected:
            assert {k: found[row["id"]][k] for k in row} == row, (table, row["id"])


def test_statements_are_split_where_sqlite_says_they_end():
    script = """
        CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT DEFAULT 'a; b');
        -- a comment; with a semicolon
        CREATE TRIGGER notes_touch AFTER INSERT ON notes BEGIN
            UPDATE notes SET body = body || ';' WHERE id = new.id;
        END;
        INSERT INTO notes (body) VALUES ('x;y')
    """
    found = statements(script)
    assert len(found) == 3
    assert found[1].startswith("-- a comment") and found[1].endswith("END;")
    db = Database(memory=True)
    for statement in found:
        db.execute(statement)
    assert db.execute("SELECT body FROM notes").fetchone() == ("x;y;",)
    with pytest.raises(ValueError, match="incomplete"):
        statements("CREATE TRIGGER t AFTER INSERT ON notes BEGIN SELECT 1;")  # no END


@pytest.mark.parametrize("applied", EARLIER, ids=[f"from-{NAMES[i - 1]}" for i in EARLIER])
def test_every_earlier_schema_upgrades_with_every_row(demo_document, tmp_path, applied):
    path = tmp_path / "old.db"
    held = build_at(path, applied, demo_document)
    assert held["cards"] and held["workshops"]  # the demo team is really in there
    opened = dbfile.open_database(path)
    assert database.migrations.pending(opened.db) == []
    assert check.problems(opened.db) == []
    assert_rows_kept(opened.db, held)
    # the file as it was is kept, consistent and at the old schema
    assert opened.copy is not None and opened.copy.parent == copies.folder(path)
    kept = Database(sqlite3.connect(opened.copy))
    assert database.migrations.applied(kept) == NAMES[:applied]
    assert_rows_kept(kept, held)


@pytest.mark.parametrize("applied", EARLIER, ids=[f"from-{NAMES[i - 1]}" for i in EARLIER])
def test_a_backup_from_every_earlier_schema_restores(demo_document, tmp_path, applied):
    held = build_at(tmp_path / "old.db", applied, demo_document)
    old = {
        "format": backup.FORMAT,
        "schema_version": NAMES[:applied],
        "tables": held,
    }
    db = database.connect(tmp_path / "new.db")
    restored = backup.restore(db, json.dumps(old))
    assert restored["cards"] == len(held["cards"])
    assert_rows_kept(db, held)
    assert check.problems(db) == []


def test_todays_backup_file_restores_forever(tmp_path):
    document = json.loads(TODAY.read_bytes())
    db = database.connect(tmp_path / "restored.db")
    done = CliRunner().invoke(cli, ["--db", str(tmp_path / "restored.db"), "restore", str(TODAY)])
    assert done.exit_code == 0, done.output
    assert_rows_kept(db, document["tables"])
    assert check.problems(db) == []


def test_a_backup_covers_every_table_of_the_schema(tmp_path):
    db = database.connect(tmp_path / "schema.db")
    tables = {
        name
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    } - {"_sqlite_migrations"}
    assert tables == set(backup.TABLES)


def test_a_backup_from_a_newer_version_is_refused_with_its_version(demo_document, tmp_path):
    db = database.connect(tmp_path / "kept.db")
    demo.load_demo(db)
    before = backup.to_json(db)
    newer = dict(demo_document, app_version="2.3.0",
                 schema_version=[*NAMES, "m099_badges"])
    with pytest.raises(SchemaTooNew) as refused:
        backup.restore(db, json.dumps(newer))
    assert "newer version of the app (version 2.3.0, schema “m099_badges”)" in str(refused.value)
    assert backup.to_json(db) == before


def test_a_backup_nested_too_deeply_or_too_large_is_refused(tmp_path, monkeypatch):
    db = database.connect(tmp_path / "kept.db")
    nested = tmp_path / "nested.json"
    nested.write_text("[" * 100_000 + "]" * 100_000)
    done = CliRunner().invoke(cli, ["--db", str(tmp_path / "kept.db"), "restore", str(nested)])
    assert done.exit_code == 1 and "nested too deeply" in done.output
    monkeypatch.setattr(backup, "MAX_BYTES", 1000)
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"pad": "x" * 2000}))
    done = CliRunner().invoke(cli, ["--db", str(tmp_path / "kept.db"), "restore", str(big)])
    assert done.exit_code == 1 and "is larger than 0.001 MB" in done.output
    assert backup.to_json(db) == backup.to_json(database.connect(tmp_path / "fresh.db"))


def test_import_cards_reads_no_more_than_its_limit(room, tmp_path):
    done = CliRunner().invoke(cli, ["--db", room.db.conn.execute("PRAGMA database_list")
                                    .fetchone()[2], "import-cards", "/dev/zero",
                                    "--workshop", str(room.workshop.id), "--text-column", "a",
                                    "--into", "start"])
    limit = importers.MAX_BYTES // 1_000_000
    assert done.exit_code == 1 and f"/dev/zero is larger than {limit} MB" in done.output


def test_restore_takes_a_copy_kept_before_an_upgrade(demo_document, tmp_path):
    path = tmp_path / "workshop.db"
    held = build_at(path, 3, demo_document)
    copy = dbfile.open_database(path).copy
    CliRunner().invoke(cli, ["--db", str(path), "delete-team", "--yes",
                             demo_document["tables"]["teams"][0]["name"]])
    done = CliRunner().invoke(cli, ["--db", str(path), "restore", "--yes", str(copy)])
    assert done.exit_code == 0, done.output
    db = database.connect(path)
    assert_rows_kept(db, held)
    assert check.problems(db) == []


def test_only_the_last_few_copies_are_kept(tmp_path):
    path = tmp_path / "workshop.db"
    database.connect(path).conn.close()
    for n in range(copies.KEEP + 3):
        copies.take(path, f"m{n:03d}")
    kept = copies.listing(path)
    assert len(kept) == copies.KEEP
    assert kept[-1].name.endswith(f"-before-m{copies.KEEP + 2:03d}.db")
    assert sorted(p.name for p in copies.folder(path).iterdir()) == [p.name for p in kept]
    assert {Database(sqlite3.connect(p)).execute("PRAGMA journal_mode").fetchone()[0]
            for p in kept} == {"delete"}  # each copy is one file, without -wal or -shm


def test_the_command_line_says_where_the_copy_is(demo_document, tmp_path):
    path = tmp_path / "workshop.db"
    build_at(path, 4, demo_document)
    done = CliRunner().invoke(cli, ["--db", str(path), "list"])
    assert done.exit_code == 0
    (copy,) = copies.listing(path)
    assert f"Upgraded {path} to this version of the app" in done.output
    assert str(copy) in done.output


def test_a_newer_file_is_refused_by_the_library_too(tmp_path):
    path = tmp_path / "newer.db"
    database.connect(path).execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('workshop', 'm099_badges', 'x')"
    )
    with pytest.raises(WorkshopError, match="newer version"):
        database.connect(path)


# -- SIGKILL while a migration runs --

MIGRATING = """
import sys
from workshop import db as database
from workshop.migrate import run_script

@database.migrations()
def m900_extra(db):
    run_script(db, '''
        CREATE TABLE extra (id INTEGER PRIMARY KEY, note TEXT);
        ALTER TABLE cards ADD COLUMN extra TEXT;
        UPDATE cards SET extra = text;
        INSERT INTO extra (note) SELECT text FROM cards;
    ''')
    if sys.argv[2] == "during":
        print("migrating", flush=True)
        sys.stdin.read()  # held here, inside the migration's transaction, until killed

database.connect(sys.argv[1])
print("migrated", flush=True)
sys.stdin.read()
"""


def _killed_at(path: Path, moment: str) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", MIGRATING, str(path), moment],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        said = child.stdout.readline().strip()
        assert said == ("migrating" if moment == "during" else "migrated")
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)


@pytest.mark.parametrize("moment", ["during", "after"])
def test_a_migration_killed_leaves_the_old_or_the_new_schema(demo_db, db_path, moment):
    before = backup.backup(demo_db)
    demo_db.conn.close()
    _killed_at(Path(db_path), moment)
    raw = Database(sqlite3.connect(db_path))
    applied = database.migrations.applied(raw)
    card_columns = {c.name for c in raw["cards"].columns}
    if moment == "during":  # the old schema, all of it
        assert applied == NAMES and not raw["extra"].exists() and "extra" not in card_columns
    else:  # the new schema, all of it
        assert applied == [*NAMES, "m900_extra"] and "extra" in card_columns
        assert raw["extra"].count == len(before["tables"]["cards"])
    raw.conn.close()
    if moment == "during":  # the app starts on it, and everything is there
        assert dbfile.prepare_at_start(db_path) is None
        db = database.connect(db_path)
        assert check.problems(db) == []
        assert backup.backup(db)["tables"] == before["tables"]
