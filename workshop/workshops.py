"""Creating workshops, finding them by code, and the facilitator's controls.

Every facilitator action takes the facilitator secret and checks it inside its write
transaction (:func:`facilitating`), with the phase and the limits it depends on, so
no page, URL, replayed request or race can perform one that is not allowed.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlite_utils import Database

from workshop import canvas_plan, codes, exercises, facilitator_keys, i18n, phases, validate
from workshop.db import new_id, one, rows, timestamp, write
from workshop.errors import InvalidInput, NotAllowed, NotFound, Stale
from workshop.i18n import t
from workshop.models import Workshop
from workshop.phases import Phase
from workshop.roles import Do, Role, require
from workshop.teams import create_team, get_team

MAX_DOTS = 20
MAX_TIMER_MINUTES = 120
_SELECT = """
    SELECT w.*, teams.name AS team_name FROM workshops w JOIN teams ON teams.id = w.team_id
"""


@dataclass(frozen=True)
class Settings:
    anonymous: bool = True
    dots: int = 5
    max_dots_per_card: int = 3


def check_settings(settings: Settings) -> Settings:
    dots = validate.whole_number(settings.dots, "dots per participant", low=0, high=MAX_DOTS)
    per_card = validate.whole_number(
        settings.max_dots_per_card, "most dots on one card", low=1, high=MAX_DOTS
    )
    return Settings(bool(settings.anonymous), dots, min(per_card, max(dots, 1)))


def create_workshop(
    db: Database,
    *,
    team_id: int | None,
    new_team: str = "",
    quarter: str,
    exercise: str,
    title: str,
    held_on: object = None,
    settings: Settings = Settings(),
    campaign_id: int | None = None,
    secret: str | None = None,
    language: str | None = None,
) -> tuple[Workshop, str]:
    """Create a workshop; returns it with the facilitator secret (shown once, never stored).

    A ``secret`` is passed only when a facilitator's work creates a workshop for them,
    so the key they already hold opens it too. With no ``team_id``, a team called
    ``new_team`` is created with it: both are saved, or neither. The workshop is
    written in ``language``, by default the one its facilitator is using.
    """
    if exercise not in exercises.EXERCISES:
        raise InvalidInput("exercise", t("Pick one of the exercises."))
    clean = check_settings(settings)
    values = {
        "quarter": validate.quarter(quarter),
        "exercise": exercise,
        "title": validate.text(title, "title", max_len=validate.TITLE_MAX),
        "held_on": validate.optional_date(held_on, "date"),
        "anonymous": int(clean.anonymous),
        "dots": clean.dots,
        "max_dots_per_card": clean.max_dots_per_card,
        "campaign_id": campaign_id,
        "language": i18n.supported(language) or i18n.language(),
    }
    secret = secret or codes.new_secret()
    with write(db):
        team_id = get_team(db, team_id).id if team_id is not None else create_team(db, new_team).id
        _check_campaign(db, team_id, exercises.get(exercise), campaign_id)
        # Read inside the write: a second click on Create makes no second workshop.
        if one(
            db,
            """SELECT id FROM workshops WHERE team_id = ? AND quarter = ?
                   AND title = ? COLLATE NOCASE""",
            [team_id, values["quarter"], values["title"]],
        ):
            raise InvalidInput(
                "title",
                t(
                    "This team has a workshop called “{title}” in {quarter} already: give "
                    "this one another title.",
                    title=values["title"],
                    quarter=values["quarter"],
                ),
            )
        values["team_id"] = team_id
        code = _unused_code(db)
        cursor = db.execute(
            """INSERT INTO workshops (team_id, quarter, exercise, title, held_on, code,
                   secret_hash, anonymous, dots, max_dots_per_card, campaign_id, language,
                   created_at)
               VALUES (:team_id, :quarter, :exercise, :title, :held_on, :code, :secret_hash,
                   :anonymous, :dots, :max_dots_per_card, :campaign_id, :language,
                   :created_at)""",
            {
                **values,
                "code": code,
                "secret_hash": codes.hash_secret(secret),
                "created_at": timestamp(),
            },
        )
    return get_workshop(db, new_id(cursor)), secret


def _check_campaign(
    db: Database, team_id: int, exercise: exercises.Exercise, campaign_id: int | None
) -> None:
    if campaign_id is None:
        if exercise.needs_campaign:
            raise InvalidInput(
                "campaign", t("Pick the campaign or test this retrospective looks back on.")
            )
        return
    row = one(db, "SELECT team_id FROM campaigns WHERE id = ?", [campaign_id])
    if row is None or row["team_id"] != team_id:
        raise InvalidInput("campaign", t("That campaign or test is not one of this team's."))


def _unused_code(db: Database) -> str:
    while True:
        code = codes.new_code()
        if one(db, "SELECT 1 FROM workshops WHERE code = ?", [code]) is None:
            return code


def get_workshop(db: Database, workshop_id: int) -> Workshop:
    row = one(db, _SELECT + " WHERE w.id = ?", [workshop_id])
    if row is None:
        raise NotFound(t("Workshop {id} does not exist.", id=workshop_id))
    return Workshop.from_row(row)


def find_by_code(db: Database, typed: str) -> Workshop:
    """The workshop whose join code was typed (case, spaces and dashes ignored)."""
    code = codes.normalise_code(typed or "")
    row = one(db, _SELECT + " WHERE w.code = ?", [code]) if code else None
    if row is None:
        raise NotFound(
            t(
                "No workshop has the code “{code}”. Check it with your facilitator.",
                code=(typed or "").strip()[:20],
            )
        )
    return Workshop.from_row(row)


def list_workshops(db: Database, team_id: int | None = None) -> list[Workshop]:
    """Workshops, newest quarter first."""
    where, params = ("WHERE w.team_id = ?", [team_id]) if team_id else ("", [])
    return [
        Workshop.from_row(r)
        for r in rows(db, f"{_SELECT} {where} ORDER BY w.quarter DESC, w.id DESC", params)
    ]


def revision(db: Database, workshop_id: int) -> int:
    row = one(db, "SELECT revision FROM workshops WHERE id = ?", [workshop_id])
    return row["revision"] if row else -1


def authorise(db: Database, workshop_id: int, secret: str | None) -> Workshop:
    """The workshop, if ``secret`` opens it (see :mod:`workshop.facilitator_keys`);
    NotAllowed otherwise."""
    hashes = facilitator_keys.hashes_opening(db, workshop_id)
    if not hashes:
        raise NotFound(t("Workshop {id} does not exist.", id=workshop_id))
    # Every hash is compared, so the time taken tells nothing about which one matched.
    matches = [codes.secret_matches(secret, stored) for stored in hashes]
    if not any(matches):
        raise NotAllowed(t("Only the facilitator can do that."))
    return get_workshop(db, workshop_id)


def facilitated_by(db: Database, keys: list[str]) -> set[int]:
    """The ids of the workshops that one of ``keys`` opens."""
    return facilitator_keys.workshops_opened(db, sorted({codes.hash_secret(k) for k in keys if k}))


def is_facilitator(db: Database, workshop_id: int, secret: str | None) -> bool:
    return opening_key(db, workshop_id, [secret] if secret else []) is not None


def opening_key(db: Database, workshop_id: int, keys: Collection[str]) -> str | None:
    """The first of ``keys`` that opens ``workshop_id``, if any: a browser may hold the
    keys of several workshops, and one of them may open this one (it fed it)."""
    hashes = facilitator_keys.hashes_opening(db, workshop_id)
    for key in keys:
        if any([codes.secret_matches(key, stored) for stored in hashes]):
            return key
    return None


@contextmanager
def facilitating(
    db: Database,
    workshop_id: int,
    secret: str | None,
    do: Do,
    *also: int,
    private_in: Collection[Phase] = (),
) -> Iterator[Workshop]:
    """One write as the facilitator of ``workshop_id``: the key and the phase are read
    after ``BEGIN IMMEDIATE`` and must allow ``do``; ``also`` names further workshops
    the write changes."""
    with write(db, workshop_id, *also, private_in=private_in):
        workshop = authorise(db, workshop_id, secret)
        require(Role.FACILITATOR, do, workshop.phase)
        yield workshop


def set_phase(
    db: Database,
    workshop_id: int,
    secret: str | None,
    phase: str,
    *,
    seen: Phase | None = None,
    keep_timer: bool = False,
) -> Workshop:
    """Move the workshop to ``phase``. ``seen``: the phase the facilitator's button was
    drawn in; if the workshop has moved on since, nothing changes and Stale says so.
    A timer belongs to the phase it was started in and ends with it, unless the
    facilitator chose to ``keep_timer`` running into the next one."""
    with facilitating(db, workshop_id, secret, Do.MOVE_PHASE) as workshop:
        _not_stale(workshop, seen)
        if phase not in phases.sequence(workshop.dots):
            raise InvalidInput("phase", t("That phase does not exist in this workshop."))
        if phase == Phase.CLOSED and exercises.get(workshop.exercise).plans_channels:
            problem = canvas_plan.budget_problem(canvas_plan.list_plan(db, workshop_id))
            if problem:
                raise NotAllowed(problem)
        db.execute(
            "UPDATE workshops SET phase = ?, timer_ends_at = ? WHERE id = ?",
            [Phase(phase), workshop.timer_ends_at if keep_timer else None, workshop_id],
        )
    return get_workshop(db, workshop_id)


def _not_stale(workshop: Workshop, seen: Phase | None) -> None:
    if seen is not None and workshop.phase != seen:
        raise Stale(
            t(
                "The workshop is in the {phase} phase already; nothing was changed.",
                phase=t(workshop.phase.label),
            )
        )


def advance(
    db: Database,
    workshop_id: int,
    secret: str | None,
    *,
    seen: Phase | None = None,
    keep_timer: bool = False,
) -> Workshop:
    """The next phase; ``seen`` and ``keep_timer`` as for :func:`set_phase`."""
    return _move(db, workshop_id, secret, seen, forward=True, keep_timer=keep_timer)


def step_back(
    db: Database,
    workshop_id: int,
    secret: str | None,
    *,
    seen: Phase | None = None,
    keep_timer: bool = False,
) -> Workshop:
    """The previous phase; ``seen`` and ``keep_timer`` as for :func:`set_phase`."""
    return _move(db, workshop_id, secret, seen, forward=False, keep_timer=keep_timer)


def _move(
    db: Database,
    workshop_id: int,
    secret: str | None,
    seen: Phase | None,
    *,
    forward: bool,
    keep_timer: bool,
) -> Workshop:
    with facilitating(db, workshop_id, secret, Do.MOVE_PHASE) as workshop:
        _not_stale(workshop, seen)
        step = phases.next_phase if forward else phases.previous_phase
        to = step(workshop.phase, workshop.dots)
        if to is None:
            raise NotAllowed(
                t("The workshop is closed already.") if forward else t("This is the first phase.")
            )
        return set_phase(db, workshop_id, secret, to, keep_timer=keep_timer)


def update_settings(
    db: Database, workshop_id: int, secret: str | None, settings: Settings
) -> Workshop:
    """New settings; dots over a lowered limit are taken back, newest first."""
    clean = check_settings(settings)
    with facilitating(db, workshop_id, secret, Do.CHANGE_SETTINGS):
        db.execute(
            "UPDATE workshops SET anonymous = ?, dots = ?, max_dots_per_card = ? WHERE id = ?",
            [int(clean.anonymous), clean.dots, clean.max_dots_per_card, workshop_id],
        )
        settle_votes(db, workshop_id, clean.dots, clean.max_dots_per_card)
    return get_workshop(db, workshop_id)


def languages(db: Database) -> set[str]:
    """The languages the team's workshops are written in."""
    return {code for (code,) in db.execute("SELECT DISTINCT language FROM workshops")}


