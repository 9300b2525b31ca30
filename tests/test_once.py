"""Each write acts once: the same click twice changes nothing more and says so. Recorded
decisions and actions can be corrected or removed, by the facilitator only."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support import SPRING, app, learning_in_discussion, new_workshop, shown
from workshop import actions, campaigns, cards, learning, teams, workshops
from workshop import db as database
from workshop.errors import InvalidInput, NotAllowed, NotFound, Repeated


def count(db, table: str) -> int:
    return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


@pytest.fixture
def discuss(room):
    """The room in Discuss with one card and one action on it."""
    card = cards.add_card(room.db, room.anna.token, "stop", "Stop boosting every post")
    for phase in ("reveal", "group", "vote", "discuss"):
        room.phase(phase)
    action = actions.add_action(
        room.db, room.workshop.id, room.secret, kind="action", text="Brief the agency",
        owner="Ben", card_id=card.id,
    )
    return room, card, action


@pytest.fixture
def learned(db):
    """A retrospective in Discuss with one learning, and the facilitator's secret."""
    team = teams.create_team(db, "Brand & Social")
    workshop, secret, card = learning_in_discussion(
        db, team.id, "Wide fit is why people buy this shoe"
    )
    return db, workshop, secret, card


# Corrected and removed ----------------------------------------------------------------------


def test_the_facilitator_corrects_a_recorded_action(discuss):
    room, _, action = discuss
    edited = actions.edit_action(
        room.db, room.workshop.id, room.secret, action.id,
        text="Brief the agency on wide fit", owner="Anna", due_on=dt.date(2026, 12, 18),
    )
    assert (edited.text, edited.owner, edited.due_on) == (
        "Brief the agency on wide fit", "Anna", "2026-12-18"
    )
    assert (edited.kind, edited.card_id, edited.status) == ("action", action.card_id, "open")


def test_a_correction_is_checked_like_the_record_and_changes_nothing_when_wrong(discuss):
    room, _, action = discuss
    with pytest.raises(InvalidInput, match="needs an owner") as refused:
        actions.edit_action(room.db, room.workshop.id, room.secret, action.id,
                            text="Brief the agency", owner="  ")
    assert refused.value.field == "action owner"
    assert actions.get_action(room.db, action.id) == action


def test_the_facilitator_removes_a_recorded_action_and_a_second_remove_says_it_is_gone(discuss):
    room, _, action = discuss
    actions.remove_action(room.db, room.workshop.id, room.secret, action.id)
    assert actions.list_actions(room.db, room.workshop.id) == []
    with pytest.raises(NotFound, match="no longer exists"):
        actions.remove_action(room.db, room.workshop.id, room.secret, action.id)


@pytest.mark.parametrize("secret", [None, "not-the-key"])
def test_a_participant_can_neither_correct_nor_remove_an_action(discuss, secret):
    room, _, action = discuss
    with pytest.raises(NotAllowed, match="Only the facilitator"):
        actions.edit_action(room.db, room.workshop.id, secret, action.id, text="x", owner="Ben")
    with pytest.raises(NotAllowed, match="Only the facilitator"):
        actions.remove_action(room.db, room.workshop.id, secret, action.id)
    assert actions.list_actions(room.db, room.workshop.id) == [action]


def test_an_action_of_another_workshop_is_not_found(discuss):
    room, _, action = discuss
    other, other_secret = new_workshop(room.db, room.workshop.team_id, "2027-Q1")
    with pytest.raises(NotFound):
        actions.remove_action(room.db, other.id, other_secret, action.id)
    assert actions.list_actions(room.db, room.workshop.id) == [action]


def test_a_closed_workshop_keeps_its_record(discuss):
    room, _, action = discuss
    room.phase("closed")
    with pytest.raises(NotAllowed, match="closed"):
        actions.remove_action(room.db, room.workshop.id, room.secret, action.id)
    assert actions.list_actions(room.db, room.workshop.id) == [action]


def test_the_facilitator_edits_and_removes_actions_on_the_board(discuss):
    room, _, action = discuss
    at = app("pages/board.py", code=room.workshop.code, key=room.secret)
    form = f"edit-action-{action.id}"
    at.text_input(key=f"{form}-owner").input("")
    at.button(key=f"{form}-save").click().run()
    assert "An action needs an owner." in [e.value.replace("\\", "") for e in at.error]
    assert at.text_input(key=f"{form}-owner").value == ""  # kept as typed, to be fixed
    assert actions.get_action(room.db, action.id).owner == "Ben"

    at.text_input(key=f"{form}-owner").input("Anna")
    at.text_input(key=f"{form}-text").input("Brief the agency on wide fit")
    at.button(key=f"{form}-save").click().run()
    assert not at.exception
    saved = actions.get_action(room.db, action.id)
    assert (saved.text, saved.owner) == ("Brief the agency on wide fit", "Anna")

    at.button(key=f"{form}-remove").click().run()
    assert actions.list_actions(room.db, room.workshop.id) == []
    assert f"{form}-remove" not in {getattr(b, "key", None) for b in at.button}


