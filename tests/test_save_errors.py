"""A save the database file refuses after a good start shows what to do, never a trace."""

from tests.support import app


def test_a_card_saved_to_a_file_that_turned_read_only_says_so_and_keeps_the_text(room):
    at = app("pages/board.py", code=room.workshop.code, me=room.anna.token)
    _, connection = at.session_state["wk_db"]
    # The session's own connection now refuses every write, as a read-only file does:
    # SQLite answers SQLITE_READONLY.
    connection.execute("PRAGMA query_only = ON")
    at.text_area(key="new-card-text").input("Stop boosting every post")
    at.button(key="add-card-submit").click().run()
    assert not at.exception
    assert any("cannot be written to" in e.value for e in at.error)
    assert at.text_area(key="new-card-text").value == "Stop boosting every post"
    connection.execute("PRAGMA query_only = OFF")
    assert room.db.execute("SELECT COUNT(*) FROM cards").fetchone()[0] == 0
