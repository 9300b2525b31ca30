"""The channel canvas's screens through AppTest: the audit, the canvas, the proposals."""

from __future__ import annotations

import pytest

from tests.support import app, canvas_in_discuss, channel, read, shown, team_app
from workshop import audit, canvas, canvas_plan, cards, proposals, teams, workshops
from workshop.ui.canvas_view import drawn_key


@pytest.fixture
def team(db):
    return teams.create_team(db, "Brand & Social")


@pytest.fixture
def discussing(db, team):
    """A canvas in Discuss with one voted proposal, and an audit of the quarter before."""
    audit.save_audit(db, team.id, "2026-Q3", [
        {"platform": "Pinterest", "kind": "shared", "last_post_on": "2026-04-28"},
        {"platform": "Instagram", "kind": "shared", "owner": "Aisha", "budget_share": 100,
         "role": "discoverer"},
    ])
    return db, *canvas_in_discuss(db, team.id, "TikTok")


def test_the_audit_page_saves_the_list_and_flags_it(db, team):
    audit.save_audit(db, team.id, "2026-Q3", [{"platform": "Instagram", "kind": "shared"}])
    at = team_app(db, "pages/channels.py", team.id)
    at.text_input(key="channels-quarter").input("2026-Q4").run()
    assert "No list for 2026-Q4 yet." in shown(at)
    at.button(key="channels-copy").click().run()
    assert not at.exception
    assert [c.platform for c in audit.list_audit(db, team.id, "2026-Q4")] == ["Instagram"]
    assert "Instagram" in shown(at) and "no owner" in shown(at)


def test_a_wrong_quarter_on_the_audit_page_says_so(db, team):
    at = team_app(db, "pages/channels.py", team.id)
    at.text_input(key="channels-quarter").input("soon").run()
    assert "Write the quarter like 2026-Q4." in shown(at)


def test_the_facilitator_puts_a_channel_on_the_canvas_and_compares(discussing):
    db, workshop, secret, card = discussing
    at = app("pages/board.py", code=workshop.code, key=secret)
    key = f"plan-card-{card.id}"
    platform_field = [w for w in at.text_input if w.key == f"{key}-platform"]
    assert platform_field == []  # no form is built until its popover opens
    at.session_state[f"plan-open-card-{card.id}"] = True
    at.run()
    assert at.text_input(key=f"{key}-platform").value == "TikTok"
    at.selectbox(key=f"{key}-role").select("discoverer")
    at.radio(key=f"{key}-fit_sell").set_value("no")
    at.text_input(key=f"{key}-goal").input("First-time buyers")
    at.text_input(key=f"{key}-share").input("60")
    at.text_area(key=f"{key}-hypothesis").input("If staff post tips, followers reach 5,000")
    at.button(key=f"{key}-submit").click().run()
    assert not at.exception
    (tiktok,) = canvas_plan.list_plan(db, workshop.id)
    assert (tiktok.platform, tiktok.kind, tiktok.budget_share, tiktok.card_id) == (
        "TikTok", "shared", 60, card.id
    )
    text = shown(at) + "\n".join(read(w.value) for w in at.warning)
    assert "→ on the canvas as “TikTok”" in text
    assert "The budget shares add up to 60%, not 100%." in text
    assert "TikTok: “no” to “Do we sell to the people who are on this platform?”" in text
    assert "TikTok: no measurable KPI (metric and target)" in text
    at.button(key="compare").click().run()
    found = proposals.list_proposals(db, workshop.id)
    assert [(p.outcome, p.platform) for p in found] == [
        ("stop", "Instagram"), ("stop", "Pinterest"), ("start", "TikTok"),
    ]
    start = found[2]
    at.text_area(key=f"proposal-text-{drawn_key(start)}").input("TikTok: a 6-week staff-tips test")
    at.button(key=f"accept-{drawn_key(start)}").click().run()
    assert not at.exception
    accepted = proposals.list_proposals(db, workshop.id)[2]
    assert accepted.status == "accepted"
    assert cards.get_card(db, accepted.card_id).text == "TikTok: a 6-week staff-tips test"
    assert any("Accepted items are on 2026-Q4" in link.proto.label for link in at.get("page_link"))


