"""The phase timer in front of the room: one countdown, the same on the projector, a
laptop and a phone, from the moment it starts until it is stopped or its phase ends."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.support import make_room
from workshop import db as database
from workshop import workshops

from .screens import next_phase, wait_idle

RUNNING = re.compile(r"^\d\d:\d\d$")


def timer(page: Page):
    return page.locator(".live .timer")


def seconds_left(page: Page) -> int:
    text = timer(page).inner_text()
    assert RUNNING.match(text), text
    minutes, seconds = text.split(":")
    return int(minutes) * 60 + int(seconds)


def agree(pages: list[Page], low: int, high: int) -> None:
    """Every page counts down, within one second of the others and in [low, high]."""
    for page in pages:
        expect(timer(page)).to_have_text(RUNNING)
        expect(timer(page)).to_be_in_viewport(ratio=1)  # at the top, however long the page
    shown = [seconds_left(page) for page in pages]
    assert max(shown) - min(shown) <= 1, shown
    assert low <= min(shown) and max(shown) <= high, shown


def nothing_shown(pages: list[Page]) -> None:
    for page in pages:
        expect(timer(page)).to_have_text("")
        expect(page.get_by_text("Time is up")).to_have_count(0)


def in_phase(pages: list[Page], name: str) -> None:
    """Every page has rerun into the phase ``name`` (the stepper marks it)."""
    for page in pages:
        stepper = page.get_by_test_id("stMarkdownContainer").locator("strong")
        expect(stepper.filter(has_text=re.compile(f"^{name}$")).first).to_be_visible()


def open_room(browser, server):
    room = make_room(database.connect(server.db_path))
    room.phase("reveal")
    board = f"{server.url}/board?code={room.workshop.code}"
    projector = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    projector.goto(f"{board}&key={room.secret}")
    laptop = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    laptop.goto(f"{board}&me={room.anna.token}")
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    ).new_page()
    phone.goto(f"{board}&me={room.ben.token}")
    pages = [projector, laptop, phone]
    for page in pages:
        expect(page.get_by_text("3 online")).to_be_visible()
    return room, projector, pages


def press(page: Page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    wait_idle(page)


def test_one_countdown_on_every_screen_until_stopped(browser, server):
    room, projector, pages = open_room(browser, server)
    nothing_shown(pages)

    press(projector, "Start timer")  # five minutes; nobody reloads
    agree(pages, 4 * 60, 5 * 60)
    projector.reload()  # the projector's laptop reloads: the same countdown comes back
    agree(pages, 4 * 60, 5 * 60)

    before = seconds_left(pages[2])
    press(projector, "One more minute")
    for page in pages:
        expect(timer(page)).to_have_text(re.compile(r"^0[56]:\d\d$"))
    agree(pages, before + 50, 6 * 60)

    press(projector, "Stop timer")
    nothing_shown(pages)
    next_phase(projector, "Group")  # a stopped timer stays gone in the phases after
    next_phase(projector, "Vote")
    in_phase(pages, "Vote")
    nothing_shown(pages)
    assert workshops.get_workshop(room.db, room.workshop.id).timer_ends_at is None


def test_a_timer_ends_with_its_phase_unless_kept(browser, server):
    room, projector, pages = open_room(browser, server)
    press(projector, "Start timer")
    agree(pages, 4 * 60, 5 * 60)
    next_phase(projector, "Group")
    in_phase(pages, "Group")
    nothing_shown(pages)

    projector.get_by_text("Keep the timer running into the next phase").click()
    press(projector, "Start timer")
    agree(pages, 4 * 60, 5 * 60)
    next_phase(projector, "Vote")
    in_phase(pages, "Vote")
    agree(pages, 4 * 60, 5 * 60)


def test_time_is_up_only_when_a_timer_ran_out(browser, server):
    room, projector, pages = open_room(browser, server)
    workshops.start_timer(room.db, room.workshop.id, room.secret, 3 / 60)  # three seconds
    for page in pages:
        expect(timer(page)).to_have_text("Time is up")
    press(projector, "Stop timer")
    nothing_shown(pages)


def test_the_countdown_stays_in_view_on_a_long_facilitator_page(browser, server):
    db = database.connect(server.db_path)
    room = make_room(db)  # Write: the join code and its QR fill the first screen
    workshops.start_timer(db, room.workshop.id, room.secret, 5)
    page = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    page.goto(f"{server.url}/board?code={room.workshop.code}&key={room.secret}")
    wait_idle(page)
    expect(timer(page)).to_have_text(RUNNING)
    expect(timer(page)).to_be_in_viewport(ratio=1)
    page.mouse.wheel(0, 3000)  # scrolled down to who has joined
    expect(timer(page)).to_be_in_viewport(ratio=1)
