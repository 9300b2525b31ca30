"""What every stored row must satisfy, field by field: the app's own input checks.

Each rule calls the same function the app calls when someone types the value
(``validate``, ``campaigns.clean``, ``audit.clean_row``, ``canvas.clean``), and a
stored value must be exactly what that function returns for it. Restore refuses a
row that breaks a rule, and ``workshop check`` reports every such row, so a backup can
never bring in what the app would refuse.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from sqlite_utils import Database

from workshop import audit, campaigns, canvas, codes, exercises, validate
from workshop.actions import ACTION_MAX
from workshop.errors import InvalidInput
from workshop.groups import GROUP_TITLE_MAX
from workshop.i18n import t
from workshop.workshops import MAX_DOTS

Clean = Callable[[object], object]

_HASH = re.compile(r"^[0-9a-f]{64}$")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
_REASONS = {key: label for key, label in exercises.MISS_REASONS}


def _stamp(value: object) -> object:
    if isinstance(value, str):
        try:
            dt.datetime.fromisoformat(value)
            return value
        except ValueError:
            pass
    raise InvalidInput("created_at", t("Write the time like 2026-12-31T09:30:00+00:00."))


def _code(value: object) -> object:
    if (
        not isinstance(value, str)
        or len(value) != codes.CODE_LENGTH
        or set(value) - set(codes.ALPHABET)
    ):
        raise InvalidInput(
            "code",
            t("A join code is {n} characters from {alphabet}.",
              n=codes.CODE_LENGTH, alphabet=codes.ALPHABET),
        )
    return value


def _matching(pattern: re.Pattern, field: str) -> Clean:
    def clean(value: object) -> object:
        if not isinstance(value, str) or not pattern.match(value):
            raise InvalidInput(field, t("This is not a {field} the app makes.", field=field))
        return value

    return clean


def _flag(field: str) -> Clean:
    def clean(value: object) -> object:
        if value not in (0, 1) or isinstance(value, float):
            raise InvalidInput(field, t("{field} must be 0 or 1.", field=field))
        return value

    return clean


def _count(field: str) -> Clean:
    return lambda value: validate.whole_number(value, field, low=0, high=2**62)


def _optional_number(field: str) -> Clean:
    return lambda value: validate.optional_number(value, field)


# Per table: column -> the app's check for one value.
COLUMNS: dict[str, dict[str, Clean]] = {
    "teams": {
        "name": lambda v: validate.text(v, "team name", max_len=validate.TEAM_MAX),
    },
    "workshops": {
        "quarter": validate.quarter,
        "title": lambda v: validate.text(v, "title", max_len=validate.TITLE_MAX),
        "held_on": lambda v: validate.optional_date(v, "date"),
        "code": _code,
        "secret_hash": _matching(_HASH, "facilitator key hash"),
        "anonymous": _flag("anonymous"),
        "dots": lambda v: validate.whole_number(v, "dots per participant", low=0, high=MAX_DOTS),
        "max_dots_per_card": lambda v: validate.whole_number(
            v, "most dots on one card", low=1, high=MAX_DOTS
        ),
        "timer_ends_at": _optional_number("timer"),
        "revision": _count("revision"),
        "public_revision": _count("public revision"),
    },
    "participants": {
        "name": lambda v: validate.person_name(v, "display name"),
        "token": _matching(_TOKEN, "personal link"),
        "joined_at": _stamp,
    },
    "card_groups": {
        "title": lambda v: validate.text(v, "group title", max_len=GROUP_TITLE_MAX),
    },
    "cards": {
        "text": validate.card_text,
        "reason": lambda v: validate.choice(v, _REASONS, "reason", optional=True),
        "updated_at": _stamp,
    },
    "actions": {
        "text": lambda v: validate.text(v, "action", max_len=ACTION_MAX),
        "owner": lambda v: validate.optional_text(v, "action owner", max_len=validate.NAME_MAX),
        "due_on": lambda v: validate.optional_date(v, "due date"),
        "drop_reason": lambda v: validate.optional_text(v, "reason", max_len=ACTION_MAX),
    },
    "audit_channels": {
        "quarter": validate.quarter,
    },
    "proposals": {
        "text": validate.card_text,
        "platform": lambda v: validate.text(v, "platform", max_len=200),
        "reason": lambda v: validate.text(v, "reason", max_len=validate.CARD_MAX),
    },
    "votes": {},
    "campaigns": {},
    "canvas_channels": {},
    "theme_links": {},
}
# Tables whose whole row the app cleans in one call (fields named as the app names them).
ROWS: dict[str, tuple[tuple[str, ...], Callable[[dict], dict]]] = {
    "campaigns": (campaigns.FIELDS, campaigns.clean),
    "audit_channels": (audit.FIELDS, audit.clean_row),
    "canvas_channels": (canvas.FIELDS, canvas.clean),
}


def row_problems(table: str, row: dict) -> list[tuple[str, str]]:
    """(column, message) for every value of ``row`` the app would not have stored."""
    found: list[tuple[str, str]] = []
    checks = dict(COLUMNS.get(table, {}))
    if "created_at" in row:
        checks.setdefault("created_at", _stamp)
    for column, clean in checks.items():
        if column in row:
            found += _compare(column, row[column], clean)
    if table in ROWS:
        fields, clean_row = ROWS[table]
        given = {f: row[f] for f in fields if f in row}
        try:
            cleaned = clean_row(given)
        except InvalidInput as error:
            found.append((error.field, str(error)))
        else:
            found += [
                (f, _altered(f))
                for f, value in given.items()
                if f in cleaned and not _same(cleaned[f], value)
            ]
    return found


def _compare(column: str, value: object, clean: Clean) -> list[tuple[str, str]]:
    try:
        cleaned = clean(value)
    except InvalidInput as error:
        return [(column, str(error))]
    except (TypeError, ValueError, OverflowError):
        return [(column, t("This value has the wrong type."))]
    return [] if _same(cleaned, value) else [(column, _altered(column))]


def _same(cleaned: object, stored: object) -> bool:
    if isinstance(cleaned, bool) or isinstance(stored, bool):
        return cleaned == stored and not isinstance(stored, float)
    if isinstance(cleaned, str) or isinstance(stored, str):
        return cleaned == stored
    if cleaned is None or stored is None:
        return cleaned is None and stored is None
    return cleaned == stored


def _altered(column: str) -> str:
    return t(
        "It holds characters the app does not store (control characters, or spaces at "
        "either end), or is not written the way the app writes {field}.",
        field=column,
    )


def problems(db: Database) -> list[str]:
    """Every stored value that breaks a rule, naming the table, row and field."""
    found = []
    for table in COLUMNS:
        cursor = db.execute(f"SELECT * FROM {table} ORDER BY id")
        names = [c[0] for c in cursor.description]
        for values in cursor:
            row = dict(zip(names, values, strict=True))
            found += [
                t("{table} row {id}, “{field}”: {problem}",
                  table=table, id=row["id"], field=field, problem=problem)
                for field, problem in row_problems(table, row)
            ]
    return found
