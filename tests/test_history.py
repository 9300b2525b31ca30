"""Quarters: follow-through of actions, recurring themes, and the comparison tables."""

from __future__ import annotations

import pytest

from tests.support import closed_with_actions, new_workshop
from workshop import (
    actions,
    audit,
    followthrough,
    history,
    summary,
    teams,
    themes,
    workshops,
)
from workshop.errors import InvalidInput, NotAllowed, NotFound


@pytest.fixture
def team(db):
    return teams.create_team(db, "Brand & Social")


# Follow-through ---------------------------------------------------------------------------


def test_a_new_workshop_reviews_the_open_actions_first(db, team):
    _, _, (tag, archive, brief) = closed_with_actions(
        db, team.id, "2026-Q2", "UTM tags on every link", "Archive Pinterest", "Brief guides"
    )
    q3, secret = new_workshop(db, team.id, "2026-Q3")
    listed = followthrough.to_review(db, q3.id)
    assert [item.action.text for item in listed] == [
        "UTM tags on every link", "Archive Pinterest", "Brief guides"
    ]
    followthrough.mark_done(db, q3.id, secret, tag.id)
    with pytest.raises(InvalidInput, match="Reason cannot be empty."):
        followthrough.drop(db, q3.id, secret, archive.id, "  ")
    followthrough.drop(db, q3.id, secret, archive.id, "Account deleted by the platform")
    copy = followthrough.carry_over(db, q3.id, secret, brief.id)
    assert (copy.workshop_id, copy.carried_from, copy.text, copy.owner) == (
        q3.id, brief.id, "Brief guides", "Ben"
    )
    assert followthrough.to_review(db, q3.id) == []
    assert actions.get_action(db, archive.id).drop_reason == "Account deleted by the platform"
    with pytest.raises(NotFound):  # reviewed already
        followthrough.mark_done(db, q3.id, secret, tag.id)
    with pytest.raises(NotAllowed):
        followthrough.mark_done(db, q3.id, "not the key", brief.id)
    reviewed = {a.text: a.status for a in followthrough.reviewed_in(db, q3.id)}
    assert reviewed == {"UTM tags on every link": "done", "Archive Pinterest": "dropped",
                        "Brief guides": "open"}
    text = summary.markdown(db, q3.id)
    assert "## Last time's actions" in text
    assert "- Archive Pinterest (Ben): dropped — Account deleted by the platform" in text


def test_an_action_carried_over_twice_keeps_its_history(db, team):
    _, _, (brief,) = closed_with_actions(db, team.id, "2026-Q1", "Brief guides")
    q2, secret2 = new_workshop(db, team.id, "2026-Q2")
    once = followthrough.carry_over(db, q2.id, secret2, brief.id)
    workshops.set_phase(db, q2.id, secret2, "closed")
    q3, secret3 = new_workshop(db, team.id, "2026-Q3")
    (item,) = followthrough.to_review(db, q3.id)
    assert item.action.id == once.id and item.times_carried == 1
    twice = followthrough.carry_over(db, q3.id, secret3, once.id)
    assert twice.carried_from == once.id and once.carried_from == brief.id
    rates = {c.quarter: c for c in followthrough.completion(db, team.id)}
    assert (rates["2026-Q1"].carried, rates["2026-Q2"].carried, rates["2026-Q3"].open) == (1, 1, 1)
    assert rates["2026-Q1"].rate == 0


def test_completion_rate_per_quarter(db, team):
    _, _, made = closed_with_actions(db, team.id, "2026-Q2", "One", "Two", "Three", "Four")
    q3, secret = new_workshop(db, team.id, "2026-Q3")
    followthrough.mark_done(db, q3.id, secret, made[0].id)
    followthrough.mark_done(db, q3.id, secret, made[1].id)
    followthrough.drop(db, q3.id, secret, made[2].id, "No longer relevant")
    (q2,) = followthrough.completion(db, team.id, "2026-Q2", "2026-Q2")
    assert (q2.done, q2.dropped, q2.open, q2.total, q2.rate) == (2, 1, 1, 4, 50)
    assert followthrough.completion(db, team.id, "2027-Q1", "2027-Q4") == []


def test_only_the_teams_own_earlier_actions_are_reviewed(db, team):
    other = teams.create_team(db, "Growth")
    closed_with_actions(db, other.id, "2026-Q2", "Someone else's action")
    q3, _ = new_workshop(db, team.id, "2026-Q3")
    assert followthrough.to_review(db, q3.id) == []


# Themes ------------------------------------------------------------------------------------

MUST_MATCH = [
    ("Boosting every organic Facebook post by default", "Stop boosting organic Facebook posts"),
    ("Pinterest: 3 pins a week, nobody owns the account",
     "Pinterest account: still no owner, last pin in October"),
    ("Weekly newsletter with the same product grid every time",
     "Newsletter: the same product grid every week"),
    ("Reporting 40 metrics in the monthly deck that nobody reads",
     "Monthly deck reports too many metrics"),
    ("Launch clashed with the big spring sale", "Launch date clashed with the summer sale"),
]
MUST_NOT_MATCH = [
    ("Instagram Reels with product-in-use footage",
     "Instagram: move from daily posts to 3 strong posts a week"),
    ("Google Shopping: best ROAS of all channels", "Google Search Ads for brand terms only"),
    ("TikTok test with staff tips", "LinkedIn test for corporate deals"),
    ("Newsletter segments by activity", "Stop sending the newsletter to inactive subscribers"),
]


