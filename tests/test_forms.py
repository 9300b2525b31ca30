"""A refused form keeps what was typed and says why right under the field it is about;
a saved one starts empty again; a second click of the same write adds nothing."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from tests.support import SPRING, app, read, team_app
from workshop import actions, audit, campaigns, cards, workshops


def leaves(node) -> list:
    """The page's elements in the order they are drawn, empty places left out."""
    children = getattr(node, "children", None)
    if children is None:
        return [] if getattr(node, "type", "") == "empty" else [node]
    return [leaf for child in children.values() for leaf in leaves(child)]


def message_under(at: AppTest, key: str) -> str | None:
    """The error (or notice) drawn right after the widget ``key``, if there is one."""
    drawn = leaves(at._tree)
    place = next(i for i, node in enumerate(drawn) if getattr(node, "key", None) == key)
    after = drawn[place + 1] if place + 1 < len(drawn) else None
    return read(after.value) if getattr(after, "type", "") in {"error", "info"} else None


def count(db, table: str) -> int:
    return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def in_discuss(room) -> int:
    card = cards.add_card(room.db, room.anna.token, "stop", "Stop boosting every post")
    for phase in ("reveal", "group", "vote", "discuss"):
        room.phase(phase)
    return card.id


def open_action_form(room, form: str):
    """The facilitator's board with this card's Decision-or-action popover open: its
    form is built only then."""
    at = app("pages/board.py", code=room.workshop.code, key=room.secret)
    assert [w for w in at.text_input if w.key == f"{form}-text"] == []
    at.session_state[f"{form}-open"] = True
    return at.run()


# Decisions and actions -----------------------------------------------------------------------


def test_an_action_without_owner_keeps_its_text_and_says_so_under_the_owner(room):
    card_id = in_discuss(room)
    form = f"action-card-{card_id}"
    at = open_action_form(room, form)
    at.text_input(key=f"{form}-text").input("Brief the agency on wide fit")
    at.button(key=f"{form}-submit").click().run()

    assert not at.exception
    assert message_under(at, f"{form}-owner") == "An action needs an owner."
    assert message_under(at, f"{form}-text") is None
    assert at.text_input(key=f"{form}-text").value == "Brief the agency on wide fit"
    assert count(room.db, "actions") == 0

    at.text_input(key=f"{form}-owner").input("Ben")
    at.button(key=f"{form}-submit").click().run()
    assert [(a.text, a.owner) for a in actions.list_actions(room.db, room.workshop.id)] == [
        ("Brief the agency on wide fit", "Ben")
    ]
    # Saved: the form starts empty for the next one.
    assert at.text_input(key=f"{form}-text").value == ""
    assert at.text_input(key=f"{form}-owner").value == ""


def test_an_empty_decision_keeps_the_owner_and_says_so_under_the_text(room):
    card_id = in_discuss(room)
    form = f"action-card-{card_id}"
    at = open_action_form(room, form)
    at.radio(key=f"{form}-kind").set_value("decision")
    at.text_input(key=f"{form}-owner").input("Anna")
    at.button(key=f"{form}-submit").click().run()

    assert message_under(at, f"{form}-text") == "Decision cannot be empty."
    assert at.text_input(key=f"{form}-owner").value == "Anna"
    assert at.radio(key=f"{form}-kind").value == "decision"
    assert count(room.db, "actions") == 0


def test_recording_the_same_action_twice_adds_one_and_says_so(room):
    card_id = in_discuss(room)
    form = f"action-card-{card_id}"
    at = open_action_form(room, form)
    for _ in range(2):  # what a double click sends: the same form twice
        at.text_input(key=f"{form}-text").input("Brief the agency")
        at.text_input(key=f"{form}-owner").input("Ben")
        at.button(key=f"{form}-submit").click().run()
    assert count(room.db, "actions") == 1
    assert message_under(at, f"{form}-submit") == "This is recorded already; nothing was added."
    assert not at.error


# Cards, settings, campaigns, the channel list ------------------------------------------------


def test_a_card_that_shows_nothing_keeps_its_text_and_says_so_under_it(room):
    invisible = "\u200b\u200b\u2060"  # zero-width characters: a card nobody could read
    at = app("pages/board.py", code=room.workshop.code, me=room.anna.token)
    at.text_area(key="new-card-text").input(invisible)
    at.button(key="add-card-submit").click().run()

    assert not at.exception
    assert "holds only invisible characters" in (message_under(at, "new-card-text") or "")
    assert at.text_area(key="new-card-text").value == invisible
    assert count(room.db, "cards") == 0


