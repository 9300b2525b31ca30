"""Checks on what users type. Each returns the value to store or raises InvalidInput."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

from workshop import formats
from workshop.errors import InvalidInput
from workshop.i18n import N_, Np_, t, t_marked

CARD_MAX = 500
NAME_MAX = 60
TEAM_MAX = 80
TITLE_MAX = 120
_QUARTER = re.compile(r"^\s*(\d{4})\s*[-/ ]?\s*[Qq]([1-4])\s*$")
_QUARTER_FIRST = re.compile(r"^\s*[Qq]([1-4])\s*[-/ ]?\s*(\d{4})\s*$")
_NUMBER_SPACES = re.compile(r"[\s\u00a0\u202f_]")
_COMMA_DECIMAL = re.compile(r"^[-+]?\d+,\d{1,2}$")
_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$")
# Characters that draw nothing: spaces, format characters (zero-width space and joiner,
# word joiner, byte-order mark, direction marks and overrides), marks with no base, and
# the letters and signs fonts draw blank (Hangul fillers, the blank Braille pattern).
_INVISIBLE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cf", "Cc", "Cs", "Mn", "Me"})
_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800")


# The fields messages name, as a person reads them in their language. A channel's owner
# and the person an action is given to are both "Owner" in English, not in every language.
FIELD_NAMES: dict[str, str | tuple[str, str]] = {
    "KPI date": N_("KPI date"),
    "date": N_("Date"),
    "due date": N_("Due date"),
    "end date": N_("End date"),
    "last post": N_("Last post"),
    "start date": N_("Start date"),
    "KPI baseline": N_("KPI baseline"),
    "KPI target": N_("KPI target"),
    "audience size": N_("Audience size"),
    "budget share": N_("Budget share"),
    "KPI metric": N_("KPI metric"),
    "KPI unit": N_("KPI unit"),
    "account": N_("Account"),
    "audience": N_("Audience"),
    "backup admin": N_("Backup admin"),
    "evidence": N_("Evidence"),
    "goal": N_("Goal"),
    "hypothesis": N_("Hypothesis"),
    "owner": N_("Owner"),
    "action owner": Np_("person doing an action", "Owner"),
    "purpose": N_("Purpose"),
    "reason": N_("Reason"),
    "display name": N_("Display name"),
    "action": N_("Action"),
    "card": N_("Card"),
    "channel": N_("Channel"),
    "group title": N_("Group title"),
    "name": N_("Name"),
    "platform": N_("Platform"),
    "team name": N_("Team name"),
    "title": N_("Title"),
    "dots per participant": N_("Dots per participant"),
    "most dots on one card": N_("Most dots on one card"),
}


def _label(field: str) -> str:
    """The field's name starting a sentence, in the reader's language
    (``str.capitalize`` would turn KPI into Kpi)."""
    named = FIELD_NAMES.get(field)
    return t_marked(named) if named else field[:1].upper() + field[1:]


def _strip_controls(value: str, keep_newlines: bool) -> str:
    # Control characters (and lone surrogates, which SQLite cannot store) are dropped;
    # format characters stay, because emoji sequences need the zero-width joiner.
    kept = []
    for ch in value:
        category = unicodedata.category(ch)
        if ch == "\n":
            kept.append(ch if keep_newlines else " ")
        elif ch == "\t":
            kept.append(" ")
        elif category not in ("Cc", "Cs"):
            kept.append(ch)
    return "".join(kept)


def text(value: object, field: str, *, max_len: int, multiline: bool = False) -> str:
    """Trimmed text of 1 to ``max_len`` characters, control characters removed."""
    if not isinstance(value, str):
        raise InvalidInput(field, t("{field} must be text.", field=_label(field)))
    cleaned = _strip_controls(value.replace("\r\n", "\n").replace("\r", "\n"), multiline)
    cleaned = cleaned.strip()
    if not cleaned:
        raise InvalidInput(field, t("{field} cannot be empty.", field=_label(field)))
    if not has_visible(cleaned):
        raise InvalidInput(
            field,
            t("{field} shows nothing: it holds only invisible characters.", field=_label(field)),
        )
    if len(cleaned) > max_len:
        raise InvalidInput(
            field,
            t(
                "{field} is {n} characters long; the limit is {limit}.",
                field=_label(field),
                n=len(cleaned),
                limit=max_len,
            ),
        )
    return cleaned


def has_visible(value: str) -> bool:
    """Whether ``value`` draws at least one character a reader can see."""
    return any(
        ch not in _BLANK and unicodedata.category(ch) not in _INVISIBLE_CATEGORIES for ch in value
    )


def card_text(value: object) -> str:
    return text(value, "card", max_len=CARD_MAX, multiline=True)


def person_name(value: object, field: str = "name") -> str:
    return text(value, field, max_len=NAME_MAX)


def optional_text(value: object, field: str, *, max_len: int) -> str:
    """Like :func:`text`, but empty is allowed and stored as ''."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    return text(value, field, max_len=max_len)


