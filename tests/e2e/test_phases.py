"""The phase buttons live on the board: two facilitator tabs never act on a phase
that has passed."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.support import make_room
from workshop import db as database
from workshop import workshops
from workshop.phases import Phase

from .screens import wait_idle


def test_a_second_facilitator_tab_follows_the_phase_and_moves_on_from_it(browser, server):
    room = make_room(database.connect(server.db_path))
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    address = f"{server.url}/board?code={room.workshop.code}&key={room.secret}"
    first, second = context.new_page(), context.new_page()
    for tab in (first, second):
        tab.goto(address)
        expect(tab.get_by_role("button", name="Next: Reveal")).to_be_visible()

    first.get_by_role("button", name="Next: Reveal").click()
    # The other tab is told, and its buttons now name the phase after Reveal.
    expect(second.get_by_role("button", name="Next: Group")).to_be_visible()
    expect(second.get_by_role("button", name="Next: Reveal")).to_have_count(0)
    wait_idle(second)
    second.get_by_role("button", name="Next: Group").click()
    expect(first.get_by_role("button", name="Next: Vote")).to_be_visible()
    assert workshops.get_workshop(room.db, room.workshop.id).phase is Phase.GROUP
