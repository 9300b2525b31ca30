"""A broken database file gets a readable verdict from every command and from the app's
first page, an exit status of 1, no traceback, and stays exactly as it was.

The damaged files are made here from a real demo database: cut in half, bytes
overwritten in the middle, the header overwritten, another kind of file, 0 bytes, a
file from a newer version, permissions taken away, a disk that fills up.
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

from workshop import backup, check, dbfile, demo
from workshop import db as database
from workshop.cli import cli

APP = str(Path(__file__).resolve().parent.parent / "app.py")
WORKSHOP = str(Path(sys.executable).with_name("workshop"))


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    """A demo database with everything checkpointed into the main file."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    db = database.connect(path)
    demo.load_demo(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    return path


@pytest.fixture(scope="module")
def demo_json(demo_file, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("backup") / "backup.json"
    path.write_bytes(backup.to_json(database.connect(demo_file)))
    return path


def _truncated(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def _damaged_pages(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.seek(size // 2)
        f.write(b"\xff" * 3000)


def _header(path: Path) -> None:
    with path.open("r+b") as f:
        f.write(b"not a database!!")


def _csv(path: Path) -> None:
    path.write_text("text,column\nMore video,start\n")


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _newer(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE badges (id INTEGER PRIMARY KEY)")
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('workshop', 'm099_badges', '2027-01-01')"
        )
    conn.close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _other_program(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, taken TEXT)")
    conn.close()


BROKEN: dict[str, tuple[Callable[[Path], None], str]] = {
    "cut in half": (_truncated, "is cut off: it holds"),
    "damaged pages": (_damaged_pages, "is damaged ("),
    "header overwritten": (_header, "is not a database of this app"),
    "a CSV at the path": (_csv, "is not a database of this app"),
    "0 bytes": (_empty, "is empty (0 bytes): it holds no workshops"),
    "newer version": (_newer, "was written by a newer version of the app"),
    "another program's database": (_other_program, "is an SQLite database of another program"),
}


def commands(folder: Path, backup_file: Path) -> dict[str, list[str]]:
    csv = folder / "cards.csv"
    csv.write_text("text\nMore video\n")
    return {
        "list": ["list"],
        "check": ["check"],
        "backup": ["backup", "-o", str(folder / "out.json")],
        "restore": ["restore", "--yes", str(backup_file)],
        "export": ["export", "1", "--format", "md", "-o", str(folder / "out.md")],
        "report": ["report", "1", "-o", str(folder / "report.md")],
        "demo": ["demo"],
        "delete-team": ["delete-team", "Northwind Outdoor — Brand & Digital", "--yes"],
        "facilitator-link": ["facilitator-link", "1"],
        "import-cards": ["import-cards", str(csv), "--workshop", "1", "--text-column",
                         "text", "--into", "start"],
    }


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in the folder with a hash of its bytes; SQLite's empty working files
    (-shm, and a -wal with no frames) are not changes."""
    found = {}
    for file in sorted(folder.iterdir()):
        if file.name.endswith("-shm") or (file.name.endswith("-wal") and file.stat().st_size == 0):
            continue
        found[file.name] = hashlib.sha256(file.read_bytes()).hexdigest()
    return found


@pytest.mark.parametrize("case", list(BROKEN))
def test_every_command_on_a_broken_file_says_what_is_wrong_and_changes_nothing(
    demo_file, demo_json, tmp_path, case
):
    damage, message = BROKEN[case]
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "workshop.db"
    shutil.copy(demo_file, path)
    damage(path)
    before = fingerprint(folder)
    for name, args in commands(tmp_path, demo_json).items():
        result = CliRunner().invoke(cli, ["--db", str(path), *args])
        said = result.output
        assert result.exit_code == 1, (name, said)
        assert isinstance(result.exception, SystemExit), (name, result.exception)
        assert "Traceback" not in said
        if case == "damaged pages" and name == "check":
            assert "SQLite integrity: " in said and "rules were not checked" in said
        else:
            assert message in said, (name, said)
        assert fingerprint(folder) == before, name
    assert not (tmp_path / "out.json").exists() and not (tmp_path / "out.md").exists()


def test_check_lists_damaged_pages_as_findings(demo_file, tmp_path):
    path = tmp_path / "pages.db"
    shutil.copy(demo_file, path)
    _damaged_pages(path)
    found = check.check_file(str(path))
    assert found[0].startswith("SQLite integrity: ")
    assert all("*** in database" not in line for line in found)
    assert found[-1] == "The app's own rules were not checked: the file's pages are damaged."


def test_a_healthy_file_passes_and_a_missing_one_is_named(demo_file, tmp_path):
    path = tmp_path / "good.db"
    shutil.copy(demo_file, path)
    ok = CliRunner().invoke(cli, ["--db", str(path), "check"])
    assert ok.exit_code == 0 and "no problems found" in ok.output
    missing = CliRunner().invoke(cli, ["--db", str(tmp_path / "typo.db"), "check"])
    assert missing.exit_code == 1 and "typo.db does not exist" in missing.output
    assert not (tmp_path / "typo.db").exists()


def test_a_folder_that_does_not_exist_is_named(tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "nowhere" / "w.db"), "list"])
    assert result.exit_code == 1 and "The folder" in result.output
    assert "does not exist" in result.output and not (tmp_path / "nowhere").exists()


# -- permissions: as root, chmod does not stop a write, so the command runs as nobody --

def _as_bound_by_permissions() -> list[str]:
    """A command prefix under which file permissions hold: root overrides them, so root
    runs the command without the capabilities that do (util-linux's setpriv). The user
    stays root, so the checkout and its venv stay readable wherever CI cloned them."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    assert setpriv, "running as root, the permission tests need setpriv to drop overrides"
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]


def _run(args: list[str], prefix: list[str] = (), preexec=None) -> subprocess.CompletedProcess:
    return subprocess.run([*prefix, WORKSHOP, *args], capture_output=True, text=True,
                          timeout=120, preexec_fn=preexec, env={**os.environ, "WORKSHOP_DB": ""})


@pytest.mark.parametrize("where", ["file", "folder"])
def test_a_read_only_file_or_folder_is_refused_before_anything_is_written(
    demo_file, demo_json, tmp_path, where
):
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "workshop.db"
    shutil.copy(demo_file, path)
    shutil.copy(demo_json, tmp_path / "backup.json")
    if where == "file":
        path.chmod(0o444)
        expected = "is read-only, and the app must write to it"
    else:
        folder.chmod(0o555)
        expected = f"The folder {folder} is read-only"
    before = fingerprint(folder)
    try:
        for args in (["list"], ["check"], ["restore", "--yes", str(tmp_path / "backup.json")],
                     ["demo"]):
            done = _run(["--db", str(path), *args], _as_bound_by_permissions())
            assert done.returncode == 1, (args, done.stderr)
            assert expected in done.stderr and "Traceback" not in done.stderr, done.stderr
            assert fingerprint(folder) == before
    finally:
        folder.chmod(0o755)


def test_a_full_disk_saves_nothing_and_says_so(demo_json, tmp_path):
    """The disk fills up while a restore writes: a file-size limit makes every write past
    64 kB fail, as a full disk would."""
    path = tmp_path / "workshop.db"
    database.connect(path).conn.close()  # the empty schema, well under the limit
    before = fingerprint(tmp_path)

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64_000, 64_000))

    done = _run(["--db", str(path), "restore", "--yes", str(demo_json)], preexec=small_disk)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "the disk may be full" in done.stderr or "is full" in done.stderr, done.stderr
    assert fingerprint(tmp_path) == before
    assert check.check_file(str(path)) == []


# -- the app's first page --

@pytest.fixture
def first_page():
    def run(path: Path) -> AppTest:
        dbfile.prepare_at_start(str(path))
        return AppTest.from_file(APP, default_timeout=30).run()

    yield run
    dbfile.prepare_at_start(":memory:")  # forget the problem for the tests that follow


@pytest.mark.parametrize("case", list(BROKEN))
def test_the_first_page_says_what_is_wrong_with_the_file(
    demo_file, tmp_path, monkeypatch, first_page, case
):
    damage, message = BROKEN[case]
    path = tmp_path / "workshop.db"
    shutil.copy(demo_file, path)
    damage(path)
    monkeypatch.setenv("WORKSHOP_DB", str(path))
    before = fingerprint(tmp_path)
    at = first_page(path)
    assert not at.exception
    assert len(at.error) == 1 and message in at.error[0].value
    assert not at.button  # no page ran: nothing offers to write to the file
    assert fingerprint(tmp_path) == before


def test_the_first_page_works_on_a_healthy_file(demo_file, tmp_path, monkeypatch, first_page):
    path = tmp_path / "workshop.db"
    shutil.copy(demo_file, path)
    monkeypatch.setenv("WORKSHOP_DB", str(path))
    at = first_page(path)
    assert not at.exception and not at.error
    assert [title.value for title in at.title] == ["Quarterly strategy workshop"]
    assert at.button(key="join-code-submit") is not None


def test_sqlites_own_disk_full_error_reads_as_a_full_disk(tmp_path):
    """SQLite's "database or disk is full", met for real: the file may not grow."""
    path = tmp_path / "workshop.db"
    db = database.connect(path)
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(sqlite3.OperationalError) as full:
        demo.load_demo(db)
    said = str(dbfile.explain(full.value, path))
    assert said.startswith(f"The disk that holds {path} is full, so the change was not saved")
    assert db.execute("SELECT COUNT(*) FROM teams").fetchone()[0] == 0
