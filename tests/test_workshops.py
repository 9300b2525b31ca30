"""Setting up workshops, join codes, phases and the facilitator's role."""

import time

import pytest

from workshop import codes, phases, teams, validate, workshops
from workshop.errors import InvalidInput, NotAllowed, NotFound


def test_join_code_has_no_look_alike_letters(room):
    code = room.workshop.code
    assert len(code) == codes.CODE_LENGTH
    assert not set(code) & set("0O1lI")
    assert codes.CODE_BITS > 39


def test_code_is_found_however_it_is_typed(room):
    typed = room.workshop.display_code.lower().replace("-", " - ")
    assert workshops.find_by_code(room.db, typed).id == room.workshop.id


def test_unknown_code_is_a_clear_error(room):
    with pytest.raises(NotFound, match="No workshop has the code"):
        workshops.find_by_code(room.db, "ZZZZ-ZZZZ")
    with pytest.raises(NotFound):
        workshops.find_by_code(room.db, "")


def test_secret_is_not_stored_in_clear(room):
    stored = room.db.execute("SELECT secret_hash FROM workshops").fetchone()[0]
    assert room.secret not in stored
    assert stored == codes.hash_secret(room.secret)


def test_team_names_are_reused_not_duplicated(db):
    teams.create_team(db, "Growth")
    with pytest.raises(InvalidInput, match="exists already"):
        teams.create_team(db, "  growth ")
    assert [t.name for t in teams.list_teams(db)] == ["Growth"]


@pytest.mark.parametrize("typed, stored", [("2026-Q4", "2026-Q4"), ("2026 q1", "2026-Q1"),
                                           ("Q3 2025", "2025-Q3")])
def test_quarters_are_normalised(typed, stored):
    assert validate.quarter(typed) == stored


@pytest.mark.parametrize("typed", ["2026-Q5", "Q4", "next quarter", "1999-Q1", ""])
def test_bad_quarters_are_refused(typed):
    with pytest.raises(InvalidInput, match="quarter"):
        validate.quarter(typed)


def test_phases_move_forward_and_back_without_losing_cards(room):
    from workshop import cards

    cards.add_card(room.db, room.anna.token, "stop", "Boosting every post")
    order = []
    while room.workshop.phase != "closed":
        room.workshop = workshops.advance(room.db, room.workshop.id, room.secret)
        order.append(room.workshop.phase)
    assert order == ["reveal", "group", "vote", "discuss", "closed"]
    back = workshops.step_back(room.db, room.workshop.id, room.secret)
    assert back.phase == "discuss"
    assert room.db.execute("SELECT COUNT(*) FROM cards").fetchone()[0] == 1


def test_no_dots_means_no_vote_phase():
    assert "vote" not in phases.sequence(0)
    assert phases.next_phase("group", 0) == "discuss"
    assert phases.previous_phase("discuss", 0) == "group"


FACILITATOR_ACTIONS = [
    lambda db, w, s: workshops.advance(db, w, s),
    lambda db, w, s: workshops.step_back(db, w, s),
    lambda db, w, s: workshops.set_phase(db, w, s, "closed"),
    lambda db, w, s: workshops.start_timer(db, w, s, 5),
    lambda db, w, s: workshops.stop_timer(db, w, s),
    lambda db, w, s: workshops.add_minute(db, w, s),
    lambda db, w, s: workshops.update_settings(db, w, s, workshops.Settings(False, 3, 1)),
]


@pytest.mark.parametrize("action", FACILITATOR_ACTIONS)
@pytest.mark.parametrize("wrong", [None, "", "guess", "x" * 32])
def test_facilitator_actions_need_the_secret(room, action, wrong):
    before = workshops.get_workshop(room.db, room.workshop.id)
    with pytest.raises(NotAllowed):
        action(room.db, room.workshop.id, wrong)
    assert workshops.get_workshop(room.db, room.workshop.id) == before


def test_a_participant_token_is_not_a_facilitator_secret(room):
    with pytest.raises(NotAllowed):
        workshops.advance(room.db, room.workshop.id, room.anna.token)


def test_timer_limits(room):
    with pytest.raises(InvalidInput, match="timer"):
        workshops.start_timer(room.db, room.workshop.id, room.secret, 0)
    started = workshops.start_timer(room.db, room.workshop.id, room.secret, 5)
    assert started.timer_ends_at is not None
    assert workshops.stop_timer(room.db, room.workshop.id, room.secret).timer_ends_at is None


def test_a_timer_ends_with_its_phase_unless_kept(room):
    w, secret = room.workshop.id, room.secret
    workshops.start_timer(room.db, w, secret, 5)
    assert workshops.advance(room.db, w, secret).timer_ends_at is None
    started = workshops.start_timer(room.db, w, secret, 5)
    kept = workshops.advance(room.db, w, secret, keep_timer=True)
    assert kept.timer_ends_at == started.timer_ends_at
    assert workshops.step_back(room.db, w, secret).timer_ends_at is None


def test_a_stopped_timer_stays_stopped_through_phase_changes(room):
    w, secret = room.workshop.id, room.secret
    workshops.start_timer(room.db, w, secret, 5)
    workshops.stop_timer(room.db, w, secret)
    for _ in range(3):
        assert workshops.advance(room.db, w, secret, keep_timer=True).timer_ends_at is None


def test_a_minute_more_on_a_running_or_finished_timer(room):
    w, secret = room.workshop.id, room.secret
    with pytest.raises(NotAllowed, match="No timer"):
        workshops.add_minute(room.db, w, secret)
    started = workshops.start_timer(room.db, w, secret, 5)
    assert started.timer_ends_at is not None
    longer = workshops.add_minute(room.db, w, secret)
    assert longer.timer_ends_at == pytest.approx(started.timer_ends_at + 60)
    room.db.execute("UPDATE workshops SET timer_ends_at = 1 WHERE id = ?", [w])  # ran out
    again = workshops.add_minute(room.db, w, secret)
    assert again.timer_ends_at == pytest.approx(time.time() + 60, abs=5)


def test_every_change_bumps_the_revision(room):
    before = workshops.revision(room.db, room.workshop.id)
    workshops.start_timer(room.db, room.workshop.id, room.secret, 5)
    assert workshops.revision(room.db, room.workshop.id) == before + 1


def test_settings_are_checked(room):
    with pytest.raises(InvalidInput, match="between 0 and 20"):
        workshops.update_settings(room.db, room.workshop.id, room.secret,
                                  workshops.Settings(True, 99, 3))

