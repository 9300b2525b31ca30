"""Who a browser is in a workshop, and what a participant's link shows."""

from __future__ import annotations

import pytest

from tests.support import app, read, shown
from workshop import cards, participants, workshops
from workshop.errors import NotAllowed


def links(at) -> list[str]:
    return [read(link.proto.label) for link in at.get("page_link")]


def test_the_session_keeps_the_person_when_the_address_loses_the_token(room):
    card = cards.add_card(room.db, room.ben.token, "stop", "Vote me")
    room.phase("vote")
    at = app("pages/board.py", code=room.workshop.code, me=room.anna.token)
    at.button(key=f"vote-card-{card.id}").click().run()
    del at.query_params["me"]  # what the browser's Back button did to the address
    at.run()
    assert "You have 4 of 5 dots left." in shown(at)
    assert not any(box.key == "join-name" for box in at.text_input)
    assert at.query_params["me"] == room.anna.token  # the address is their link again


def test_a_token_of_another_workshop_names_nobody_here(room):
    other, _ = workshops.create_workshop(
        room.db, team_id=room.workshop.team_id, quarter="2026-Q4", exercise="sscc", title="B"
    )
    stranger = participants.join(room.db, other.id, "Cleo")
    at = app("pages/board.py", code=room.workshop.code, me=stranger.token)
    assert any(box.key == "join-name" for box in at.text_input)


def test_joining_again_under_a_taken_name_points_to_the_facilitator(room):
    at = app("pages/board.py", code=room.workshop.code)
    at.text_input(key="join-name").input("anna")
    at.button(key="join-submit").click().run()
    assert "ask the facilitator for your personal link" in shown(at)
    assert [p.name for p in participants.list_participants(room.db, room.workshop.id)] == [
        "Anna",
        "Ben",
    ]


def test_the_facilitator_gives_a_lost_link_back(room):
    at = app("pages/board.py", code=room.workshop.code, key=room.secret)
    assert room.anna.token not in shown(at)  # nothing personal until a name is picked
    at.selectbox(key="hand-back-person").select(room.anna).run()
    (link,) = [c.value for c in at.code if "me=" in c.value]
    assert link.endswith(f"/board?code={room.workshop.code}&me={room.anna.token}")
    assert room.ben.token not in shown(at)


def test_only_the_facilitator_may_list_personal_links(room):
    with pytest.raises(NotAllowed):
        participants.for_facilitator(room.db, room.workshop.id, room.anna.token)
    people = participants.for_facilitator(room.db, room.workshop.id, room.secret)
    assert [p.token for p in people] == [room.anna.token, room.ben.token]


def test_a_participants_pages_link_to_nothing_beyond_their_workshop(room):
    cards.add_card(room.db, room.anna.token, "stop", "Boosting")
    room.phase("discuss")
    board = app("pages/board.py", code=room.workshop.code, me=room.anna.token)
    assert "All workshops" not in links(board)
    assert links(board) == ["Summary and download"]
    summary = app("pages/summary.py", code=room.workshop.code, me=room.anna.token)
    assert links(summary) == ["Back to the board"]
    room.phase("closed")
    closed = app("pages/summary.py", code=room.workshop.code)
    assert links(closed) == []
    facilitator = app("pages/board.py", code=room.workshop.code, key=room.secret)
    assert "All workshops" in links(facilitator)
