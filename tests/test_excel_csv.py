"""The CSV for Excel: in the workshop's language, with the locale's separators."""

from __future__ import annotations

import csv
import io

import pytest

from tests.support import catalogue_with, make_room
from workshop import cards, csv_export, exports, formats, i18n, workshops


def _export(db, room, lang: str) -> bytes:
    workshops.set_language(db, room.workshop.id, room.secret, lang)
    return exports.export(db, room.workshop.id, "excel.csv")


@pytest.mark.parametrize("lang", ["da", "sv", "pl", "tr", "id"])
def test_where_the_decimal_is_a_comma_cells_are_split_by_semicolons(db, lang):
    room = make_room(db)
    cards.add_card(db, room.anna.token, "stop", "Flyers, posters; and banners")
    data = _export(db, room, lang)
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM that tells Excel it is UTF-8
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows[0]) == len(csv_export.HEADER)
    assert [r[3] for r in rows[1:] if r[3].startswith("Fly")] == ["Flyers, posters; and banners"]
    assert all(len(r) == len(csv_export.HEADER) for r in rows)


def test_in_english_the_excel_csv_keeps_commas(db):
    room = make_room(db)
    text = _export(db, room, "en").decode("utf-8-sig")
    first = text.splitlines()[0]
    assert first.startswith("Record,ID,Column,Text")
    assert ";" not in first


def test_its_headers_and_record_kinds_are_in_the_workshops_language(db):
    i18n.add_catalogue("da", catalogue_with(
        "da", {"Record": "Registrér", "Text": "Tekst", "card": "kort"},
        in_context={("kind of row", "Record"): "Post"},
    ))
    try:
        room = make_room(db)
        cards.add_card(db, room.anna.token, "stop", "Flyers")
        with i18n.using("en"):  # whoever downloads it
            rows = list(csv.reader(
                io.StringIO(_export(db, room, "da").decode("utf-8-sig")), delimiter=";"
            ))
    finally:
        i18n.remove_catalogue("da")
    assert rows[0][0] == "Post" and rows[0][3] == "Tekst"  # the kind of a row, not the button
    assert rows[1][0] == "kort"
    assert "record" not in rows[0]


def test_the_plain_csv_stays_as_it_was(db):
    room = make_room(db)
    workshops.set_language(db, room.workshop.id, room.secret, "da")
    text = exports.export(db, room.workshop.id, "csv").decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(csv_export.HEADER)


@pytest.mark.parametrize(("lang", "shown"), [("da", "1234,5"), ("en", "1234.5"),
                                             ("pl", "0,25")])
def test_a_fraction_has_the_decimal_sign_excel_reads_and_no_grouping(lang, shown):
    value = 0.25 if shown.startswith("0") else 1234.5
    with i18n.using(lang):
        assert csv_export.excel_cell(value) == shown
        assert csv_export.excel_cell(7) == 7  # whole numbers and text stay as they are
        assert csv_export.separator() == (";" if formats.has_decimal_comma() else ",")


def test_formulas_stay_neutralised_in_the_excel_variant(db):
    room = make_room(db)
    cards.add_card(db, room.anna.token, "stop", "=HYPERLINK(\"x\")")
    text = _export(db, room, "sv").decode("utf-8-sig")
    assert "'=HYPERLINK" in text
