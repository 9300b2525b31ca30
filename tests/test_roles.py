"""The one table of who may do what in which phase, and the rules read inside writes."""

import sqlite3

import pytest

from workshop import cards, check, groups, votes, workshops
from workshop import db as database
from workshop.errors import NotAllowed, Stale
from workshop.models import Workshop
from workshop.phases import Phase, next_phase, previous_phase, sequence
from workshop.roles import RULES, Do, Role, Viewer, may, require


def test_every_action_has_one_rule_and_every_rule_names_a_role_and_phases():
    assert set(RULES) == set(Do)
    for rule in RULES.values():
        assert rule.role in Role
        assert rule.phases <= set(Phase)
        assert rule.refusal.endswith(".")


@pytest.mark.parametrize(
    ("role", "do", "allowed"),
    [
        (Role.PARTICIPANT, Do.WRITE_CARD, {Phase.WRITE, Phase.REVEAL}),
        (Role.PARTICIPANT, Do.VOTE, {Phase.VOTE}),
        (Role.FACILITATOR, Do.GROUP, {Phase.REVEAL, Phase.GROUP}),
        (Role.FACILITATOR, Do.DECIDE, {Phase.DISCUSS}),
        (Role.FACILITATOR, Do.EDIT_ACTION, set(Phase) - {Phase.CLOSED}),
        (Role.PARTICIPANT, Do.EDIT_ACTION, set()),
        (Role.FACILITATOR, Do.JOIN, set(Phase) - {Phase.CLOSED}),
        (Role.VISITOR, Do.JOIN, set(Phase) - {Phase.CLOSED}),
        (Role.FACILITATOR, Do.VOTE, set()),
        (Role.PARTICIPANT, Do.GROUP, set()),
        (Role.VISITOR, Do.WRITE_CARD, set()),
    ],
)
def test_what_each_role_may_do_in_each_phase(role, do, allowed):
    assert {phase for phase in Phase if may(role, do, phase)} == allowed


def test_a_refusal_says_why_in_words_for_people():
    with pytest.raises(NotAllowed, match="Only the facilitator"):
        require(Role.PARTICIPANT, Do.MOVE_PHASE, Phase.WRITE)
    with pytest.raises(NotAllowed, match="only in the Vote phase"):
        require(Role.PARTICIPANT, Do.VOTE, Phase.DISCUSS)
    require(Role.PARTICIPANT, Do.VOTE, Phase.VOTE)  # allowed: no error


def test_a_viewer_is_one_value_with_one_role(room):
    assert Viewer.facilitator(room.secret).is_facilitator
    joined = Viewer.joined(room.anna)
    assert joined.role is Role.PARTICIPANT and joined.participant_id == room.anna.id
    assert not joined.is_facilitator and joined.secret is None
    assert Viewer.visitor().may(Do.JOIN, Phase.WRITE)
    assert not Viewer.visitor().may(Do.WRITE_CARD, Phase.WRITE)


def test_a_phase_typo_fails_loudly(room):
    with pytest.raises(ValueError):
        Phase("wirte")
    fields = dict(room.workshop.__dict__)
    fields["phase"] = "reveel"
    with pytest.raises(ValueError):
        Workshop(**fields)


def test_the_order_of_phases_skips_voting_without_dots():
    assert Phase.VOTE not in sequence(0)
    assert next_phase(Phase.GROUP, 0) is Phase.DISCUSS
    assert next_phase(Phase.VOTE, 0) is Phase.DISCUSS  # voting turned off while in Vote
    assert previous_phase(Phase.VOTE, 0) is Phase.GROUP
    assert next_phase(Phase.CLOSED, 5) is None and previous_phase(Phase.WRITE, 5) is None


def test_a_stale_phase_button_changes_nothing_and_says_so(room):
    room.phase("reveal")
    # A second tab still shows Reveal after the first moved on to Group.
    workshops.advance(room.db, room.workshop.id, room.secret, seen=Phase.REVEAL)
    with pytest.raises(Stale, match="in the Group phase already"):
        workshops.advance(room.db, room.workshop.id, room.secret, seen=Phase.REVEAL)
    with pytest.raises(Stale):
        workshops.step_back(room.db, room.workshop.id, room.secret, seen=Phase.REVEAL)
    assert workshops.get_workshop(room.db, room.workshop.id).phase is Phase.GROUP


def test_grouping_voted_cards_settles_the_dots_so_check_stays_clean(room):
    db, wid = room.db, room.workshop.id
    made = [
        cards.add_card(db, room.anna.token, "stop", text).id
        for text in ("Cut the weekly giveaway", "Stop the giveaway posts")
    ]
    room.phase("reveal")
    room.phase("group")
    room.phase("vote")
    for card_id in made:  # two dots on each card; together more than one card may hold
        for _ in range(2):
            votes.vote(db, room.ben.token, card_id=card_id)
    room.phase("group")  # back to Group, and the two cards become one group
    groups.merge(db, wid, room.secret, made, "The giveaway")
    assert check.problems(db) == []
    on_group = database.one(db, "SELECT COUNT(*) AS n FROM votes WHERE workshop_id = ?", [wid])
    assert on_group["n"] == 3


def test_lowering_the_most_dots_on_one_card_settles_the_dots(room):
    card = cards.add_card(room.db, room.anna.token, "stop", "Drop the print ads")
    room.phase("vote")
    for _ in range(3):
        votes.vote(room.db, room.ben.token, card_id=card.id)
    workshops.update_settings(
        room.db, room.workshop.id, room.secret, workshops.Settings(True, 5, 1)
    )
    assert check.problems(room.db) == []
    assert votes.dots_left(room.db, room.workshop, room.ben) == 4


def test_listeners_hear_of_a_nested_write_only_after_the_outer_commit(room, db_path):
    heard: list[tuple[int, int]] = []
    observer = sqlite3.connect(db_path)

    def listener(workshop_id: int) -> None:
        seen = observer.execute(
            "SELECT revision FROM workshops WHERE id = ?", [workshop_id]
        ).fetchone()[0]
        heard.append((workshop_id, seen))

    before = workshops.revision(room.db, room.workshop.id)
    database.on_change(listener)
    try:
        with database.write(room.db):
            with database.write(room.db, room.workshop.id):
                room.db.execute("UPDATE workshops SET title = 'Q4' WHERE id = ?",
                                [room.workshop.id])
            assert heard == []  # the inner write is part of the outer transaction
    finally:
        database._listeners.remove(listener)
    assert heard == [(room.workshop.id, before + 1)]  # heard once, and committed by then
