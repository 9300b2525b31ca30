"""Forms in a browser: a refused Record keeps its text and says why where it is read; a
double click makes one draft test; recorded actions are corrected and removed; a saved
campaign form starts empty."""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.support import learning_in_discussion, make_room
from workshop import actions, cards, teams
from workshop import db as database

from .screens import open_page, wait_idle

SHOTS = Path(os.environ.get("SCREENSHOTS", "/tmp/forms/shots"))


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def within(inner: Locator, outer: Locator) -> bool:
    """Whether ``inner`` lies inside ``outer`` once the layout settles: a popover
    moves and grows while the run that builds its form lands."""
    try:
        inner.page.wait_for_function(
            """([a, b]) => {
                const i = a.getBoundingClientRect(), o = b.getBoundingClientRect();
                return i.left >= o.left - 1 && i.top >= o.top - 1
                    && i.right <= o.right + 1 && i.bottom <= o.bottom + 1;
            }""",
            arg=[inner.element_handle(), outer.element_handle()],
            timeout=5_000,
        )
    except PlaywrightTimeoutError:
        return False
    return True


def in_viewport(page: Page, element: Locator) -> bool:
    box = element.bounding_box()
    size = page.viewport_size
    assert box and size
    return (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= size["width"]
        and box["y"] + box["height"] <= size["height"]
    )


def count(db, sql: str, *params) -> int:
    return db.execute(sql, params).fetchone()[0]


def test_a_refused_record_keeps_its_text_and_shows_why_in_the_popover(browser, server):
    db = database.connect(server.db_path)
    room = make_room(db)
    card = cards.add_card(db, room.anna.token, "stop", "Stop boosting every post")
    for phase in ("reveal", "group", "vote", "discuss"):
        room.phase(phase)

    fac = open_page(browser, "laptop")
    fac.goto(f"{server.url}/board?code={room.workshop.code}&key={room.secret}")
    box = fac.locator(f".st-key-card-card-{card.id}")
    box.get_by_text("Decision or action").click()
    popover = fac.get_by_test_id("stPopoverBody")
    popover.get_by_label("What").fill("Brief the agency on wide fit")
    popover.get_by_role("button", name="Record").click()

    refusal = popover.get_by_text("An action needs an owner.")
    expect(refusal).to_be_visible()
    wait_idle(fac)
    expect(popover.get_by_label("What")).to_have_value("Brief the agency on wide fit")
    assert within(refusal, popover), "the message is inside the popover"
    assert in_viewport(fac, refusal), "the message is on screen, not below the fold"
    # Right under the field it is about: below Owner, above the due date.
    owner = popover.get_by_label("Owner (needed for an action)").bounding_box()
    due = popover.get_by_role("group", name="Due date").bounding_box()
    said = refusal.bounding_box()
    assert owner and due and said and owner["y"] < said["y"] < due["y"]
    shot(fac, "record-refused")
    assert count(db, "SELECT COUNT(*) FROM actions") == 0

    popover.get_by_label("Owner (needed for an action)").fill("Ben")
    popover.get_by_role("button", name="Record").click()
    row = fac.locator("[class*='st-key-action-row-']")
    expect(row.get_by_text("Brief the agency on wide fit")).to_be_visible()
    wait_idle(fac)
    assert count(db, "SELECT COUNT(*) FROM actions") == 1
    expect(popover.get_by_label("What")).to_have_value("")  # saved: it starts empty again
    expect(popover.get_by_text("An action needs an owner.")).to_have_count(0)


