"""Importing cards from other tools' CSV files: mapping, preview, bad files."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop import exercises, importer, summary, workshops
from workshop.cli import cli
from workshop.errors import InvalidInput, NotAllowed

RETRO_BOARD = (
    "Category;Card text;Votes\r\n"
    'Went well;"Newsletter; clean list";3\r\n'
    "Stop;Boosting posts;2\r\n"
    'start;"=HYPERLINK(""x"")";0\r\n'
    "Continue;;1\r\n"
    "Keep;Gear guides\r\n"
)


def cards_of(db, workshop_id: int) -> list[tuple[str, str]]:
    query = "SELECT column_key, text FROM cards WHERE workshop_id = ? ORDER BY id"
    return [tuple(r) for r in db.execute(query, [workshop_id]).fetchall()]


def test_a_board_export_is_read_mapped_and_previewed(room):
    table = importer.read_csv(RETRO_BOARD.encode("utf-8-sig"))
    assert table.headers == ["Category", "Card text", "Votes"]
    assert importer.text_column(table.headers) == "Card text"
    assert importer.category_column(table.headers) == "Category"
    assert importer.values(table, "Category") == ["Went well", "Stop", "start", "Continue", "Keep"]
    rows = importer.plan(
        table, exercises.SSCC, "Card text", "Category", {"Keep": "continue", "Went well": None}
    )
    assert [(r.line, r.column_key, r.problem is None) for r in rows] == [
        (2, None, False),
        (3, "stop", True),
        (4, "start", True),
        (5, "continue", False),
        (6, "continue", True),
    ]
    assert rows[0].problem == "Skipped: “Went well” is set to go nowhere."
    assert rows[3].problem == "Card cannot be empty."
    assert cards_of(room.db, room.workshop.id) == []  # a preview saves nothing

    revision = workshops.revision(room.db, room.workshop.id)
    assert importer.save(room.db, room.workshop, rows) == 3
    assert cards_of(room.db, room.workshop.id) == [
        ("stop", "Boosting posts"),
        ("start", '=HYPERLINK("x")'),
        ("continue", "Gear guides"),
    ]
    assert workshops.revision(room.db, room.workshop.id) > revision  # open screens update
    room.phase("discuss")
    board = summary.load(room.db, room.workshop.id)
    imported = [c for col in board.columns for item in col.items for c in item.cards]
    assert {c.author for c in imported} == {None}


def test_without_a_category_every_card_goes_to_the_column_picked(room):
    table = importer.read_csv(b"Notes\nFirst\nSecond\n")
    rows = importer.plan(table, exercises.SSCC, "Notes", default="change")
    assert importer.save(room.db, room.workshop, rows) == 2
    assert cards_of(room.db, room.workshop.id) == [("change", "First"), ("change", "Second")]


def test_a_retrospective_maps_its_own_column_names(db):
    values = {v: importer.column_for(v, exercises.HML) for v in ("HITS", "Misses", "learned")}
    assert values == {"HITS": "hits", "Misses": "misses", "learned": "learned"}
    assert importer.column_for("What we learned", exercises.HML) == "learned"
    assert importer.column_for("Went well", exercises.HML) is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"   \n\n", "The file is empty."),
        (b"text\n", "The file has a header but no rows under it."),
        (b"PK\x03\x04\x00\x00binary", "This is not a CSV file: it holds binary data."),
        (b"a,b\n1,2,3\n", "Row 2 has 3 cells but the header has 2; is the separator right?"),
        (
            b'a,b\n"open quote,2\n',
            "Line 2 cannot be read (unexpected end of data): check its quotes.",
        ),
        (b"a\n" + b"x\n" * (importer.MAX_ROWS + 1), "The file has more than 2000 rows."),
        (b"a\n" + b"x" * importer.MAX_BYTES, "The file is larger than 2 MB."),
    ],
)
def test_a_malformed_file_gets_a_clear_message(data, message):
    with pytest.raises(InvalidInput) as raised:
        importer.read_csv(data)
    assert message in str(raised.value)


def test_spreadsheet_encodings_and_separators_are_read():
    excel = "Text;Column\r\nCafé crème;Stop\r\n".encode("cp1252")
    assert importer.read_csv(excel).rows == [["Café crème", "Stop"]]
    tabs = "Text\tColumn\nZoë’s idea\tstart\n".encode("utf-8-sig")
    assert importer.read_csv(tabs).rows == [["Zoë’s idea", "start"]]
    multiline = b'Text,Column\n"two\nlines",stop\n'
    assert importer.read_csv(multiline).rows == [["two\nlines", "stop"]]
    blank_headers = importer.read_csv(b",x,x\n1,2,3\n")
    assert blank_headers.headers == ["Column 1", "x", "x (3)"]


def test_columns_the_file_does_not_have_are_refused(room):
    table = importer.read_csv(b"Text\nx\n")
    with pytest.raises(InvalidInput, match="Pick columns the file has"):
        importer.plan(table, exercises.SSCC, "Nope")
    with pytest.raises(InvalidInput, match="Pick one of the columns"):
        importer.plan(table, exercises.SSCC, "Text", default="hits")
    with pytest.raises(InvalidInput, match="Pick one of the columns"):
        importer.plan(table, exercises.SSCC, "Text", "Text", {"x": "misses"})


def test_a_closed_workshop_takes_no_cards(room):
    rows = importer.plan(importer.read_csv(b"Text\nx\n"), exercises.SSCC, "Text")
    closed = room.phase("closed")
    with pytest.raises(NotAllowed, match="closed"):
        importer.save(room.db, closed, rows)
    assert cards_of(room.db, room.workshop.id) == []


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.text(max_size=300).map(lambda s: s.encode("utf-8")),
        st.lists(st.lists(st.text(max_size=30), min_size=1, max_size=4), max_size=6).map(
            lambda rows: "\n".join(",".join(r) for r in rows).encode("utf-8")
        ),
    )
)
def test_any_file_is_imported_whole_or_refused_with_nothing_saved(room, data):
    db = room.db  # one workshop takes every example's cards
    before = cards_of(db, room.workshop.id)
    try:
        table = importer.read_csv(data)
        rows = importer.plan(table, exercises.SSCC, table.headers[0], default="stop")
        saved = importer.save(db, room.workshop, rows)
    except InvalidInput as error:
        assert str(error)  # a message the page can show
        assert cards_of(db, room.workshop.id) == before
        return
    after = cards_of(db, room.workshop.id)
    assert after[: len(before)] == before
    assert [text for _, text in after[len(before) :]] == [r.text for r in rows if not r.problem]
    assert saved == len(after) - len(before)


def test_the_command_line_imports_with_a_dry_run_first(room, db_path, tmp_path):
    source = tmp_path / "board.csv"
    source.write_bytes(RETRO_BOARD.encode("utf-8"))
    runner = CliRunner()
    base = [
        "--db",
        db_path,
        "import-cards",
        str(source),
        "--workshop",
        str(room.workshop.id),
        "--text-column",
        "Card text",
        "--column-column",
        "Category",
    ]
    dry = runner.invoke(cli, [*base, "--map", "Keep=continue", "--dry-run"])
    assert dry.exit_code == 0 and "3 card(s) would be imported, 2 row(s) not." in dry.output
    assert "row 2: -: No column for “Went well”." in dry.stderr
    refused = runner.invoke(cli, base)
    assert refused.exit_code == 1 and "nothing was saved" in refused.output
    assert cards_of(room.db, room.workshop.id) == []
    bad_map = runner.invoke(cli, [*base, "--map", "Keep"])
    assert bad_map.exit_code == 2 and "VALUE=COLUMN" in bad_map.output
    done = runner.invoke(
        cli, [*base, "--map", "Keep=continue", "--map", "Went well=skip", "--skip-bad-rows"]
    )
    assert done.exit_code == 0, done.output
    assert "Imported 3 card(s)" in done.output and "skipped 2 row(s)" in done.output
    assert len(cards_of(room.db, room.workshop.id)) == 3
    gone = runner.invoke(
        cli,
        ["--db", db_path, "import-cards", str(source), "--workshop", "99", "--text-column", "x"],
    )
    assert gone.exit_code == 1 and "Workshop 99 does not exist" in gone.output
