"""This app's own exports read back: the CSV (workshop/csv_export.py: a row per card,
vote and action) and the JSON document (workshop/json_export.py)."""

from __future__ import annotations

from workshop import csv_export, json_export
from workshop.importers.board import ImportedAction, ImportedBoard, ImportedCard
from workshop.importers.table import Table

NAME = "Strategy workshop export"


def _plain(cell: str) -> str:
    # The export starts a cell that a spreadsheet would run with an apostrophe.
    neutralised = cell.startswith("'") and cell[1:].startswith(csv_export._FORMULA_START)
    return cell[1:] if neutralised else cell


def recognise_table(table: Table) -> bool:
    return table.headers == csv_export.HEADER


def from_table(table: Table, parse_votes) -> ImportedBoard:
    records = [
        (number, dict(zip(csv_export.HEADER, (_plain(c) for c in row), strict=True)))
        for number, row in zip(table.numbers, table.rows, strict=True)
    ]
    # Each dot has a row naming its card; a grouped card's own cell is empty, since the
    # group's row carries the group's dots.
    dots: dict[str, int] = {}
    for _, r in records:
        if r["record"] == "vote":
            dots[r["card_id"]] = dots.get(r["card_id"], 0) + 1
    cards, actions = [], []
    for number, r in records:
        if r["record"] == "card":
            cards.append(
                ImportedCard(
                    text=r["text"], column=r["column"], row=number,
                    votes=dots.get(r["id"], 0) if dots else parse_votes(r["votes"] or "0",
                                                                       number, "votes"),
                    group=r["group"] or None, author=r["author"] or None,
                )
            )
        elif r["record"] in ("action", "decision"):
            actions.append(
                ImportedAction(
                    r["text"], owner=r["owner"], due_on=r["due"] or None,
                    done=r["status"] == "done", kind=r["record"],
                )
            )
    return ImportedBoard(NAME, list(dict.fromkeys(c.column for c in cards)), cards, actions)


def recognise_json(document: object) -> bool:
    return isinstance(document, dict) and document.get("format") == json_export.FORMAT


def from_json(document: dict) -> ImportedBoard:
    workshop = document.get("workshop") or {}
    groups = {g["id"]: g["title"] for g in document.get("groups") or []}
    people = {p["id"]: p["name"] for p in (document.get("participants") or {}).get("people") or []}
    votes: dict[int, int] = {}
    for vote in document.get("votes") or []:
        votes[vote["card_id"]] = votes.get(vote["card_id"], 0) + 1
    cards = [
        ImportedCard(
            text=c["text"], column=c["column_key"], row=number,
            votes=votes.get(c["id"], 0) + int(c.get("imported_dots") or 0),
            group=groups.get(c.get("group_id")), author=people.get(c.get("participant_id")),
        )
        for number, c in enumerate(document.get("cards") or [], start=1)
    ]
    actions = [
        ImportedAction(
            a["text"], owner=a.get("owner") or "", due_on=a.get("due_on"),
            done=a.get("status") == "done", kind=a.get("kind") or "action",
        )
        for a in document.get("actions") or []
    ]
    return ImportedBoard(
        NAME,
        [c["key"] for c in document.get("columns") or []],
        cards,
        actions,
        title=workshop.get("title") or "",
        held_on=workshop.get("held_on"),
    )