def test_a_recorded_action_is_corrected_and_removed(browser, server):
    db = database.connect(server.db_path)
    room = make_room(db)
    card = cards.add_card(db, room.anna.token, "stop", "Stop boosting every post")
    for phase in ("reveal", "group", "vote", "discuss"):
        room.phase(phase)
    action = actions.add_action(db, room.workshop.id, room.secret, kind="action",
                                text="Brief the agency", owner="Ben", card_id=card.id)
    fac = open_page(browser, "laptop")
    watcher = open_page(browser, "phone")
    fac.goto(f"{server.url}/board?code={room.workshop.code}&key={room.secret}")
    watcher.goto(f"{server.url}/board?code={room.workshop.code}&me={room.ben.token}")
    expect(watcher.get_by_text("Brief the agency")).to_be_visible()
    expect(watcher.get_by_text("Edit or remove")).to_have_count(0)  # not for participants

    row = fac.locator(f".st-key-action-row-{action.id}")
    row.get_by_text("Edit or remove").click()
    popover = fac.get_by_test_id("stPopoverBody")
    popover.get_by_label("What").fill("Brief the agency on wide fit")
    popover.get_by_label("Owner (needed for an action)").fill("")
    popover.get_by_role("button", name="Save").click()
    refusal = popover.get_by_text("An action needs an owner.")
    expect(refusal).to_be_visible()
    assert in_viewport(fac, refusal) and within(refusal, popover)
    expect(popover.get_by_label("What")).to_have_value("Brief the agency on wide fit")
    shot(fac, "action-edit-refused")

    popover.get_by_label("Owner (needed for an action)").fill("Anna")
    popover.get_by_role("button", name="Save").click()
    expect(row.get_by_text("Owner: Anna", exact=False)).to_be_visible()
    expect(watcher.get_by_text("Brief the agency on wide fit")).to_be_visible()
    wait_idle(fac)
    assert count(db, "SELECT COUNT(*) FROM actions WHERE owner = 'Anna'") == 1

    popover.get_by_role("button", name="Remove from the record").click()
    expect(row).to_have_count(0)
    expect(watcher.get_by_text("Brief the agency on wide fit")).to_have_count(0)
    assert count(db, "SELECT COUNT(*) FROM actions") == 0


def test_a_double_click_on_create_the_draft_test_makes_one(browser, server):
    db = database.connect(server.db_path)
    team = teams.create_team(db, "Brand & Social")
    workshop, secret, learned = learning_in_discussion(db, team.id, "Lead with wide fit")

    fac = open_page(browser, "laptop")
    fac.goto(f"{server.url}/board?code={workshop.code}&key={secret}")
    box = fac.locator(f".st-key-card-card-{learned.id}")
    box.get_by_text("Take it forward").click()
    popover = fac.get_by_test_id("stPopoverBody")
    popover.get_by_label("Test name").fill("Wide-fit first")
    popover.get_by_role("button", name="Create the draft test").dblclick()
    expect(box.get_by_text("→ draft test “Wide-fit first”", exact=False)).to_be_visible()
    wait_idle(fac)
    drafts = "SELECT COUNT(*) FROM campaigns WHERE source_card_id = ?"
    assert count(db, drafts, learned.id) == 1

    # Pressed again later (the popover stays open): nothing more, and it says where the
    # first one went.
    popover.get_by_role("button", name="Create the draft test").click()
    said = popover.get_by_text("This learning is the draft test “Wide-fit first” already")
    expect(said).to_be_visible()
    assert in_viewport(fac, said)
    shot(fac, "draft-test-repeated")
    assert count(db, drafts, learned.id) == 1


def test_a_saved_campaign_form_starts_empty_and_a_refused_one_keeps_its_fields(browser, server):
    db = database.connect(server.db_path)
    team = teams.create_team(db, "Brand & Social")
    key = teams.new_team_key(db, team.id)
    page = open_page(browser, "laptop")
    page.goto(f"{server.url}/campaigns?team={team.id}&access={key}")
    page.get_by_text("New campaign or test").click()
    form = page.locator("[data-testid='stForm']").filter(
        has=page.get_by_role("button", name="Create", exact=True)
    )
    form.get_by_label("KPI metric").fill("orders")
    form.get_by_role("button", name="Create").click()
    refusal = form.get_by_text("Name cannot be empty.", exact=True)
    expect(refusal).to_be_visible()
    expect(form.get_by_label("KPI metric")).to_have_value("orders")
    name_box = form.get_by_label("Name").bounding_box()
    said = refusal.bounding_box()
    assert name_box and said and name_box["y"] < said["y"]
    # The form is taller than the screen: the refusal is said beside the button too, so
    # one of the two is in view wherever the page stood when the answer came.
    expect(form.get_by_text("Not saved: Name cannot be empty.")).to_be_visible()
    page.wait_for_function(
        """() => [...document.querySelectorAll("p")].some(p =>
             ["Name cannot be empty.", "Not saved: Name cannot be empty."]
               .includes(p.textContent.trim()) &&
             p.getBoundingClientRect().top >= 0 &&
             p.getBoundingClientRect().bottom <= window.innerHeight)"""
    )
    shot(page, "campaign-refused")

    form.get_by_label("Name").fill("Autumn trail push")
    form.get_by_role("button", name="Create").click()
    expect(page.get_by_role("combobox", name="Campaign or test")).to_be_visible()
    wait_idle(page)
    assert count(db, "SELECT COUNT(*) FROM campaigns WHERE name = 'Autumn trail push'") == 1
    expect(form.get_by_label("Name")).to_have_value("")
    expect(form.get_by_label("KPI metric")).to_have_value("")
    shot(page, "campaign-saved")
