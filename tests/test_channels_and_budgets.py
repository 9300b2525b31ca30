"""Today's channels as the table shows them, dates as people type them, and a campaign
that spent more than planned."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.support import shown, team_app
from workshop import audit, campaigns, dates, kpi, summary, teams, workshops
from workshop.errors import InvalidInput


@pytest.fixture
def team(db):
    return teams.create_team(db, "Brand & Social")


@pytest.mark.parametrize(
    "typed", ["2026-11-28", "28.11.2026", "28/11/2026", "11/28/2026", "28 Nov 2026",
              "Nov 28, 2026", "28.11.26", dt.date(2026, 11, 28)],
)
def test_a_date_typed_in_a_usual_form_lands_as_typed(db, team, typed):
    (line,) = audit.save_audit(db, team.id, "2026-Q4", [
        {"platform": "Instagram", "kind": "shared", "last_post_on": typed},
    ])
    assert line.last_post_on == "2026-11-28"


@pytest.mark.parametrize("typed", ["1128-02-06x", "31.02.2026", "soon", "13/13/2026"])
def test_a_date_that_is_no_date_is_refused_with_the_field(typed):
    with pytest.raises(InvalidInput) as refused:
        dates.typed(typed, "last post")
    assert refused.value.field == "last post"


def test_the_table_shows_empty_cells_empty_and_budget_totals_say_when_not_whole(db, team):
    lines = audit.save_audit(db, team.id, "2026-Q4", [
        {"platform": "Instagram", "kind": "shared", "role": "goal_scorer", "budget_share": 60},
        {"platform": "Facebook", "kind": "paid", "status": "owner_unknown", "budget_share": 25},
    ])
    rows = audit.table_rows(lines)
    assert all(row[f] == "" for row in rows for f in ("account", "owner", "purpose"))
    assert None not in [row[f] for row in rows for f in audit.TEXT_FIELDS]
    total = audit.budget_total([line.budget_share for line in lines])
    assert audit.budget_note(total) == "Budget shares add up to 85%, not 100%."
    assert audit.budget_note(100.0) == "Budget shares add up to 100%."
    assert audit.budget_note(None) == "No budget shares yet."


def test_the_channels_page_flags_a_budget_that_is_not_100_percent(db, team):
    audit.save_audit(db, team.id, "2026-Q4", [
        {"platform": "Instagram", "kind": "shared", "role": "goal_scorer", "budget_share": 60},
    ])
    at = team_app(db, "pages/channels.py", team.id)
    at.text_input(key="channels-quarter").input("2026-Q4").run()
    assert not at.exception
    assert "Budget shares add up to 60%, not 100%." in [w.value for w in at.warning]
    assert "goal_scorer" not in shown(at) and "[object Object]" not in shown(at)


OVER = {"name": "Spring launch", "kpi_metric": "orders", "kpi_target": 100, "kpi_actual": 90,
        "budget_planned": 1000, "budget_spent": 2090}


def test_a_campaign_over_budget_is_flagged_on_its_page_and_in_the_summary(db, team):
    over = campaigns.create_campaign(db, team.id, OVER)
    within = campaigns.create_campaign(db, team.id, OVER | {"name": "Within",
                                                            "budget_spent": 900})
    assert kpi.over_budget(within) is None
    note = "Over budget: 2,090 spent of 1,000 planned, 109% more than planned."
    assert kpi.over_budget(over) == note
    at = team_app(db, "pages/campaigns.py", team.id)
    at.selectbox(key="campaigns-pick").select(over).run()
    assert note in [w.value for w in at.warning]
    workshop, _ = workshops.create_workshop(
        db, team_id=team.id, quarter="2026-Q4", exercise="hml", title="Retro",
        campaign_id=over.id,
    )
    assert f"**⚠ {note}**" in summary.markdown(db, workshop.id)
