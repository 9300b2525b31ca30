"""Dates as the tools write them, to the ISO date a workshop keeps."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    m: n
    for n, m in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"),
        start=1,
    )
}


def iso_date(value: object) -> str | None:
    """The date of an ISO timestamp (``2026-04-14T09:30:00.000Z``), or None."""
    if not isinstance(value, str):
        return None
    found = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", value)
    return _date(*found.groups()) if found else None


def in_file_name(name: str | None) -> str | None:
    """A date in a download's name: ``2026-04-14_x`` (scrumlr), ``x_2026-4-14`` (Parabol)
    or ``x-retro-4-14-2026`` (RetroQuest)."""
    if not name:
        return None
    found = re.search(r"(\d{4})-(\d{1,2})-(\d{1,2})", name)
    if found:
        return _date(*found.groups())
    found = re.search(r"(\d{1,2})-(\d{1,2})-(\d{4})", name)
    return _date(found[3], found[1], found[2]) if found else None


def in_words(text: str) -> str | None:
    """A date written out, as date-fns' ``PPPP`` does: ``Tuesday, April 14th, 2026``."""
    found = re.search(r"([A-Za-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?,\s*(\d{4})", text)
    if not found or found[1].casefold() not in _MONTHS:
        return None
    return _date(found[3], _MONTHS[found[1].casefold()], found[2])


def _date(year: str | int, month: str | int, day: str | int) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def quarter_of(iso: str | None) -> str | None:
    if not iso:
        return None
    day = dt.date.fromisoformat(iso)
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
