"""Today's channels: the account audit a team keeps per quarter, and what it flags.

Accounts grow piecemeal, so the audit asks who owns each one, whether it is a
duplicate or abandoned, and when it last posted.
"""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from workshop import channels, dates, formats, validate
from workshop.db import rows, timestamp, write
from workshop.errors import InvalidInput
from workshop.i18n import t
from workshop.models import AuditChannel
from workshop.teams import get_team

QUIET_DAYS = 90
MAX_ROWS = 500
FIELDS = (
    *("platform", "account", "kind", "role", "owner", "backup_admin", "last_post_on"),
    *("audience_size", "budget_share", "purpose", "status"),
)


def clean_row(values: dict) -> dict:
    """One audit line as stored, or InvalidInput naming the field."""
    v = {field: values.get(field) for field in FIELDS}
    return {
        "platform": validate.text(v["platform"], "platform", max_len=60),
        "account": validate.optional_text(v["account"], "account", max_len=200),
        "kind": validate.choice(v["kind"], channels.KINDS, "type"),
        "role": validate.choice(v["role"], channels.ROLES, "role", optional=True),
        "owner": validate.optional_text(v["owner"], "owner", max_len=validate.NAME_MAX),
        "backup_admin": validate.optional_text(
            v["backup_admin"], "backup admin", max_len=validate.NAME_MAX
        ),
        "last_post_on": validate.optional_date(dates.typed(v["last_post_on"], "last post"),
                                               "last post"),
        "audience_size": _whole(v["audience_size"]),
        "budget_share": validate.optional_number(
            v["budget_share"], "budget share", low=0, high=100
        ),
        "purpose": validate.optional_text(v["purpose"], "purpose", max_len=300),
        "status": validate.choice(v["status"] or "active", channels.STATUSES, "status"),
    }


def _whole(value: object) -> int | None:
    number = validate.optional_number(value, "audience size", low=0, high=10**10)
    if number is not None and number != int(number):
        raise InvalidInput("audience size", t("Audience size must be a whole number."))
    return None if number is None else int(number)


def save_audit(db: Database, team_id: int, quarter: str, lines: list[dict]) -> list[AuditChannel]:
    """Replace a quarter's audit with ``lines``: all of them, or none if one is wrong."""
    get_team(db, team_id)
    q = validate.quarter(quarter)
    if len(lines) > MAX_ROWS:
        raise InvalidInput("audit", t("At most {n} channels.", n=MAX_ROWS))
    cleaned = []
    for number, line in enumerate(lines, start=1):
        if all(value in (None, "") for value in line.values()):
            continue  # an empty line left in the table
        try:
            cleaned.append(clean_row(line))
        except InvalidInput as error:
            raise InvalidInput(error.field, t("Line {n}: {error}", n=number, error=error)) from None
    with write(db):
        db.execute("DELETE FROM audit_channels WHERE team_id = ? AND quarter = ?", [team_id, q])
        for line in cleaned:
            db.execute(
                f"""INSERT INTO audit_channels (team_id, quarter, {", ".join(FIELDS)},
                        created_at) VALUES (?, ?, {", ".join("?" for _ in FIELDS)}, ?)""",
                [team_id, q, *(line[f] for f in FIELDS), timestamp()],
            )
    return list_audit(db, team_id, q)


def list_audit(db: Database, team_id: int, quarter: str) -> list[AuditChannel]:
    return [
        AuditChannel.from_row(r)
        for r in rows(
            db,
            """SELECT * FROM audit_channels WHERE team_id = ? AND quarter = ?
               ORDER BY platform COLLATE NOCASE, id""",
            [team_id, quarter],
        )
    ]


def latest_quarter(db: Database, team_id: int, up_to: str) -> str | None:
    """The newest quarter up to ``up_to`` that has an audit: today's list for a canvas."""
    found = rows(
        db,
        "SELECT MAX(quarter) AS q FROM audit_channels WHERE team_id = ? AND quarter <= ?",
        [team_id, up_to],
    )
    return found[0]["q"]


def copy_quarter(db: Database, team_id: int, source: str, target: str) -> list[AuditChannel]:
    """Start a quarter's audit from an earlier one's lines."""
    lines = [{f: getattr(line, f) for f in FIELDS} for line in list_audit(db, team_id, source)]
    return save_audit(db, team_id, target, lines)


def flags(lines: list[AuditChannel], today: dt.date | None = None) -> dict[int, list[str]]:
    """What needs attention on each line: no owner, a duplicate, no post for 90 days."""
    today = today or dt.date.today()
    per_platform: dict[str, int] = {}
    for line in lines:
        key = channels.platform_key(line.platform)
        per_platform[key] = per_platform.get(key, 0) + 1
    found: dict[int, list[str]] = {}
    for line in lines:
        notes = []
        if not line.owner or line.status == "owner_unknown":
            notes.append(t("no owner"))
        if per_platform[channels.platform_key(line.platform)] > 1 or line.status == "duplicate":
            notes.append(t("duplicate on {platform}", platform=line.platform))
        quiet = quiet_days(line, today)
        if quiet is not None and quiet > QUIET_DAYS:
            notes.append(t("no post for {n} days", n=quiet))
        elif line.last_post_on is None and line.kind in ("owned", "shared"):
            notes.append(t("last post unknown"))
        if notes:
            found[line.id] = notes
    return found


# Every cell but the type and status, shown as text: an empty one stays empty (a number
# or choice cell would say "None"), and a typed date is read by ``dates.typed`` as typed.
TEXT_FIELDS = tuple(f for f in FIELDS if f not in ("kind", "status"))


def table_rows(lines: list[AuditChannel]) -> list[dict]:
    """The audit as the table shows it: nothing missing reads "None"."""
    return [{f: _shown(getattr(line, f)) if f in TEXT_FIELDS else getattr(line, f)
             for f in FIELDS} for line in lines]


def _shown(value: object) -> str:
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def budget_total(shares: list[float | None]) -> float | None:
    """The budget shares added up; None when no line has one."""
    known = [share for share in shares if share is not None]
    return sum(known) if known else None


def budget_note(total: float | None) -> str:
    """What the table's budget total says, and whether it is the whole budget."""
    if total is None:
        return t("No budget shares yet.")
    if abs(total - 100) < 0.05:
        return t("Budget shares add up to 100%.")
    return t("Budget shares add up to {total}%, not 100%.", total=formats.number(total))


def quiet_days(line: AuditChannel, today: dt.date) -> int | None:
    if not line.last_post_on:
        return None
    return (today - dt.date.fromisoformat(line.last_post_on)).days
