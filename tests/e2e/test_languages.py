"""The language switch in a real browser: the choice outlives a reload, and an address
with ?lang= opens the app in that language."""

from __future__ import annotations

from playwright.sync_api import expect

from .screens import open_page, wait_idle


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
