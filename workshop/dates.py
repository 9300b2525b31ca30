"""Dates as people type them into a table cell: ISO, or the usual local forms.

"2026-11-28", "28.11.2026", "28/11/2026" and "28 Nov 2026" are the same day. A form with
slashes whose first number could be a day or a month is read day first, as in most of
the world; "11/28/2026" cannot be a day first, so it is read month first.
"""

from __future__ import annotations

import datetime as dt
import re

from workshop.errors import InvalidInput
from workshop.i18n import t

_NUMERIC = re.compile(r"^\s*(\d{1,4})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{2,4})\s*\.?\s*$")
_NAMED = ("%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%b %d, %Y", "%B %d, %Y")


def typed(value: object, field: str) -> dt.date | None:
    """The day a cell holds, or None when it is empty; InvalidInput names the field."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    found = _from_numbers(text) or _from_names(text)
    if found is None:
        raise InvalidInput(field, t("Write the date like 2026-11-28 or 28.11.2026."))
    return found


def _from_numbers(text: str) -> dt.date | None:
    match = _NUMERIC.match(text)
    if not match:
        return None
    a, b, c = (int(part) for part in match.groups())
    if len(match.group(1)) == 4:  # ISO: year first
        return _day(a, b, c)
    year = c + 2000 if c < 100 else c
    return _day(year, b, a) or _day(year, a, b)  # day first, unless it cannot be


def _from_names(text: str) -> dt.date | None:
    for form in _NAMED:
        try:
            return dt.datetime.strptime(" ".join(text.split()), form).date()
        except ValueError:
            continue
    return None


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
