"""axe-core, the engine behind most accessibility checkers, on every screen: in every phase
for the facilitator and a participant. No serious or critical violation may remain."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from workshop import cards, demo, participants, teams, workshops
from workshop import db as database

from .conftest import open_page, wait_idle

BLOCKING = {"serious", "critical"}


def violations(page) -> list[str]:
    """The serious and critical rules a page breaks, each with the first place it breaks."""
    found = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']} {v['nodes'][0]['failureSummary']}"
        for v in found
        if v["impact"] in BLOCKING
    ]


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
        found[name] = violations(page)

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
    assert {name: rules for name, rules in found.items() if rules} == {}
