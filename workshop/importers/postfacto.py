"""Postfacto: a retro's archive as its API returns it (api/app/views/archives/
show.json.jbuilder with items/_item and action_items/_action_item): items in the
happy, meh and sad columns with their votes, and action items, done or not."""

from __future__ import annotations

from workshop.importers.board import ImportedAction, ImportedBoard, ImportedCard
from workshop.importers.dates import iso_date

NAME = "Postfacto"
COLUMNS = ("happy", "meh", "sad")


def recognise_json(document: object) -> bool:
    return isinstance(document, dict) and isinstance(document.get("retro"), dict) and (
        "items" in document["retro"]
    )


def from_json(document: dict) -> ImportedBoard:
    retro = document["retro"]
    items = retro.get("items") or []
    cards = [
        ImportedCard(
            text=item["description"],
            column=item["category"],
            row=number,
            votes=int(item.get("vote_count") or 0),
        )
        for number, item in enumerate(items, start=1)
    ]
    actions = [
        ImportedAction(a["description"], done=bool(a.get("done")))
        for a in retro.get("action_items") or []
    ]
    days = sorted(
        filter(None, (iso_date(i.get("archived_at") or i.get("created_at")) for i in items))
    )
    used = {c.column for c in cards}
    columns = [c for c in COLUMNS if c in used] + sorted(used - set(COLUMNS))
    return ImportedBoard(
        NAME, columns, cards, actions, title=retro.get("name") or "",
        held_on=days[-1] if days else None,
    )
