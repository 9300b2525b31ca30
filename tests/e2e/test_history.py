"""Reviewing last quarter's actions at the start of a new workshop, in two browsers."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.support import closed_with_actions, new_workshop
from workshop import db as database
from workshop import followthrough, participants, teams

from .screens import open_page, wait_idle


def test_last_quarters_actions_are_reviewed_first(browser, server):
    db = database.connect(server.db_path)
    team = teams.create_team(db, "Brand & Social")
    _, _, (tags, pinterest, guides) = closed_with_actions(
        db, team.id, "2026-Q2", "UTM tags on every link", "Archive Pinterest", "Brief the guides"
    )
    q3, secret = new_workshop(db, team.id, "2026-Q3")
    anna = participants.join(db, q3.id, "Anna")

    fac = open_page(browser, "projector")
    room = open_page(browser, "phone")
    fac.goto(f"{server.url}/board?code={q3.code}&key={secret}")
    room.goto(f"{server.url}/board?code={q3.code}&me={anna.token}")
    expect(fac.get_by_text("Last time's actions (3 open)")).to_be_visible()
    expect(room.get_by_text("Last time's actions (3 open)")).to_be_visible()

    fac.locator(f".st-key-review-{tags.id}").get_by_role("button", name="Done").click()
    expect(room.get_by_text("Last time's actions (2 open)")).to_be_visible()
    wait_idle(fac)
    fac.locator(f".st-key-review-{guides.id}").get_by_role("button", name="Carry over").click()
    expect(room.get_by_text("Last time's actions (1 open)")).to_be_visible()
    wait_idle(fac)
    fac.locator(f".st-key-review-{pinterest.id}").get_by_text("Drop").click()
    popover = fac.get_by_test_id("stPopoverBody")
    popover.get_by_label("Why drop it?").fill("The platform closed the account")
    popover.get_by_role("button", name="Drop the action").click()
    expect(room.get_by_text("Last time's actions", exact=False)).to_have_count(0)
    expect(room.get_by_text("Archive Pinterest")).to_have_count(0)

    reviewed = {a.text: (a.status, a.drop_reason) for a in followthrough.reviewed_in(db, q3.id)}
    assert reviewed == {
        "UTM tags on every link": ("done", ""),
        "Archive Pinterest": ("dropped", "The platform closed the account"),
        "Brief the guides": ("open", ""),
    }
    (carried,) = [a for a in followthrough.completion(db, team.id) if a.quarter == "2026-Q3"]
    assert carried.open == 1  # the copy now belongs to this quarter's workshop
