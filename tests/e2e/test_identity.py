"""Who a browser is in a workshop: Back, reload, new tabs, re-joining, a lost link given
back; and a facilitator's way to the boards their workshops fed."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.support import canvas_in_discuss, channel
from workshop import audit, cards, participants, teams, workshops
from workshop import canvas as canvas_model
from workshop import db as database

from .screens import join, open_page, wait_idle

SHOTS = Path("/tmp/identity-shots")


def shot(page: Page, name: str) -> None:
    """Keep what the screen looked like, to be looked at by a person."""
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def dots_left(page: Page, left: int) -> None:
    expect(page.get_by_text(f"You have {left} of 5 dots left.")).to_be_visible()
    expect(page.get_by_label("Your name")).to_have_count(0)  # never the join form


def a_workshop_in_write(server):
    db = database.connect(server.db_path)
    team = teams.create_team(db, "Brand & Social")
    workshop, secret = workshops.create_workshop(
        db, team_id=team.id, quarter="2026-Q4", exercise="sscc", title="Q4 offsite"
    )
    ben = participants.join(db, workshop.id, "Ben")
    made = [cards.add_card(db, ben.token, "stop", text) for text in ("Boost less", "Post less")]
    return db, workshop, secret, made


def test_back_reload_and_new_tabs_keep_the_person_and_their_dots(browser, server):
    db, workshop, secret, (first, second) = a_workshop_in_write(server)
    phone = open_page(browser, "phone")
    anna = phone.context
    join(phone, server, workshop.code, "Anna")
    workshops.set_phase(db, workshop.id, secret, "reveal")
    workshops.set_phase(db, workshop.id, secret, "vote")
    phone.locator(f".st-key-vote-card-{first.id} button").click()
    dots_left(phone, 4)
    phone.locator(f".st-key-vote-card-{second.id} button").click()
    dots_left(phone, 3)

    phone.go_back()  # the address the join form had, without the personal token
    dots_left(phone, 3)
    phone.go_forward()
    dots_left(phone, 3)
    phone.reload()
    dots_left(phone, 3)
    shot(phone, "phone-after-back-and-reload")

    # A closed tab, a phone that slept: the bare workshop address, in a new tab.
    phone.close()
    again = anna.new_page()
    again.goto(f"{server.url}/board?code={workshop.code}")
    dots_left(again, 3)
    expect(again).to_have_url(re.compile(r"me="))  # the address is their link again

    # Joining again from the start page, with the code: the same person, no new dots.
    again.goto(server.url)
    again.get_by_label("Workshop code").fill(workshop.code)
    again.get_by_role("button", name="Join").click()
    dots_left(again, 3)
    assert [p.name for p in participants.list_participants(db, workshop.id)] == ["Ben", "Anna"]

    # Another browser with the workshop's address is nobody until it joins.
    stranger = open_page(browser, "laptop")
    stranger.goto(f"{server.url}/board?code={workshop.code}")
    expect(stranger.get_by_label("Your name")).to_be_visible()
    expect(stranger.get_by_text("dots left")).to_have_count(0)


def test_a_tab_left_on_the_join_form_becomes_the_person_another_tab_joined_as(browser, server):
    _, workshop, _, _ = a_workshop_in_write(server)
    first = open_page(browser, "laptop")
    second = first.context.new_page()
    for page in (first, second):
        page.goto(f"{server.url}/board?code={workshop.code}")
        expect(page.get_by_label("Your name")).to_be_visible()
    join(first, server, workshop.code, "Cleo")
    expect(second.get_by_text("You are Cleo.")).to_be_visible()
    expect(second.get_by_label("Your name")).to_have_count(0)


def test_the_facilitator_gives_a_lost_link_back(browser, server):
    db, workshop, secret, (first, _) = a_workshop_in_write(server)
    anna = participants.join(db, workshop.id, "Anna")
    workshops.set_phase(db, workshop.id, secret, "reveal")
    workshops.set_phase(db, workshop.id, secret, "vote")
    fac = open_page(browser, "projector")
    fac.goto(f"{server.url}/board?code={workshop.code}&key={secret}")
    expect(fac.get_by_text("Facilitator", exact=True)).to_be_visible()
    wait_idle(fac)
    assert anna.token not in fac.content()  # the projector shows no personal link

    fac.get_by_role("button", name="Give someone their link back").click()
    box = fac.get_by_role("combobox", name="Who lost their link?")
    box.click()
    fac.get_by_role("option", name="Anna", exact=True).click()
    link = fac.locator("code").filter(has_text="me=")
    expect(link).to_have_text(re.compile(re.escape(anna.token)))
    expect(fac.get_by_role("img", name="QR code of the personal link")).to_be_visible()
    shot(fac, "facilitator-gives-a-link-back")
    given = link.inner_text().strip()
    assert given == f"{server.url}/board?code={workshop.code}&me={anna.token}"

    new_phone = open_page(browser, "phone")
    new_phone.goto(given)
    new_phone.locator(f".st-key-vote-card-{first.id} button").click()
    dots_left(new_phone, 4)
    # From now on that browser is Anna, on the bare address too.
    new_phone.goto(f"{server.url}/board?code={workshop.code}")
    dots_left(new_phone, 4)


def test_a_participants_pages_lead_nowhere_but_their_workshop(browser, server):
    db, workshop, secret, _ = a_workshop_in_write(server)
    other_team = teams.create_team(db, "Paid Media")
    workshops.create_workshop(
        db, team_id=other_team.id, quarter="2026-Q4", exercise="sscc", title="Their offsite"
    )
    phone = open_page(browser, "phone")
    join(phone, server, workshop.code, "Anna")
    for phase in ("reveal", "group", "vote", "discuss"):
        workshops.set_phase(db, workshop.id, secret, phase)
    expect(phone.get_by_role("link", name="Summary and download")).to_be_visible()
    wait_idle(phone)
    shot(phone, "participant-discuss")

    def hrefs(page: Page) -> list[str]:
        """Where the page's links lead in the app (a heading's anchor stays on the page)."""
        found = page.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
        return [h for h in found if h.startswith(server.url) and "#" not in h]

    assert hrefs(phone) == [f"{server.url}/summary?code={workshop.code}"]
    expect(phone.get_by_role("link", name="All workshops")).to_have_count(0)
    phone.get_by_role("link", name="Summary and download").click()
    expect(phone.get_by_role("link", name="Back to the board")).to_be_visible()
    assert hrefs(phone) == [f"{server.url}/board?code={workshop.code}"]
    # The team's pages do not run for a browser that holds no key.
    phone.goto(f"{server.url}/team?team={other_team.id}")
    expect(phone.get_by_text("does not hold that team's link")).to_be_visible()
    expect(phone.get_by_text("Paid Media")).to_have_count(0)
    expect(phone.get_by_text("Their offsite")).to_have_count(0)


def test_a_facilitator_reaches_the_board_their_canvas_fed_as_its_facilitator(browser, server):
    db = database.connect(server.db_path)
    team = teams.create_team(db, "Brand & Social")
    audit.save_audit(db, team.id, "2026-Q3", [
        {"platform": "Pinterest", "kind": "shared", "last_post_on": "2026-04-28"},
    ])
    # Next quarter's board exists already, opened with a key this browser never saw.
    board, _ = workshops.create_workshop(
        db, team_id=team.id, quarter="2026-Q4", exercise="sscc", title="Q4 offsite"
    )
    canvas, canvas_secret, card = canvas_in_discuss(db, team.id)
    canvas_model.add_channel(db, canvas.id, canvas_secret, channel(budget_share=100),
                             card_id=card.id)
    (anna,) = participants.list_participants(db, canvas.id)

    fac = open_page(browser, "projector")
    fac.goto(f"{server.url}/board?code={canvas.code}&key={canvas_secret}")
    fac.get_by_role("button", name="Compare with today's channels").click()
    stop = fac.locator("[class*='st-key-proposal-']").filter(has_text="Stop ·")
    stop.get_by_role("button", name="Accept").click()
    expect(stop.get_by_text("accepted: on the board", exact=False)).to_be_visible()
    wait_idle(fac)
    to_board = fac.get_by_role("link", name=re.compile("Accepted items are on 2026-Q4"))
    assert "key=" not in to_board.get_attribute("href")  # no key in what the room can see
    to_board.click()
    expect(fac.get_by_text("Facilitator", exact=True)).to_be_visible()
    expect(fac.get_by_role("button", name="Next: Reveal")).to_be_visible()
    expect(fac.get_by_label("Your name")).to_have_count(0)
    expect(fac).to_have_url(re.compile(f"code={board.code}"))
    shot(fac, "facilitator-on-the-fed-board")

    # A new tab of that browser lists both workshops it runs, and opens each as facilitator.
    start = fac.context.new_page()
    start.goto(server.url)
    running = start.get_by_role("link", name=re.compile("Q4 offsite"))
    expect(start.get_by_role("heading", name="Workshops you run")).to_be_visible()
    expect(running.first).to_be_visible()
    expect(start.get_by_role("link", name=re.compile("Channel canvas")).first).to_be_visible()
    shot(start, "start-page-workshops-you-run")
    running.first.click()
    expect(start.get_by_role("button", name="Next: Reveal")).to_be_visible()

    # A participant of the canvas sees where its items went, without a way there.
    watcher = open_page(browser, "laptop")
    watcher.goto(f"{server.url}/board?code={canvas.code}&me={anna.token}")
    expect(watcher.get_by_text("Accepted items are on 2026-Q4", exact=False)).to_be_visible()
    expect(watcher.get_by_role("link", name=re.compile("Accepted items"))).to_have_count(0)
