"""Driving the app's screens in a browser: the screen sizes, joining, adding a card,
moving the workshop on. Shared by the browser tests; fixtures are in conftest.py."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def wait_idle(page) -> None:
    page.locator(IDLE).wait_for(timeout=20_000)


# The screens a workshop is run on: the facilitator's projector, a laptop, a phone.
SCREENS = {
    "projector": {"viewport": {"width": 1600, "height": 1000}},
    "laptop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}


def open_page(browser, screen: str, **options):
    """A page in a browser of its own (no shared cookies) the size of ``screen``."""
    return browser.new_context(**SCREENS[screen], **options).new_page()


def on_board(page: Page, text: str) -> Locator:
    """The card with ``text`` on the board. Only the board's cards: the writing box may
    still hold the same text until the rerun after saving clears it."""
    return page.locator("[data-testid='stText'], .card-text").filter(has_text=text)


def join(page: Page, server, code: str, name: str) -> None:
    page.goto(f"{server.url}/board?code={code}")
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_label("Your card")).to_be_visible()
    expect(page).to_have_url(re.compile(r"me="))


def add_card(page: Page, text: str, column: str = "Stop") -> None:
    group = page.get_by_role("radiogroup", name="Column").first
    if not group.get_by_role("radio", name=column, exact=True).is_checked():
        group.get_by_text(column, exact=True).click()  # the question and fields follow it
        wait_idle(page)
    form = page.locator("[data-testid='stForm']").filter(has=page.get_by_label("Your card"))
    form.get_by_label("Your card").fill(text)
    form.get_by_role("button", name="Add card").click()
    expect(on_board(page, text)).to_be_visible()


def next_phase(fac: Page, name: str) -> None:
    fac.get_by_role("button", name=f"Next: {name}").click()
    # The stepper marks the new phase once the change has run; acting before that races
    # the rerun, which resets the widgets drawn after it.
    stepper = fac.get_by_test_id("stMarkdownContainer").locator("strong")
    expect(stepper.filter(has_text=re.compile(f"^{re.escape(name)}$")).first).to_be_visible()
    wait_idle(fac)
