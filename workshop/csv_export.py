"""A workshop as one CSV: a row per card, per vote and per action.

It opens cleanly in Excel: UTF-8 with a byte-order mark, and a cell that a
spreadsheet would run as a formula starts with an apostrophe instead.

Two variants: the plain one (commas, English column keys: for other tools, and this app's
import) and one for people opening it in Excel, written in the workshop's language: its
headers and record kinds translated, and where the locale writes a decimal comma (Danish,
Swedish, Polish, Turkish, Indonesian) semicolons between cells and decimal commas in
numbers, which is what Excel expects there.
"""

from __future__ import annotations

import csv
import io

from babel.numbers import format_decimal
from sqlite_utils import Database

from workshop import formats, phases, summary
from workshop.board import Board
from workshop.db import rows
from workshop.i18n import N_, Np_, t, t_marked

# Each column means one thing on every row: "group" is the group a card or a dot belongs
# to, "votes" the dots on that row's card or group, "source" what an action came from.
HEADER = ["record", "id", "column", "text", "group", "author", "votes", "card_id",
          "source", "owner", "due", "status"]
# The same columns for people, in the workshop's language. "Record", "Group" and "Owner"
# carry a context: elsewhere the same English word is a button, a phase, a channel's owner.
HEADER_NAMES: dict[str, str | tuple[str, str]] = {
    "record": Np_("kind of row", "Record"), "id": N_("ID"), "column": N_("Column"),
    "text": N_("Text"), "group": Np_("a group of cards", "Group"), "author": N_("Author"),
    "votes": N_("Votes"), "card_id": N_("Card ID"), "source": N_("Source"),
    "owner": Np_("person doing an action", "Owner"), "due": N_("Due"), "status": N_("Status"),
}
RECORD_NAMES = {
    "card": N_("card"), "group": N_("group"), "vote": N_("vote"), "action": N_("action"),
    "decision": N_("decision"),
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: object) -> str:
    """A cell as text that no spreadsheet runs as a formula."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(_FORMULA_START) else text


def records(db: Database, board: Board) -> list[list[object]]:
    """The rows under ``HEADER``. Votes carry no voter: dots are secret, as on the board,
    and until the discussion shows them there are none to export."""
    shown = board.workshop.phase in phases.RESULTS_SHOWN
    votes = {r["card_id"]: r["n"] for r in rows(
        db, "SELECT card_id, COUNT(*) AS n FROM votes WHERE workshop_id = ? GROUP BY card_id",
        [board.workshop.id])} if shown else {}
    out: list[list[object]] = []
    group_of: dict[int, str] = {}
    for column in board.columns:
        key = column.column.key
        for item in column.items:
            if item.kind == "group":
                # A group's dots are the group's, not its first card's.
                out.append(["group", item.id, key, item.title, "", "", item.votes or 0,
                            "", "", "", "", ""])
                group_of |= {card.id: item.title for card in item.cards}
            out += [
                ["card", card.id, key, card.text, group_of.get(card.id, ""), card.author or "",
                 "" if item.kind == "group" else votes.get(card.id, 0), "", "", "", "", ""]
                for card in item.cards
            ]
    out += [
        ["vote", r["id"], r["column_key"], "", group_of.get(r["card_id"], ""), "", 1,
         r["card_id"], "", "", "", ""]
        for r in rows(
            db,
            """SELECT v.id, v.card_id, c.column_key FROM votes v JOIN cards c
               ON c.id = v.card_id WHERE v.workshop_id = ? ORDER BY v.id""",
            [board.workshop.id],
        )
        if shown
    ]
    out += [
        [a.kind, a.id, "", a.text, "", "", "", a.card_id or "", board.source_of(a), a.owner,
         a.due_on or "", a.status]
        for a in board.actions
    ]
    return out


def to_csv(db: Database, workshop_id: int) -> bytes:
    """The CSV file's bytes (UTF-8 with BOM, CRLF line ends as Excel expects)."""
    board = summary.load(db, workshop_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows([neutralise(cell) for cell in row] for row in records(db, board))
    return buffer.getvalue().encode("utf-8-sig")


def to_excel_csv(db: Database, workshop_id: int) -> bytes:
    """The CSV for Excel in the language of the moment (exports set the workshop's)."""
    board = summary.load(db, workshop_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator())
    writer.writerow([t_marked(HEADER_NAMES[key]) for key in HEADER])
    for row in records(db, board):
        kind = row[0]
        shown = [t(RECORD_NAMES[kind]) if kind in RECORD_NAMES else kind, *row[1:]]
        writer.writerow([neutralise(excel_cell(cell)) for cell in shown])
    return buffer.getvalue().encode("utf-8-sig")


def separator() -> str:
    """Excel splits cells on the locale's list separator: ";" where "," is the decimal."""
    return ";" if formats.has_decimal_comma() else ","


def excel_cell(cell: object) -> object:
    """A fraction with the locale's decimal sign and no grouping, so Excel reads a number."""
    if isinstance(cell, float):
        return format_decimal(cell, format="0.######", locale=formats.locale())
    return cell
