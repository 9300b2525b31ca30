"""RetroQuest: the team's CSV download (api/.../team/CsvFile.java with Thought.java and
ActionItem.java ``getCSVFields``): Apache Commons CSV's default format, a row per
thought (``Column, Message, Likes, Completed``: discussed yes/no) and one per action
item, whose Column is ``action item`` and which adds ``Assigned To``."""

from __future__ import annotations

from workshop.importers.board import ImportedAction, ImportedBoard, ImportedCard
from workshop.importers.table import Table

NAME = "RetroQuest"
HEADER = ["Column", "Message", "Likes", "Completed"]
ACTION_ROW = "action item"


def recognise_table(table: Table) -> bool:
    return table.headers[:4] == HEADER and table.headers[4:] in ([], ["Assigned To"])


def from_table(table: Table, parse_votes) -> ImportedBoard:
    cards, actions = [], []
    for number, row in zip(table.numbers, table.rows, strict=True):
        column, message, likes, completed = row[:4]
        if column == ACTION_ROW:
            owner = row[4] if len(row) > 4 else ""
            actions.append(ImportedAction(message, owner=owner, done=completed == "yes"))
        else:
            votes = parse_votes(likes, number, "Likes")
            cards.append(ImportedCard(text=message, column=column, row=number, votes=votes))
    columns = list(dict.fromkeys(c.column for c in cards))
    return ImportedBoard(NAME, columns, cards, actions)
