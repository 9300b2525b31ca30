"""A CSV file as a header and rows, read as RFC 4180 says: a quoted cell may hold the
separator, line breaks and doubled quotes. Only the separator is guessed."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from workshop.errors import InvalidInput
from workshop.i18n import t

MAX_ROWS = 5_000
SEPARATORS = (",", ";", "\t", "|")


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]  # each as long as ``headers``
    numbers: list[int]  # the spreadsheet row of each (the header is row 1)
    separator: str = ","
    trailing_separator: bool = False  # every line ends with one, as EasyRetro writes


def separator_of(text: str) -> str:
    """The separator the header line uses most, counted outside quotes."""
    counts = dict.fromkeys(SEPARATORS, 0)
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in "\r\n":
            break
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(SEPARATORS, key=lambda s: counts[s])
    return best if counts[best] else ","


def headers_of(first: list[str]) -> list[str]:
    """Blank headers get a name and repeated ones a number, so each can be picked."""
    named: list[str] = []
    for n, header in enumerate(first, start=1):
        name = header.strip() or t("Column {n}", n=n)
        while name in named:
            name += f" ({n})"
        named.append(name)
    return named


def read_table(text: str) -> Table:
    """The header and rows; a clear error naming the row when the file cannot be read."""
    separator = separator_of(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    found: list[tuple[int, list[str]]] = []
    try:
        for number, row in enumerate(reader, start=1):
            if any(cell.strip() for cell in row):
                found.append((number, row))
            if len(found) > MAX_ROWS + 1:
                raise InvalidInput("file", t("The file has more than {n} rows.", n=MAX_ROWS))
    except csv.Error as error:
        raise InvalidInput(
            "file",
            t(
                "Row {n} cannot be read ({error}): a quote opened in it is not closed, or a "
                "quoted cell goes on after its closing quote.",
                n=len(found) + 1,
                error=error,
            ),
        ) from error
    if len(found) < 2:
        raise InvalidInput("file", t("The file has a header but no rows under it."))
    trailing = all(row[-1] == "" for _, row in found) and len(found[0][1]) > 1
    first = found[0][1][:-1] if trailing else found[0][1]
    headers = headers_of(first)
    rows, numbers = [], []
    for number, row in found[1:]:
        cells = row[:-1] if trailing else row
        extra = [c for c in cells[len(headers) :] if c.strip()]
        if extra:
            raise InvalidInput(
                "file",
                t(
                    "Row {n} has {cells} cells but the header has {headers}; is the separator "
                    "right? The file's headers: {names}.",
                    n=number,
                    cells=len(cells),
                    headers=len(headers),
                    names=", ".join(headers),
                ),
            )
        cells = cells[: len(headers)]
        rows.append(cells + [""] * (len(headers) - len(cells)))
        numbers.append(number)
    return Table(headers, rows, numbers, separator, trailing)


def votes_reader(table: Table) -> Callable[[str, int, str], int]:
    """Reads a vote count cell of ``table``; a cell that is no whole number names its
    row, column and the file's headers."""
    def parse(cell: str, row: int, column: str) -> int:
        value = cell.strip()
        if not value:
            return 0
        if not value.isdigit():
            raise InvalidInput(
                "file",
                t(
                    "Row {row}, column “{column}”: “{value}” is not a whole number of votes. "
                    "The file's headers: {headers}.",
                    row=row,
                    column=column,
                    value=value[:40],
                    headers=", ".join(table.headers),
                ),
            )
        return int(value)

    return parse
