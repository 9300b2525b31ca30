"""Hits / Misses / What we learned: campaigns, their numbers, miss reasons, learnings."""

from __future__ import annotations

import pytest

from tests.support import SPRING
from workshop import (
    board,
    campaigns,
    cards,
    groups,
    kpi,
    learning,
    next_board,
    participants,
    summary,
    teams,
    workshops,
)
from workshop.errors import InvalidInput, NotAllowed
from workshop.models import Campaign


def campaign(**numbers) -> Campaign:
    """A campaign row with only the numbers that matter to a test."""
    fields = dict.fromkeys(campaigns.FIELDS, None) | {
        "id": 1, "team_id": 1, "name": "c", "kind": "campaign", "status": "finished",
        "channels": "", "goal": "", "kpi_metric": "", "kpi_unit": "", "hypothesis": "",
        "lower_is_better": False, "source_card_id": None,
    }
    return Campaign(**(fields | numbers))


@pytest.fixture
def retro(db):
    """A retrospective of the spring campaign in Discuss, with Anna and Ben."""
    team = teams.create_team(db, "Brand & Social")
    spring = campaigns.create_campaign(db, team.id, SPRING)
    workshop, secret = workshops.create_workshop(
        db, team_id=team.id, quarter="2026-Q2", exercise="hml", title="Spring retro",
        campaign_id=spring.id,
    )
    anna = participants.join(db, workshop.id, "Anna")
    ben = participants.join(db, workshop.id, "Ben")
    return db, workshop, secret, anna, ben, spring


# The numbers ------------------------------------------------------------------------------


def test_reached_and_verdict():
    assert kpi.reached(800, 620, False) == pytest.approx(77.5)
    assert kpi.verdict(800, 620, False) == kpi.MISS
    assert kpi.verdict(800, 800, False) == kpi.HIT
    # A cost to cut: beating a target of 12 with 10 is a hit, and 120% of it.
    assert kpi.reached(12, 10, True) == pytest.approx(120)
    assert kpi.verdict(12, 10, True) == kpi.HIT
    assert kpi.verdict(12, 15, True) == kpi.MISS


def test_missing_numbers_stay_missing_and_zero_targets_cannot_be_reached():
    assert kpi.reached(None, 620, False) is None
    assert kpi.reached(800, None, False) is None
    assert kpi.verdict(None, 620, False) == kpi.UNKNOWN
    assert kpi.reached(0, 5, False) is None  # no percentage of a zero target
    assert kpi.verdict(0, 5, False) == kpi.HIT
    assert kpi.reached(12, 0, True) is None
    outcome = kpi.outcome(campaign())
    assert outcome == kpi.Outcome(None, kpi.UNKNOWN, None, None)
    assert kpi.number(None) == "missing"
    assert dict(kpi.rows(campaign()))["Actual"] == "missing"
    assert dict(kpi.rows(campaign()))["Reached"] == "cannot be computed"


def test_budget_and_cost_per_result():
    spent = campaign(budget_planned=20000, budget_spent=18500, kpi_actual=620, kpi_target=800)
    result = kpi.outcome(spent)
    assert result.budget_used_pct == pytest.approx(92.5)
    assert result.cost_per_result == pytest.approx(18500 / 620)
    assert kpi.outcome(campaign(budget_planned=0, budget_spent=10)).budget_used_pct is None
    assert kpi.outcome(campaign(budget_spent=100, kpi_actual=0)).cost_per_result is None
    rate = campaign(budget_spent=100, kpi_actual=3.2, kpi_unit="%")
    assert kpi.outcome(rate).cost_per_result is None  # money per percentage point means nothing
    cost = campaign(budget_spent=100, kpi_actual=9, lower_is_better=True)
    assert kpi.outcome(cost).cost_per_result is None
    assert kpi.number(18500.0, "EUR") == "18,500 EUR"
    assert kpi.number(3.25, "%") == "3.25%"


# Bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"budget_planned": -5}, "budget planned", "Budget planned cannot be negative."),
        ({"budget_spent": "lots"}, "budget spent", "Budget spent must be a number"),
        ({"kpi_target": "eight hundred"}, "KPI target", "KPI target must be a number"),
        ({"ends_on": "2026-02-01"}, "end date", "The end date is before the start date."),
        ({"kpi_unit": "%", "kpi_target": 40, "kpi_actual": 130}, "KPI actual",
         "KPI actual cannot be over 100."),
        ({"name": "  "}, "name", "Name cannot be empty."),
        ({"kind": "webinar"}, "kind", "Pick one of: campaign, test."),
        ({"starts_on": "1st of March"}, "start date", "Write the date like 2026-12-31."),
    ],
)
def test_bad_numbers_and_dates_are_refused_and_nothing_is_saved(db, change, field, message):
    team = teams.create_team(db, "Brand & Social")
    with pytest.raises(InvalidInput) as refused:
        campaigns.create_campaign(db, team.id, SPRING | change)
    assert refused.value.field == field
    assert message in str(refused.value)
    assert campaigns.list_campaigns(db, team.id) == []


