"""Parabol: a retrospective meeting's "Export to CSV" (packages/server/email/components/
SummaryEmail/ExportToCSV.tsx, handleRetroMeeting).

json2csv writes a row per task, reflection, comment and reply of each reflection group,
all quoted, with a byte-order mark. Reflections are the cards (``prompt`` is their
column), the group's votes go to its first card, tasks become actions; comments and
replies are conversation, not cards.
"""

from __future__ import annotations

from workshop.importers.board import ImportedAction, ImportedBoard, ImportedCard
from workshop.importers.dates import iso_date
from workshop.importers.table import Table

NAME = "Parabol"
HEADER = ["title", "votes", "type", "createdAt", "replyTo", "prompt", "content"]


def recognise_table(table: Table) -> bool:
    return table.headers == HEADER


def from_table(table: Table, parse_votes) -> ImportedBoard:
    rows = [dict(zip(HEADER, row, strict=True)) for row in table.rows]
    reflections = [r for r in rows if r["type"] == "Reflection"]
    sizes: dict[str, int] = {}
    for r in reflections:
        sizes[r["title"]] = sizes.get(r["title"], 0) + 1
    cards, voted = [], set()
    for number, r in zip(table.numbers, rows, strict=True):
        if r["type"] != "Reflection":
            continue
        first = r["title"] not in voted
        voted.add(r["title"])
        cards.append(
            ImportedCard(
                text=r["content"],
                column=r["prompt"],
                row=number,
                votes=parse_votes(r["votes"], number, "votes") if first else 0,
                group=r["title"] if sizes[r["title"]] > 1 else None,
            )
        )
    actions = [ImportedAction(r["content"]) for r in rows if r["type"] == "Task"]
    days = sorted(filter(None, (iso_date(r["createdAt"]) for r in reflections)))
    return ImportedBoard(
        NAME,
        list(dict.fromkeys(r["prompt"] for r in reflections)),
        cards,
        actions,
        held_on=days[0] if days else None,
    )
