"""axe-core, the engine behind most accessibility checkers, on every screen: in every phase
for the facilitator and a participant. No serious or critical violation may remain."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from workshop import cards, demo, participants, teams, workshops
from workshop import db as database

from .screens import open_page, wait_idle

BLOCKING = {"serious", "critical"}


def violations(page) -> list[str]:
    """The serious and critical rules a page breaks, each with the first place it breaks."""
    found = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {node['failureSummary']} at {node['html'][:120]}"
        for v in found
        if v["impact"] in BLOCKING
        for node in v["nodes"][:1]
    ]


def test_the_check_finds_faint_text(browser):
    page = open_page(browser, "laptop")
    page.set_content('<html lang="en"><title>t</title><main><h1>Plan</h1>'
                     '<p style="color:#bbbbbb">Faint grey on white</p></main></html>')
    assert [rule.split(" ")[0] for rule in violations(page)] == ["color-contrast"]


@pytest.fixture
def demo_server(server):
    db = database.connect(server.db_path)
    demo.load_demo(db)
    team = teams.find_team(db, "northwind outdoor — brand & digital")
    workshop, secret = workshops.create_workshop(
        db, team_id=team.id, quarter="2026-Q4", exercise="sscc", title="Q4 offsite"
    )
    anna = participants.join(db, workshop.id, "Anna")
    cards.add_card(db, anna.token, "stop", "Boosting every post by default")
    return server, db, workshop, secret, anna


def test_no_screen_has_a_serious_accessibility_violation(browser, demo_server):
    server, db, workshop, secret, anna = demo_server
    page = open_page(browser, "laptop")
    found: dict[str, list[str]] = {}

    def check(name: str, path: str) -> None:
        page.goto(f"{server.url}/{path}")
        wait_idle(page)
        expect(page.locator("h1").first).to_be_visible()
        # A rerun (the live part reruns once it connects) fades what it is redrawing;
        # contrast is measured on the page at rest.
        expect(page.locator("[data-stale='true']")).to_have_count(0)
        found[name] = violations(page)

    page.goto(f"{server.url}/board?code={workshop.code}&key={secret}")  # opens the team's
    wait_idle(page)  # pages to this browser, as a facilitator's first visit does
    page.wait_for_function(f"document.cookie.includes('wkf_{workshop.code}=')")
    for name, path in [("start", ""), ("campaigns", "campaigns"), ("channels", "channels"),
                       ("team", "team"), ("compare", "compare")]:
        check(name, path)
    for phase in ("write", "reveal", "group", "vote", "discuss", "closed"):
        if phase != "write":
            workshops.set_phase(db, workshop.id, secret, phase)
        check(f"board {phase}, participant", f"board?code={workshop.code}&me={anna.token}")
        check(f"board {phase}, facilitator", f"board?code={workshop.code}&key={secret}")
    check("summary", f"summary?code={workshop.code}")
    check("import", f"import?code={workshop.code}&key={secret}")
    for other in workshops.list_workshops(db):  # a retrospective and a canvas, with charts
        if other.title in ("Retrospective: winter gear sale", "Channel canvas: autumn mix"):
            check(f"board of {other.title}", f"board?code={other.code}")
            check(f"summary of {other.title}", f"summary?code={other.code}")
    failing = [f"{name}: {rule}" for name, rules in found.items() for rule in rules]
    assert not failing, "\n".join(failing)
    assert len(found) == 23  # five team screens, twelve board views, summary, import, and
    # the board and summary of a retrospective and of a canvas


def tab_to(page, condition: str, limit: int = 120) -> None:
    """Press Tab, and only Tab, until the focused element meets ``condition`` (JavaScript
    over ``el``): what a keyboard user does to reach a field or a button."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        script = f"(() => {{ const el = document.activeElement; return {condition}; }})()"
        if page.evaluate(script):
            return
    raise AssertionError(f"Tab never reached {condition}")


def labelled(name: str) -> str:
    return f"el.getAttribute('aria-label') === {name!r}"


def button(name: str) -> str:
    """A button's label, without the name of the icon drawn beside it."""
    label = "el.querySelector('[data-testid=\"stMarkdownContainer\"]')?.innerText.trim()"
    return f"el.tagName === 'BUTTON' && !el.disabled && {label} === {name!r}"


def test_a_participant_joins_writes_votes_and_reads_with_the_keyboard_alone(browser, demo_server):
    server, db, workshop, secret, anna = demo_server
    page = open_page(browser, "laptop")
    page.goto(f"{server.url}/board?code={workshop.code}")
    wait_idle(page)

    tab_to(page, labelled("Your name"))
    page.keyboard.type("Ben")
    tab_to(page, button("Join"))
    page.keyboard.press("Enter")
    expect(page.get_by_label("Your card")).to_be_visible()
    wait_idle(page)

    tab_to(page, labelled("Your card"))
    page.keyboard.type("Answer comments within a day")
    tab_to(page, button("Add card"))
    page.keyboard.press("Enter")
    # the card itself, not the writing box, which may still hold the text for a moment
    card = page.locator("[data-testid='stText'], .card-text")
    expect(card.filter(has_text="Answer comments within a day")).to_be_visible()
    written = db.execute("SELECT text FROM cards WHERE workshop_id = ? ORDER BY id",
                         [workshop.id]).fetchall()
    assert [text for (text,) in written] == [
        "Boosting every post by default", "Answer comments within a day"
    ]

    workshops.set_phase(db, workshop.id, secret, "reveal")
    workshops.set_phase(db, workshop.id, secret, "vote")
    page.reload()
    wait_idle(page)
    expect(card.filter(has_text="Boosting every post by default")).to_be_visible()  # read
    tab_to(page, button("Add a dot"))
    page.keyboard.press("Enter")
    taken_back = page.get_by_role("button", name="Take a dot back").and_(page.locator(":enabled"))
    expect(taken_back).to_have_count(1)  # the dot is on the card and can be taken back
    spent = db.execute("SELECT COUNT(*) FROM votes WHERE workshop_id = ?", [workshop.id])
    assert spent.fetchone()[0] == 1