@pytest.mark.parametrize(("a", "b"), MUST_MATCH)
def test_cards_that_say_the_same_thing_match_and_say_why(a, b):
    found = themes.match(a, b)
    assert found is not None, (a, b)
    assert found.explain().startswith("shared words: ")


@pytest.mark.parametrize(("a", "b"), MUST_NOT_MATCH)
def test_cards_that_only_share_a_platform_do_not_match(a, b):
    assert themes.match(a, b) is None


def test_an_item_in_stop_three_quarters_in_a_row_is_still_not_stopped(demo_db):
    (team,) = teams.list_teams(demo_db)
    quarters = history.quarters(demo_db, team.id)
    found = themes.find(themes.team_cards(demo_db, team.id, quarters, "sscc"), {})
    stuck = [th for th in found if th.stuck]
    assert len(stuck) == 1 and stuck[0].title.startswith("Pinterest account")
    assert stuck[0].quarters == ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
    assert not any(th.stuck for th in found if th is not stuck[0])


def test_people_confirm_or_unlink_a_match(demo_db):
    (team,) = teams.list_teams(demo_db)
    quarters = history.quarters(demo_db, team.id)
    cards_ = themes.team_cards(demo_db, team.id, quarters, "sscc")
    (theme,) = [th for th in themes.find(cards_, {}) if th.stuck]
    link = theme.links[0]
    themes.decide(demo_db, link.a.id, link.b.id, "unlinked")
    decided = themes.decisions(demo_db, [c.id for c in cards_])
    again = themes.find(cards_, decided)
    assert not any({lk.a.id, lk.b.id} == {link.a.id, link.b.id} for th in again
                   for lk in th.links)
    by_text = {c.text: c.id for c in cards_}
    loose = (by_text["Boosting every organic Facebook post by default"],
             by_text["Boosting posts without a target audience"])
    themes.decide(demo_db, *loose, "confirmed")  # matched by hand, whatever the words say
    confirmed = themes.find(cards_, themes.decisions(demo_db, [c.id for c in cards_]))
    assert any(lk.confirmed and {lk.a.id, lk.b.id} == set(loose) for th in confirmed
               for lk in th.links)
    with pytest.raises(InvalidInput):
        themes.decide(demo_db, loose[0], loose[0], "confirmed")


def test_recurring_miss_reasons(demo_db):
    (team,) = teams.list_teams(demo_db)
    cards_ = themes.team_cards(demo_db, team.id, history.quarters(demo_db, team.id), "hml")
    assert ("audience", ["2026-Q1", "2026-Q2", "2026-Q3"]) in themes.recurring_reasons(cards_)


# Comparison tables -------------------------------------------------------------------------


def test_counts_per_column_and_what_is_new_or_gone(demo_db):
    (team,) = teams.list_teams(demo_db)
    counts = history.column_counts(demo_db, team.id, ["2026-Q2", "2026-Q3"], "sscc")
    assert len(counts) == 8 and all(r["cards"] >= 0 for r in counts)
    stop_q3 = next(r for r in counts if r == r | {"quarter": "2026-Q3", "column": "Stop"})
    assert stop_q3["cards"] == 4
    picked = ["2026-Q2", "2026-Q3"]
    cards_ = themes.team_cards(demo_db, team.id, picked, "sscc")
    linked = themes.find(cards_, {})
    new, gone = history.new_and_gone(cards_, linked, "2026-Q2", "2026-Q3")
    assert "Pinterest account: a third quarter with no owner and no pins" not in [
        c.text for c in new
    ]
    assert "Boosting posts without a target audience" in [c.text for c in new]
    assert "Weekly giveaway posts: followers up, sales flat" in [c.text for c in gone]
    tops = history.top_items(cards_, per_column=2)
    assert all(len(v) <= 2 for v in tops.values())


def test_timeline_channels_and_campaigns_over_time(demo_db):
    (team,) = teams.list_teams(demo_db)
    rows_ = history.timeline(demo_db, team.id)
    assert {r["exercise"] for r in rows_} == {"sscc", "hml", "canvas"}
    assert rows_[0]["quarter"] >= rows_[-1]["quarter"]
    only = history.timeline(demo_db, team.id, "2026-Q3", "2026-Q3", "sscc")
    assert [r["title"] for r in only] == ["Q3 offsite: autumn planning"]
    changes = history.channel_changes(demo_db, team.id, "2026-Q2", "2026-Q3")
    assert {"quarter": "2026-Q3", "change": "started", "channel": "TikTok"} in changes
    mix = history.channel_mix(demo_db, team.id, "2026-Q2", "2026-Q3")
    assert {r["source"] for r in mix} == {"Today", "Canvas"}
    assert "Twitter" in {r["channel"] for r in mix} and "X" not in {r["channel"] for r in mix}
    results = history.campaign_results(demo_db, team.id, "2025-Q4", "2026-Q4")
    assert {"quarter": "2026-Q1", "campaign": "TikTok trail-running tips", "reached": 148,
            "verdict": "Hit: target reached"} in results
    reasons = history.miss_reasons(demo_db, team.id, "2026-Q1", "2026-Q3")
    assert {"quarter": "2026-Q2", "reason": "Wrong audience", "cards": 1} in reasons


def test_an_audit_only_quarter_is_a_quarter(db, team):
    audit.save_audit(db, team.id, "2026-Q4", [{"platform": "Instagram", "kind": "shared"}])
    assert history.quarters(db, team.id) == ["2026-Q4"]