def quarter(value: object) -> str:
    """``2026-Q4`` (also accepts ``2026 q4``, ``Q4 2026``)."""
    raw = value if isinstance(value, str) else ""
    match = _QUARTER.match(raw)
    if match:
        year, number = match.groups()
    elif match := _QUARTER_FIRST.match(raw):
        number, year = match.groups()
    else:
        raise InvalidInput("quarter", t("Write the quarter like 2026-Q4."))
    if not 2000 <= int(year) <= 2100:
        raise InvalidInput("quarter", t("The quarter's year must be between 2000 and 2100."))
    return f"{year}-Q{number}"


def current_quarter(today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    return f"{today.year}-Q{(today.month - 1) // 3 + 1}"


def quarter_before(q: str) -> str:
    year, number = int(q[:4]), int(q[-1])
    return f"{year - 1}-Q4" if number == 1 else f"{year}-Q{number - 1}"


def quarter_after(q: str) -> str:
    year, number = int(q[:4]), int(q[-1])
    return f"{year + 1}-Q1" if number == 4 else f"{year}-Q{number + 1}"


def optional_date(value: object, field: str) -> str | None:
    """An ISO date string, or None when left empty."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise InvalidInput(field, t("Write the date like 2026-12-31."))


def whole_number(value: object, field: str, *, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidInput(field, t("{field} must be a whole number.", field=_label(field)))
    try:
        number = int(value)
    except ValueError:
        raise InvalidInput(
            field, t("{field} must be a whole number.", field=_label(field))
        ) from None
    if not low <= number <= high:
        raise InvalidInput(
            field,
            t(
                "{field} must be between {low} and {high}.",
                field=_label(field),
                low=low,
                high=high,
            ),
        )
    return number


def choice(value: object, allowed: dict[str, str], field: str, *, optional: bool = False):
    """One of ``allowed``'s keys (or None when optional and left empty)."""
    if optional and value in (None, ""):
        return None
    if not isinstance(value, str) or value not in allowed:
        raise InvalidInput(field, t("Pick one of: {options}.", options=", ".join(allowed)))
    return value


def optional_number(
    value: object, field: str, *, low: float | None = None, high: float | None = None
) -> float | None:
    """A finite number (``"1 200,50"`` and ``"1,200.50"`` are read too), or None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number = _number(value, field)
    if low is not None and number < low:
        message = (
            t("{field} cannot be negative.", field=_label(field))
            if low == 0
            else t(
                "{field} must be at least {low}.",
                field=_label(field),
                low=formats.number(low, digits=6),
            )
        )
        raise InvalidInput(field, message)
    if high is not None and number > high:
        raise InvalidInput(
            field,
            t(
                "{field} cannot be over {high}.",
                field=_label(field),
                high=formats.number(high, digits=6),
            ),
        )
    return number


def _number(value: object, field: str) -> float:
    wrong = InvalidInput(
        field, t("{field} must be a number, like 1200 or 1200.50.", field=_label(field))
    )
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise wrong
    if isinstance(value, str):
        value = _NUMBER_SPACES.sub("", value)
        read = formats.read_number(value)  # as the reader's language writes it
        if read is not None:
            value = read
        elif _COMMA_DECIMAL.match(value):  # 1200,50
            value = value.replace(",", ".")
        elif _THOUSANDS.match(value):  # 1,200.50
            value = value.replace(",", "")
    try:
        number = float(value)
    except (ValueError, OverflowError):
        raise wrong from None
    if not math.isfinite(number):
        raise wrong
    return number