def test_refused_settings_stay_in_the_form_with_the_reason_beside_them(room):
    at = app("pages/board.py", code=room.workshop.code, key=room.secret)
    _, connection = at.session_state["wk_db"]
    connection.execute("PRAGMA query_only = ON")  # the file refuses every write
    dots = next(n for n in at.number_input if n.label.startswith("Dots per participant"))
    dots.set_value(3)
    at.button(key="settings-save").click().run()
    connection.execute("PRAGMA query_only = OFF")

    assert "cannot be written to" in (message_under(at, "settings-save") or "")
    assert next(n for n in at.number_input if n.label.startswith("Dots per")).value == 3
    assert workshops.get_workshop(room.db, room.workshop.id).dots == 5


def _fill(at: AppTest, form: str, name: str) -> None:
    at.text_input(key=f"{form}-name").input(name)
    at.text_input(key=f"{form}-metric").input("orders")
    at.date_input(key=f"{form}-starts").set_value(dt.date(2026, 4, 15))
    at.date_input(key=f"{form}-ends").set_value(dt.date(2026, 3, 1))


def test_a_campaign_ending_before_it_starts_keeps_every_field_and_says_so_under_the_end(db):
    team = campaigns.create_campaign(db, None, SPRING, new_team="Brand & Social").team_id
    at = team_app(db, "pages/campaigns.py", team)
    form = "new-campaign"
    _fill(at, form, "Autumn trail push")
    at.button(key=f"{form}-submit").click().run()

    assert not at.exception
    assert message_under(at, f"{form}-ends") == "The end date is before the start date."
    assert at.text_input(key=f"{form}-name").value == "Autumn trail push"
    assert at.text_input(key=f"{form}-metric").value == "orders"
    assert count(db, "campaigns") == 1

    # Corrected and saved: it is listed, and the form is empty again.
    at.date_input(key=f"{form}-ends").set_value(dt.date(2026, 5, 30))
    at.button(key=f"{form}-submit").click().run()
    assert [c.name for c in campaigns.list_campaigns(db, team)].count("Autumn trail push") == 1
    assert at.text_input(key=f"{form}-name").value == ""
    assert at.text_input(key=f"{form}-metric").value == ""
    assert at.date_input(key=f"{form}-ends").value is None


def test_creating_a_campaign_twice_makes_one_and_says_why_under_the_name(db):
    team = campaigns.create_campaign(db, None, SPRING, new_team="Brand & Social").team_id
    at = team_app(db, "pages/campaigns.py", team)
    at.text_input(key="new-campaign-name").input(SPRING["name"].upper())
    at.button(key="new-campaign-submit").click().run()

    assert message_under(at, "new-campaign-name") == (
        f"This team has a campaign or test called “{SPRING['name'].upper()}” already."
    )
    assert at.text_input(key="new-campaign-name").value == SPRING["name"].upper()
    assert count(db, "campaigns") == 1


def test_a_refused_channel_list_stays_in_the_table_with_the_reason_under_the_button(db):
    team = campaigns.create_campaign(db, None, SPRING, new_team="Brand & Social").team_id
    quarter = "2026-Q4"
    audit.save_audit(db, team, quarter, [{"platform": "TikTok", "kind": "shared"}])
    at = team_app(db, "pages/channels.py", team)
    at.text_input(key="channels-quarter").input(quarter).run()
    _, connection = at.session_state["wk_db"]
    connection.execute("PRAGMA query_only = ON")
    at.button(key="channels-save").click().run()
    connection.execute("PRAGMA query_only = OFF")

    assert not at.exception
    assert "cannot be written to" in (message_under(at, "channels-save") or "")
    assert not at.success
    assert [line.platform for line in audit.list_audit(db, team, quarter)] == ["TikTok"]
    assert list(at.dataframe[0].value["platform"]) == ["TikTok"]


def test_after_a_workshop_for_a_new_team_the_team_box_names_that_team(db):
    at = app()
    at.text_input(key="setup-team-name").input("Growth team")
    at.text_input(key="setup-title-sscc").input("Q4 offsite")
    at.button(key="setup-submit").click().run()

    assert not at.exception
    assert at.selectbox(key="setup-team").value.name == "Growth team"
    assert not [box for box in at.text_input if box.key == "setup-team-name"]
    assert any("key=" in c.value for c in at.code)  # the links are still shown once
    # A second workshop for the same team is not refused as a second new team.
    at.text_input(key="setup-title-sscc").input("Q1 offsite")
    at.button(key="setup-submit").click().run()
    assert not at.error
    assert sorted(w.title for w in workshops.list_workshops(db)) == ["Q1 offsite", "Q4 offsite"]