def test_closing_a_canvas_whose_budget_is_short_says_why(discussing):
    db, workshop, secret, _ = discussing
    canvas.add_channel(db, workshop.id, secret, channel(budget_share=40))
    at = app("pages/board.py", code=workshop.code, key=secret)
    at.button(key="next-phase").click().run()
    assert "The budget shares add up to 40%, not 100%." in shown(at)
    assert workshops.get_workshop(db, workshop.id).phase == "discuss"


def test_the_canvas_summary_has_the_plan_the_proposals_and_charts(discussing):
    db, workshop, secret, _ = discussing
    canvas.add_channel(db, workshop.id, secret, channel(budget_share=100))
    proposals.propose(db, workshop.id, secret)
    workshops.set_phase(db, workshop.id, secret, "closed")
    at = app("pages/summary.py", code=workshop.code)
    assert not at.exception
    text = shown(at)
    assert "The canvas" in text and "Against today" in text and "TikTok" in text
    assert len(at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")) == 3


def _proposed(db, workshop, secret):
    canvas.add_channel(db, workshop.id, secret, channel(budget_share=100))
    return proposals.propose(db, workshop.id, secret)


def test_a_decision_made_elsewhere_first_makes_a_click_change_nothing_and_say_so(discussing):
    db, workshop, secret, _ = discussing
    found = _proposed(db, workshop, secret)
    stop = found[0]
    at = app("pages/board.py", code=workshop.code, key=secret)
    proposals.accept(db, workshop.id, secret, stop.id)  # another tab, or the first click
    cards_before = db.execute("SELECT count(*) FROM cards").fetchone()[0]
    at.button(key=f"reject-{drawn_key(stop)}").click().run()
    assert not at.exception
    said = [read(e.value) for e in at.error]
    assert said == ["That proposal was accepted already; nothing was changed."]
    assert proposals.list_proposals(db, workshop.id)[0].status == "accepted"
    assert db.execute("SELECT count(*) FROM cards").fetchone()[0] == cards_before
    # drawn as it is now: decided, its buttons kept in place but disabled
    assert at.button(key=f"accept-{drawn_key(stop)}").disabled
    assert not at.button(key=f"accept-{drawn_key(found[1])}").disabled


def test_a_click_on_a_proposal_replaced_by_a_new_comparison_decides_nothing(discussing):
    db, workshop, secret, _ = discussing
    found = _proposed(db, workshop, secret)
    start = next(p for p in found if p.outcome == "start")
    at = app("pages/board.py", code=workshop.code, key=secret)
    # Another tab renames the channel and compares again: TikTok's Start goes, and
    # Threads' Start takes its number.
    (tiktok,) = canvas_plan.list_plan(db, workshop.id)
    canvas.update_channel(db, workshop.id, secret, tiktok.id, {"platform": "Threads"})
    taken = next(p for p in proposals.propose(db, workshop.id, secret) if p.id == start.id)
    assert taken.platform == "Threads"
    at.button(key=f"accept-{drawn_key(start)}").click().run()
    assert not at.exception
    said = [read(e.value) for e in at.error]
    assert said == [
        "The proposals were compared again after this page was drawn; nothing was changed. "
        "Decide on the list as it is now."
    ]
    assert {p.status for p in proposals.list_proposals(db, workshop.id)} == {"proposed"}
    # the new proposal gets widgets of its own, not the old one's edited text
    assert at.text_area(key=f"proposal-text-{drawn_key(taken)}").value == taken.text


def test_comparing_again_with_nothing_new_says_so(discussing):
    db, workshop, secret, _ = discussing
    before = _proposed(db, workshop, secret)
    at = app("pages/board.py", code=workshop.code, key=secret)
    at.button(key="compare").click().run()
    assert not at.exception
    assert [read(t.value) for t in at.toast] == [
        "Nothing new: the canvas and today's channels propose the same as before."
    ]
    assert [p.id for p in proposals.list_proposals(db, workshop.id)] == [p.id for p in before]
