"""One facilitator, one offsite: the key that opens a workshop opens the boards it fed."""

from __future__ import annotations

import pytest

from tests.support import canvas_in_discuss, learning_in_discussion
from workshop import (
    audit,
    learning,
    live,
    proposals,
    teams,
    workshops,
)
from workshop.codes import hash_secret
from workshop.errors import NotAllowed
from workshop.roles import Role


@pytest.fixture
def offsite(db):
    """A team with next quarter's board (opened by someone else's key), a retrospective
    in Discuss and a channel canvas in Discuss, each with a key of its own."""
    team = teams.create_team(db, "Brand & Social")
    board, board_secret = workshops.create_workshop(
        db, team_id=team.id, quarter="2026-Q4", exercise="sscc", title="Q4 offsite"
    )
    retro, retro_secret, learned = learning_in_discussion(
        db, team.id, "Video beats stills", quarter="2026-Q3"
    )
    # A forgotten account today: comparing the canvas with it proposes to stop it.
    audit.save_audit(db, team.id, "2026-Q3", [
        {"platform": "Pinterest", "kind": "shared", "last_post_on": "2026-04-28"},
    ])
    canvas, canvas_secret, _ = canvas_in_discuss(db, team.id)
    return db, board, board_secret, (retro, retro_secret, learned), (canvas, canvas_secret)


def test_a_board_opens_with_the_key_of_the_workshop_that_fed_it_a_learning(offsite):
    db, board, _, (retro, retro_secret, learned), (_, canvas_secret) = offsite
    assert not workshops.is_facilitator(db, board.id, retro_secret)
    learning.to_board(
        db, retro.id, retro_secret, column="start", target_id=board.id, card_id=learned.id
    )
    assert workshops.is_facilitator(db, board.id, retro_secret)
    assert not workshops.is_facilitator(db, board.id, canvas_secret)  # it fed nothing yet
    workshops.set_phase(db, board.id, retro_secret, "reveal")  # and acts as its facilitator
    assert workshops.get_workshop(db, board.id).phase.value == "reveal"


def test_a_board_opens_with_the_key_of_the_canvas_whose_proposal_it_took(offsite):
    db, board, board_secret, _, (canvas, canvas_secret) = offsite
    (proposal, *_) = proposals.propose(db, canvas.id, canvas_secret)
    _, target = proposals.accept(db, canvas.id, canvas_secret, proposal.id)
    assert target.id == board.id  # the team's board of the quarter, opened by another key
    assert workshops.is_facilitator(db, board.id, canvas_secret)
    assert workshops.is_facilitator(db, board.id, board_secret)  # its own key still opens it
    # The way back is not opened: the board's key was never the canvas's facilitator's.
    assert not workshops.is_facilitator(db, canvas.id, board_secret)
    assert workshops.facilitated_by(db, [canvas_secret]) == {canvas.id, board.id}


def test_a_key_opens_nothing_it_did_not_feed(offsite):
    db, board, _, (retro, retro_secret, _), (canvas, canvas_secret) = offsite
    assert workshops.facilitated_by(db, [retro_secret]) == {retro.id}
    with pytest.raises(NotAllowed):
        workshops.set_phase(db, board.id, retro_secret, "reveal")
    assert workshops.facilitated_by(db, ["not a key", ""]) == set()


def test_the_live_stream_of_a_fed_board_takes_the_feeders_proof(offsite):
    db, board, _, (retro, retro_secret, learned), _ = offsite
    query = live.stream_query(
        Role.FACILITATOR, None, live.facilitator_proof(hash_secret(retro_secret))
    )
    assert live.watched(db, board.code, query) is None  # not yet: it fed nothing
    learning.to_board(
        db, retro.id, retro_secret, column="start", target_id=board.id, card_id=learned.id
    )
    assert live.watched(db, board.code, query) == (board.id, Role.FACILITATOR, None)
