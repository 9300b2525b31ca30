"""Live pages: a card shows as typed everywhere, and pages recover by themselves when
their connection is cut or the server is killed."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.support import make_room
from workshop import cards
from workshop import db as database

from .proxy import Proxy


def open_pages(browser, server, base: str | None = None):
    room = make_room(database.connect(server.db_path))
    room.phase("reveal")
    context = browser.new_context()
    anna = context.new_page()
    anna.goto(f"{base or server.url}/board?code={room.workshop.code}&me={room.anna.token}")
    expect(anna.get_by_text("1 online")).to_be_visible()
    fac_context = browser.new_context()
    fac = fac_context.new_page()
    fac.goto(f"{server.url}/board?code={room.workshop.code}&key={room.secret}")
    expect(fac.get_by_text("Back to Write")).to_be_visible()
    return room, anna, fac


def card(page, text: str):
    """A card's text on a participant's read-only board (the writing box may hold the
    same text)."""
    return page.locator(".card-text").filter(has_text=text)


def add_late_card(page, text: str) -> None:
    field = page.get_by_label("Your card")
    if not field.is_visible():
        page.get_by_text("Add a late card").click()
    field.fill(text)
    page.get_by_role("button", name="Add card").click()


MARKUP = '<img src=x onerror="document.title=1"> <b>bold</b> **stars** [link](javascript:x)'


def test_markup_in_a_card_shows_as_typed_on_every_screen(browser, server):
    room, anna, fac = open_pages(browser, server)
    cards.add_card(room.db, room.ben.token, "stop", MARKUP)
    cards.add_card(room.db, room.ben.token, "start", "第一\nSecond line")
    for page in (anna, fac):
        expect(page.get_by_text(MARKUP, exact=True)).to_be_visible()
        expect(page.get_by_text("第一\nSecond line", exact=True)).to_be_visible()
    board = anna.locator(".cards")
    expect(board.locator("img, b, a, strong")).to_have_count(0)
    assert anna.title() != "1"


def test_pages_recover_after_the_server_is_killed(browser, server):
    room, anna, fac = open_pages(browser, server)
    for i in range(3):
        add_late_card(anna, f"Saved before the crash {i}")
        expect(card(anna, f"Saved before the crash {i}")).to_be_visible()
    shown = anna.locator(".card-text").all_inner_texts()
    add_late_card(anna, "Sent as the server dies")
    server.kill()  # SIGKILL in the middle of a save: no clean shutdown
    expect(anna.get_by_text("Reconnecting…")).to_be_visible()
    server.start()

    stored = {r[0] for r in room.db.execute("SELECT text FROM cards").fetchall()}
    saved = {text for text in shown if text.startswith("Saved before")}
    assert saved == {f"Saved before the crash {i}" for i in range(3)}
    assert saved <= stored  # every card the page showed as saved survived the crash
    cards.add_card(room.db, room.ben.token, "stop", "Written after the restart")
    expect(anna.get_by_text("Written after the restart")).to_be_visible(timeout=30_000)
    for text in saved:
        expect(card(anna, text)).to_be_visible()
    expect(fac.get_by_text("Written after the restart")).to_be_visible(timeout=30_000)
    expect(fac.get_by_text("Back to Write")).to_be_visible()  # still the facilitator


def test_a_page_recovers_after_its_connection_is_cut(browser, server):
    proxy = Proxy(server.port).start()  # only Anna's page goes through it
    try:
        room, anna, fac = open_pages(browser, server, base=proxy.url)
        proxy.cut()
        expect(anna.get_by_text("Reconnecting…")).to_be_visible()
        cards.add_card(room.db, room.ben.token, "stop", "Written while Anna was offline")
        expect(fac.get_by_text("Written while Anna was offline")).to_be_visible()
        proxy.restore()
        expect(anna.get_by_text("Written while Anna was offline")).to_be_visible(timeout=30_000)
        expect(anna.get_by_text("Reconnecting…")).not_to_be_visible()
        expect(anna.get_by_text("Add a late card")).to_be_visible()  # still Anna
    finally:
        proxy.close()
