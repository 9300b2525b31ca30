"""Deleting for good, the integrity check, and user text that tries to be markup."""

from __future__ import annotations

import csv
import io
import re
import sqlite3

import pytest
from click.testing import CliRunner

from tests.support import INJECTIONS, make_room, on_disk
from workshop import (
    actions,
    campaigns,
    cards,
    check,
    csv_export,
    groups,
    privacy,
    scrub,
    summary,
    teams,
    votes,
    workshops,
)
from workshop.cli import cli
from workshop.errors import InvalidInput, NotAllowed
from workshop.markdown import escape


def test_removing_a_person_takes_their_cards_and_votes_off_the_disk(db_path, room):
    mine = cards.add_card(room.db, room.anna.token, "stop", "Anna-private-remark-4711")
    theirs = cards.add_card(room.db, room.ben.token, "stop", "Ben keeps this one")
    lone = cards.add_card(room.db, room.anna.token, "start", "Anna second remark")
    room.phase("group")
    groups.merge(room.db, room.workshop.id, room.secret, [mine.id, theirs.id], "Mixed")
    room.phase("vote")
    votes.vote(room.db, room.anna.token, card_id=theirs.id)
    votes.vote(room.db, room.ben.token, card_id=lone.id)
    assert b"Anna-private-remark-4711" in on_disk(db_path)

    with pytest.raises(NotAllowed):
        privacy.delete_participant(room.db, room.workshop.id, "wrong", room.anna.id)
    removed = privacy.delete_participant(room.db, room.workshop.id, room.secret, room.anna.id)

    assert removed == privacy.Removed(participants=1, cards=2, votes=2)
    assert removed.describe() == "Removed for good: 1 participant, 2 cards, 2 votes."
    left = [r[0] for r in room.db.execute("SELECT text FROM cards").fetchall()]
    assert left == ["Ben keeps this one"]
    assert room.db.execute("SELECT COUNT(*) FROM votes").fetchone()[0] == 0
    assert b"Anna-private-remark-4711" not in on_disk(db_path)
    assert check.problems(room.db) == []


def test_a_group_left_empty_goes_with_its_last_card(room):
    one_card = cards.add_card(room.db, room.anna.token, "stop", "Alone")
    other = cards.add_card(room.db, room.anna.token, "stop", "Also Anna")
    room.phase("group")
    groups.merge(room.db, room.workshop.id, room.secret, [one_card.id, other.id], "Anna only")
    removed = privacy.delete_participant(room.db, room.workshop.id, room.secret, room.anna.id)
    assert removed.groups == 1
    assert room.db.execute("SELECT COUNT(*) FROM card_groups").fetchone()[0] == 0


def test_deleting_a_workshop_needs_its_secret_and_removes_everything(db_path, room):
    cards.add_card(room.db, room.anna.token, "stop", "Workshop-secret-text-0815")
    room.phase("discuss")
    actions.add_action(room.db, room.workshop.id, room.secret, kind="action",
                       text="Audit the accounts", owner="Ben")
    with pytest.raises(NotAllowed):
        privacy.delete_workshop(room.db, room.workshop.id, None)
    removed = privacy.delete_workshop(room.db, room.workshop.id, room.secret)
    assert removed == privacy.Removed(workshops=1, participants=2, cards=1, actions=1)
    assert workshops.list_workshops(room.db) == []
    assert b"Workshop-secret-text-0815" not in on_disk(db_path)


def test_deleting_a_team_asks_for_its_name(db_path, room):
    cards.add_card(room.db, room.anna.token, "stop", "Team-history-text-42")
    campaigns.create_campaign(room.db, room.workshop.team_id, {"name": "Campaign-text-43"})
    with pytest.raises(InvalidInput):
        privacy.delete_team(room.db, room.workshop.team_id, "Brand")
    assert len(workshops.list_workshops(room.db)) == 1
    removed = privacy.delete_team(room.db, room.workshop.team_id, " brand & social ")
    assert (removed.workshops, removed.cards, removed.campaigns) == (1, 1, 1)
    assert teams.list_teams(room.db) == []
    assert b"Team-history-text-42" not in on_disk(db_path)
    assert b"Campaign-text-43" not in on_disk(db_path)


def test_the_command_line_deletes_a_team_after_asking(db_path, room):
    runner = CliRunner()
    refused = runner.invoke(cli, ["--db", db_path, "delete-team", "Brand & Social"], input="n\n")
    assert refused.exit_code != 0 and len(teams.list_teams(room.db)) == 1
    done = runner.invoke(cli, ["--db", db_path, "delete-team", "Brand & Social"], input="y\n")
    assert done.exit_code == 0, done.output
    assert "Removed for good: 1 workshop, 2 participants." in done.output
    assert teams.list_teams(room.db) == []


