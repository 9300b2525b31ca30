"""The history pages through AppTest: team timeline, compare quarters, the review."""

from __future__ import annotations

from tests.support import app, closed_with_actions, new_workshop, read, shown, team_app
from workshop import followthrough, teams, themes


def test_the_team_page_shows_every_workshop_and_the_completion_chart(demo_db):
    (team,) = teams.list_teams(demo_db)
    at = team_app(demo_db, "pages/team.py", team.id)
    assert not at.exception
    labels = [read(link.proto.label) for link in at.get("page_link")]
    assert any(label.startswith("Q3 offsite: autumn planning") for label in labels)
    assert any("Channel canvas: spring reset" in label for label in labels)
    assert any("Retrospective: winter gear sale" in label for label in labels)
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    assert at.dataframe  # the chart's table, one click away
    at.selectbox(key="team-exercise").select("hml").run()
    labels = [read(link.proto.label) for link in at.get("page_link")]
    assert not any("offsite" in label for label in labels)


def test_the_compare_page_shows_quarters_side_by_side_and_themes(demo_db):
    (team,) = teams.list_teams(demo_db)
    at = team_app(demo_db, "pages/compare.py", team.id)
    assert not at.exception
    assert at.multiselect(key="compare-q").value == ["2026-Q2", "2026-Q3"]
    text = shown(at)
    assert "Pinterest account: a third quarter with no owner and no pins" in text
    labels = [e.label for e in at.expander]
    assert any(label.startswith("2026-Q3 against 2026-Q2") for label in labels)
    themes_table = next(df.value for df in at.dataframe if "Theme" in df.value.columns)
    stuck = themes_table[themes_table["Flag"] != ""]
    assert list(stuck["Theme"]) == ["Pinterest account: a third quarter with no owner and no pins"]
    assert any(w.value.startswith("Still not stopped") for w in at.warning)
    assert any("keeps coming back" in w.value for w in at.warning)


def test_unlinking_a_match_on_the_compare_page(demo_db):
    (team,) = teams.list_teams(demo_db)
    at = team_app(demo_db, "pages/compare.py", team.id)
    unlink = next(b for b in at.button if b.key and b.key.startswith("unlink-0-"))
    _, _, a, b = unlink.key.split("-")
    unlink.click().run()
    assert not at.exception
    assert themes.decisions(demo_db, [int(a), int(b)]) == {(int(a), int(b)): "unlinked"}


def test_the_facilitator_reviews_last_quarters_actions_on_the_new_board(db):
    team = teams.create_team(db, "Brand & Social")
    _, _, (tag, archive) = closed_with_actions(db, team.id, "2026-Q2", "UTM tags", "Archive it")
    q3, secret = new_workshop(db, team.id, "2026-Q3")
    at = app("pages/board.py", code=q3.code, key=secret)
    assert "Last time's actions (2 open)" in [h.value for h in at.subheader]
    at.button(key=f"review-done-{tag.id}").click().run()
    at.text_input(key=f"review-reason-{archive.id}").input("The account is gone")
    at.button(key=f"review-drop-{archive.id}").click().run()
    assert not at.exception
    assert followthrough.to_review(db, q3.id) == []
    statuses = {a.text: (a.status, a.drop_reason) for a in followthrough.reviewed_in(db, q3.id)}
    assert statuses == {"UTM tags": ("done", ""), "Archive it": ("dropped", "The account is gone")}


def test_a_participant_sees_the_review_without_its_buttons(db):
    from workshop import participants

    team = teams.create_team(db, "Brand & Social")
    closed_with_actions(db, team.id, "2026-Q2", "UTM tags")
    q3, _ = new_workshop(db, team.id, "2026-Q3")
    anna = participants.join(db, q3.id, "Anna")
    at = app("pages/board.py", code=q3.code, me=anna.token)
    assert "UTM tags" in shown(at)
    assert not any(b.key and b.key.startswith("review-") for b in at.button)
