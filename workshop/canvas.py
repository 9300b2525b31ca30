"""The scratch canvas: one record per channel the team would run if it started today.

The facilitator fills them in the Discuss phase of a channel canvas workshop, from
the proposals the team voted for. The shares of the budget must add up to 100%
before the canvas closes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

from workshop import channels, validate, workshops
from workshop.db import new_id, one, timestamp
from workshop.errors import NotAllowed, NotFound
from workshop.i18n import t
from workshop.models import PlanChannel
from workshop.roles import Do

EXERCISE = "canvas"
FIELDS = (
    *("platform", "kind", "role", "stage", "audience"),
    *("fit_sell", "fit_sell_note", "fit_buy", "fit_buy_note", "fit_ours", "fit_ours_note"),
    *("goal", "kpi_metric", "kpi_baseline", "kpi_target", "kpi_due_on", "kpi_level"),
    *("budget_share", "effort", "owner", "hypothesis"),
)


def clean(values: dict) -> dict:
    """A canvas channel as stored, or InvalidInput naming the field."""
    v = {field: values.get(field) for field in FIELDS}
    out = {
        "platform": validate.text(v["platform"], "platform", max_len=60),
        "kind": validate.choice(v["kind"], channels.KINDS, "type"),
        "role": validate.choice(v["role"], channels.ROLES, "role"),
        "stage": validate.choice(v["stage"], channels.STAGES, "journey stage"),
        "audience": validate.optional_text(v["audience"], "audience", max_len=300),
        "goal": validate.optional_text(v["goal"], "goal", max_len=300),
        "kpi_metric": validate.optional_text(v["kpi_metric"], "KPI metric", max_len=80),
        "kpi_baseline": validate.optional_number(v["kpi_baseline"], "KPI baseline"),
        "kpi_target": validate.optional_number(v["kpi_target"], "KPI target"),
        "kpi_due_on": validate.optional_date(v["kpi_due_on"], "KPI date"),
        "kpi_level": validate.choice(v["kpi_level"], channels.LEVELS, "KPI level", optional=True),
        "budget_share": validate.optional_number(v["budget_share"], "budget share", low=0, high=100)
        or 0.0,
        "effort": validate.choice(v["effort"], channels.EFFORTS, "effort", optional=True),
        "owner": validate.optional_text(v["owner"], "owner", max_len=validate.NAME_MAX),
        "hypothesis": validate.optional_text(
            v["hypothesis"], "hypothesis", max_len=validate.CARD_MAX
        ),
    }
    for question in channels.FIT_QUESTIONS:
        out[question] = validate.choice(v[question] or "unsure", channels.FIT, "fit")
        out[f"{question}_note"] = validate.optional_text(
            v[f"{question}_note"], "evidence", max_len=300
        )
    return out


@contextmanager
def _editing(db: Database, workshop_id: int, secret: str | None) -> Iterator[None]:
    """One write to the canvas, if the key, the exercise and the phase allow it."""
    with workshops.facilitating(db, workshop_id, secret, Do.PLAN_CANVAS) as workshop:
        if workshop.exercise != EXERCISE:
            raise NotAllowed(t("Only a channel canvas holds channels."))
        yield


def add_channel(
    db: Database, workshop_id: int, secret: str | None, values: dict, card_id: int | None = None
) -> PlanChannel:
    """Put a channel on the canvas, from the card or group (its first card) it came from."""
    stored = clean(values)
    with _editing(db, workshop_id, secret):
        cursor = db.execute(
            f"""INSERT INTO canvas_channels (workshop_id, card_id, {", ".join(FIELDS)},
                    created_at) VALUES (?, ?, {", ".join("?" for _ in FIELDS)}, ?)""",
            [workshop_id, card_id, *(stored[f] for f in FIELDS), timestamp()],
        )
    return get_channel(db, new_id(cursor))


def update_channel(
    db: Database, workshop_id: int, secret: str | None, channel_id: int, values: dict
) -> PlanChannel:
    with _editing(db, workshop_id, secret):
        current = _own(db, workshop_id, channel_id)
        stored = clean({f: getattr(current, f) for f in FIELDS} | values)
        db.execute(
            f"UPDATE canvas_channels SET {', '.join(f'{f} = ?' for f in FIELDS)} WHERE id = ?",
            [*(stored[f] for f in FIELDS), channel_id],
        )
    return get_channel(db, channel_id)


def remove_channel(db: Database, workshop_id: int, secret: str | None, channel_id: int) -> None:
    with _editing(db, workshop_id, secret):
        _own(db, workshop_id, channel_id)
        db.execute("DELETE FROM canvas_channels WHERE id = ?", [channel_id])


def _own(db: Database, workshop_id: int, channel_id: int) -> PlanChannel:
    channel = get_channel(db, channel_id)
    if channel.workshop_id != workshop_id:
        raise NotFound(t("That channel is not on this canvas."))
    return channel


def get_channel(db: Database, channel_id: int) -> PlanChannel:
    row = one(db, "SELECT * FROM canvas_channels WHERE id = ?", [channel_id])
    if row is None:
        raise NotFound(t("That channel is not on this canvas."))
    return PlanChannel.from_row(row)
