"""Downloads from the summary and team pages in a real browser."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support import pdf_text, squeezed
from workshop import db as database
from workshop import demo, exports, summary, teams, workshops

from .screens import open_page, wait_idle


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
    assert name == exports.file_name(retro, "pdf") and retro.quarter in name
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