def test_a_participant_gets_no_control_to_edit_or_remove_actions(discuss):
    room, _, action = discuss
    at = app("pages/board.py", code=room.workshop.code, me=room.ben.token)
    assert not at.exception
    assert "Brief the agency" in shown(at)
    keys = {getattr(node, "key", None) for node in at.button} | {
        getattr(node, "key", None) for node in at.text_input
    }
    assert not [k for k in keys if k and k.startswith("edit-action-")]


# Once, however often it is clicked ---------------------------------------------------------


def test_a_learning_makes_one_draft_test_and_the_second_click_names_it(learned):
    db, workshop, secret, card = learned
    learning.to_test(db, workshop.id, secret, name="Wide-fit first", card_id=card.id)
    with pytest.raises(Repeated, match="“Wide-fit first” already"):
        learning.to_test(db, workshop.id, secret, name="Wide-fit first", card_id=card.id)
    assert [d.name for d in learning.drafts(db, workshop.id)] == ["Wide-fit first"]


def test_two_clicks_at_the_same_moment_make_one_draft_test(learned, db_path):
    db, workshop, secret, card = learned

    def click(_: int) -> str:
        own = database.connect(db_path)  # each click is served by its own connection
        try:
            learning.to_test(own, workshop.id, secret, name="Wide-fit first", card_id=card.id)
        except Repeated:
            return "repeated"
        return "made"

    with ThreadPoolExecutor(4) as pool:
        outcomes = sorted(pool.map(click, range(4)))
    assert outcomes == ["made", "repeated", "repeated", "repeated"]
    assert count(db, "campaigns") == 2  # the spring campaign and one draft test


def test_a_learning_goes_onto_a_board_once(learned):
    db, workshop, secret, card = learned
    _, target = learning.to_board(db, workshop.id, secret, column="start", quarter="2026-Q3",
                                  card_id=card.id)
    with pytest.raises(Repeated, match="already"):
        learning.to_board(db, workshop.id, secret, column="change", target_id=target.id,
                          card_id=card.id)
    with pytest.raises(Repeated, match="already"):  # the same quarter finds the same board
        learning.to_board(db, workshop.id, secret, column="start", quarter="2026-Q3",
                          card_id=card.id)
    assert count(db, "cards") == 2  # the learning and its one copy


def test_the_same_action_is_recorded_once_but_another_one_is_not_refused(discuss):
    room, card, action = discuss
    with pytest.raises(Repeated, match="recorded already"):
        actions.add_action(room.db, room.workshop.id, room.secret, kind="action",
                           text=" Brief the agency ", owner="Ben", card_id=card.id)
    other = actions.add_action(room.db, room.workshop.id, room.secret, kind="action",
                               text="Brief the agency", owner="Anna", card_id=card.id)
    assert [a.id for a in actions.list_actions(room.db, room.workshop.id)] == [action.id, other.id]


def test_the_same_card_is_added_once(room):
    cards.add_card(room.db, room.anna.token, "stop", "Stop boosting every post")
    with pytest.raises(Repeated, match="added this card already"):
        cards.add_card(room.db, room.anna.token, "stop", "Stop boosting every post")
    cards.add_card(room.db, room.ben.token, "stop", "Stop boosting every post")  # Ben's own
    cards.add_card(room.db, room.anna.token, "start", "Stop boosting every post")
    assert count(room.db, "cards") == 3


def test_a_team_names_each_campaign_once(db):
    spring = campaigns.create_campaign(db, None, SPRING, new_team="Brand & Social")
    with pytest.raises(InvalidInput, match="already") as refused:
        campaigns.create_campaign(db, spring.team_id, SPRING | {"name": SPRING["name"].lower()})
    assert refused.value.field == "name"
    other = teams.create_team(db, "Ecommerce")
    assert campaigns.create_campaign(db, other.id, SPRING).name == SPRING["name"]


def test_creating_the_same_workshop_twice_makes_one(db):
    team = teams.create_team(db, "Brand & Social")
    made = {"team_id": team.id, "quarter": "2026-Q4", "exercise": "sscc", "title": "Q4 offsite"}
    workshops.create_workshop(db, **made)
    with pytest.raises(InvalidInput, match="already") as refused:
        workshops.create_workshop(db, **made | {"title": "q4 OFFSITE"})
    assert refused.value.field == "title"
    workshops.create_workshop(db, **made | {"quarter": "2027-Q1"})  # next quarter's is new
    assert len(workshops.list_workshops(db)) == 2
