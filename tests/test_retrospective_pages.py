"""The retrospective's pages through AppTest: campaigns, setup, the board, the summary."""

from __future__ import annotations

import pytest

from tests.support import SPRING, app, read, shown, team_app
from workshop import campaigns, cards, participants, teams, workshops


@pytest.fixture
def team(db):
    return teams.create_team(db, "Brand & Social")


def spring_retro(db, team_id: int, campaign_id: int):
    return workshops.create_workshop(
        db, team_id=team_id, quarter="2026-Q2", exercise="hml", title="Spring retro",
        campaign_id=campaign_id,
    )


def fill_campaign(at, key: str, **values) -> None:
    for field, value in values.items():
        if field in ("starts", "ends"):
            at.date_input(key=f"{key}-{field}").set_value(value)
        else:
            at.text_input(key=f"{key}-{field}").input(value)
    at.button(key=f"{key}-submit").click().run()


def test_a_campaign_is_created_on_the_campaigns_page(db, team):
    at = team_app(db, "pages/campaigns.py", team.id)
    assert "This team has no campaigns or tests yet." in shown(at)
    fill_campaign(at, "new-campaign", name="Spring launch", metric="orders", target="800",
                  planned="20000")
    assert not at.exception
    assert "Saved “Spring launch”." in [toast.value for toast in at.toast]
    assert at.text_input(key="new-campaign-name").value == ""  # the form is empty again
    (stored,) = campaigns.list_campaigns(db, team.id)
    assert (stored.kpi_target, stored.kpi_actual, stored.budget_planned) == (800, None, 20000)
    assert "missing" in [m.value for m in at.metric]  # the actual is not known yet


def test_a_campaigns_numbers_are_typed_and_shown_as_the_readers_language_writes_them(
    db, team, monkeypatch
):
    monkeypatch.setenv("WORKSHOP_LANG", "da")  # a page opened on its own reads this
    at = team_app(db, "pages/campaigns.py", team.id)
    fill_campaign(at, "new-campaign", name="Forårslancering", metric="ordrer",
                  target="1.250", planned="20.000,50")
    (stored,) = campaigns.list_campaigns(db, team.id)
    assert (stored.kpi_target, stored.budget_planned) == (1250, 20000.5)
    edit = f"edit-campaign-{stored.id}"
    assert at.text_input(key=f"{edit}-planned").value == "20.000,5"


def test_a_wrong_campaign_says_why_and_saves_nothing(db, team):
    import datetime as dt

    at = team_app(db, "pages/campaigns.py", team.id)
    fill_campaign(at, "new-campaign", name="Spring launch", starts=dt.date(2026, 4, 1),
                  ends=dt.date(2026, 3, 1))
    assert "The end date is before the start date." in shown(at)
    fill_campaign(at, "new-campaign", ends=dt.date(2026, 5, 1), spent="-10")
    assert "Budget spent cannot be negative." in shown(at)
    assert campaigns.list_campaigns(db, team.id) == []


def test_editing_a_campaign_updates_its_numbers(db, team):
    spring = campaigns.create_campaign(db, team.id, SPRING | {"kpi_actual": None})
    at = team_app(db, "pages/campaigns.py", team.id)
    fill_campaign(at, f"edit-campaign-{spring.id}", actual="900")
    assert not at.exception
    assert campaigns.get_campaign(db, spring.id).kpi_actual == 900
    assert "Hit: target reached" in [str(m.proto.delta) for m in at.metric]


def test_setting_up_a_retrospective_for_a_new_team_and_campaign(db):
    at = app()
    at.selectbox(key="setup-exercise").select("hml").run()
    at.text_input(key="setup-team-name").input("Growth team").run()
    assert "This team has no campaigns or tests yet" in shown(at)
    at.button(key="setup-submit").click().run()
    assert "Pick the campaign or test this retrospective looks back on." in shown(at)
    fill_campaign(at, "setup-new-campaign", name="Black Friday", metric="revenue")
    assert not at.exception
    assert at.selectbox(key="setup-campaign").value.name == "Black Friday"
    at.button(key="setup-submit").click().run()
    (created,) = workshops.list_workshops(db)
    assert created.exercise == "hml" and created.title == "Retrospective: Black Friday"
    assert campaigns.get_campaign(db, created.campaign_id).name == "Black Friday"


def test_a_participant_tags_a_miss_and_sees_the_number_on_top(db, team):
    spring = campaigns.create_campaign(db, team.id, SPRING | {"kpi_actual": None})
    workshop, _ = spring_retro(db, team.id, spring.id)
    anna = participants.join(db, workshop.id, "Anna")
    at = app("pages/board.py", code=workshop.code, me=anna.token)
    (folded,) = [e for e in at.expander if "Spring trail-shoe launch" in read(e.label)]
    assert [m.value for m in folded.metric][:3] == ["800", "missing", "—"]
    assert not any(s.key == "new-card-reason" for s in at.selectbox)  # Hits: no reason
    at.radio(key="new-card-column").set_value("misses").run()
    assert "What did not work, and why?" in shown(at)
    at.text_area(key="new-card-text").input("Ads went live two weeks late")
    at.selectbox(key="new-card-reason").select("timing")
    at.button(key="add-card-submit").click().run()
    assert not at.exception
    (card,) = db.execute("SELECT column_key, reason FROM cards").fetchall()
    assert card == ("misses", "timing")


def test_the_facilitator_takes_a_learning_to_a_draft_test(db, team):
    spring = campaigns.create_campaign(db, team.id, SPRING)
    workshop, secret = spring_retro(db, team.id, spring.id)
    anna = participants.join(db, workshop.id, "Anna")
    learned = cards.add_card(db, anna.token, "learned", "Staff videos beat product shots")
    miss = cards.add_card(db, anna.token, "misses", "Launch clashed with the sale")
    workshops.set_phase(db, workshop.id, secret, "discuss")
    at = app("pages/board.py", code=workshop.code, key=secret)
    at.selectbox(key=f"reason-card-{miss.id}-None").select("timing").run()
    assert cards.get_card(db, miss.id).reason == "timing"
    assert [w for w in at.text_input if w.key == f"to-test-name-card-{learned.id}"] == []
    at.session_state[f"forward-open-card-{learned.id}"] = True  # the popover opens
    at.run()
    at.text_input(key=f"to-test-name-card-{learned.id}").input("Staff-led video test")
    at.button(key=f"to-test-submit-card-{learned.id}").click().run()
    assert not at.exception
    (test,) = [c for c in campaigns.list_campaigns(db, team.id) if c.kind == "test"]
    assert (test.name, test.status, test.source_card_id) == (
        "Staff-led video test", "draft", learned.id
    )
    assert "→ draft test “Staff-led video test”" in shown(at)
    assert "Draft test: Staff-led video test" in shown(at)


def test_the_summary_shows_the_number_and_the_reasons(db, team):
    spring = campaigns.create_campaign(db, team.id, SPRING)
    workshop, secret = spring_retro(db, team.id, spring.id)
    anna = participants.join(db, workshop.id, "Anna")
    cards.add_card(db, anna.token, "misses", "Launch clashed with the sale", "timing")
    workshops.set_phase(db, workshop.id, secret, "closed")
    at = app("pages/summary.py", code=workshop.code)
    assert not at.exception
    text = shown(at)
    assert "The number: Spring trail-shoe launch" in text and "Why it missed" in text
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
