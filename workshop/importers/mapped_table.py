"""A CSV file of no known tool: which of its columns holds the text, the board column,
votes, author and group is guessed from the headers' names and picked by hand; its rows
become a board like any tool's."""

from __future__ import annotations

from workshop.errors import InvalidInput
from workshop.i18n import t
from workshop.importers.board import ImportedBoard, ImportedCard
from workshop.importers.table import Table, votes_reader

TABLE = "CSV"  # the format of a file of no known tool, mapped by hand
_TEXT_NAMES = ("text", "card", "content", "note", "description", "message", "idea")
_COLUMN_NAMES = ("column", "category", "type", "section", "lane", "list", "prompt")
_VOTE_NAMES = ("votes", "vote", "likes", "dots", "points", "hearts")
_AUTHOR_NAMES = ("author", "written by", "by")
_GROUP_NAMES = ("group", "stack", "theme", "cluster")


def guess_header(headers: list[str], names: tuple[str, ...]) -> str | None:
    """The header that is one of ``names`` or, failing that, holds one as a word."""
    for name in names:
        for header in headers:
            if header.strip().casefold() == name:
                return header
    for name in names:
        for header in headers:
            if name in header.casefold().split():
                return header
    return None


def text_column(headers: list[str]) -> str:
    return guess_header(headers, _TEXT_NAMES) or headers[0]


def category_column(headers: list[str]) -> str | None:
    found = guess_header(headers, _COLUMN_NAMES)
    return found if found != text_column(headers) else None


def from_table(
    table: Table,
    text: str,
    category: str | None = None,
    *,
    votes: str | None = None,
    author: str | None = None,
    group: str | None = None,
) -> ImportedBoard:
    """The table's rows as cards; a card's column is its ``category`` cell ("" without)."""
    for header in (text, category, votes, author, group):
        if header is not None and header not in table.headers:
            raise InvalidInput(
                "column",
                t(
                    "The file has no column “{name}”. The file's headers: {headers}.",
                    name=header,
                    headers=", ".join(table.headers),
                ),
            )
    at = table.headers.index
    parse_votes = votes_reader(table)
    cards = []
    for number, row in zip(table.numbers, table.rows, strict=True):
        count = parse_votes(row[at(votes)], number, votes) if votes else 0
        cards.append(
            ImportedCard(
                text=row[at(text)],
                column=row[at(category)].strip() if category else "",
                row=number,
                votes=count,
                author=(row[at(author)].strip() or None) if author else None,
                group=(row[at(group)].strip() or None) if group else None,
            )
        )
    columns = list(dict.fromkeys(c.column for c in cards))
    return ImportedBoard(TABLE, columns, cards, headers=list(table.headers))


def table_guesses(table: Table) -> dict[str, str | None]:
    """Which header holds the text, the column, votes, author and group, by their names."""
    text = text_column(table.headers)
    others = [h for h in table.headers if h != text]
    return {
        "text": text,
        "category": category_column(table.headers),
        "votes": guess_header(others, _VOTE_NAMES),
        "author": guess_header(others, _AUTHOR_NAMES),
        "group": guess_header(others, _GROUP_NAMES),
    }
