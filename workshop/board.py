"""What one viewer may see of a workshop's board.

This is the privacy boundary: pages render only what :func:`load` returns. Before the
reveal a participant gets their own cards and nothing else, and the facilitator gets
counts and names, never text. Authors are left out when the workshop is anonymous, and
for every card written while it was: switching anonymity off names only later cards.
Revealed cards come in an order of their own (a hash of the workshop and the card),
never in the order they were written, which would tell who wrote them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlite_utils import Database

from workshop import exercises, phases
from workshop.actions import list_actions
from workshop.db import rows
from workshop.exercises import Column, Exercise
from workshop.links import of_cards
from workshop.models import Action, Participant, Workshop


@dataclass(frozen=True)
class CardView:
    id: int
    text: str
    author: str | None
    mine: bool
    reason: str | None = None
    links: tuple[str, ...] = ()  # where it came from, where it was taken


@dataclass(frozen=True)
class Item:
    """A card standing alone, or a group of cards: what people vote on and discuss."""

    kind: str
    id: int
    column_key: str
    title: str
    cards: tuple[CardView, ...]
    votes: int | None
    my_votes: int
    imported: int = 0  # dots the cards brought from the tool they were imported from

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.id}"

    @property
    def mine(self) -> bool:
        return any(card.mine for card in self.cards)

    @property
    def reasons(self) -> list[str]:
        return sorted({card.reason for card in self.cards if card.reason})

    @property
    def links(self) -> list[str]:
        return [link for card in self.cards for link in card.links]

    @property
    def target(self) -> dict[str, int]:
        """The keyword that names this item in votes, actions and learnings."""
        return {"group_id": self.id} if self.kind == "group" else {"card_id": self.id}


@dataclass(frozen=True)
class ColumnView:
    column: Column
    items: tuple[Item, ...]
    card_count: int


@dataclass(frozen=True)
class Contributor:
    id: int
    name: str
    cards: int
    dots: int

    @property
    def has_written(self) -> bool:
        """What the facilitator is shown while people write: whether, not how many."""
        return self.cards > 0


@dataclass(frozen=True)
class Board:
    workshop: Workshop
    exercise: Exercise
    columns: tuple[ColumnView, ...]
    participant_count: int
    contributors: tuple[Contributor, ...]
    dots_left: int | None
    dots_cast: int
    actions: tuple[Action, ...]

    def source_of(self, action: Action) -> str:
        """The title of the card or group an action came from ('' when it has none)."""
        for column in self.columns:
            for item in column.items:
                if (item.kind == "group" and item.id == action.group_id) or any(
                    card.id == action.card_id for card in item.cards
                ):
                    return item.title
        return ""


def load(
    db: Database,
    workshop: Workshop,
    *,
    participant: Participant | None = None,
    facilitator: bool = False,
    reveal_all: bool = False,
) -> Board:
    """The board as ``participant`` (or the facilitator) may see it now.

    ``reveal_all`` is for summaries and exports, which are never sent to a
    participant's page before the reveal.
    """
    me = participant.id if participant else None
    cards = rows(
        db,
        """SELECT c.id, c.column_key, c.text, c.group_id, c.participant_id, c.reason,
                  c.anonymous AS written_anonymously, p.name AS author,
                  g.title AS group_title,
                  c.imported_dots,
                  (SELECT COUNT(*) FROM votes v WHERE v.card_id = c.id) AS votes,
                  (SELECT COUNT(*) FROM votes v WHERE v.card_id = c.id
                       AND v.participant_id = ?) AS my_votes
           FROM cards c
           LEFT JOIN participants p ON p.id = c.participant_id
           LEFT JOIN card_groups g ON g.id = c.group_id
           WHERE c.workshop_id = ? ORDER BY c.id""",
        [me, workshop.id],
    )
    public = reveal_all or workshop.phase in phases.CARDS_SHOWN
    for card in cards:  # a writer's own cards stay in the order they wrote them
        card["place"] = place(workshop, card["id"]) if public else card["id"]
    cards.sort(key=lambda c: c["place"])  # group members too
    visible = cards if public else [c for c in cards if me and c["participant_id"] == me]
    card_links = of_cards(db, workshop.id) if public else {}
    for card in visible:
        card["links"] = tuple(card_links.get(card["id"], ()))
    show_authors = public and not workshop.anonymous
    # Summaries and exports too: nobody sees a tally before the discussion shows it.
    show_scores = workshop.phase in phases.RESULTS_SHOWN
    exercise = exercises.get(workshop.exercise)
    columns = tuple(
        ColumnView(
            column=column,
            items=_items(
                [c for c in visible if c["column_key"] == column.key],
                me,
                show_authors,
                show_scores,
                grouped=public,
            ),
            card_count=sum(1 for c in cards if c["column_key"] == column.key),
        )
        for column in exercise.columns
    )
    people = _people(db, workshop.id)
    return Board(
        workshop=workshop,
        exercise=exercise,
        columns=columns,
        participant_count=len(people),
        contributors=tuple(people) if facilitator or reveal_all else (),
        dots_left=workshop.dots - sum(c["my_votes"] for c in cards) if participant else None,
        dots_cast=sum(p.dots for p in people),
        actions=tuple(list_actions(db, workshop.id)) if public else (),
    )


def _people(db: Database, workshop_id: int) -> list[Contributor]:
    return [
        Contributor(r["id"], r["name"], r["cards"], r["dots"])
        for r in rows(
            db,
            """SELECT p.id, p.name,
                      (SELECT COUNT(*) FROM cards c WHERE c.participant_id = p.id) AS cards,
                      (SELECT COUNT(*) FROM votes v WHERE v.participant_id = p.id) AS dots
               FROM participants p WHERE p.workshop_id = ? ORDER BY p.id""",
            [workshop_id],
        )
    ]


def _card_view(row: dict, me: int | None, show_authors: bool) -> CardView:
    return CardView(
        id=row["id"],
        text=row["text"],
        author=row["author"] if show_authors and not row["written_anonymously"] else None,
        mine=me is not None and row["participant_id"] == me,
        reason=row["reason"],
        links=row["links"],
    )


def _items(
    cards: list[dict], me: int | None, show_authors: bool, show_scores: bool, grouped: bool
) -> tuple[Item, ...]:
    items: list[Item] = []
    groups: dict[int, list[dict]] = {}
    for row in cards:
        if grouped and row["group_id"]:
            groups.setdefault(row["group_id"], []).append(row)
        else:
            items.append(
                _item("card", row["id"], row["text"], [row], me, show_authors, show_scores)
            )
    for group_id, members in groups.items():
        items.append(
            _item(
                "group", group_id, members[0]["group_title"], members, me, show_authors, show_scores
            )
        )
    order = {row["id"]: row["place"] for row in cards}
    if show_scores:
        items.sort(key=lambda i: (-(i.votes or 0) - i.imported, order[i.cards[0].id]))
    else:
        items.sort(key=lambda i: order[i.cards[0].id])
    return tuple(items)


def place(workshop: Workshop, card_id: int) -> str:
    """Where a card stands among the revealed ones: stable across reruns and viewers,
    unrelated to when it was written."""
    return hashlib.sha256(f"{workshop.id}:{workshop.code}:{card_id}".encode()).hexdigest()


def _item(
    kind: str,
    item_id: int,
    title: str,
    members: list[dict],
    me: int | None,
    show_authors: bool,
    show_scores: bool,
) -> Item:
    return Item(
        kind=kind,
        id=item_id,
        column_key=members[0]["column_key"],
        title=title,
        cards=tuple(_card_view(m, me, show_authors) for m in members),
        votes=sum(m["votes"] for m in members) if show_scores else None,
        my_votes=sum(m["my_votes"] for m in members),
        imported=sum(m["imported_dots"] for m in members),
    )
