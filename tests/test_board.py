"""Cards, privacy before the reveal, grouping, dot limits and actions."""

import pytest

from tests.support import make_room
from workshop import actions, board, cards, groups, participants, votes, workshops
from workshop.errors import InvalidInput, LimitReached, NotAllowed, NotFound


def view(room, who=None, facilitator=False):
    current = workshops.get_workshop(room.db, room.workshop.id)
    return board.load(room.db, current, participant=who, facilitator=facilitator)


def texts(b):
    return [c.text for col in b.columns for item in col.items for c in item.cards]


def test_before_the_reveal_everyone_sees_only_their_own_cards(room):
    cards.add_card(room.db, room.anna.token, "stop", "Anna's secret idea")
    cards.add_card(room.db, room.ben.token, "start", "Ben's idea")
    assert texts(view(room, room.anna)) == ["Anna's secret idea"]
    assert texts(view(room, room.ben)) == ["Ben's idea"]
    facilitator = view(room, facilitator=True)
    assert texts(facilitator) == []
    assert [c.card_count for c in facilitator.columns] == [1, 1, 0, 0]
    assert {p.name: p.cards for p in facilitator.contributors} == {"Anna": 1, "Ben": 1}


def test_after_the_reveal_cards_are_public_and_anonymous(room):
    cards.add_card(room.db, room.anna.token, "stop", "Anna's idea")
    room.phase("reveal")
    b = view(room, room.ben)
    assert texts(b) == ["Anna's idea"]
    assert all(c.author is None for col in b.columns for i in col.items for c in i.cards)
    assert b.contributors == ()


def test_named_workshops_show_authors_after_the_reveal(db):
    room = make_room(db, anonymous=False)
    cards.add_card(db, room.anna.token, "stop", "Named idea")
    assert view(room, room.ben).columns[0].items == ()
    room.phase("reveal")
    assert view(room, room.ben).columns[0].items[0].cards[0].author == "Anna"


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "x" * 501])
def test_empty_or_long_cards_are_refused_and_nothing_is_saved(room, text):
    with pytest.raises(InvalidInput):
        cards.add_card(room.db, room.anna.token, "stop", text)
    assert room.db.execute("SELECT COUNT(*) FROM cards").fetchone()[0] == 0


def test_card_text_is_trimmed_and_stripped_of_controls(room):
    card = cards.add_card(room.db, room.anna.token, "stop", "  a\x00b\x1b[31m c \n")
    assert card.text == "ab[31m c"


def test_markup_is_stored_as_typed(room):
    typed = "<script>alert(1)</script> [x](javascript:alert(1)) # Heading"
    assert cards.add_card(room.db, room.anna.token, "stop", typed).text == typed


def test_only_the_author_edits_or_deletes_a_card(room):
    card = cards.add_card(room.db, room.anna.token, "stop", "Mine")
    with pytest.raises(NotAllowed):
        cards.edit_card(room.db, room.ben.token, card.id, "Hijacked")
    with pytest.raises(NotAllowed):
        cards.delete_card(room.db, room.ben.token, card.id)
    assert cards.edit_card(room.db, room.anna.token, card.id, "Mine, better").text == "Mine, better"
    cards.delete_card(room.db, room.anna.token, card.id)
    with pytest.raises(NotFound):
        cards.get_card(room.db, card.id)


def test_cards_are_locked_after_the_reveal_phases(room):
    card = cards.add_card(room.db, room.anna.token, "stop", "Early")
    room.phase("reveal")
    cards.add_card(room.db, room.anna.token, "start", "Late idea")
    room.phase("group")
    with pytest.raises(NotAllowed, match="Write and Reveal"):
        cards.add_card(room.db, room.anna.token, "stop", "Too late")
    with pytest.raises(NotAllowed):
        cards.edit_card(room.db, room.anna.token, card.id, "Changed")


def test_unknown_column_and_unknown_token_are_refused(room):
    with pytest.raises(InvalidInput, match="column"):
        cards.add_card(room.db, room.anna.token, "maybe", "text")
    with pytest.raises(NotFound):
        cards.add_card(room.db, "not-a-token", "stop", "text")


