"""Exports of the demo team's workshops in every format, read back the way a reader would."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from tests.support import INJECTIONS, make_room, pdf_text, squeezed
from workshop import actions, cards, csv_export, exports, report, summary, teams, workshops
from workshop.cli import cli

pytestmark = pytest.mark.usefixtures("pdftotext")
ODD = "Zoë’s café — “quotes”, naïve façade, Ελληνικά, Кириллица"


def each_workshop(db):
    return [w.id for w in workshops.list_workshops(db)]


def test_every_demo_workshop_exports_in_every_format(demo_db):
    for workshop_id in each_workshop(demo_db):
        board = summary.load(demo_db, workshop_id)
        texts = [c.text for col in board.columns for item in col.items for c in item.cards]
        done = [a.text for a in board.actions]
        pdf = squeezed(pdf_text(exports.export(demo_db, workshop_id, "pdf")))
        html = exports.export(demo_db, workshop_id, "html").decode("utf-8")
        for text in [board.workshop.title, *texts, *done]:
            assert squeezed(text) in pdf, text
        rendered = (
            MarkdownIt("commonmark")
            .enable("table")
            .render(exports.export(demo_db, workshop_id, "md").decode("utf-8"))
        )
        assert rendered.count("<h1>") == 1 and "<h2>" in rendered
        assert ("<li>" in rendered) == bool(texts)
        for column in board.columns:
            assert f"<h2>{column.column.title}</h2>" in rendered
            assert f"<h2>{column.column.title}</h2>" in html
        drawn = summary.charts_of(demo_db, board, summary.extras(demo_db, board))
        assert "<svg" in html or not any(drawn.values())


def test_a_pdf_has_the_exercise_charts_as_images(demo_db):
    retro = next(w for w in workshops.list_workshops(demo_db) if w.campaign_id)
    data = exports.export(demo_db, retro.id, "pdf")
    assert data.count(b"/Subtype /Image") >= 2  # target against actual, budget


def test_the_csv_parses_back_to_the_same_rows(demo_db):
    for workshop_id in each_workshop(demo_db):
        board = summary.load(demo_db, workshop_id)
        parsed = list(
            csv.reader(io.StringIO(exports.export(demo_db, workshop_id, "csv").decode("utf-8-sig")))
        )
        expected = [
            [csv_export.neutralise(c) for c in row] for row in csv_export.records(demo_db, board)
        ]
        assert parsed == [csv_export.HEADER, *expected]


def test_exports_of_a_closed_workshop_are_the_same_bytes_every_time(demo_db):
    for workshop_id in each_workshop(demo_db)[:4]:
        for fmt in exports.FORMATS:
            assert exports.export(demo_db, workshop_id, fmt) == exports.export(
                demo_db, workshop_id, fmt
            ), fmt


def test_json_holds_everything_but_secrets(db):
    room = make_room(db, anonymous=False)
    card = cards.add_card(db, room.anna.token, "stop", ODD)
    room.phase("discuss")
    actions.add_action(
        db, room.workshop.id, room.secret, kind="action", text="Act", owner="Ben", card_id=card.id
    )
    data = exports.export(db, room.workshop.id, "json")
    found = json.loads(data)
    assert found["cards"][0]["text"] == ODD and found["cards"][0]["participant_id"]
    assert [p["name"] for p in found["participants"]["people"]] == ["Anna", "Ben"]
    assert found["actions"][0]["text"] == "Act"
    for secret in (room.secret, room.anna.token, room.ben.token, room.workshop.code):
        assert secret.encode() not in data
    assert b"secret_hash" not in data and b"token" not in data


def test_an_anonymous_workshop_exports_no_authors(db):
    room = make_room(db)  # anonymous by default
    cards.add_card(db, room.anna.token, "stop", "Nobody knows who wrote this")
    cards.add_card(db, room.ben.token, "start", "Nor this")
    room.phase("closed")
    for fmt in exports.FORMATS:
        data = exports.export(db, room.workshop.id, fmt)
        text = pdf_text(data) if fmt == "pdf" else data.decode("utf-8-sig")
        assert "Anna" not in text and "Ben" not in text, fmt
        assert squeezed("Nobody knows who wrote this") in squeezed(text), fmt
    found = json.loads(exports.export(db, room.workshop.id, "json"))
    assert found["participants"] == {"count": 2, "people": None}
    assert all("participant_id" not in c for c in found["cards"])
    assert all("participant_id" not in v for v in found["votes"])


def test_markup_and_odd_unicode_stay_literal_in_html_and_pdf(db):
    room = make_room(db, anonymous=False)
    for text in [*INJECTIONS, ODD, "**bold** | pipe `code`"]:
        made = cards.add_card(db, room.anna.token, "stop", text)
        if text == ODD:
            odd_card = made
    room.phase("discuss")
    actions.add_action(
        db,
        room.workshop.id,
        room.secret,
        kind="action",
        text="<b>not bold</b> | " + ODD,
        owner=ODD[:40],
        card_id=odd_card.id,
    )
    html = exports.export(db, room.workshop.id, "html").decode("utf-8")
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert ODD in html
    pdf = squeezed(pdf_text(exports.export(db, room.workshop.id, "pdf")))
    for text in [*INJECTIONS, ODD, "<b>not bold</b> | " + ODD]:
        assert squeezed(text) in pdf, text


def test_the_team_report_covers_the_quarters_asked_for(demo_db):
    team = teams.find_team(demo_db, "northwind outdoor — brand & digital")
    whole = report.build(demo_db, team)
    part = report.build(demo_db, team, "2026-Q2", "2026-Q3")
    for heading in (
        "## Follow-through",
        "## Recurring themes",
        "## Campaign results",
        "## Channel changes",
        "## Workshops",
    ):
        assert heading in whole.markdown
    assert "2025-Q4" in whole.markdown and "| 2025-Q4 |" not in part.markdown
    assert "still not stopped" in whole.markdown  # the Pinterest account
    text = squeezed(pdf_text(report.to_pdf(part)))
    assert squeezed(team.name) in text and squeezed("Follow-through") in text
    assert squeezed("Retargeting without recent buyers") in text
    assert report.to_pdf(part) == report.to_pdf(report.build(demo_db, team, "2026-Q2", "2026-Q3"))


def test_the_command_line_exports_every_format(demo_db, db_path, tmp_path):
    runner = CliRunner()
    for fmt in exports.FORMATS:
        out = tmp_path / f"w.{fmt}"
        done = runner.invoke(cli, ["--db", db_path, "export", "2", "--format", fmt, "-o", str(out)])
        assert done.exit_code == 0, done.output
        assert out.read_bytes() == exports.export(demo_db, 2, fmt)
    piped = runner.invoke(cli, ["--db", db_path, "export", "2"])
    assert piped.stdout.startswith("# Q1 offsite")
    missing = runner.invoke(cli, ["--db", db_path, "export", "999", "--format", "pdf"])
    assert missing.exit_code == 1 and "Workshop 999 does not exist" in missing.output
    wrong = runner.invoke(cli, ["--db", db_path, "export", "2", "--format", "docx"])
    assert wrong.exit_code == 2 and "docx" in wrong.output


def test_the_command_line_writes_the_team_report(demo_db, db_path, tmp_path):
    runner = CliRunner()
    out = tmp_path / "r.pdf"
    done = runner.invoke(
        cli,
        [
            "--db",
            db_path,
            "report",
            "1",
            "--from",
            "2026-Q1",
            "--to",
            "2026-Q3",
            "--format",
            "pdf",
            "-o",
            str(out),
        ],
    )
    assert done.exit_code == 0, done.output
    assert "Writing the report" in done.stderr and "Done in" in done.stderr
    assert squeezed("2026-Q1 – 2026-Q3") in squeezed(pdf_text(out.read_bytes()))
    unknown = runner.invoke(cli, ["--db", db_path, "report", "Nobody"])
    assert unknown.exit_code == 1 and "No team is called 'Nobody'" in unknown.output
    bad = runner.invoke(cli, ["--db", db_path, "report", "1", "--from", "spring"])
    assert bad.exit_code == 1 and "2026-Q4" in bad.output


@pytest.mark.parametrize(
    "command",
    [
        "export",
        "report",
        "backup",
        "restore",
        "import-cards",
        "demo",
        "list",
        "check",
        "delete-team",
        "facilitator-link",
    ],
)
def test_every_command_explains_itself(command):
    done = CliRunner().invoke(cli, [command, "--help"])
    assert done.exit_code == 0 and "Usage:" in done.output and "--help" in done.output


def test_a_pdf_says_which_characters_its_font_cannot_draw(db):
    room = make_room(db)
    cards.add_card(db, room.anna.token, "stop", "日本の広告 and Ελληνικά")
    room.phase("closed")
    text = pdf_text(exports.export(db, room.workshop.id, "pdf"))
    note = "5 characters cannot be drawn in this PDF (U+306E, U+544A, U+5E83"
    assert note in " ".join(text.split())
    assert "Ελληνικά" in text
    assert "日本の広告" in exports.export(db, room.workshop.id, "html").decode("utf-8")