def set_language(db: Database, workshop_id: int, secret: str | None, language: str) -> Workshop:
    """The language the workshop's exports and the room's texts are written in."""
    code = i18n.supported(language)
    if code is None or code not in i18n.LANGUAGES:
        raise InvalidInput("language", t("Pick one of the languages."))
    with facilitating(db, workshop_id, secret, Do.CHANGE_SETTINGS):
        db.execute("UPDATE workshops SET language = ? WHERE id = ?", [code, workshop_id])
    return get_workshop(db, workshop_id)


def settle_votes(db: Database, workshop_id: int, dots: int, per_item: int) -> None:
    """Take back the newest dots beyond the limits (inside the write that lowered a
    limit or merged cards), so nobody holds more than the workshop now allows."""
    db.execute(
        """DELETE FROM votes WHERE id IN (
               SELECT id FROM (
                   SELECT v.id, ROW_NUMBER() OVER (
                       PARTITION BY v.participant_id,
                           COALESCE('group ' || c.group_id, 'card ' || c.id)
                       ORDER BY v.id) AS n
                   FROM votes v JOIN cards c ON c.id = v.card_id WHERE v.workshop_id = ?)
               WHERE n > ?)""",
        [workshop_id, per_item],
    )
    db.execute(
        """DELETE FROM votes WHERE id IN (
               SELECT id FROM (
                   SELECT id, ROW_NUMBER() OVER (PARTITION BY participant_id ORDER BY id) AS n
                   FROM votes WHERE workshop_id = ?)
               WHERE n > ?)""",
        [workshop_id, dots],
    )


