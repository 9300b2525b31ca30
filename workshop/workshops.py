"""Creating workshops, finding them by code, and the facilitator's controls.

Every facilitator action takes the facilitator secret and checks it here, so no page,
URL or replayed request can perform one without it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlite_utils import Database

from workshop import codes, exercises, phases, validate
from workshop.db import one, rows, timestamp, write
from workshop.errors import InvalidInput, NotAllowed, NotFound
from workshop.i18n import t
from workshop.models import Workshop
from workshop.teams import get_team

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
    team_id: int,
    quarter: str,
    exercise: str,
    title: str,
    held_on: object = None,
    settings: Settings = Settings(),
    campaign_id: int | None = None,
    secret: str | None = None,
) -> tuple[Workshop, str]:
    """Create a workshop; returns it with the facilitator secret (shown once, never stored).

    A ``secret`` is passed only when a facilitator's work creates a workshop for them,
    so the key they already hold opens it too.
    """
    get_team(db, team_id)
    if exercise not in exercises.EXERCISES:
        raise InvalidInput("exercise", t("Pick one of the exercises."))
    _check_campaign(db, team_id, exercises.get(exercise), campaign_id)
    clean = check_settings(settings)
    values = {
        "team_id": team_id,
        "quarter": validate.quarter(quarter),
        "exercise": exercise,
        "title": validate.text(title, "title", max_len=validate.TITLE_MAX),
        "held_on": validate.optional_date(held_on, "date"),
        "anonymous": int(clean.anonymous),
        "dots": clean.dots,
        "max_dots_per_card": clean.max_dots_per_card,
        "campaign_id": campaign_id,
    }
    secret = secret or codes.new_secret()
    with write(db):
        code = _unused_code(db)
        cursor = db.execute(
            """INSERT INTO workshops (team_id, quarter, exercise, title, held_on, code,
                   secret_hash, anonymous, dots, max_dots_per_card, campaign_id, created_at)
               VALUES (:team_id, :quarter, :exercise, :title, :held_on, :code, :secret_hash,
                   :anonymous, :dots, :max_dots_per_card, :campaign_id, :created_at)""",
            {
                **values,
                "code": code,
                "secret_hash": codes.hash_secret(secret),
                "created_at": timestamp(),
            },
        )
    return get_workshop(db, cursor.lastrowid), secret


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
    """The workshop, if ``secret`` is its facilitator secret; NotAllowed otherwise."""
    row = one(db, "SELECT secret_hash FROM workshops WHERE id = ?", [workshop_id])
    if row is None:
        raise NotFound(t("Workshop {id} does not exist.", id=workshop_id))
    if not codes.secret_matches(secret, row["secret_hash"]):
        raise NotAllowed(t("Only the facilitator can do that."))
    return get_workshop(db, workshop_id)


def facilitated_by(db: Database, keys: list[str]) -> set[int]:
    """The ids of the workshops whose facilitator key is among ``keys``."""
    hashes = sorted({codes.hash_secret(key) for key in keys if key})
    if not hashes:
        return set()
    marks = ", ".join("?" for _ in hashes)
    found = rows(db, f"SELECT id FROM workshops WHERE secret_hash IN ({marks})", hashes)
    return {r["id"] for r in found}


def is_facilitator(db: Database, workshop_id: int, secret: str | None) -> bool:
    try:
        authorise(db, workshop_id, secret)
    except (NotAllowed, NotFound):
        return False
    return True


def set_phase(db: Database, workshop_id: int, secret: str | None, phase: str) -> Workshop:
    workshop = authorise(db, workshop_id, secret)
    if phase not in phases.sequence(workshop.dots):
        raise InvalidInput("phase", t("That phase does not exist in this workshop."))
    if phase == "closed" and exercises.get(workshop.exercise).plans_channels:
        from workshop import canvas  # the canvas module builds on this one

        problem = canvas.budget_problem(canvas.list_plan(db, workshop_id))
        if problem:
            raise NotAllowed(problem)
    with write(db, workshop_id):
        db.execute(
            "UPDATE workshops SET phase = ?, timer_ends_at = NULL WHERE id = ?",
            [phase, workshop_id],
        )
    return get_workshop(db, workshop_id)


def advance(db: Database, workshop_id: int, secret: str | None) -> Workshop:
    workshop = authorise(db, workshop_id, secret)
    following = phases.next_phase(workshop.phase, workshop.dots)
    if following is None:
        raise NotAllowed(t("The workshop is closed already."))
    return set_phase(db, workshop_id, secret, following)


def step_back(db: Database, workshop_id: int, secret: str | None) -> Workshop:
    workshop = authorise(db, workshop_id, secret)
    previous = phases.previous_phase(workshop.phase, workshop.dots)
    if previous is None:
        raise NotAllowed(t("This is the first phase."))
    return set_phase(db, workshop_id, secret, previous)


def update_settings(
    db: Database, workshop_id: int, secret: str | None, settings: Settings
) -> Workshop:
    workshop = authorise(db, workshop_id, secret)
    clean = check_settings(settings)
    if workshop.phase == "closed":
        raise NotAllowed(t("The workshop is closed; its settings can no longer change."))
    with write(db, workshop_id):
        db.execute(
            "UPDATE workshops SET anonymous = ?, dots = ?, max_dots_per_card = ? WHERE id = ?",
            [int(clean.anonymous), clean.dots, clean.max_dots_per_card, workshop_id],
        )
        if clean.dots < workshop.dots:
            _trim_votes(db, workshop_id, clean.dots)
    return get_workshop(db, workshop_id)


def _trim_votes(db: Database, workshop_id: int, dots: int) -> None:
    # Fewer dots than already spent: the newest dots go, so nobody holds more than allowed.
    db.execute(
        """DELETE FROM votes WHERE id IN (
               SELECT id FROM (
                   SELECT id, ROW_NUMBER() OVER (
                       PARTITION BY participant_id ORDER BY id) AS n
                   FROM votes WHERE workshop_id = ?)
               WHERE n > ?)""",
        [workshop_id, dots],
    )


def start_timer(db: Database, workshop_id: int, secret: str | None, minutes: float) -> Workshop:
    authorise(db, workshop_id, secret)
    if not isinstance(minutes, int | float) or not 0 < minutes <= MAX_TIMER_MINUTES:
        raise InvalidInput("timer", t("A timer runs from 1 to {n} minutes.", n=MAX_TIMER_MINUTES))
    with write(db, workshop_id):
        db.execute(
            "UPDATE workshops SET timer_ends_at = ? WHERE id = ?",
            [time.time() + minutes * 60, workshop_id],
        )
    return get_workshop(db, workshop_id)


def stop_timer(db: Database, workshop_id: int, secret: str | None) -> Workshop:
    authorise(db, workshop_id, secret)
    with write(db, workshop_id):
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
