"""Nothing typed is lost when the facilitator moves on: the draft stays in its box, the
writer is told the phase changed, and it can still be added where late cards are."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.support import make_room
from workshop import board, workshops
from workshop import db as database

from .screens import next_phase, on_board, open_page, wait_idle


def texts_on_board(room) -> list[str]:
    current = workshops.get_workshop(room.db, room.workshop.id)
    seen = board.load(room.db, current, facilitator=True, reveal_all=True)
    return [c.text for col in seen.columns for item in col.items for c in item.cards]


def test_a_draft_typed_through_the_reveal_is_kept_and_added_as_a_late_card(browser, server):
    room = make_room(database.connect(server.db_path))
    fac = open_page(browser, "laptop")
    fac.goto(f"{server.url}/board?code={room.workshop.code}&key={room.secret}")
    anna = open_page(browser, "phone")
    anna.goto(f"{server.url}/board?code={room.workshop.code}&me={room.anna.token}")
    box = anna.get_by_label("Your card")
    expect(box).to_be_visible()
    wait_idle(fac)

    box.press_sequentially("Our newsletter goes out")
    fac.get_by_role("button", name="Next: Reveal").click()
    box.press_sequentially(" too late in the day", delay=40)  # typed while the page moves on

    expect(anna.get_by_text("The facilitator moved the workshop to Reveal")).to_be_visible()
    expect(anna.get_by_text("add it as a late card")).to_be_visible()
    wait_idle(anna)
    expect(box).to_have_value("Our newsletter goes out too late in the day")
    assert "Our newsletter goes out too late in the day" not in texts_on_board(room)

    anna.get_by_role("button", name="Add card").click()
    expect(on_board(anna, "Our newsletter goes out too late in the day")).to_be_visible()
    expect(on_board(fac, "Our newsletter goes out too late in the day")).to_be_visible()
    expect(anna.get_by_text("The facilitator moved the workshop to Reveal")).to_have_count(0)
    assert texts_on_board(room) == ["Our newsletter goes out too late in the day"]


def test_a_draft_left_when_writing_closes_stays_to_copy_and_cannot_be_sent(browser, server):
    room = make_room(database.connect(server.db_path))
    workshops.set_phase(room.db, room.workshop.id, room.secret, "reveal")
    fac = open_page(browser, "laptop")
    fac.goto(f"{server.url}/board?code={room.workshop.code}&key={room.secret}")
    anna = open_page(browser, "laptop")
    anna.goto(f"{server.url}/board?code={room.workshop.code}&me={room.anna.token}")
    anna.get_by_text("Add a late card").click()
    box = anna.get_by_label("Your card")
    box.press_sequentially("Paid social needs a second owner")
    wait_idle(fac)

    next_phase(fac, "Group")
    expect(anna.get_by_text("where cards can no longer be added")).to_be_visible()
    expect(box).to_have_value("Paid social needs a second owner")
    expect(anna.get_by_role("button", name="Add card")).to_be_disabled()
    assert texts_on_board(room) == []

    anna.get_by_role("button", name="Close the writing form").click()
    expect(anna.get_by_label("Your card")).to_have_count(0)
    expect(anna.get_by_text("where cards can no longer be added")).to_have_count(0)
