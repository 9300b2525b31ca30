"""Small things people notice on the board: the characters on a card as it is typed, the edit
box that closes once saved, and a closed workshop that leads to its summary."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.support import make_room
from workshop import cards, validate
from workshop import db as database

from .screens import open_page


def test_the_writing_box_counts_characters_as_they_are_typed(browser, server):
    room = make_room(database.connect(server.db_path))
    page = open_page(browser, "phone")
    page.goto(f"{server.url}/board?code={room.workshop.code}&me={room.anna.token}")
    page.get_by_label("Your card").press_sequentially("Fewer boosted posts")
    expect(page.get_by_text(f"19/{validate.CARD_MAX}")).to_be_visible()


def test_the_edit_box_counts_characters_as_they_are_typed(browser, server):
    room = make_room(database.connect(server.db_path))
    cards.add_card(room.db, room.anna.token, "stop", "Fewer boosted posts")
    page = open_page(browser, "phone")
    page.goto(f"{server.url}/board?code={room.workshop.code}&me={room.anna.token}")
    page.get_by_role("button", name="Edit").click()
    box = page.get_by_label("Card", exact=True)
    box.press_sequentially(" now")  # counted while typing, before any save
    expect(page.get_by_text(f"23/{validate.CARD_MAX}")).to_be_visible()
    expect(page.get_by_text(f"19/{validate.CARD_MAX}")).to_have_count(0)


def test_the_edit_box_closes_once_saved(browser, server):
    room = make_room(database.connect(server.db_path))
    cards.add_card(room.db, room.anna.token, "stop", "Boost every post")
    page = open_page(browser, "laptop")
    page.goto(f"{server.url}/board?code={room.workshop.code}&me={room.anna.token}")
    page.get_by_role("button", name="Edit").click()
    editor = page.get_by_label("Card", exact=True)
    editor.fill("Boost only the posts that work")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Boost only the posts that work", exact=True)).to_be_visible()
    expect(editor).not_to_be_visible()
    expect(page.get_by_role("button", name="Save")).not_to_be_visible()


def test_a_closed_workshop_says_where_its_summary_is(browser, server):
    room = make_room(database.connect(server.db_path))
    for phase in ("reveal", "discuss", "closed"):
        room.phase(phase)
    page = open_page(browser, "laptop")
    page.goto(f"{server.url}/board?code={room.workshop.code}&me={room.anna.token}")
    link = page.get_by_role("link", name="The workshop is closed. Read the summary.")
    link.click()
    expect(page).to_have_url(re.compile(r"/summary\?code="))
    expect(link).to_have_count(0)
