"""Pages recover by themselves when their connection is cut by a killed server."""

from __future__ import annotations

from playwright.sync_api import expect

from workshop import cards
from workshop import db as database

from ..conftest import make_room


def open_pages(browser, server):
    room = make_room(database.connect(server.db_path))
    room.phase("reveal")
    context = browser.new_context()
    anna = context.new_page()
    anna.goto(f"{server.url}/board?code={room.workshop.code}&me={room.anna.token}")
    expect(anna.get_by_text("1 online")).to_be_visible()
    fac_context = browser.new_context()
    fac = fac_context.new_page()
    fac.goto(f"{server.url}/board?code={room.workshop.code}&key={room.secret}")
    expect(fac.get_by_text("Back to Write")).to_be_visible()
    return room, anna, fac


def test_pages_recover_after_the_server_is_killed(browser, server):
    room, anna, fac = open_pages(browser, server)
    anna.get_by_text("Add a late card").click()
    anna.get_by_label("Your card").fill("Saved before the crash")
    anna.get_by_role("button", name="Add card").click()
    expect(anna.get_by_text("Saved before the crash").first).to_be_visible()

    server.kill()  # SIGKILL cuts every connection with no clean shutdown
    expect(anna.get_by_text("Reconnecting…")).to_be_visible()
    server.start()

    cards.add_card(room.db, room.ben.token, "stop", "Written after the restart")
    expect(anna.get_by_text("Written after the restart")).to_be_visible(timeout=30_000)
    expect(anna.get_by_text("Saved before the crash").first).to_be_visible()
    expect(fac.get_by_text("Written after the restart")).to_be_visible(timeout=30_000)
    expect(fac.get_by_text("Back to Write")).to_be_visible()  # still the facilitator
