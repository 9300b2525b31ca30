"""scrumlr.io: its board export as CSV and as JSON (server/src/api/boards.go, exportBoard).

The CSV has a row per note: ``note_id, author_id, author, text, column_id, column, rank,
stack`` and one ``voting_N`` column per closed voting. A stacked note names its stack's
top note; the stack becomes a group titled with that note's text.
"""

from __future__ import annotations

from workshop.importers.board import ImportedBoard, ImportedCard
from workshop.importers.table import Table

NAME = "scrumlr.io"
HEADER = ["note_id", "author_id", "author", "text", "column_id", "column", "rank", "stack"]
GROUP_TITLE_MAX = 120


def recognise_table(table: Table) -> bool:
    return table.headers[: len(HEADER)] == HEADER


def from_table(table: Table, parse_votes) -> ImportedBoard:
    at = {h: i for i, h in enumerate(table.headers)}
    votings = [h for h in table.headers if h.startswith("voting_")]
    notes = [dict(zip(table.headers, row, strict=True)) for row in table.rows]
    columns = list(dict.fromkeys(n["column"] for n in notes))
    texts = {n["note_id"]: n["text"] for n in notes}
    stacked = {n["stack"] for n in notes if n["stack"] not in ("", "null")}
    cards = []
    for number, note, row in zip(table.numbers, notes, table.rows, strict=True):
        top = note["stack"] if note["stack"] not in ("", "null") else None
        top = top or (note["note_id"] if note["note_id"] in stacked else None)
        votes = sum(parse_votes(row[at[v]], number, v) for v in votings)
        cards.append(
            ImportedCard(
                text=note["text"],
                column=note["column"],
                row=number,
                votes=votes,
                group=_title(texts.get(top, "")) if top else None,
                author=note["author"] or None,
            )
        )
    return ImportedBoard(NAME, columns, cards)


def recognise_json(document: object) -> bool:
    return isinstance(document, dict) and {"board", "columns", "notes"} <= set(document)


def from_json(document: dict) -> ImportedBoard:
    columns = {c["id"]: c["name"] for c in document.get("columns") or []}
    names = {
        p["user"]["id"]: p["user"].get("name")
        for p in document.get("participants") or []
        if isinstance(p.get("user"), dict)
    }
    votes: dict[str, int] = {}
    for voting in document.get("votings") or []:
        if voting.get("status") == "CLOSED" and voting.get("votes"):
            for note_id, result in (voting["votes"].get("votesPerNote") or {}).items():
                votes[note_id] = votes.get(note_id, 0) + int(result.get("total", 0))
    notes = document.get("notes") or []
    texts = {n["id"]: n["text"] for n in notes}
    stacked = {n["position"].get("stack") for n in notes} - {None}
    cards = []
    for number, note in enumerate(notes, start=1):
        top = note["position"].get("stack") or (note["id"] if note["id"] in stacked else None)
        cards.append(
            ImportedCard(
                text=note["text"],
                column=columns.get(note["position"]["column"], note["position"]["column"]),
                row=number,
                votes=votes.get(note["id"], 0),
                group=_title(texts.get(top, "")) if top else None,
                author=names.get(note.get("author")),
            )
        )
    board = document.get("board") or {}
    return ImportedBoard(NAME, list(columns.values()), cards, title=board.get("name") or "")


def _title(text: str) -> str:
    first = " ".join(text.split())
    return first if len(first) <= GROUP_TITLE_MAX else first[: GROUP_TITLE_MAX - 1] + "…"