def test_only_the_facilitator_removes_others_cards(room):
    card = cards.add_card(room.db, room.anna.token, "stop", "Off topic")
    with pytest.raises(NotAllowed):
        cards.remove_card(room.db, room.workshop.id, room.ben.token, card.id)
    cards.remove_card(room.db, room.workshop.id, room.secret, card.id)
    with pytest.raises(NotFound):
        cards.get_card(room.db, card.id)


def grouped_room(room):
    a = cards.add_card(room.db, room.anna.token, "stop", "Boosting every post")
    b = cards.add_card(room.db, room.ben.token, "stop", "Paying to boost everything")
    c = cards.add_card(room.db, room.ben.token, "start", "TikTok test")
    room.phase("group")
    return a, b, c


def test_merging_makes_one_titled_item_and_split_restores_the_cards(room):
    a, b, c = grouped_room(room)
    group = groups.merge(room.db, room.workshop.id, room.secret, [a.id, b.id], "Stop boosting")
    items = view(room, room.anna).columns[0].items
    assert [(i.kind, i.title, len(i.cards)) for i in items] == [("group", "Stop boosting", 2)]
    groups.split(room.db, room.workshop.id, room.secret, group.id)
    items = view(room, room.anna).columns[0].items
    assert [i.kind for i in items] == ["card", "card"]
    with pytest.raises(NotFound):
        groups.get_group(room.db, group.id)


def test_merge_rules(room):
    a, b, c = grouped_room(room)
    with pytest.raises(InvalidInput, match="different columns"):
        groups.merge(room.db, room.workshop.id, room.secret, [a.id, c.id], "Mixed")
    with pytest.raises(InvalidInput, match="at least two"):
        groups.merge(room.db, room.workshop.id, room.secret, [a.id], "Alone")
    with pytest.raises(NotAllowed):
        groups.merge(room.db, room.workshop.id, room.anna.token, [a.id, b.id], "Not mine")
    assert room.db.execute("SELECT COUNT(*) FROM card_groups").fetchone()[0] == 0


def test_merging_into_an_existing_group_and_emptied_groups_vanish(room):
    a, b, _ = grouped_room(room)
    room.phase("reveal")
    d = cards.add_card(room.db, room.anna.token, "stop", "Stop boosting blindly")
    room.phase("group")
    first = groups.merge(room.db, room.workshop.id, room.secret, [a.id, b.id], "Boosting")
    groups.merge(room.db, room.workshop.id, room.secret, [d.id], "", into_group_id=first.id)
    assert room.db.execute("SELECT COUNT(*) FROM cards WHERE group_id = ?",
                           [first.id]).fetchone()[0] == 3
    second = groups.merge(room.db, room.workshop.id, room.secret, [a.id, b.id, d.id], "Renamed")
    with pytest.raises(NotFound):
        groups.get_group(room.db, first.id)
    assert groups.get_group(room.db, second.id).title == "Renamed"


def voting_room(db, dots=3, per_card=2):
    room = make_room(db, dots=dots, max_dots_per_card=per_card)
    a = cards.add_card(db, room.anna.token, "stop", "One")
    b = cards.add_card(db, room.ben.token, "stop", "Two")
    room.phase("vote")
    return room, a, b


def test_dot_limits_per_person_and_per_card(db):
    room, a, b = voting_room(db)
    assert votes.vote(db, room.anna.token, card_id=a.id) == 2
    assert votes.vote(db, room.anna.token, card_id=a.id) == 1
    with pytest.raises(LimitReached, match="At most 2"):
        votes.vote(db, room.anna.token, card_id=a.id)
    assert votes.vote(db, room.anna.token, card_id=b.id) == 0
    with pytest.raises(LimitReached, match="all 3"):
        votes.vote(db, room.anna.token, card_id=b.id)
    assert view(room, room.anna).dots_left == 0
    assert votes.unvote(db, room.anna.token, card_id=a.id) == 1
    with pytest.raises(NotAllowed, match="no dot"):
        votes.unvote(db, room.ben.token, card_id=a.id)