def test_an_edit_that_is_refused_changes_nothing(retro):
    db, *_, spring = retro
    with pytest.raises(InvalidInput):
        campaigns.update_campaign(db, spring.id, {"kpi_actual": 700, "budget_spent": -1})
    assert campaigns.get_campaign(db, spring.id) == spring


def test_numbers_are_read_as_people_type_them(db):
    team = teams.create_team(db, "Brand & Social")
    typed = {"budget_planned": "20 000", "kpi_actual": "", "channels": "TikTok, tiktok, X"}
    stored = campaigns.create_campaign(db, team.id, SPRING | typed)
    assert stored.budget_planned == 20000
    assert stored.budget_spent == 18500
    assert stored.kpi_actual is None  # empty is missing, not zero
    assert stored.channel_list == ["TikTok", "X"]


def test_a_retrospective_needs_a_campaign_of_its_own_team(db):
    team = teams.create_team(db, "Brand & Social")
    other = teams.create_team(db, "Growth")
    theirs = campaigns.create_campaign(db, other.id, SPRING)
    with pytest.raises(InvalidInput, match="Pick the campaign or test"):
        workshops.create_workshop(
            db, team_id=team.id, quarter="2026-Q2", exercise="hml", title="Retro"
        )
    with pytest.raises(InvalidInput, match="not one of this team's"):
        workshops.create_workshop(
            db, team_id=team.id, quarter="2026-Q2", exercise="hml", title="Retro",
            campaign_id=theirs.id,
        )


# Miss reasons -----------------------------------------------------------------------------


def test_miss_reasons_are_tagged_and_counted(retro):
    db, workshop, secret, anna, ben, _ = retro
    late = cards.add_card(db, anna.token, "misses", "Ads went live two weeks late", "timing")
    cards.add_card(db, ben.token, "misses", "Launch clashed with the big sale", "timing")
    wrong = cards.add_card(db, ben.token, "misses", "Reels reached students, not runners")
    cards.add_card(db, anna.token, "hits", "Shopping ads paid back 4x")
    with pytest.raises(InvalidInput, match="Only a Miss card"):
        cards.add_card(db, anna.token, "hits", "x", "timing")
    with pytest.raises(InvalidInput, match="Pick one of the reasons"):
        cards.add_card(db, anna.token, "misses", "x", "bad luck")
    workshops.set_phase(db, workshop.id, secret, "reveal")
    with pytest.raises(NotAllowed):
        cards.set_reason(db, workshop.id, "wrong", [wrong.id], "audience")
    cards.set_reason(db, workshop.id, secret, [wrong.id], "audience")
    counts = summary.reason_counts(summary.load(db, workshop.id))
    assert counts == [("Timing", 2), ("Wrong audience", 1)]
    group = groups.merge(db, workshop.id, secret, [late.id, wrong.id], "Late and off-target")
    cards.set_reason(db, workshop.id, secret, [late.id, wrong.id], "execution")
    seen = board.load(db, workshops.get_workshop(db, workshop.id), participant=ben)
    item = next(i for c in seen.columns for i in c.items if i.kind == "group")
    assert item.id == group.id and item.reasons == ["execution"]
    text = summary.markdown(db, workshop.id)
    assert "## Why it missed" in text and "- Execution: 2" in text and "- Timing: 1" in text


# Learnings taken forward ------------------------------------------------------------------


def discuss(retro) -> tuple:
    db, workshop, secret, anna, ben, _ = retro
    learned = cards.add_card(
        db, anna.token, "learned", "If we post trail tips on TikTok, sign-ups reach 500 by June"
    )
    hit = cards.add_card(db, ben.token, "hits", "Shopping ads paid back 4x")
    for phase in ("reveal", "group", "vote", "discuss"):
        workshops.set_phase(db, workshop.id, secret, phase)
    return learned, hit


def test_a_learning_becomes_a_draft_test_linked_both_ways(retro):
    db, workshop, secret, _, ben, spring = retro
    learned, hit = discuss(retro)
    test = learning.to_test(db, workshop.id, secret, name="TikTok trail tips", card_id=learned.id)
    assert (test.kind, test.status, test.team_id) == ("test", "draft", spring.team_id)
    assert test.hypothesis == learned.text
    assert test.source_card_id == learned.id
    assert learning.origin_of(db, test) == (
        "← learned in the retrospective of “Spring trail-shoe launch” (2026-Q2)"
    )
    seen = board.load(db, workshops.get_workshop(db, workshop.id), participant=ben)
    item = next(i for c in seen.columns for i in c.items if i.cards[0].id == learned.id)
    assert item.links == ["→ draft test “TikTok trail tips”"]
    assert learning.drafts(db, workshop.id) == [test]
    with pytest.raises(InvalidInput, match="Only what we learned"):
        learning.to_test(db, workshop.id, secret, name="x", card_id=hit.id)
    with pytest.raises(NotAllowed):
        learning.to_test(db, workshop.id, "not the key", name="x", card_id=learned.id)


