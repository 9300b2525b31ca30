"""Between teams, and before the time: a team's pages open only with a key this browser
holds, the start page names only those teams, and nothing unrevealed (cards, reasons,
counts while people write, dots before the discussion) reaches any page or export."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.support import app, on_disk, read, shown, team_app
from workshop import (
    campaigns,
    cards,
    csv_export,
    history,
    json_export,
    participants,
    summary,
    teams,
    themes,
    votes,
    workshops,
)
from workshop import (
    db as database,
)
from workshop.errors import NotAllowed

TEAM_PAGES = ["pages/team.py", "pages/compare.py", "pages/campaigns.py", "pages/channels.py"]


def everything(at) -> str:
    """All the text of a page, Markdown or not, labels and options included."""
    parts = [shown(at)]
    parts += [read(b.label) for b in at.button] + [read(e.label) for e in at.expander]
    parts += [str(o) for s in at.selectbox for o in s.options]
    parts += [m.value for m in at.metric] + [read(w.value) for w in at.warning]
    parts += [str(d.value) for d in at.dataframe]
    return "\n".join(parts)


@pytest.fixture
def two_teams(db):
    """Two teams on one server, each with a closed workshop and a campaign."""
    made = {}
    for name in ("Brand & Social", "Paid Search"):
        team = teams.create_team(db, name)
        workshop, secret = workshops.create_workshop(
            db, team_id=team.id, quarter="2026-Q3", exercise="sscc", title=f"{name} offsite"
        )
        person = participants.join(db, workshop.id, "Anna")
        cards.add_card(db, person.token, "stop", f"{name} card")
        workshops.set_phase(db, workshop.id, secret, "closed")
        campaigns.create_campaign(db, team.id, {"name": f"{name} launch"})
        made[name] = (team, workshop, secret)
    return made


# Keys -----------------------------------------------------------------------------------


def test_a_team_key_opens_its_team_only_and_a_new_one_replaces_it(db_path, db, two_teams):
    brand, _, brand_secret = two_teams["Brand & Social"]
    paid, _, _ = two_teams["Paid Search"]
    key = teams.new_team_key(db, brand.id)
    assert teams.opened_by(db, [key]) == [brand]
    assert teams.opened_by(db, [brand_secret]) == [brand]  # a facilitator of one of its workshops
    assert teams.opened_by(db, ["a guess", ""]) == []
    with pytest.raises(NotAllowed):
        teams.authorise(db, paid.id, [key, brand_secret])
    assert key.encode() not in on_disk(db_path)  # only its hash is kept
    newer = teams.new_team_key(db, brand.id)
    assert teams.opened_by(db, [key]) == [] and teams.opened_by(db, [newer]) == [brand]


def test_someone_who_opens_the_team_makes_a_new_team_link_on_its_page(db, two_teams):
    brand, workshop, secret = two_teams["Brand & Social"]
    paid, _, _ = two_teams["Paid Search"]
    with pytest.raises(NotAllowed):
        teams.replace_team_key(db, paid.id, [secret])
    at = app("pages/board.py", code=workshop.code, key=secret)
    at.query_params.clear()
    at.query_params["team"] = str(brand.id)
    at.switch_page("pages/team.py").run()
    assert not [c for c in at.code if "access=" in c.value]  # only when asked
    at.button(key="team-link-new").click().run()
    (link,) = [c.value for c in at.code if "access=" in c.value]
    assert teams.opened_by(db, [link.split("access=")[1]]) == [brand]


def test_the_command_line_issues_a_team_link(db_path, db):
    from urllib.parse import parse_qs, urlsplit

    from click.testing import CliRunner

    from workshop.cli import cli

    def opened(output: str) -> list[str]:
        link = next(w for w in output.split() if "access=" in w)
        return [t.name for t in teams.opened_by(db, parse_qs(urlsplit(link).query)["access"])]

    loaded = CliRunner().invoke(cli, ["--db", db_path, "demo"])
    assert loaded.exit_code == 0, loaded.output
    (demo_team,) = teams.list_teams(db)
    assert opened(loaded.output) == [demo_team.name]
    again = CliRunner().invoke(cli, ["--db", db_path, "team-link", demo_team.name])
    assert again.exit_code == 0 and opened(again.output) == [demo_team.name]
    assert opened(loaded.output) == []  # the earlier link stopped working


def test_the_team_keys_migration_is_applied(db):
    applied = set(database.migrations.applied(db))
    assert {"m008_team_keys", "m009_cards_written_anonymously"} <= applied


# Team pages -------------------------------------------------------------------------------


@pytest.mark.parametrize("page", TEAM_PAGES)
def test_a_team_page_without_the_teams_link_shows_nothing_of_any_team(db, two_teams, page):
    brand, _, _ = two_teams["Brand & Social"]
    at = app(page, team=str(brand.id))
    assert not at.exception
    text = everything(at)
    for name in ("Brand & Social", "Paid Search"):
        assert name not in text
        assert f"{name} launch" not in text and f"{name} offsite" not in text
    assert "does not hold that team's link" in text
    assert not at.get("page_link")[1:]  # only the way home
    assert not any(k.key and k.key.startswith("new-campaign") for k in at.text_input)


@pytest.mark.parametrize("page", TEAM_PAGES)
def test_the_teams_link_opens_its_pages_and_no_other_teams(db, two_teams, page):
    brand, _, _ = two_teams["Brand & Social"]
    at = team_app(db, page, brand.id)
    assert not at.exception
    assert "access" not in at.query_params  # read once, then out of the address bar
    text = everything(at)
    assert "Brand & Social" in text
    assert "Paid Search" not in text


def test_a_team_link_is_remembered_on_the_teams_other_pages(db, two_teams):
    brand, _, _ = two_teams["Brand & Social"]
    at = team_app(db, "pages/team.py", brand.id)
    at.switch_page("pages/campaigns.py").run()
    assert "Brand & Social launch" in everything(at)


def test_a_facilitator_of_one_of_its_workshops_opens_the_teams_pages(db, two_teams):
    brand, workshop, secret = two_teams["Brand & Social"]
    at = app("pages/board.py", code=workshop.code, key=secret)
    at.query_params.clear()
    at.query_params["team"] = str(brand.id)
    at.switch_page("pages/campaigns.py").run()
    text = everything(at)
    assert "Brand & Social launch" in text and "Paid Search" not in text
    assert any(k.key == "new-campaign-name" for k in at.text_input)


def test_the_start_page_names_only_the_teams_this_browser_holds(db, two_teams):
    stranger = app()
    assert "Brand & Social" not in everything(stranger)
    assert "Paid Search" not in everything(stranger)
    brand, _, _ = two_teams["Brand & Social"]
    member = app()
    member.session_state[f"wk_team_key_{brand.id}"] = teams.new_team_key(db, brand.id)
    member.run()
    text = everything(member)
    assert "Brand & Social offsite" in text
    assert "Paid Search" not in text
    assert member.selectbox(key="setup-team").options[1:] == ["Brand & Social"]


def test_a_new_team_gets_its_link_with_the_workshops_links(db):
    at = app()
    at.text_input(key="setup-team-name").input("Growth team")
    at.text_input(key="setup-title-sscc").input("Q4 offsite")
    at.button(key="setup-submit").click().run()
    (team,) = teams.list_teams(db)
    (link,) = [c.value for c in at.code if "access=" in c.value]
    key = link.split("access=")[1]
    assert teams.opened_by(db, [key]) == [team]
    assert "Growth team" in everything(at)


def test_the_team_page_hands_out_no_join_code_and_no_count_while_people_write(db):
    team = teams.create_team(db, "Brand & Social")
    running, secret = workshops.create_workshop(
        db, team_id=team.id, quarter="2026-Q4", exercise="sscc", title="Q4 offsite"
    )
    anna = participants.join(db, running.id, "Anna")
    for n in range(4):
        cards.add_card(db, anna.token, "stop", f"Private {n}")
    member = team_app(db, "pages/team.py", team.id)
    text = everything(member)
    assert "Q4 offsite" in text
    assert "4 cards" not in text and "cards," not in text
    assert running.code not in str([link.proto for link in member.get("page_link")])
    assert running.code not in text and running.display_code not in text
    facilitator = app("pages/board.py", code=running.code, key=secret)
    facilitator.query_params.clear()
    facilitator.query_params["team"] = str(team.id)
    facilitator.switch_page("pages/team.py").run()
    assert running.code in str([link.proto for link in facilitator.get("page_link")])


# Nothing before its time ---------------------------------------------------------------


@pytest.fixture
def voting(room):
    """Anna's card has two dots, Ben's none; the workshop is in Vote."""
    annas = cards.add_card(room.db, room.anna.token, "stop", "Anna's card")
    cards.add_card(room.db, room.ben.token, "stop", "Ben's card")
    room.phase("vote")
    votes.vote(room.db, room.anna.token, card_id=annas.id)
    votes.vote(room.db, room.ben.token, card_id=annas.id)
    return room


def test_the_summary_shows_no_dots_during_the_vote(voting):
    at = app("pages/summary.py", code=voting.workshop.code)
    assert not at.exception
    assert "Anna's card" in shown(at)
    assert "dots" not in shown(at)
    voting.phase("discuss")
    at = app("pages/summary.py", code=voting.workshop.code)
    assert "Anna's card (2 dots)" in shown(at)


def test_exports_hold_no_dots_during_the_vote(voting):
    db, workshop_id = voting.db, voting.workshop.id
    assert "dots" not in summary.markdown(db, workshop_id)
    rows = list(csv.DictReader(io.StringIO(csv_export.to_csv(db, workshop_id).decode("utf-8-sig"))))
    assert {r["votes"] for r in rows if r["record"] == "card"} == {"0"}
    assert not [r for r in rows if r["record"] == "vote"]
    assert json.loads(json_export.to_json(db, workshop_id))["votes"] == []
    voting.phase("discuss")
    assert json.loads(json_export.to_json(db, workshop_id))["votes"]


def test_comparisons_count_no_dots_before_the_discussion(voting):
    found = themes.team_cards(voting.db, voting.workshop.team_id, ["2026-Q4"])
    assert {c.votes for c in found} == {0}
    voting.phase("discuss")
    found = themes.team_cards(voting.db, voting.workshop.team_id, ["2026-Q4"])
    assert sorted(c.votes for c in found) == [0, 2]


def test_history_counts_nothing_of_a_workshop_in_write(db):
    team = teams.create_team(db, "Brand & Social")
    retro, secret = workshops.create_workshop(
        db, team_id=team.id, quarter="2026-Q4", exercise="hml", title="Retro",
        campaign_id=campaigns.create_campaign(db, team.id, {"name": "Spring"}).id,
    )
    anna = participants.join(db, retro.id, "Anna")
    cards.add_card(db, anna.token, "misses", "Wrong audience, privately", reason="audience")
    args = (db, team.id, "2026-Q1", "2026-Q4")
    assert history.miss_reasons(*args) == []
    assert history.column_counts(db, team.id, ["2026-Q4"], "hml") == [
        {"quarter": "2026-Q4", "column": column, "cards": 0}
        for column in ("Hits", "Misses", "What we learned")
    ]
    (row,) = history.timeline(*args)
    assert row["cards"] is None and "cards" not in history.facts(row).replace("actions", "")
    workshops.set_phase(db, retro.id, secret, "reveal")
    assert [r["cards"] for r in history.miss_reasons(*args)] == [1]
    (row,) = history.timeline(*args)
    assert "1 cards" in history.facts(row)
