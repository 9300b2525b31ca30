"""Cards from another tool's CSV export: read the file, map its columns, preview, save.

Reading takes what spreadsheets and retrospective boards write: UTF-8 with or without a
byte-order mark or Windows-1252, with commas, semicolons or tabs. Nothing is saved until
the preview is accepted, and then every good row is saved in one transaction.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from sqlite_utils import Database

from workshop import validate
from workshop.db import write
from workshop.errors import InvalidInput, NotAllowed, WorkshopError
from workshop.exercises import Exercise
from workshop.i18n import t
from workshop.models import Workshop
from workshop.next_board import offer_card
from workshop.phases import Phase

MAX_BYTES = 2_000_000
MAX_ROWS = 2_000
MAX_VALUES = 30  # categories offered for mapping; a board has a handful
_TEXT_NAMES = ("text", "card", "content", "note", "description", "message", "idea")
_COLUMN_NAMES = ("column", "category", "type", "section", "lane", "group", "list")


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Row:
    """One line of the file as it would be imported, or why it would not be."""

    line: int
    text: str
    column_key: str | None
    problem: str | None = None


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise InvalidInput("file", t("This is not a CSV file: it holds binary data."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InvalidInput("file", t("The file is neither UTF-8 nor Windows-1252 text."))


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        return csv.excel  # one column, or nothing to tell by: plain commas


def _headers(first: list[str]) -> list[str]:
    """Blank headers get a name and repeated ones a number, so each can be picked."""
    named: list[str] = []
    for n, header in enumerate(first, start=1):
        name = header.strip() or t("Column {n}", n=n)
        while name in named:
            name += f" ({n})"
        named.append(name)
    return named


def read_csv(data: bytes) -> Table:
    """The file's header and rows; a clear error naming the line when it cannot be read."""
    if not data.strip():
        raise InvalidInput("file", t("The file is empty."))
    if len(data) > MAX_BYTES:
        raise InvalidInput("file", t("The file is larger than {n} MB.", n=MAX_BYTES // 1_000_000))
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text), strict=True)
    try:
        found = [row for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as error:
        raise InvalidInput(
            "file",
            t(
                "Line {n} cannot be read ({error}): check its quotes.",
                n=reader.line_num,
                error=error,
            ),
        ) from error
    if len(found) < 2:
        raise InvalidInput("file", t("The file has a header but no rows under it."))
    if len(found) > MAX_ROWS + 1:
        raise InvalidInput("file", t("The file has more than {n} rows.", n=MAX_ROWS))
    headers = _headers(found[0])
    for number, row in enumerate(found[1:], start=2):
        if len(row) > len(headers):
            raise InvalidInput(
                "file",
                t(
                    "Row {n} has {cells} cells but the header has {headers}; is the separator "
                    "right?",
                    n=number,
                    cells=len(row),
                    headers=len(headers),
                ),
            )
    return Table(headers, [row + [""] * (len(headers) - len(row)) for row in found[1:]])


def guess(headers: list[str], names: tuple[str, ...]) -> str | None:
    """The first header that looks like one of ``names``."""
    for name in names:
        for header in headers:
            if name in header.casefold():
                return header
    return None


def text_column(headers: list[str]) -> str:
    return guess(headers, _TEXT_NAMES) or headers[0]


def category_column(headers: list[str]) -> str | None:
    return guess(headers, _COLUMN_NAMES)


def column_for(value: str, exercise: Exercise) -> str | None:
    """The exercise's column a category names: by key or title, in any case."""
    wanted = value.strip().casefold()
    for column in exercise.columns:
        if wanted in (column.key, t(column.title).casefold(), column.title.casefold()):
            return column.key
    return None


def values(table: Table, column: str) -> list[str]:
    """The distinct values of a column, in the order they first appear."""
    index = table.headers.index(column)
    return list(dict.fromkeys(row[index].strip() for row in table.rows))


def plan(
    table: Table,
    exercise: Exercise,
    text: str,
    category: str | None = None,
    mapping: dict[str, str | None] | None = None,
    default: str | None = None,
) -> list[Row]:
    """Each row with the column it goes to. ``mapping`` sends a category value to a column
    key (``None`` skips it); values it does not name are matched by ``column_for``.
    Without a category every card goes to ``default`` (the first column if not given)."""
    if text not in table.headers or (category and category not in table.headers):
        raise InvalidInput("column", t("Pick columns the file has."))
    keys = [c.key for c in exercise.columns]
    default = default or keys[0]
    mapping = mapping or {}
    if default not in keys or any(k is not None and k not in keys for k in mapping.values()):
        raise InvalidInput("column", t("Pick one of the columns."))
    planned = []
    text_at = table.headers.index(text)
    category_at = table.headers.index(category) if category else None
    for line, row in enumerate(table.rows, start=2):
        card = row[text_at]
        if category_at is None:
            planned.append(_row(line, card, default, None, False))
            continue
        value = row[category_at].strip()
        key = mapping[value] if value in mapping else column_for(value, exercise)
        planned.append(_row(line, card, key, value, value in mapping))
    return planned


def _row(line: int, card: str, key: str | None, value: str | None, mapped: bool) -> Row:
    if key is None and mapped:
        return Row(line, card, None, t("Skipped: “{value}” is set to go nowhere.", value=value))
    if key is None:
        return Row(line, card, None, t("No column for “{value}”.", value=value))
    try:
        return Row(line, validate.card_text(card), key)
    except WorkshopError as error:
        return Row(line, card, key, str(error))


def check_open(workshop: Workshop) -> Workshop:
    if workshop.phase is Phase.CLOSED:
        raise NotAllowed(t("The workshop is closed; it can only be read."))
    return workshop


def save(db: Database, workshop: Workshop, rows: list[Row]) -> int:
    """Add the rows without a problem as cards with no author; returns how many."""
    check_open(workshop)
    # A row without a problem always has a column (see ``_row``).
    good = [(r.column_key, r.text) for r in rows if r.problem is None and r.column_key is not None]
    if not good:
        raise InvalidInput("file", t("No row can be imported; see the problems listed."))
    with write(db, workshop.id):
        for column_key, text in good:
            offer_card(db, workshop.id, column_key, text)
    return len(good)
