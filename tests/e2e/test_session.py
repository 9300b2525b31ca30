"""A whole Stop / Start / Continue / Change session in three browsers."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from playwright.sync_api import expect

from .screens import add_card, join, next_phase, open_page, wait_idle

A_SECRET = "Private card: stop boosting every post"
B_CARD = "Boosting without an audience wastes budget"
LATE = "Late idea: a TikTok test with staff tips"


def card_ids(server) -> dict[str, int]:
    with sqlite3.connect(server.db_path) as conn:
        return dict(conn.execute("SELECT text, id FROM cards").fetchall())


def group_id(server, title: str) -> int:
    with sqlite3.connect(server.db_path) as conn:
        return conn.execute("SELECT id FROM card_groups WHERE title = ?", [title]).fetchone()[0]


def test_a_whole_session(browser, server):
    fac = open_page(browser, "projector")
    anna = open_page(browser, "laptop")
    ben = open_page(browser, "phone")
    frames_to_ben: list[bytes] = []
    ben.on("websocket", lambda ws: ws.on(
        "framereceived", lambda p: frames_to_ben.append(p if isinstance(p, bytes) else p.encode())))

    # Set up on the home page.
    fac.goto(server.url)
    fac.get_by_label("New team name").fill("Brand & Social")
    fac.get_by_label("New team name").press("Enter")
    wait_idle(fac)
    fac.get_by_label("Title").fill("Q4 offsite")
    fac.get_by_role("button", name="Create workshop").click()
    expect(fac.get_by_text("Workshop created")).to_be_visible()
    link = fac.locator("code").filter(has_text="key=").inner_text()
    secret = re.search(r"key=([\w-]+)", link).group(1)
    fac.get_by_role("button", name="Open the facilitator view").click()
    expect(fac.get_by_text("Facilitator", exact=True)).to_be_visible()
    expect(fac).not_to_have_url(re.compile("key="))  # the secret left the address bar
    code = re.search(r"code=([A-Z0-9]+)", fac.url).group(1)

    # Join and write privately.
    join(anna, server, code, "Anna")
    join(ben, server, code, "Ben")
    add_card(anna, A_SECRET)
    add_card(ben, B_CARD)
    expect(fac.get_by_text("Anna — has written")).to_be_visible()
    expect(fac.get_by_test_id("stMetricValue").first).to_have_text("2")
    assert A_SECRET not in fac.content()
    assert A_SECRET not in ben.content()
    assert not any(A_SECRET.encode() in frame for frame in frames_to_ben)

    # Reveal: Ben's page shows Anna's card without a reload.
    next_phase(fac, "Reveal")
    expect(ben.get_by_text(A_SECRET)).to_be_visible()
    # Anna's page was open on the writing form: it stays, and says the phase changed.
    expect(anna.get_by_text("The facilitator moved the workshop to Reveal")).to_be_visible()
    add_card(anna, LATE, "Start")
    expect(ben.get_by_text(LATE)).to_be_visible()
    expect(fac.get_by_text(LATE)).to_be_visible()

    # Group the two Stop cards.
    next_phase(fac, "Group")
    ids = card_ids(server)
    for text in (A_SECRET, B_CARD):
        fac.locator(f".st-key-card-card-{ids[text]}").get_by_text("select").click()
        wait_idle(fac)
    fac.get_by_label("Group title").fill("Stop blanket boosting")
    fac.get_by_role("button", name="Group selected").click()
    expect(ben.get_by_text("Stop blanket boosting")).to_be_visible()
    group = group_id(server, "Stop blanket boosting")

    # Vote: the facilitator sees the count arrive.
    next_phase(fac, "Vote")
    for page in (anna, ben):
        expect(page.get_by_text("You have 5 of 5 dots left.")).to_be_visible()
        page.locator(f".st-key-card-group-{group}").get_by_role("button", name="Add a dot").click()
        expect(page.get_by_text("You have 4 of 5 dots left.")).to_be_visible()
    expect(fac.get_by_text("Dots spent so far: 2 of 10.")).to_be_visible()

    # Discuss: an action with an owner reaches everyone.
    next_phase(fac, "Discuss")
    expect(ben.get_by_text("2 dots", exact=False).first).to_be_visible()
    fac.locator(f".st-key-card-group-{group}").get_by_text("Decision or action").click()
    popover = fac.get_by_test_id("stPopoverBody")
    popover.get_by_label("What").fill("Boost only posts above median engagement")
    popover.get_by_label("Owner (needed for an action)").fill("Ben")
    popover.get_by_role("button", name="Record").click()
    expect(ben.get_by_text("Boost only posts above median engagement")).to_be_visible()

    # Close and read the summary.
    next_phase(fac, "Closed")
    expect(anna.get_by_text("The workshop is closed. Read the summary.")).to_be_visible()
    fac.get_by_text("Summary and download").click()
    expect(fac.get_by_text("Stop blanket boosting").first).to_be_visible()
    with fac.expect_download() as download:
        fac.get_by_role("button", name="Download Markdown").click()
    markdown = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Boost only posts above median engagement | Ben" in markdown
    assert "**Stop blanket boosting** (2 dots)" in markdown
    assert "Anna" not in markdown  # anonymous workshop: no authors in the export

    # The facilitator secret never reached a participant, an export or the server log.
    assert secret not in ben.content() and secret not in anna.content()
    assert not [f for f in frames_to_ben if secret.encode() in f]
    assert secret not in markdown
    assert secret not in server.db_path.with_suffix(".log").read_text(errors="replace")
