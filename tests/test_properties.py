"""Property-based tests: whatever a user types is stored exactly as cleaned, or refused
with a named error, and a refusal leaves nothing half-written."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop import (
    actions,
    audit,
    campaigns,
    canvas,
    cards,
    kpi,
    participants,
    teams,
    validate,
    workshops,
)
from workshop import db as database
from workshop.errors import InvalidInput, WorkshopError

# Any Unicode text, including controls, surrogates, RTL marks and emoji sequences.
ANY_TEXT = st.text(st.characters(codec=None), max_size=700) | st.sampled_from(
    ["", " ", "\u200b", "‮gnp.exe", "👩‍👩‍👧", "<script>alert(1)</script>", "=1+1",
     "a\x00b", "\ud800", "# Heading", "x" * 500, "x" * 501]
)
PER_TEST = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def discussing(room):
    room.phase("discuss")
    return room


def counts(db) -> tuple[int, ...]:
    tables = ("teams", "workshops", "participants", "cards", "votes", "actions", "campaigns")
    return tuple(db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables)


def accepted_or_refused(db, call, clean):
    """Run ``call``; if it is refused, nothing changed and the error names its field."""
    before = counts(db)
    try:
        stored = call()
    except InvalidInput as error:
        assert error.field and str(error)
        assert counts(db) == before
        with pytest.raises(InvalidInput):
            clean()
        return None
    assert stored == clean()
    return stored


@PER_TEST
@given(text=ANY_TEXT)
def test_card_text(room, text):
    card = accepted_or_refused(
        room.db,
        lambda: cards.add_card(room.db, room.anna.token, "stop", text).text,
        lambda: validate.card_text(text),
    )
    if card is not None:
        stored = room.db.execute("SELECT text FROM cards ORDER BY id DESC LIMIT 1").fetchone()[0]
        assert stored == card and validate.card_text(stored) == stored  # stable on re-entry
        assert 1 <= len(stored) <= validate.CARD_MAX


@PER_TEST
@given(name=ANY_TEXT)
def test_participant_names(room, name):
    # The room lasts across examples: a name joined before (SQLite's NOCASE) is taken.
    taken = {
        row[0]
        for row in room.db.execute(
            "SELECT name FROM participants WHERE workshop_id = ?", [room.workshop.id]
        )
    }

    def expected() -> str:
        clean = validate.person_name(name)
        if any(clean.encode().lower() == other.encode().lower() for other in taken):
            raise InvalidInput("display name", "taken")
        return clean

    joined = accepted_or_refused(
        room.db, lambda: participants.join(room.db, room.workshop.id, name).name, expected
    )
    if joined is not None:
        assert joined.strip() == joined and 1 <= len(joined) <= validate.NAME_MAX


@PER_TEST
@given(name=ANY_TEXT)
def test_team_names(db, name):
    before = counts(db)
    try:
        team = teams.create_team(db, name)
    except InvalidInput as error:
        assert error.field == "team name"
        assert counts(db) == before
        return
    assert teams.get_team(db, team.id).name == validate.text(name, "team name",
                                                             max_len=validate.TEAM_MAX)


@PER_TEST
@given(quarter=ANY_TEXT | st.from_regex(r"\A\s*(19|20|21)\d\d\s*[-/ ]?[Qq][0-6]\s*\Z"),
       title=ANY_TEXT, held_on=st.none() | st.dates() | ANY_TEXT)
def test_new_workshops(db, quarter, title, held_on):
    team = teams.list_teams(db)[0] if teams.list_teams(db) else teams.create_team(db, "Team")
    before = counts(db)
    try:
        workshop, _ = workshops.create_workshop(
            db, team_id=team.id, quarter=quarter, exercise="sscc", title=title, held_on=held_on
        )
    except InvalidInput as error:
        assert error.field in {"quarter", "title", "date"}
        assert counts(db) == before
        return
    assert workshop.quarter == validate.quarter(quarter)
    assert workshop.title == validate.text(title, "title", max_len=validate.TITLE_MAX)
    assert workshop.held_on == validate.optional_date(held_on, "date")
    year, number = workshop.quarter.split("-Q")
    assert 2000 <= int(year) <= 2100 and number in "1234"


@PER_TEST
@given(dots=st.integers(-5, 40) | ANY_TEXT, per_card=st.integers(-5, 40) | st.none())
def test_settings_numbers(room, dots, per_card):
    before = workshops.get_workshop(room.db, room.workshop.id)
    try:
        after = workshops.update_settings(
            room.db, room.workshop.id, room.secret,
            workshops.Settings(dots=dots, max_dots_per_card=per_card),
        )
    except InvalidInput as error:
        assert error.field and str(error)
        assert workshops.get_workshop(room.db, room.workshop.id) == before
        return
    assert 0 <= after.dots <= workshops.MAX_DOTS
    assert 1 <= after.max_dots_per_card <= workshops.MAX_DOTS


@PER_TEST
@given(text=ANY_TEXT, owner=ANY_TEXT | st.none(),
       due=st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2200, 1, 1)) | ANY_TEXT)
def test_actions(discussing, text, owner, due):
    room, db = discussing, discussing.db
    before = counts(db)
    try:
        action = actions.add_action(db, room.workshop.id, room.secret, kind="action",
                                    text=text, owner=owner, due_on=due)
    except InvalidInput as error:
        assert error.field in {"action", "action owner", "due date"}
        assert counts(db) == before
        return
    assert action.text == validate.text(text, "action", max_len=actions.ACTION_MAX)
    assert action.owner and action.owner == validate.person_name(owner, "action owner")
    assert action.due_on == validate.optional_date(due, "due date")


# What people type into a number field: numbers, numbers as text, and anything else.
NUMBER = (
    st.none()
    | st.integers(-10**13, 10**13)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.floats(-1e6, 1e6).map(lambda x: f"{x:,.2f}")
    | st.sampled_from(["1 200,50", "12,5", "€ 40", "1e3", "-0", "1,2,3", "100%", "—"])
    | ANY_TEXT
)


@PER_TEST
@given(
    planned=NUMBER, spent=NUMBER, target=NUMBER, actual=NUMBER,
    unit=st.sampled_from(["", "%", "orders", "EUR"]),
    starts=st.none() | st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1)) | ANY_TEXT,
    ends=st.none() | st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1)),
)
def test_campaign_numbers_and_dates(db, planned, spent, target, actual, unit, starts, ends):
    team = teams.list_teams(db)[0] if teams.list_teams(db) else teams.create_team(db, "Team")
    values = {
        # A team names each campaign once: every example gets a name of its own.
        "name": f"Spring launch {len(campaigns.list_campaigns(db, team.id))}",
        "budget_planned": planned, "budget_spent": spent,
        "kpi_target": target, "kpi_actual": actual, "kpi_unit": unit,
        "starts_on": starts, "ends_on": ends,
    }
    before = counts(db)
    try:
        created = campaigns.create_campaign(db, team.id, values)
    except InvalidInput as error:
        assert error.field in {"budget planned", "budget spent", "KPI target", "KPI actual",
                               "start date", "end date"}
        assert counts(db) == before
        with pytest.raises(InvalidInput):
            campaigns.clean(values)
        return
    clean = campaigns.clean(values)
    assert {f: getattr(created, f) for f in clean} == clean
    assert campaigns.clean({f: getattr(created, f) for f in clean}) == clean  # stable
    for money in (created.budget_planned, created.budget_spent):
        assert money is None or 0 <= money <= campaigns.BUDGET_MAX
    if unit == "%":
        for share in (created.kpi_target, created.kpi_actual):
            assert share is None or 0 <= share <= 100
    if created.starts_on and created.ends_on:
        assert created.starts_on <= created.ends_on
    result = kpi.outcome(created)  # the arithmetic never fails on what was accepted
    assert result.reached_pct is None or result.reached_pct >= 0
    assert all(isinstance(value, str) for _, value in kpi.rows(created))


@PER_TEST
@given(share=NUMBER, size=NUMBER, last_post=st.none() | st.dates() | ANY_TEXT,
       platform=ANY_TEXT, kind=st.sampled_from(["paid", "earned", "owned", "social", ""]))
def test_audit_lines(db, share, size, last_post, platform, kind):
    team = teams.list_teams(db)[0] if teams.list_teams(db) else teams.create_team(db, "Team")
    line = {"platform": platform, "kind": kind, "budget_share": share, "audience_size": size,
            "last_post_on": last_post}
    before = audit.list_audit(db, team.id, "2026-Q4")
    try:
        saved = audit.save_audit(db, team.id, "2026-Q4", [line])
    except InvalidInput as error:
        assert error.field in {"platform", "type", "budget share", "audience size", "last post"}
        assert str(error).startswith("Line 1: ")
        assert audit.list_audit(db, team.id, "2026-Q4") == before
        return
    if all(value in (None, "") for value in line.values()):
        assert saved == []  # an empty line left in the table is no channel
        return
    (stored,) = saved
    clean = audit.clean_row(line)
    assert {f: getattr(stored, f) for f in clean} == clean
    assert stored.budget_share is None or 0 <= stored.budget_share <= 100
    assert stored.audience_size is None or stored.audience_size >= 0


@PER_TEST
@given(share=NUMBER, baseline=NUMBER, target=NUMBER, platform=ANY_TEXT,
       fit=st.sampled_from(["yes", "no", "unsure", "", None, "maybe"]))
def test_canvas_channels(db, share, baseline, target, platform, fit):
    values = {"platform": platform, "kind": "shared", "role": "both", "stage": "reach",
              "budget_share": share, "kpi_baseline": baseline, "kpi_target": target,
              "fit_sell": fit}
    try:
        clean = canvas.clean(values)
    except InvalidInput as error:
        assert error.field in {"platform", "budget share", "KPI baseline", "KPI target", "fit"}
        return
    assert 0 <= clean["budget_share"] <= 100
    assert clean["fit_sell"] in {"yes", "no", "unsure"}
    assert canvas.clean(clean) == clean  # stable when entered again


@settings(max_examples=40, deadline=None)
@given(typed=ANY_TEXT | st.integers() | st.floats() | st.booleans() | st.none())
def test_validators_never_fail_with_anything_but_a_named_error(typed):
    for check in (
        lambda: validate.card_text(typed),
        lambda: validate.person_name(typed),
        lambda: validate.quarter(typed),
        lambda: validate.optional_date(typed, "date"),
        lambda: validate.whole_number(typed, "budget", low=0, high=10**9),
        lambda: validate.optional_number(typed, "budget", low=0, high=1e12),
        lambda: campaigns.channels(typed),
    ):
        try:
            check()
        except WorkshopError as error:
            assert isinstance(error, InvalidInput) and str(error)


def test_a_refused_write_in_a_transaction_leaves_nothing(room):
    """A failure after the first statement rolls the whole transaction back."""
    before = counts(room.db)
    with pytest.raises(RuntimeError), database.write(room.db, room.workshop.id):
        room.db.execute("INSERT INTO teams (name, created_at) VALUES ('Half', 'now')")
        raise RuntimeError("interrupted")
    assert counts(room.db) == before
