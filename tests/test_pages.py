"""Every page through Streamlit's AppTest, driven by widget keys."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.support import app, card_texts, shown
from workshop import cards, participants, privacy, teams, workshops


def test_home_offers_the_demo_on_an_empty_database(db):
    at = app()
    assert not at.exception
    assert "No workshops yet." in shown(at)
    at.button(key="load-demo").click().run()
    assert "Q3 offsite" in shown(at)
    assert not any(b.key == "load-demo" for b in at.button)


def test_creating_a_workshop_shows_both_links(db):
    at = app()
    at.text_input(key="setup-team-name").input("Growth team")
    at.text_input(key="setup-title-sscc").input("Q4 offsite")
    at.button(key="setup-submit").click().run()
    assert not at.exception
    created = workshops.list_workshops(db)
    assert [w.title for w in created] == ["Q4 offsite"]
    links = [c.value for c in at.code]
    assert any("key=" in link for link in links)
    assert any(link.endswith(f"code={created[0].code}") for link in links)


def test_creating_with_a_bad_quarter_says_what_is_wrong(db):
    at = app()
    at.text_input(key="setup-team-name").input("Growth team")
    at.text_input(key="setup-quarter").input("next quarter")
    at.button(key="setup-submit").click().run()
    assert "Write the quarter like 2026-Q4." in shown(at)
    assert workshops.list_workshops(db) == []
    assert teams.list_teams(db) == []  # the new team is not left behind half-way


def test_unknown_code_on_the_board_page(db):
    at = app("pages/board.py", code="WRONG")
    assert not at.exception
    assert "No workshop has the code" in shown(at)


def test_participant_joins_and_writes_privately(room):
    cards.add_card(room.db, room.ben.token, "stop", "Ben's private card")
    at = app("pages/board.py", code=room.workshop.code)
    at.text_input(key="join-name").input("Cleo")
    at.button(key="join-submit").click().run()
    assert not at.exception
    token = at.query_params["me"]
    at.text_area(key="new-card-text").input("Cleo's card")
    at.button(key="add-card-submit").click().run()
    assert "Cleo's card" in shown(at)
    assert "Ben's private card" not in shown(at)
    assert [c.text for c in cards_of(room, token)] == ["Cleo's card"]


def cards_of(room, token):
    from workshop import participants

    me = participants.by_token(room.db, token)
    rows = room.db.execute("SELECT id FROM cards WHERE participant_id = ?", [me.id]).fetchall()
    return [cards.get_card(room.db, r[0]) for r in rows]


def test_empty_card_shows_a_message_and_keeps_the_page(room):
    at = app("pages/board.py", code=room.workshop.code, me=room.anna.token)
    at.text_area(key="new-card-text").input("   ")
    at.button(key="add-card-submit").click().run()
    assert "Card cannot be empty." in shown(at)


def test_facilitator_sees_counts_not_text_and_can_advance(room):
    cards.add_card(room.db, room.anna.token, "stop", "Anna's private card")
    at = app("pages/board.py", code=room.workshop.code, key=room.secret)
    assert not at.exception
    assert "key" not in at.query_params  # removed from the address bar
    assert "Anna's private card" not in shown(at)
    assert [m.value for m in at.metric] == ["1"]  # anonymous: no count per column
    at.button(key="next-phase").click().run()
    assert workshops.get_workshop(room.db, room.workshop.id).phase == "reveal"
    assert "Anna's private card" in shown(at)


def test_participant_link_has_no_facilitator_controls(room):
    at = app("pages/board.py", code=room.workshop.code, me=room.anna.token)
    assert not any(b.key == "next-phase" for b in at.button)
    assert not at.sidebar.button


def test_participant_cannot_become_facilitator_with_a_wrong_key(room):
    at = app("pages/board.py", code=room.workshop.code, me=room.anna.token, key="guess")
    assert not any(b.key == "next-phase" for b in at.button)
    assert "key" not in at.query_params


@pytest.mark.parametrize("phase", ["reveal", "group", "vote", "discuss", "closed"])
def test_board_renders_in_every_phase_for_both_roles(room, phase):
    cards.add_card(room.db, room.anna.token, "stop", "<b>Boosting</b> [x](javascript:alert(1))")
    room.phase(phase)
    for params in ({"me": room.anna.token}, {"key": room.secret}):
        at = app("pages/board.py", code=room.workshop.code, **params)
        assert not at.exception
        assert "<b>Boosting</b> [x](javascript:alert(1))" in card_texts(at)
        heads = " ".join(block.proto.body for block in at.html)
        assert "<h3>Stop (1)</h3>" in heads and "<h3>Start (0)</h3>" in heads
        assert "No cards yet." in heads


def test_voting_in_the_page_spends_dots(room):
    card = cards.add_card(room.db, room.anna.token, "stop", "Vote me")
    room.phase("vote")
    at = app("pages/board.py", code=room.workshop.code, me=room.ben.token)
    at.button(key=f"vote-card-{card.id}").click().run()
    assert "You have 4 of 5 dots left." in shown(at)


def test_summary_page_of_a_closed_demo_workshop(demo_db):
    closed = next(w for w in workshops.list_workshops(demo_db) if w.exercise == "sscc")
    at = app("pages/summary.py", code=closed.code)
    assert not at.exception
    assert "Pinterest" in shown(at)
    assert at.get("download_button")


def test_summary_waits_for_the_reveal(room):
    at = app("pages/summary.py", code=room.workshop.code)
    assert "opens after the cards are revealed" in "\n".join(w.value for w in at.warning)


def walk(node):
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from walk(child)


def widget_keys(at: AppTest) -> set[str]:
    return {node.key for node in walk(at._tree) if getattr(node, "key", None)}


def everything_sent(at: AppTest) -> str:
    return "\n".join(str(getattr(node, "proto", "")) for node in walk(at._tree))


FACILITATOR_KEYS = ("next-phase", "previous-phase", "timer-", "delete-", "pick-", "merge-",
                    "into-", "split-", "remove-", "action-", "status-", "settings",
                    "edit-action-")


@pytest.mark.parametrize("phase", ["write", "reveal", "group", "vote", "discuss", "closed"])
def test_a_participant_link_offers_no_facilitator_control_in_any_phase(room, phase):
    card = cards.add_card(room.db, room.anna.token, "stop", "A card to act on")
    if phase != "write":
        room.phase(phase)
    at = app("pages/board.py", code=room.workshop.code, me=room.ben.token, key="not-the-key")
    assert not at.exception
    keys = widget_keys(at)
    assert not [k for k in keys if k.startswith(FACILITATOR_KEYS)], keys
    assert room.secret not in everything_sent(at)
    facilitator = app("pages/board.py", code=room.workshop.code, key=room.secret)
    assert [k for k in widget_keys(facilitator) if k.startswith(FACILITATOR_KEYS)]
    assert card.id


def test_removing_a_person_asks_first_then_says_what_went(room):
    cards.add_card(room.db, room.anna.token, "stop", "Anna wants this gone")
    at = app("pages/board.py", code=room.workshop.code, key=room.secret)
    at.selectbox(key="delete-person-pick").select_index(0).run()
    at.button(key="delete-person-submit").click().run()
    assert "Pick a person and tick the box to confirm." in shown(at)
    assert room.db.execute("SELECT COUNT(*) FROM cards").fetchone()[0] == 1

    at.selectbox(key="delete-person-pick").select_index(0)
    at.checkbox(key="delete-person-sure").check()
    at.button(key="delete-person-submit").click().run()
    assert not at.exception
    assert [m.value for m in at.success] == ["Removed for good: 1 participant, 1 card."]
    assert room.db.execute("SELECT COUNT(*) FROM cards").fetchone()[0] == 0
    assert [p.name for p in participants.list_participants(room.db, room.workshop.id)] == ["Ben"]


def test_deleting_the_workshop_needs_its_code_typed(room):
    at = app("pages/board.py", code=room.workshop.code, key=room.secret)
    at.text_input(key="delete-workshop-code").input("WRONG-CODE")
    at.button(key="delete-workshop-submit").click().run()
    assert "The code does not match; nothing was deleted." in shown(at)
    assert workshops.list_workshops(room.db)

    at.text_input(key="delete-workshop-code").input(room.workshop.display_code.lower())
    at.button(key="delete-workshop-submit").click().run()
    assert not at.exception
    assert workshops.list_workshops(room.db) == []
    assert [m.value for m in at.success] == ["Removed for good: 1 workshop, 2 participants."]


def test_a_deleted_workshop_tells_its_participants(room):
    at = app("pages/board.py", code=room.workshop.code, me=room.anna.token)
    privacy.delete_workshop(room.db, room.workshop.id, room.secret)
    at.run()
    assert not at.exception
    assert "No workshop has the code" in shown(at)
