"""The language switch in a real browser: the choice outlives a reload, and an address
with ?lang= opens the app in that language."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.support import make_room
from workshop import db as database

from .screens import next_phase, on_board, open_page, wait_idle


def _switch(page):
    return page.get_by_test_id("stSidebar").get_by_role("combobox")


def test_the_language_picked_is_remembered_by_the_browser(browser, server):
    page = open_page(browser, "laptop")
    page.goto(server.url)
    wait_idle(page)
    expect(_switch(page)).to_have_value("English")
    _switch(page).click()
    page.get_by_role("option", name="Dansk").click()
    wait_idle(page)
    expect(_switch(page)).to_have_value("Dansk")
    page.wait_for_function("document.cookie.includes('wk_lang=da')")
    page.goto(server.url)  # a new session: only the cookie remembers
    wait_idle(page)
    expect(_switch(page)).to_have_value("Dansk")
    page.screenshot(path=str(server.db_path.with_name("switch-da.png")), full_page=True)


def test_an_address_with_lang_opens_in_that_language(browser, server):
    page = open_page(browser, "laptop")
    page.goto(f"{server.url}/?lang=sv")
    wait_idle(page)
    expect(_switch(page)).to_have_value("Svenska")
    expect(_switch(page)).not_to_have_value("English")


def test_a_phone_in_danish_joins_writes_and_votes_while_the_room_reads_english(
    browser, server
):
    room = make_room(database.connect(server.db_path))  # an English workshop
    projector = open_page(browser, "projector")
    projector.goto(f"{server.url}/board?code={room.workshop.code}&key={room.secret}")
    wait_idle(projector)
    phone = open_page(browser, "phone")
    phone.goto(f"{server.url}/board?code={room.workshop.code}")
    wait_idle(phone)
    phone.get_by_test_id("stExpandSidebarButton").click()
    _switch(phone).click()
    phone.get_by_role("option", name="Dansk").click()
    wait_idle(phone)
    phone.get_by_test_id("stSidebarCollapseButton").locator("button").click()  # fold it
    expect(phone.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
    phone.get_by_label("Dit navn").fill("Mette")
    phone.get_by_role("button", name="Deltag").click()
    phone.get_by_label("Dit kort").fill("Mere video på Pinterest")
    phone.get_by_role("button", name="Tilføj kort").click()
    expect(on_board(phone, "Mere video på Pinterest")).to_be_visible()
    for phase in ("Reveal", "Group", "Vote"):
        next_phase(projector, phase)
    phone.get_by_role("button", name="Sæt en prik").first.click()
    expect(phone.get_by_text("Du har 4 af 5 prikker tilbage.")).to_be_visible()
    # The projector still reads the workshop's language, column by column.
    board = projector.locator(".column-head h3")
    expect(board.filter(has_text="Continue")).to_have_count(1)
    expect(board.filter(has_text="Fortsæt")).to_have_count(0)
    expect(projector.get_by_role("button", name="Next: Discuss")).to_be_visible()
    phone.screenshot(path=str(server.db_path.with_name("phone-da-vote.png")), full_page=True)
