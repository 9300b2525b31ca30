"""In a real browser: typed text never becomes a link, image or heading, and a team's
link opens its pages, also after a reload, while another browser sees none of them."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.support import make_room
from workshop import cards, groups, participants, teams, workshops
from workshop import db as database

from .screens import open_page, wait_idle

HOSTILE = "# ![i](//e.x/i.png) [go](//e.x) <b>b</b> www.e.x a@e.x"
# A link, image or bold a Markdown renderer could have made of the typed text.
MADE = "a[href*='e.x'], img[src*='e.x'], b:text-is('b')"
HEADINGS = "h1, h2, h3, h4, h5, h6"


def seen(page) -> str:
    """The page's text as a person reads it (a word joiner, U+2060, shows as nothing)."""
    return page.locator("body").inner_text().replace("\u2060", "")


def assert_literal(page, *expected: str) -> None:
    """Each expected line is on the page, the typed text in it as typed, and nothing
    (no link, image, bold or heading) was made of the typed text."""
    wait_idle(page)
    made = page.locator(MADE)
    outer = [made.nth(n).evaluate("e => e.outerHTML") for n in range(made.count())]
    assert outer == []
    for heading in page.locator(HEADINGS).filter(has_text="[go]").all():
        # a title the page gives the text keeps its "#": none was read as a heading mark
        assert HOSTILE in heading.inner_text().replace("\u2060", "")
    text = seen(page)
    for line in expected:
        assert line in text


def test_typed_text_stays_text_in_titles_labels_buttons_and_errors(browser, server):
    db = database.connect(server.db_path)
    room = make_room(db)
    first = cards.add_card(db, room.anna.token, "stop", HOSTILE)
    second = cards.add_card(db, room.ben.token, "stop", "Another stop")
    third = cards.add_card(db, room.ben.token, "stop", "A third stop")
    room.phase("group")
    groups.merge(db, room.workshop.id, room.secret, [first.id, second.id], HOSTILE)

    stranger = open_page(browser, "laptop")
    stranger.goto(f"{server.url}/board?code=![i](//e.x/i.png)[go](//e.x)")
    expect(stranger.get_by_text("No workshop has the code")).to_be_visible()
    assert_literal(stranger, "“![i](//e.x/i.png)[go”")  # the first 20 characters

    fac = open_page(browser, "projector")
    fac.goto(f"{server.url}/board?code={room.workshop.code}&key={room.secret}")
    wait_idle(fac)
    group_box = fac.locator("[class*='st-key-card-group-']")
    group_box.get_by_text("select").click()
    wait_idle(fac)
    fac.locator(f".st-key-card-card-{third.id}").get_by_text("select").click()
    wait_idle(fac)
    expect(fac.get_by_text("Add the selected cards to")).to_be_visible()
    assert_literal(fac, f"Add the selected cards to “{HOSTILE}”", f"Split “{HOSTILE[:40]}”")

    team = teams.create_team(db, "Named")
    titled, _ = workshops.create_workshop(
        db, team_id=team.id, quarter="2026-Q4", exercise="sscc", title=HOSTILE
    )
    person = participants.join(db, titled.id, HOSTILE)
    anna = open_page(browser, "phone")
    anna.goto(f"{server.url}/board?code={titled.code}&me={person.token}")
    expect(anna.get_by_text("You are")).to_be_visible()
    assert_literal(anna, f"You are {HOSTILE}.", f"{HOSTILE}\n\nNamed · 2026-Q4")  # the title


def test_a_team_link_opens_the_teams_pages_after_a_reload_and_no_one_elses(browser, server):
    db = database.connect(server.db_path)
    room = make_room(db)
    other = teams.create_team(db, "Paid Search")
    key = teams.new_team_key(db, room.workshop.team_id)
    member = open_page(browser, "laptop")
    member.goto(f"{server.url}/team?team={room.workshop.team_id}&access={key}")
    wait_idle(member)
    expect(member.get_by_role("combobox", name="Team")).to_have_value("Brand & Social")
    expect(member).not_to_have_url(re.compile("access="))  # out of the address bar
    member.wait_for_function("document.cookie.includes('wkt_')")  # kept for later visits
    member.goto(f"{server.url}/campaigns?team={room.workshop.team_id}")  # a new session
    wait_idle(member)
    expect(member.get_by_text("New campaign or test")).to_be_visible()
    member.goto(f"{server.url}/campaigns?team={other.id}")
    wait_idle(member)
    expect(member.get_by_text("does not hold that team's link")).to_be_visible()
    assert "Paid Search" not in member.content()

    stranger = open_page(browser, "laptop")
    stranger.goto(f"{server.url}/team?team={room.workshop.team_id}")
    wait_idle(stranger)
    expect(stranger.get_by_text("does not hold that team's link")).to_be_visible()
    assert "Brand & Social" not in stranger.content()
    stranger.goto(server.url)
    wait_idle(stranger)
    assert "Brand & Social" not in stranger.content()