def test_check_passes_on_the_demo_and_names_every_broken_rule(db_path, demo_db):
    assert check.problems(demo_db) == []
    assert CliRunner().invoke(cli, ["--db", db_path, "check"]).exit_code == 0

    raw = sqlite3.connect(db_path)  # break the rules the app never breaks itself
    raw.execute("PRAGMA foreign_keys = OFF")
    for _ in range(3):  # one person's one dot, four times over
        raw.execute("INSERT INTO votes (workshop_id, participant_id, card_id, created_at) "
                    "SELECT workshop_id, participant_id, card_id, created_at FROM votes "
                    "WHERE id = 1")
    raw.execute("INSERT INTO card_groups (workshop_id, column_key, title, created_at) "
                "VALUES (1, 'stop', 'Nobody here', 'now')")
    raw.execute("UPDATE actions SET card_id = 99999 WHERE id = 1")
    raw.execute("UPDATE cards SET reason = 'timing' WHERE id = 1")  # a Stop card
    raw.execute("INSERT INTO teams (name, created_at) VALUES ('Other', 'now')")
    raw.execute("UPDATE campaigns SET team_id = (SELECT MAX(id) FROM teams)")
    raw.commit()
    raw.close()

    found = "\n".join(check.problems(demo_db))
    assert "nobody spends more dots than the workshop gives" in found
    assert "nobody puts more dots on one card or group than allowed" in found
    assert "no group is empty" in found
    assert "action 1 of workshop 1 points at a card or group that is not there" in found
    assert "card 1 of workshop 1 has a reason but is no Miss" in found
    assert "a retrospective looks back on a campaign of its own team" in found
    result = CliRunner().invoke(cli, ["--db", db_path, "check"])
    assert result.exit_code == 1
    assert "problems in" in result.output and "no group is empty" in result.output


@pytest.fixture
def marked_up(db):
    """A closed, named workshop whose every card, owner and action is an injection."""
    room = make_room(db, anonymous=False)
    made = [cards.add_card(db, room.anna.token, "stop", text) for text in INJECTIONS]
    room.phase("discuss")
    for card, text in zip(made, INJECTIONS, strict=True):
        actions.add_action(db, room.workshop.id, room.secret, kind="action", text=text,
                           owner=text[:60], card_id=card.id)
    room.phase("closed")
    return room


def test_markup_in_the_markdown_export_stays_literal(marked_up):
    text = summary.markdown(marked_up.db, marked_up.workshop.id)
    unescaped = r"(?<!\\)"  # a backslash before it makes the character literal
    assert not re.search(unescaped + r"<(script|img)", text)
    assert not re.search(unescaped + r"\]\(javascript:", text)
    assert not re.search(unescaped + r"!" + unescaped + r"\[t", text)
    assert "\n# Heading" not in text and "- # Heading" not in text
    assert "\\<script>alert(1)\\</script>" in text
    assert "\\[x\\](javascript:alert(1))" in text


def test_csv_export_neutralises_formulas_and_reads_back(marked_up):
    data = csv_export.to_csv(marked_up.db, marked_up.workshop.id)
    assert data.startswith("\ufeff".encode())  # Excel reads the BOM as UTF-8
    parsed = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    risky = ("=", "+", "-", "@", "\t", "\r")
    assert not [cell for row in parsed for cell in row.values() if cell.startswith(risky)]
    texts = [row["text"] for row in parsed if row["record"] == "card"]
    assert sorted(t.removeprefix("'") for t in texts) == sorted(INJECTIONS)
    assert "'=HYPERLINK(\"http://x\")" in texts
    assert {row["owner"] for row in parsed if row["record"] == "action"} >= {"'@SUM(A1)"}


def test_anonymous_csv_has_no_authors(room):
    cards.add_card(room.db, room.anna.token, "stop", "Nobody knows who wrote this")
    room.phase("discuss")
    parsed = list(csv.DictReader(io.StringIO(
        csv_export.to_csv(room.db, room.workshop.id).decode("utf-8-sig"))))
    assert parsed and all(row["author"] == "" for row in parsed)
    assert "Anna" not in csv_export.to_csv(room.db, room.workshop.id).decode("utf-8-sig")


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx"])
def test_neutralise(cell):
    assert csv_export.neutralise(cell) == "'" + cell
    assert csv_export.neutralise("fine " + cell) == "fine " + cell


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("1. Boost less", "1. Boost less"),  # a number shows the same either way
        ("- TikTok", "\\- TikTok"),
        ("# Stop", "\\# Stop"),
        ("2026-03-20 – 2026-05-10", "2026-03-20 – 2026-05-10"),  # dates and figures stay clean
        ("29.84 per order", "29.84 per order"),
    ],
)
def test_markdown_escapes_markers_and_leaves_figures_alone(typed, shown):
    assert escape(typed) == shown


def test_a_delete_that_a_reader_holds_up_says_so_and_finishes_later(db_path, room):
    """Another program holds a read snapshot: the text cannot leave the write-ahead log
    yet. The delete does not wait it out, says so, and the next open finishes it."""
    secret_text = "Anna-held-remark-0815"
    cards.add_card(room.db, room.anna.token, "stop", secret_text)
    room.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    reader = sqlite3.connect(db_path)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM cards").fetchone()  # holds its snapshot

    removed = privacy.delete_participant(room.db, room.workshop.id, room.secret, room.anna.id)

    assert not removed.off_disk
    assert removed.describe().startswith("Removed from the app: 1 participant, 1 card.")
    assert "stays in its write-ahead log" in removed.describe()
    assert "for good" not in removed.describe()
    assert secret_text.encode() in on_disk(db_path)  # the message told the truth
    assert scrub.finish_pending(db_path) is False  # still held: still pending

    reader.rollback()
    reader.close()
    listed = CliRunner().invoke(cli, ["--db", db_path, "list"])  # any later open
    assert listed.exit_code == 0
    assert secret_text.encode() not in on_disk(db_path)
    assert scrub.finish_pending(db_path) is None  # nothing left to do