def start_timer(db: Database, workshop_id: int, secret: str | None, minutes: float) -> Workshop:
    """Count down ``minutes`` on every screen; a running timer starts over."""
    if not isinstance(minutes, int | float) or not 0 < minutes <= MAX_TIMER_MINUTES:
        raise InvalidInput("timer", t("A timer runs from 1 to {n} minutes.", n=MAX_TIMER_MINUTES))
    with facilitating(db, workshop_id, secret, Do.RUN_TIMER):
        db.execute(
            "UPDATE workshops SET timer_ends_at = ? WHERE id = ?",
            [time.time() + minutes * 60, workshop_id],
        )
    return get_workshop(db, workshop_id)


def add_minute(db: Database, workshop_id: int, secret: str | None) -> Workshop:
    """One more minute on the timer; a timer that ran out counts down again from one."""
    with facilitating(db, workshop_id, secret, Do.RUN_TIMER) as workshop:
        if workshop.timer_ends_at is None:
            raise NotAllowed(t("No timer is running. Start one first."))
        now = time.time()
        ends = min(max(workshop.timer_ends_at, now) + 60, now + MAX_TIMER_MINUTES * 60)
        db.execute("UPDATE workshops SET timer_ends_at = ? WHERE id = ?", [ends, workshop_id])
    return get_workshop(db, workshop_id)


def stop_timer(db: Database, workshop_id: int, secret: str | None) -> Workshop:
    """Clear the timer: a stopped timer shows nothing anywhere, not even "Time is up"."""
    with facilitating(db, workshop_id, secret, Do.RUN_TIMER):
        db.execute("UPDATE workshops SET timer_ends_at = NULL WHERE id = ?", [workshop_id])
    return get_workshop(db, workshop_id)


def new_facilitator_secret(db: Database, workshop_id: int) -> str:
    """Replace a lost facilitator link (for whoever holds the database file)."""
    get_workshop(db, workshop_id)
    secret = codes.new_secret()
    with write(db, workshop_id):
        db.execute(
            "UPDATE workshops SET secret_hash = ? WHERE id = ?",
            [codes.hash_secret(secret), workshop_id],
        )
    return secret
