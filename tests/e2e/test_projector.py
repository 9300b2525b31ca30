"""The projector: large text that the room can read, controls the facilitator can read
in full, and a setting the browser keeps; vote buttons that tell add from remove."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support import make_room
from workshop import cards, groups
from workshop import db as database

from .screens import wait_idle

# Every element of a facilitator control whose text is cut (overflows its box either way),
# in the sidebar and in the phase buttons on the board.
CUT_CONTROLS = """() => {
  // An icon's glyph box overflows by design; it holds no words to cut.
  const onlyIcon = (el) => {
    const icon = el.closest('[data-testid="stIconMaterial"]')
      || el.querySelector('[data-testid="stIconMaterial"]');
    return !el.innerText.trim() || (icon && icon.innerText.trim() === el.innerText.trim());
  };
  return [...document.querySelectorAll(
    '[data-testid="stSidebar"] :is(button, label, [data-testid="stPageLink"]),'
    + ' [data-testid="stSidebar"] :is(button, label, [data-testid="stPageLink"]) *,'
    + ' :is(.st-key-next-phase, .st-key-previous-phase) :is(button, button *)')]
  .filter((el) => el.offsetParent && !onlyIcon(el)
    && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1))
  .map((el) => el.innerText);
}"""

# How many cards of the first column are wholly on screen, and the sizes of card text.
FIRST_COLUMN = """() => {
  const column = document.querySelector('.cards');
  const inView = [...column.querySelectorAll('.card-text')]  // a group's cards count too
    .filter((card) => card.getBoundingClientRect().bottom <= window.innerHeight).length;
  const size = (selector) =>
    parseFloat(getComputedStyle(document.querySelector(selector)).fontSize);
  return { inView, card: size('.card-text'), title: size('.card-title') };
}"""

SHORT_CARDS = ["Cut the print ads", "Fewer boosted posts", "Stop cold email", "Drop Pinterest",
               "No more giveaways", "Less jargon", "Stop daily stories", "Skip the trade fair",
               "Stop buying likes", "No stock photos"]


def projector_room(browser, server, size: tuple[int, int], *, grouped: bool = False):
    """The facilitator's board in Reveal, or in Vote with the last two cards grouped."""
    room = make_room(database.connect(server.db_path))
    ids = [
        cards.add_card(room.db, (room.anna if i % 2 else room.ben).token, "stop", text).id
        for i, text in enumerate(SHORT_CARDS)
    ]
    room.phase("reveal")
    if grouped:
        room.phase("group")
        groups.merge(room.db, room.workshop.id, room.secret, ids[-2:], "Vanity metrics")
        room.phase("vote")
    page = browser.new_context(viewport={"width": size[0], "height": size[1]}).new_page()
    page.goto(f"{server.url}/board?code={room.workshop.code}&key={room.secret}")
    expect(page.get_by_role("button", name=re.compile("^Back to"))).to_be_visible()
    return room, page


def projector_on(page: Page) -> None:
    toggle = page.get_by_role("switch", name="Large text for the projector")
    page.get_by_text("Large text for the projector").click()
    expect(toggle).to_be_checked()
    wait_idle(page)


def kept(page: Page, value: str) -> None:
    """Wait until the browser holds the setting (the page writes it after the rerun)."""
    page.wait_for_function(f"() => document.cookie.split('; ').includes('wk_projector={value}')")


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)])
def test_every_facilitator_control_reads_in_full(browser, server, size):
    _, page = projector_room(browser, server, size)
    projector_on(page)
    for name in ("Next: Group", "Back to Write", "Start timer", "One more minute",
                 "Stop timer", "Import cards from a CSV file"):
        expect(page.get_by_text(name, exact=True)).to_be_visible()
    assert page.evaluate(CUT_CONTROLS) == []


def test_the_room_reads_the_cards_and_the_browser_keeps_the_setting(browser, server):
    _, page = projector_room(browser, server, (1920, 1080), grouped=True)
    before = page.evaluate(FIRST_COLUMN)
    projector_on(page)
    expect(page.get_by_text("Vanity metrics")).to_be_visible()
    shown = page.evaluate(FIRST_COLUMN)
    assert shown["card"] >= 28 and shown["title"] >= shown["card"], shown
    assert shown["card"] > before["card"]  # the toggle is what made it large
    assert shown["inView"] >= 8, shown

    kept(page, "1")
    page.reload()
    expect(page.get_by_role("switch", name="Large text for the projector")).to_be_checked()
    wait_idle(page)
    assert page.evaluate(FIRST_COLUMN)["card"] >= 28

    page.get_by_text("Large text for the projector").click()  # off, and kept off
    kept(page, "0")
    page.reload()
    expect(page.get_by_text("Back to Group")).to_be_visible()
    expect(page.get_by_role("switch", name="Large text for the projector")).not_to_be_checked()


def test_the_online_count_uses_the_page_font(browser, server):
    _, page = projector_room(browser, server, (1366, 768))
    online = page.locator(".live .online")
    expect(online).to_have_text("1 online")
    font = online.evaluate("(el) => getComputedStyle(el).fontFamily")
    page_font = page.evaluate("() => getComputedStyle(document.querySelector('h1')).fontFamily")
    assert font == page_font


def test_add_and_take_back_are_told_apart_on_a_phone(browser, server):
    room = make_room(database.connect(server.db_path))
    cards.add_card(room.db, room.ben.token, "stop", "Cut the print ads")
    room.phase("reveal")
    room.phase("vote")
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    ).new_page()
    phone.goto(f"{server.url}/board?code={room.workshop.code}&me={room.anna.token}")
    add = phone.get_by_role("button", name="Add a dot")
    take = phone.get_by_role("button", name="Take a dot back")
    expect(phone.get_by_text("0 of your dots are on this.")).to_be_visible()
    expect(take).to_be_disabled()
    icons = [b.get_by_test_id("stIconMaterial").inner_text() for b in (add, take)]
    assert icons[0] != icons[1]
    add.click()
    expect(phone.get_by_text("1 of your dots is on this.")).to_be_visible()
    expect(take).to_be_enabled()
    take.click()
    expect(phone.get_by_text("0 of your dots are on this.")).to_be_visible()
