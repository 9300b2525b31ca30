"""From the channel canvas to accepted cards on the Stop / Start / Continue / Change board."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.support import canvas_in_discuss, channel
from workshop import audit, canvas, participants, proposals, teams
from workshop import db as database

from .screens import open_page, wait_idle


def test_from_the_canvas_to_cards_on_the_board(browser, server):
    db = database.connect(server.db_path)
    team = teams.create_team(db, "Brand & Social")
    audit.save_audit(db, team.id, "2026-Q3", [
        {"platform": "Pinterest", "kind": "shared", "last_post_on": "2026-04-28"},
    ])
    workshop, secret, card = canvas_in_discuss(db, team.id, "TikTok")
    (anna,) = participants.list_participants(db, workshop.id)

    fac = open_page(browser, "projector")
    watcher = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    fac.goto(f"{server.url}/board?code={workshop.code}&key={secret}")
    watcher.goto(f"{server.url}/board?code={workshop.code}&me={anna.token}")
    expect(watcher.get_by_text("No channels on the canvas yet.", exact=False)).to_be_visible()

    # The voted proposal goes on the canvas with its budget share.
    fac.locator(f".st-key-card-card-{card.id}").get_by_text("Put on the canvas").click()
    popover = fac.get_by_test_id("stPopoverBody")
    popover.get_by_label("Goal (one)").fill("Reach younger trail runners")
    popover.get_by_role("textbox", name="Budget share (%)").fill("100")
    popover.get_by_label("Hypothesis to test before moving money").fill(
        "If staff post three tips a week, followers reach 5,000 by March"
    )
    popover.get_by_role("button", name="Save channel").click()
    expect(fac.get_by_text("The budget shares add up to 100%.")).to_be_visible()
    fac.keyboard.press("Escape")
    expect(popover).to_be_hidden()
    wait_idle(fac)
    expect(watcher.get_by_text("The budget shares add up to 100%.")).to_be_visible()

    # Held against today: a Start for TikTok, a Stop for the forgotten Pinterest account.
    fac.get_by_role("button", name="Compare with today's channels").click()
    proposal = fac.locator("[data-testid='stVerticalBlock'][class*='st-key-proposal-']")
    start = proposal.filter(has_text="Start ·")
    expect(start).to_be_visible()
    stop = proposal.filter(has_text="Stop ·")
    expect(stop.get_by_role("textbox")).to_have_value(
        re.compile(r"^Pinterest: not on the scratch canvas; owner unknown; last post \d+ days ago$")
    )
    start.get_by_role("button", name="Accept").click()
    expect(start.get_by_text("accepted: on the board", exact=False)).to_be_visible()
    wait_idle(fac)
    stop.get_by_role("textbox").fill("Pinterest: archive the account")
    stop.get_by_role("button", name="Accept").click()
    expect(stop.get_by_text("accepted: on the board", exact=False)).to_be_visible()
    expect(watcher.get_by_text("Pinterest: archive the account")).to_be_visible()

    # The board of the quarter holds both cards, linked back to the canvas.
    fac.get_by_role("link", name=re.compile("Accepted items are on 2026-Q4")).click()
    expect(fac.get_by_text("Facilitator", exact=True)).to_be_visible()
    fac.get_by_role("button", name="Next: Reveal").click()
    expect(fac.get_by_text("Pinterest: archive the account")).to_be_visible()
    expect(fac.get_by_text("TikTok: not run today; start as a test", exact=False)).to_be_visible()
    links = fac.get_by_text("← from the channel canvas “Channel canvas” (2026-Q4)", exact=False)
    expect(links).to_have_count(2)


def test_a_double_click_on_accept_decides_one_proposal_once(browser, server):
    db = database.connect(server.db_path)
    team = teams.create_team(db, "Brand & Social")
    audit.save_audit(db, team.id, "2026-Q3", [
        {"platform": "Pinterest", "kind": "shared", "last_post_on": "2026-04-28"},
        {"platform": "Snapchat", "kind": "shared", "last_post_on": "2026-05-02"},
    ])
    workshop, secret, _ = canvas_in_discuss(db, team.id, "TikTok")
    canvas.add_channel(db, workshop.id, secret, channel(budget_share=100))
    first, second, third = proposals.propose(db, workshop.id, secret)

    fac = open_page(browser, "projector")
    fac.goto(f"{server.url}/board?code={workshop.code}&key={secret}")
    expect(fac.get_by_role("heading", name="Against today")).to_be_visible()
    wait_idle(fac)
    box = fac.locator(f".st-key-proposal-{first.id}")
    accept = box.get_by_role("button", name="Accept")
    next_accept = fac.locator(f".st-key-proposal-{second.id}").get_by_role("button", name="Accept")
    expect(next_accept).to_be_enabled()
    wait_idle(fac)
    # where the next Accept sits in the page (the page scrolls inside its own box)
    heading = fac.get_by_role("heading", name="Against today")
    top = "e => e.getBoundingClientRect().top"
    where = next_accept.evaluate(top) - heading.evaluate(top)

    accept.dblclick()
    expect(box.get_by_text("accepted: on the board", exact=False)).to_be_visible()
    wait_idle(fac)
    # The decided proposal keeps its place and its (now disabled) buttons: nothing below
    # moves up under the pointer, so a further click cannot land on the next proposal.
    # (It may move down: a second click that reached the server is answered in the box.)
    expect(accept).to_be_disabled()
    expect(next_accept).to_be_enabled()
    assert next_accept.evaluate(top) - heading.evaluate(top) >= where
    said = box.get_by_test_id("stAlertContentError")
    if said.count():
        expect(said).to_have_text("That proposal was accepted already; nothing was changed.")
    accept.click(force=True)  # a click on the disabled button
    wait_idle(fac)
    assert [p.status for p in proposals.list_proposals(db, workshop.id)] == [
        "accepted", "proposed", "proposed"
    ]
    (board,) = proposals.boards_fed(db, workshop.id)
    added = db.execute("SELECT count(*) FROM cards WHERE workshop_id = ?", [board.id])
    assert added.fetchone()[0] == 1
