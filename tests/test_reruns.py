"""A rerun only draws: it opens no database connection and checks no migration."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from workshop import cards
from workshop import db as database

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def test_a_rerun_opens_no_connection_and_checks_no_migration(room, monkeypatch):
    cards.add_card(room.db, room.anna.token, "stop", "Drop the print ads")
    opened: list[str] = []
    looked: list[str] = []
    connect, pending = database.connect, database.migrations.pending

    def counting_connect(path=None):
        opened.append(str(path))
        return connect(path)

    def counting_pending(db):
        looked.append("pending")
        return pending(db)

    monkeypatch.setattr(database, "connect", counting_connect)
    monkeypatch.setattr(database.migrations, "pending", counting_pending)
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["code"] = room.workshop.code
    at.query_params["me"] = room.anna.token
    at.switch_page("pages/board.py")
    at.run()
    assert not at.exception
    assert len(opened) == 1  # the session's own connection, opened on its first run
    assert len(looked) == 1  # and the migrations looked at once, with it
    for _ in range(3):
        at.run()
    assert not at.exception
    assert len(opened) == 1
    assert len(looked) == 1
