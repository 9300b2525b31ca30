"""The channel canvas: today's audit, the scratch plan, the comparison and its proposals."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.support import canvas_in_discuss, channel
from workshop import (
    audit,
    board,
    canvas,
    canvas_plan,
    channels,
    comparison,
    proposals,
    summary,
    teams,
    workshops,
)
from workshop.errors import InvalidInput, NotAllowed, Stale
from workshop.models import AuditChannel, PlanChannel

ON = dt.date(2026, 11, 24)


def today(platform: str, **fields) -> AuditChannel:
    values = {
        "id": 0, "team_id": 1, "quarter": "2026-Q4", "platform": platform, "account": "",
        "kind": "shared", "role": "discoverer", "owner": "Aisha", "backup_admin": "",
        "last_post_on": "2026-11-20", "audience_size": None, "budget_share": 20.0,
        "purpose": "", "status": "active",
    }
    return AuditChannel(**(values | fields))


def planned(platform: str, **fields) -> PlanChannel:
    values = dict.fromkeys(canvas.FIELDS, "") | {
        "id": 0, "workshop_id": 1, "card_id": None, "platform": platform, "kind": "shared",
        "role": "discoverer", "stage": "reach", "kpi_baseline": None, "kpi_target": 1000,
        "kpi_due_on": None, "kpi_level": "manager", "budget_share": 20.0, "effort": None,
        "goal": "First-time buyers", "kpi_metric": "reach", "fit_sell": "yes",
        "fit_buy": "yes", "fit_ours": "yes",
    }
    return PlanChannel(**(values | fields))


def outcomes(found) -> list[tuple[str, str]]:
    return [(s.outcome, s.platform) for s in found]


# The comparison rules --------------------------------------------------------------------


def test_the_four_outcomes():
    found = comparison.compare(
        [planned("Instagram"), planned("TikTok", hypothesis="If we post staff tips, "
                                       "followers reach 5,000 by June"),
         planned("Newsletter", kind="owned", budget_share=10, role="goal_scorer")],
        [today("Instagram"), today("Pinterest", owner="", last_post_on="2026-04-28",
                                   status="abandoned"),
         today("Newsletter", kind="owned", budget_share=30, role="discoverer")],
        ON,
    )
    assert outcomes(found) == [
        ("stop", "Pinterest"), ("start", "TikTok"), ("continue", "Instagram"),
        ("change", "Newsletter"),
    ]
    reasons = {s.outcome: s.reason for s in found}
    assert reasons["stop"] == (
        "not on the scratch canvas; owner unknown; abandoned; last post 210 days ago"
    )
    assert reasons["start"] == (
        "not run today; start as a test: If we post staff tips, followers reach 5,000 by June"
    )
    assert reasons["continue"] == "same role and budget"
    assert reasons["change"] == "budget 30% to 10%, role discoverer to goal scorer"
    assert found[0].text == "Pinterest: " + reasons["stop"]


def test_two_accounts_on_one_platform_keep_the_active_one_and_stop_the_other():
    found = comparison.compare(
        [planned("Facebook")],
        [today("Facebook", id=1, account="Northwind Outdoor", last_post_on="2026-11-01"),
         today("Facebook", id=2, account="Northwind Shop NL", owner="", status="duplicate",
               last_post_on="2025-12-01")],
        ON,
    )
    assert outcomes(found) == [("stop", "Facebook (Northwind Shop NL)"),
                               ("continue", "Facebook")]
    assert found[0].reason.startswith("a second account on Facebook; keep Northwind Outdoor")
    assert "owner unknown" in found[0].reason and "last post 358 days ago" in found[0].reason


def test_a_renamed_channel_is_the_same_channel():
    assert channels.platform_key("Twitter") == channels.platform_key(" x ") == "x"
    assert channels.platform_key("Google Ads") == channels.platform_key("google search ads")
    assert channels.platform_key("E-mail") == channels.platform_key("Newsletter")
    found = comparison.compare([planned("X")], [today("Twitter")], ON)
    assert outcomes(found) == [("continue", "X")]


def test_zero_budget_is_a_budget_and_a_missing_one_is_no_difference():
    found = comparison.compare(
        [planned("Instagram", budget_share=0), planned("LinkedIn", budget_share=0)],
        [today("Instagram", budget_share=0), today("LinkedIn", budget_share=None)],
        ON,
    )
    assert outcomes(found) == [("continue", "Instagram"), ("continue", "LinkedIn")]
    moved = comparison.compare([planned("YouTube", budget_share=0)],
                               [today("YouTube", budget_share=15)], ON)
    assert [s.reason for s in moved] == ["budget 15% to 0%"]


def test_a_channel_only_in_one_list():
    assert outcomes(comparison.compare([planned("Podcast")], [], ON)) == [("start", "Podcast")]
    assert comparison.compare([planned("Podcast")], [], ON)[0].reason.endswith(
        "with a hypothesis before any budget moves"
    )
    assert outcomes(comparison.compare([], [today("Snapchat")], ON)) == [("stop", "Snapchat")]
    assert comparison.compare([], [], ON) == []


def test_a_change_of_type_is_a_change():
    found = comparison.compare([planned("Instagram", kind="paid")], [today("Instagram")], ON)
    assert [s.reason for s in found] == ["type shared to paid"]


# The audit ---------------------------------------------------------------------------------


@pytest.fixture
def team(db):
    return teams.create_team(db, "Brand & Social")


def test_the_audit_saves_a_quarter_and_flags_what_needs_attention(db, team):
    lines = audit.save_audit(db, team.id, "2026-Q4", [
        {"platform": "Facebook", "account": "Northwind Outdoor", "kind": "shared",
         "owner": "Aisha", "last_post_on": "2026-11-20"},
        {"platform": "facebook", "account": "Northwind Shop NL", "kind": "shared",
         "last_post_on": "2025-12-01", "status": "duplicate"},
        {"platform": "Pinterest", "kind": "shared", "owner": "", "last_post_on": None},
        {"platform": "", "account": "", "kind": ""},  # an empty line left in the table
    ])
    assert [line.platform for line in lines] == ["Facebook", "facebook", "Pinterest"]
    found = audit.flags(lines, ON)
    by_account = {line.account or line.platform: found.get(line.id, []) for line in lines}
    assert by_account["Northwind Outdoor"] == ["duplicate on Facebook"]
    assert by_account["Northwind Shop NL"] == [
        "no owner", "duplicate on facebook", "no post for 358 days",
    ]
    assert by_account["Pinterest"] == ["no owner", "last post unknown"]


def test_a_wrong_audit_line_names_its_line_and_saves_nothing(db, team):
    audit.save_audit(db, team.id, "2026-Q3", [{"platform": "Instagram", "kind": "shared"}])
    with pytest.raises(InvalidInput, match="Line 2: Budget share cannot be over 100."):
        audit.save_audit(db, team.id, "2026-Q3", [
            {"platform": "TikTok", "kind": "shared"},
            {"platform": "Meta Ads", "kind": "paid", "budget_share": 140},
        ])
    with pytest.raises(InvalidInput, match="Line 1: Audience size must be a whole number."):
        audit.save_audit(db, team.id, "2026-Q3",
                         [{"platform": "X", "kind": "shared", "audience_size": 1.5}])
    with pytest.raises(InvalidInput, match="Pick one of: paid, earned, shared, owned."):
        audit.save_audit(db, team.id, "2026-Q3", [{"platform": "X", "kind": "social"}])
    assert [line.platform for line in audit.list_audit(db, team.id, "2026-Q3")] == ["Instagram"]


def test_a_new_quarter_starts_from_the_last_audit(db, team):
    audit.save_audit(db, team.id, "2026-Q3", [{"platform": "Instagram", "kind": "shared"}])
    copied = audit.copy_quarter(db, team.id, "2026-Q3", "2026-Q4")
    assert [(c.quarter, c.platform) for c in copied] == [("2026-Q4", "Instagram")]
    assert audit.latest_quarter(db, team.id, "2027-Q1") == "2026-Q4"
    assert audit.latest_quarter(db, team.id, "2026-Q2") is None


# The canvas --------------------------------------------------------------------------------


@pytest.fixture
def canvas_room(db, team):
    return db, *canvas_in_discuss(db, team.id)


def test_the_canvas_closes_only_when_the_budget_adds_up(canvas_room):
    db, workshop, secret, card = canvas_room
    with pytest.raises(NotAllowed, match="at least one channel"):
        workshops.set_phase(db, workshop.id, secret, "closed")
    tiktok = canvas.add_channel(db, workshop.id, secret, channel(), card_id=card.id)
    assert tiktok.card_id == card.id and tiktok.fit_sell == "unsure"
    canvas.add_channel(db, workshop.id, secret, channel(platform="Newsletter", kind="owned",
                                                         budget_share=50))
    with pytest.raises(NotAllowed, match="add up to 90%, not 100%"):
        workshops.set_phase(db, workshop.id, secret, "closed")
    canvas.update_channel(db, workshop.id, secret, tiktok.id, {"budget_share": 50})
    assert workshops.set_phase(db, workshop.id, secret, "closed").phase == "closed"
    with pytest.raises(NotAllowed):
        canvas.add_channel(db, workshop.id, secret, channel(platform="X"))


def test_bad_canvas_input_is_refused(canvas_room):
    db, workshop, secret, _ = canvas_room
    for wrong, message in [
        ({"budget_share": -5}, "Budget share cannot be negative."),
        ({"budget_share": "half"}, "Budget share must be a number"),
        ({"role": "striker"}, "Pick one of: discoverer, goal_scorer, both."),
        ({"kpi_due_on": "June"}, "Write the date like 2026-12-31."),
        ({"platform": " "}, "Platform cannot be empty."),
    ]:
        with pytest.raises(InvalidInput, match=message):
            canvas.add_channel(db, workshop.id, secret, channel(**wrong))
    with pytest.raises(NotAllowed):
        canvas.add_channel(db, workshop.id, "not the key", channel())
    assert canvas_plan.list_plan(db, workshop.id) == []


def test_warnings_from_the_domain():
    plan = [
        planned("LinkedIn", fit_sell="no", kind="paid", goal="Corporate deals"),
        planned("Influencers", kind="earned", goal="", kpi_metric=""),
        *[planned(f"Exec {n}", kpi_level="executive") for n in range(4)],
    ]
    found = canvas_plan.warnings(plan)
    assert "LinkedIn: “no” to “Do we sell to the people who are on this platform?”" in found
    assert "Influencers: no goal" in found
    assert "Influencers: no measurable KPI (metric and target)" in found
    assert "KPI overload: 4 executive KPIs; a board can follow 3." in found
    assert any(w.startswith("Paid and earned channels share no goal") for w in found)
    together = [planned("Meta Ads", kind="paid"), planned("PR", kind="earned")]
    assert canvas_plan.warnings(together) == []  # same goal: one journey


# Proposals become cards --------------------------------------------------------------------


def test_accepted_proposals_become_linked_cards_on_the_teams_board(canvas_room):
    db, workshop, secret, _ = canvas_room
    audit.save_audit(db, workshop.team_id, "2026-Q3", [
        {"platform": "Pinterest", "kind": "shared", "last_post_on": "2026-04-28"},
        {"platform": "Newsletter", "kind": "owned", "owner": "Carla", "budget_share": 10,
         "role": "goal_scorer"},
    ])
    canvas.add_channel(db, workshop.id, secret, channel(budget_share=60))
    canvas.add_channel(db, workshop.id, secret, channel(platform="Newsletter", kind="owned",
                                                         role="goal_scorer", budget_share=40))
    found = proposals.propose(db, workshop.id, secret, ON)
    assert [(p.outcome, p.platform) for p in found] == [
        ("stop", "Pinterest"), ("start", "TikTok"), ("change", "Newsletter"),
    ]
    stop, start, change = found
    card, board_workshop = proposals.accept(db, workshop.id, secret, start.id)
    assert (board_workshop.exercise, board_workshop.quarter) == ("sscc", "2026-Q4")
    assert workshops.is_facilitator(db, board_workshop.id, secret)  # opened with the same key
    assert (card.column_key, card.participant_id) == ("start", None)
    edited, same_board = proposals.accept(
        db, workshop.id, secret, stop.id, "Pinterest: archive the account by December"
    )
    assert same_board.id == board_workshop.id and edited.column_key == "stop"
    proposals.reject(db, workshop.id, secret, change.id)
    with pytest.raises(Stale, match="rejected already; nothing was changed"):
        proposals.accept(db, workshop.id, secret, change.id)
    again = proposals.propose(db, workshop.id, secret, ON)  # decisions survive a new compare
    assert [p.status for p in again] == ["accepted", "accepted", "rejected"]
    workshops.set_phase(db, board_workshop.id, secret, "reveal")
    seen = board.load(db, workshops.get_workshop(db, board_workshop.id), facilitator=True)
    links = [link for c in seen.columns for i in c.items for link in i.links]
    assert links == ["← from the channel canvas “Channel canvas” (2026-Q4)"] * 2
    text = summary.markdown(db, workshop.id)
    assert "## The canvas" in text and "## Against today" in text
    assert "| Stop | Pinterest: archive the account by December | accepted |" in text


def _stop_and_start(db, workshop, secret):
    audit.save_audit(db, workshop.team_id, "2026-Q3", [
        {"platform": "Pinterest", "kind": "shared", "last_post_on": "2026-04-28"},
    ])
    canvas.add_channel(db, workshop.id, secret, channel(budget_share=100))
    return proposals.propose(db, workshop.id, secret, ON)


def test_a_repeated_decision_changes_nothing_more_and_says_so(canvas_room):
    db, workshop, secret, _ = canvas_room
    stop, start = _stop_and_start(db, workshop, secret)
    proposals.accept(db, workshop.id, secret, start.id, seen=start)
    revision = workshops.get_workshop(db, workshop.id).revision
    cards_before = db.execute("SELECT count(*) FROM cards").fetchone()[0]
    with pytest.raises(Stale, match="accepted already; nothing was changed"):
        proposals.accept(db, workshop.id, secret, start.id, seen=start)
    with pytest.raises(Stale, match="accepted already; nothing was changed"):
        proposals.reject(db, workshop.id, secret, start.id, seen=start)
    assert db.execute("SELECT count(*) FROM cards").fetchone()[0] == cards_before
    assert workshops.get_workshop(db, workshop.id).revision == revision
    assert [p.status for p in proposals.list_proposals(db, workshop.id)] == [
        "proposed", "accepted"
    ]


def test_a_click_drawn_before_a_new_comparison_never_decides_another_proposal(canvas_room):
    db, workshop, secret, _ = canvas_room
    stop, start = _stop_and_start(db, workshop, secret)
    # The canvas changes and is compared again: "Start TikTok" goes, "Start Threads"
    # comes and takes the number TikTok's proposal had.
    plan = canvas_plan.list_plan(db, workshop.id)
    canvas.update_channel(db, workshop.id, secret, plan[0].id, {"platform": "Threads"})
    proposals.propose(db, workshop.id, secret, ON)
    taken = next(p for p in proposals.list_proposals(db, workshop.id) if p.id == start.id)
    assert (taken.outcome, taken.platform) == ("start", "Threads")
    with pytest.raises(Stale, match="compared again after this page was drawn"):
        proposals.accept(db, workshop.id, secret, start.id, seen=start)
    with pytest.raises(Stale, match="compared again after this page was drawn"):
        proposals.reject(db, workshop.id, secret, start.id, seen=start)
    assert {p.status for p in proposals.list_proposals(db, workshop.id)} == {"proposed"}
    assert proposals.version(taken) != proposals.version(start)
    proposals.accept(db, workshop.id, secret, stop.id, seen=stop)  # unchanged: still decidable


def test_comparing_again_keeps_the_open_proposals_that_are_found_again(canvas_room):
    db, workshop, secret, _ = canvas_room
    first = _stop_and_start(db, workshop, secret)
    again = proposals.propose(db, workshop.id, secret, ON)
    assert [(p.id, proposals.version(p)) for p in again] == [
        (p.id, proposals.version(p)) for p in first
    ]


def test_the_demo_team_has_an_audit_and_two_canvases(demo_db):
    (team,) = teams.list_teams(demo_db)
    lines = audit.list_audit(demo_db, team.id, "2026-Q3")
    statuses = {line.status for line in lines}
    assert {"duplicate", "abandoned"} <= statuses
    found = [note for notes in audit.flags(lines, ON).values() for note in notes]
    assert any(n.startswith("duplicate on") for n in found) and "no owner" in found
    canvases = [w for w in workshops.list_workshops(demo_db) if w.exercise == "canvas"]
    assert len({w.quarter for w in canvases}) >= 2
    for w in canvases:
        plan = canvas_plan.list_plan(demo_db, w.id)
        assert w.phase == "closed" and canvas_plan.budget_problem(plan) is None
        assert {p.outcome for p in proposals.list_proposals(demo_db, w.id)} == {
            "stop", "start", "continue", "change"
        }