def test_votes_only_in_the_vote_phase_and_scores_hidden_until_discussion(db):
    room, a, b = voting_room(db)
    votes.vote(db, room.anna.token, card_id=b.id)
    votes.vote(db, room.ben.token, card_id=b.id)
    during = view(room, room.anna)
    assert all(i.votes is None for i in during.columns[0].items)
    assert during.dots_cast == 2
    room.phase("discuss")
    with pytest.raises(NotAllowed, match="Vote phase"):
        votes.vote(db, room.anna.token, card_id=a.id)
    items = view(room, room.anna).columns[0].items
    assert [(i.title, i.votes) for i in items] == [("Two", 2), ("One", 0)]


def test_a_group_is_voted_on_as_one_item(db):
    room = make_room(db, dots=5, max_dots_per_card=2)
    a = cards.add_card(db, room.anna.token, "stop", "A")
    b = cards.add_card(db, room.ben.token, "stop", "B")
    room.phase("group")
    group = groups.merge(db, room.workshop.id, room.secret, [a.id, b.id], "AB")
    room.phase("vote")
    votes.vote(db, room.anna.token, group_id=group.id)
    votes.vote(db, room.anna.token, card_id=b.id)  # a grouped card counts as its group
    with pytest.raises(LimitReached):
        votes.vote(db, room.anna.token, group_id=group.id)
    room.phase("discuss")
    assert view(room).columns[0].items[0].votes == 2


def test_fewer_dots_trims_the_newest_votes(db):
    room, a, b = voting_room(db, dots=3, per_card=3)
    for _ in range(3):
        votes.vote(db, room.anna.token, card_id=a.id)
    workshops.update_settings(db, room.workshop.id, room.secret, workshops.Settings(True, 1, 1))
    assert db.execute("SELECT COUNT(*) FROM votes").fetchone()[0] == 1


def test_actions_need_discussion_an_owner_and_the_secret(room):
    card = cards.add_card(room.db, room.anna.token, "stop", "Boosting")
    room.phase("reveal")
    with pytest.raises(NotAllowed, match="Discuss"):
        actions.add_action(room.db, room.workshop.id, room.secret, kind="action", text="x",
                           owner="Ben")
    room.phase("discuss")
    with pytest.raises(InvalidInput, match="owner"):
        actions.add_action(room.db, room.workshop.id, room.secret, kind="action", text="x")
    with pytest.raises(NotAllowed):
        actions.add_action(room.db, room.workshop.id, room.anna.token, kind="decision", text="x")
    action = actions.add_action(room.db, room.workshop.id, room.secret, kind="action",
                                text="Stop boosting", owner="Ben", due_on="2027-01-15",
                                card_id=card.id)
    assert (action.owner, action.due_on, action.status) == ("Ben", "2027-01-15", "open")
    assert actions.set_status(room.db, room.workshop.id, room.secret, action.id,
                              "done").status == "done"
    with pytest.raises(InvalidInput, match="date"):
        actions.add_action(room.db, room.workshop.id, room.secret, kind="action", text="y",
                           owner="Ben", due_on="next week")


def test_split_keeps_the_actions_of_a_group(room):
    a, b, _ = grouped_room(room)
    group = groups.merge(room.db, room.workshop.id, room.secret, [a.id, b.id], "Boosting")
    room.phase("discuss")
    action = actions.add_action(room.db, room.workshop.id, room.secret, kind="decision",
                                text="Stop it", group_id=group.id)
    room.phase("group")
    groups.split(room.db, room.workshop.id, room.secret, group.id)
    assert actions.get_action(room.db, action.id).card_id == a.id


def test_names_are_unique_per_workshop_and_closed_workshops_refuse_joins(room):
    with pytest.raises(InvalidInput, match="has joined already"):
        participants.join(room.db, room.workshop.id, "anna")
    room.phase("closed")
    with pytest.raises(NotAllowed, match="closed"):
        participants.join(room.db, room.workshop.id, "Cleo")
