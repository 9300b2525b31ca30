"""Numbers, percentages, money and dates as each locale writes them (Babel's CLDR data)."""

from __future__ import annotations

import datetime as dt
import re

import altair as alt
import pandas as pd
import pytest
import vl_convert

from tests.support import pdf_text
from workshop import campaigns, charts, exports, formats, i18n, kpi, teams, validate, workshops

NBSP = "\u00a0"

NUMBERS = {
    "en": "1,234.5",
    "da": "1.234,5",
    "sv": f"1{NBSP}234,5",
    "pl": f"1{NBSP}234,5",
    "tr": "1.234,5",
    "id": "1.234,5",
}


@pytest.mark.parametrize("lang", list(NUMBERS))
def test_a_number_has_the_locales_separators(lang):
    with i18n.using(lang):
        assert formats.number(1234.5) == NUMBERS[lang]
        assert formats.number(12) == "12"  # a whole number shows no decimals
        assert formats.number(0.256) == ("0.26" if lang == "en" else "0,26")


def test_a_thousands_separator_is_never_read_as_a_decimal_one():
    with i18n.using("da"):
        assert formats.number(2000) == "2.000"
        assert formats.number(2.0) == "2"
    with i18n.using("en"):
        assert formats.number(2000) == "2,000"


@pytest.mark.parametrize(
    ("lang", "shown"),
    [("en", "42.5%"), ("da", f"42,5{NBSP}%"), ("sv", f"42,5{NBSP}%"), ("pl", "42,5%"),
     ("tr", "%42,5"), ("id", "42,5%")],
)
def test_a_percentage_is_written_the_locales_way(lang, shown):
    with i18n.using(lang):
        assert formats.percent(42.5, digits=1) == shown


@pytest.mark.parametrize(
    ("lang", "shown"),
    [("en", "DKK1,234.50"), ("da", f"1.234,50{NBSP}kr."), ("sv", f"1{NBSP}234,50{NBSP}Dkr")],
)
def test_money_names_its_currency_the_locales_way(lang, shown):
    with i18n.using(lang):
        assert formats.money(1234.5, "DKK") == shown


@pytest.mark.parametrize(
    ("lang", "shown"),
    [("en", "Mar 5, 2026"), ("da", "5. mar. 2026"), ("sv", "5 mars 2026"), ("pl", "5 mar 2026"),
     ("tr", "5 Mar 2026"), ("id", "5 Mar 2026")],
)
def test_a_date_is_written_the_locales_way(lang, shown):
    with i18n.using(lang):
        assert formats.date(dt.date(2026, 3, 5)) == shown
        assert formats.date("2026-03-05") == shown


def test_the_week_starts_where_the_locale_says():
    with i18n.using("da"):
        assert formats.first_weekday() == 0  # Monday
    with i18n.using("id"):
        assert formats.first_weekday() == 6  # Sunday


def test_kpi_figures_follow_the_locale():
    with i18n.using("da"):
        assert kpi.number(12500.25, "kr") == "12.500,25 kr"
        assert kpi.number(12.5, "%") == f"12,5{NBSP}%"
        assert kpi.percent(104.4) == f"104{NBSP}%"
    with i18n.using("en"):
        assert kpi.number(12500.25, "kr") == "12,500.25 kr"


def _axis_numbers(chart: alt.Chart) -> list[str]:
    svg = vl_convert.vegalite_to_svg(charts.localized(chart).to_dict())
    return re.findall(r">([0-9][0-9.,\u00a0 ]*)</text>", svg)


@pytest.mark.parametrize(("lang", "thousand"), [("da", "2.000"), ("en", "2,000"),
                                                ("sv", f"2{NBSP}000")])
def test_charts_draw_numbers_with_the_locales_separators(lang, thousand):
    frame = pd.DataFrame({"label": ["a", "b"], "value": [1234.5, 9000.0]})
    chart = alt.Chart(frame).mark_bar().encode(x="value:Q", y="label:N")
    with i18n.using(lang):
        numbers = _axis_numbers(chart)
    assert thousand in numbers
    wrong = {"da": "2,000", "en": "2.000", "sv": "2,000"}[lang]
    assert wrong not in numbers


def _retrospective(db, language: str):
    team = teams.create_team(db, f"Team {language}")
    campaign = campaigns.create_campaign(db, team.id, {
        "name": "Spring sale", "kpi_metric": "orders", "kpi_target": 1200,
        "kpi_actual": 1234.5, "budget_planned": 12500, "budget_spent": 9800.5,
        "starts_on": "2026-03-05",
    })
    workshop, _ = workshops.create_workshop(
        db, team_id=team.id, quarter="2026-Q1", exercise="hml", title="Retro",
        campaign_id=campaign.id, language=language,
    )
    return workshop


@pytest.mark.parametrize("lang", ["da", "sv", "en"])
def test_a_workshops_markdown_export_writes_numbers_and_dates_for_its_room(db, lang):
    workshop = _retrospective(db, lang)
    with i18n.using("tr"):  # whoever presses the button
        text = exports.export(db, workshop.id, "md").decode()
    assert NUMBERS[lang] in text  # the actual KPI
    assert {"da": "12.500", "sv": f"12{NBSP}500", "en": "12,500"}[lang] in text
    assert {"da": "5. mar. 2026", "sv": "5 mars 2026", "en": "Mar 5, 2026"}[lang] in text
    assert "2026-03-05" not in text
    if lang != "en":
        assert "1,234.5" not in text and "12,500" not in text


def test_the_pdf_export_writes_a_decimal_comma(db, pdftotext):
    workshop = _retrospective(db, "da")
    shown = pdf_text(exports.export(db, workshop.id, "pdf"))
    assert "1.234,5" in shown
    assert "1,234.5" not in shown


@pytest.mark.parametrize(
    ("lang", "typed", "read"),
    [
        ("da", "1.234,5", 1234.5), ("da", "250.000", 250000), ("tr", "48.200", 48200),
        ("id", "12,5", 12.5), ("sv", f"1{NBSP}234,5", 1234.5), ("pl", "1 234,5", 1234.5),
        ("en", "1,234.5", 1234.5), ("en", "250.000", 250),
        # A point where the language writes a comma still reads as the decimal it is.
        ("da", "12.5", 12.5), ("da", "1200,50", 1200.5), ("sv", "2.5", 2.5),
    ],
)
def test_numbers_are_read_as_the_readers_language_writes_them(lang, typed, read):
    with i18n.using(lang):
        assert validate.optional_number(typed, "budget share") == read


@pytest.mark.parametrize("lang", ["da", "sv", "pl", "tr", "id", "en"])
def test_a_number_shown_reads_back_as_itself(lang):
    with i18n.using(lang):
        for value in (0.5, 12.5, 1234.5, 250000, 48200):
            assert validate.optional_number(formats.number(value), "target") == value
