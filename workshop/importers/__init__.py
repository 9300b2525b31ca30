"""Reading other tools' exports (and this app's own) into one shape: a board of cards,
groups, votes, authors and actions. Each known format has a module named after its
tool; a CSV file of no known tool is returned as a table to map by hand."""

from __future__ import annotations

import json

from workshop.errors import InvalidInput
from workshop.i18n import t
from workshop.importers import (
    easyretro,
    own,
    parabol,
    postfacto,
    retroquest,
    retrospected,
    scrumlr,
    sheets,
)
from workshop.importers.board import ImportedAction, ImportedBoard, ImportedCard
from workshop.importers.dates import in_file_name
from workshop.importers.table import Table, read_table, votes_reader
from workshop.importers.text import decode

MAX_BYTES = 10_000_000

__all__ = ["ImportedAction", "ImportedBoard", "ImportedCard", "Table", "read"]


def read(
    data: bytes, file_name: str | None = None, encoding: str | None = None
) -> ImportedBoard | Table:
    """The board a known tool's file holds, or the table of a CSV file to map by hand."""
    if not data.strip():
        raise InvalidInput("file", t("The file is empty."))
    if len(data) > MAX_BYTES:
        raise InvalidInput(
            "file", t("The file is larger than {n} MB.", n=MAX_BYTES // 1_000_000)
        )
    decoded = decode(data, encoding)
    text = decoded.text
    if (file_name or "").casefold().endswith(".md") and not retrospected.recognise_text(text):
        raise InvalidInput(
            "file",
            t("This Markdown file is not a Retrospected summary, the one Markdown read here."),
        )
    found = _board(text)
    if isinstance(found, ImportedBoard):
        found.encoding = decoded.encoding
        found.held_on = found.held_on or in_file_name(file_name)
    return found


def read_encoding(data: bytes, encoding: str | None = None) -> str:
    """The encoding :func:`read` reads the file in."""
    return decode(data, encoding).encoding


def _board(text: str) -> ImportedBoard | Table:
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        return _from_json(stripped)
    if retrospected.recognise_text(text):
        return retrospected.from_text(text)
    table = read_table(text)
    votes = votes_reader(table)
    if own.recognise_table(table):
        return own.from_table(table, votes)
    if scrumlr.recognise_table(table):
        return scrumlr.from_table(table, votes)
    if parabol.recognise_table(table):
        return parabol.from_table(table, votes)
    if retroquest.recognise_table(table):
        return retroquest.from_table(table, votes)
    if easyretro.recognise_table(table):
        return easyretro.from_table(table)
    if sheets.recognise_table(table):
        return sheets.from_table(table)
    return table


def _from_json(text: str) -> ImportedBoard:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            "file",
            t(
                "The JSON file cannot be read: {error} (line {line}, column {column}).",
                error=error.msg,
                line=error.lineno,
                column=error.colno,
            ),
        ) from error
    for tool in (own, scrumlr, postfacto):
        if tool.recognise_json(document):
            try:
                return tool.from_json(document)
            except (KeyError, TypeError, ValueError, AttributeError) as error:
                raise InvalidInput(
                    "file",
                    t(
                        "The JSON file looks like a {tool} export but lacks what one holds "
                        "({error}).",
                        tool=tool.NAME,
                        error=repr(error),
                    ),
                ) from error
    raise InvalidInput(
        "file",
        t(
            "This JSON file is none of the exports read here: scrumlr.io, Postfacto or this "
            "app's own."
        ),
    )
