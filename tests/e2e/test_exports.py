"""Downloads from the summary and team pages, and a CSV import, in a real browser."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import expect

from tests.test_exports import pdf_text, squeezed
from tests.test_history import new_workshop
from workshop import db as database
from workshop import demo, participants, summary, teams, workshops

from .conftest import open_page, wait_idle


def download(page, button: str) -> tuple[str, bytes]:
    with page.expect_download() as started:
        page.get_by_role("button", name=button).click()
    done = started.value
    return done.suggested_filename, Path(done.path()).read_bytes()


def test_a_summary_downloads_in_every_format(browser, server):
    db = database.connect(server.db_path)
    demo.load_demo(db)
    retro = next(w for w in workshops.list_workshops(db) if w.campaign_id)
    board = summary.load(db, retro.id)
    page = open_page(browser, "laptop", accept_downloads=True)
    page.goto(f"{server.url}/summary?code={retro.code}")
    wait_idle(page)

    name, pdf = download(page, "Download PDF")
    assert name == f"workshop-{retro.id}-{retro.quarter}.pdf"
    text = squeezed(pdf_text(pdf))
    for card in (c for col in board.columns for item in col.items for c in item.cards):
        assert squeezed(card.text) in text
    assert pdf.count(b"/Subtype /Image") >= 2
    _, html = download(page, "Download HTML")
    assert b"<svg" in html and retro.title.encode() in html
    _, raw = download(page, "Download JSON")
    assert json.loads(raw)["workshop"]["title"] == retro.title


def test_the_team_page_downloads_the_report(browser, server):
    db = database.connect(server.db_path)
    team_id = demo.load_demo(db)[0].team_id
    page = open_page(browser, "laptop", accept_downloads=True)
    page.goto(f"{server.url}/team?team={team_id}&access={teams.new_team_key(db, team_id)}")
    wait_idle(page)
    name, pdf = download(page, "Report as PDF")
    assert name.endswith(".pdf")
    text = squeezed(pdf_text(pdf))
    assert squeezed("Follow-through") in text and squeezed("still not stopped") in text


def test_the_facilitator_imports_cards_from_a_csv(browser, server, tmp_path):
    db = database.connect(server.db_path)
    demo.load_demo(db)
    team = db.execute("SELECT id FROM teams").fetchone()[0]
    board, secret = new_workshop(db, team, "2026-Q4")
    anna = participants.join(db, board.id, "Anna")
    source = tmp_path / "other-tool.csv"
    source.write_text(
        "Category,Card text\nStop,Boosting posts\nWent well,Newsletter clean-up\n"
        "Keep,Gear guides\nStop,\n![x](http://127.0.0.1:9/x.png) **Ideas**,Try LinkedIn\n",
        encoding="utf-8",
    )
    fac = open_page(browser, "projector")
    fac.goto(f"{server.url}/board?code={board.code}&key={secret}")
    wait_idle(fac)
    fac.get_by_role("link", name="Import cards from a CSV file").click()
    wait_idle(fac)
    fac.locator("input[type=file]").set_input_files(str(source))
    expect(fac.get_by_text("Which column holds the card text?")).to_be_visible()
    wait_idle(fac)
    expect(fac.get_by_text("4 rows have a problem and will be left out.")).to_be_visible()
    # A category is shown as typed, never rendered as Markdown.
    label = fac.get_by_test_id("stWidgetLabel").filter(has_text="Ideas")
    # (a word joiner, U+2060, invisible, keeps the address from becoming a link)
    expect(label).to_have_text("![x](http\u2060://127.0.0.1:9/x.png) **Ideas**")
    expect(label.locator("img, strong, a")).to_have_count(0)
    fac.locator(".st-key-import-map-2").get_by_role("combobox").click()
    fac.get_by_role("option", name="Continue").click()
    expect(fac.get_by_text("3 rows have a problem and will be left out.")).to_be_visible()
    fac.get_by_role("button", name="Import 2 cards").click()
    expect(fac.get_by_text("Imported 2 cards from other-tool.csv")).to_be_visible()
    expect(fac.get_by_text("Which column holds the card text?")).to_have_count(0)

    stored = db.execute(
        "SELECT column_key, text FROM cards WHERE workshop_id = ? ORDER BY id", [board.id]
    ).fetchall()
    assert stored == [("stop", "Boosting posts"), ("continue", "Gear guides")]

    room = open_page(browser, "phone")
    room.goto(f"{server.url}/import?code={board.code}&me={anna.token}")
    expect(room.get_by_text("Only the facilitator can import cards")).to_be_visible()
