"""Numbers, percentages, money and dates as the reader's locale writes them, from
Babel's copy of the Unicode CLDR: "1.234,5" in Danish, "1 234,5" in Swedish and Polish
(with a no-break space), "1,234.5" in English. Never written by hand, so "2,000" never
reads as two.

Every function follows the language of the moment (``i18n.language()``), so an export
made inside ``i18n.using(workshop.language)`` is formatted for the room.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import (
    NumberFormatError,
    format_currency,
    format_decimal,
    format_percent,
    get_decimal_symbol,
    get_group_symbol,
    parse_decimal,
)

from workshop import i18n

# The country each language is written for, where its customs differ (money, weeks).
TERRITORIES = {"en": "en", "da": "da_DK", "sv": "sv_SE", "pl": "pl_PL", "tr": "tr_TR",
               "id": "id_ID"}


@cache
def _locale(code: str) -> Locale:
    return Locale.parse(TERRITORIES.get(code, code))


def locale() -> Locale:
    """The Babel locale of the language texts are written in right now."""
    code = i18n.language()
    return _locale(code if i18n.supported(code) in TERRITORIES else i18n.SOURCE)


def number(value: float, digits: int = 2) -> str:
    """``value`` with the locale's separators and at most ``digits`` decimals, none
    when it is whole ("1.234,5", "12", "0,25")."""
    return format_decimal(round(value, digits), format=_pattern(digits), locale=locale())


def read_number(text: str) -> float | None:
    """``text`` read as the locale writes numbers ("1.234,5" and "250.000" in Danish,
    "1,234.5" in English), or None when it is not written that way."""
    try:
        return float(parse_decimal(text, locale=locale(), strict=True))
    except (NumberFormatError, ValueError):
        return None


def _pattern(digits: int) -> str:
    return "#,##0" + ("." + "#" * digits if digits > 0 else "")


def percent(value: float, digits: int = 0) -> str:
    """A share given from 0 to 100 (as the app stores them): "42 %" in Danish, "%42" in
    Turkish, "42%" in English."""
    pattern = locale().percent_formats[None].pattern
    return format_percent(
        round(value, digits) / 100, format=pattern.replace("#,##0", _pattern(digits)),
        locale=locale(),
    )


def money(value: float, currency: str) -> str:
    """An amount in ``currency`` (an ISO code such as EUR, DKK, SEK, PLN, TRY, IDR)."""
    return format_currency(value, currency, locale=locale())


def date(value: dt.date | str, length: str = "medium") -> str:
    """A day as the locale writes it ("5. mar. 2026", "5 mars 2026", "Mar 5, 2026")."""
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return format_date(day, length, locale=locale())


def first_weekday() -> int:
    """The first day of the locale's week, 0 for Monday to 6 for Sunday."""
    return locale().first_week_day


def decimal_symbol() -> str:
    return get_decimal_symbol(locale())


def group_symbol() -> str:
    return get_group_symbol(locale())


def has_decimal_comma() -> bool:
    return decimal_symbol() == ","


def chart_locale() -> dict[str, object]:
    """The number format locale of Vega (which draws the charts): the same separators
    on screen, in the HTML export and in the PDF."""
    return {
        "number": {
            "decimal": decimal_symbol(),
            "thousands": group_symbol(),
            "grouping": [3],
            "currency": ["", ""],
            "percent": "%",
        }
    }