def test_a_learned_group_carries_its_title(retro):
    db, workshop, secret, anna, _, _ = retro
    a = cards.add_card(db, anna.token, "learned", "Staff faces beat product shots")
    b = cards.add_card(db, anna.token, "learned", "People trust our staff")
    for phase in ("reveal", "group"):
        workshops.set_phase(db, workshop.id, secret, phase)
    group = groups.merge(db, workshop.id, secret, [a.id, b.id], "Our staff sell")
    for phase in ("vote", "discuss"):
        workshops.set_phase(db, workshop.id, secret, phase)
    test = learning.to_test(db, workshop.id, secret, name="Staff-led ads", group_id=group.id)
    assert test.hypothesis == "Our staff sell" and test.source_card_id == min(a.id, b.id)


def test_learnings_move_only_in_the_discuss_phase(retro):
    db, workshop, secret, anna, _, _ = retro
    learned = cards.add_card(db, anna.token, "learned", "Video beats stills")
    with pytest.raises(NotAllowed, match="Discuss phase"):
        learning.to_test(db, workshop.id, secret, name="x", card_id=learned.id)


def test_a_learning_becomes_a_card_on_the_teams_open_board(retro):
    db, workshop, secret, _, _, _ = retro
    learned, _ = discuss(retro)
    board_workshop, board_secret = workshops.create_workshop(
        db, team_id=workshop.team_id, quarter="2026-Q3", exercise="sscc", title="Q3 offsite"
    )
    assert next_board.taking_cards(db, workshop.team_id) == [board_workshop]
    card, target = learning.to_board(
        db, workshop.id, secret, column="start", target_id=board_workshop.id, card_id=learned.id
    )
    assert (target.id, card.column_key, card.participant_id) == (board_workshop.id, "start", None)
    assert card.origin_card_id == learned.id and card.text == learned.text
    workshops.set_phase(db, board_workshop.id, board_secret, "reveal")
    seen = board.load(db, workshops.get_workshop(db, board_workshop.id), facilitator=True)
    start = next(c for c in seen.columns if c.column.key == "start")
    assert start.items[0].links == [
        "← learned in the retrospective of “Spring trail-shoe launch” (2026-Q2)"
    ]
    back = summary.load(db, workshop.id)
    assert "→ Start card in 2026-Q3 “Q3 offsite”" in [
        link for c in back.columns for i in c.items for link in i.links
    ]
    assert learning.targets(db, workshop.id) == [workshops.get_workshop(db, board_workshop.id)]
    with pytest.raises(InvalidInput, match="Start or a Change"):
        learning.to_board(db, workshop.id, secret, column="stop", target_id=board_workshop.id,
                          card_id=learned.id)


def test_without_an_open_board_a_new_one_opens_with_the_same_key(retro):
    db, workshop, secret, _, _, _ = retro
    learned, _ = discuss(retro)
    closed, closed_secret = workshops.create_workshop(
        db, team_id=workshop.team_id, quarter="2026-Q3", exercise="sscc", title="Done"
    )
    workshops.set_phase(db, closed.id, closed_secret, "closed")
    with pytest.raises(NotAllowed, match="still taking cards"):
        learning.to_board(db, workshop.id, secret, column="change", target_id=closed.id,
                          card_id=learned.id)
    with pytest.raises(InvalidInput, match="quarter"):
        learning.to_board(db, workshop.id, secret, column="change", quarter="soon",
                          card_id=learned.id)
    card, created = learning.to_board(
        db, workshop.id, secret, column="change", quarter="2026-Q3", card_id=learned.id
    )
    assert (created.exercise, created.quarter, created.phase) == ("sscc", "2026-Q3", "write")
    assert workshops.is_facilitator(db, created.id, secret)
    assert card.workshop_id == created.id


def test_the_summary_has_the_number_on_top(retro):
    db, workshop, secret, anna, _, _ = retro
    cards.add_card(db, anna.token, "hits", "Shopping ads paid back 4x")
    workshops.set_phase(db, workshop.id, secret, "reveal")
    text = summary.markdown(db, workshop.id)
    assert "## The number: Spring trail-shoe launch (Campaign)" in text
    assert "| Target | 800 |" in text and "| Actual | 620 |" in text
    assert "| Reached | 78% |" in text and "| Verdict | Miss: target not reached |" in text
    assert "| Budget spent | 18,500 |" in text
    assert text.index("The number") < text.index("## Hits")


def test_the_demo_team_has_campaigns_that_hit_and_missed(demo_db):
    (team,) = teams.list_teams(demo_db)
    listed = campaigns.list_campaigns(demo_db, team.id)
    verdicts = {kpi.outcome(c).verdict for c in listed}
    assert {kpi.HIT, kpi.MISS, kpi.UNKNOWN} <= verdicts  # the running one has no actual yet
    retros = [w for w in workshops.list_workshops(demo_db) if w.exercise == "hml"]
    assert len({w.quarter for w in retros}) >= 3 and all(w.phase == "closed" for w in retros)
    reasons = [summary.reason_counts(summary.load(demo_db, w.id)) for w in retros]
    assert all(reasons)
    drafts = [c for c in listed if c.status == "draft"]
    assert drafts and all(learning.origin_of(demo_db, c) for c in drafts)
