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
from dataclasses import dataclass, replace

from sqlite_utils import Database

from workshop import board_cache, exercises, phases
from workshop.board_cache import Contributor
from workshop.exercises import Column, Exercise
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
    participant's page before the reveal. What every viewer of one revision sees is
    built once (see :mod:`workshop.board_cache`); only a viewer's own cards and dots
    are marked per viewer.
    """
    me = participant.id if participant else None
    snapshot = board_cache.snapshot(db, workshop)
    public = reveal_all or workshop.phase in phases.CARDS_SHOWN
    if public:
        columns = _personal(_shared_columns(snapshot, workshop, reveal_all), snapshot, me)
    else:  # before the reveal: a writer's own cards, nobody else's
        own = [c for c in snapshot.cards if me and c["participant_id"] == me]
        columns = _columns(snapshot, workshop, own, me, public=False)
    people = snapshot.people
    return Board(
        workshop=workshop,
        exercise=exercises.get(workshop.exercise),
        columns=columns,
        participant_count=len(people),
        contributors=people if facilitator or reveal_all else (),
        dots_left=workshop.dots - sum(snapshot.my_votes(me).values()) if participant else None,
        dots_cast=sum(p.dots for p in people),
        actions=snapshot.actions if public else (),
    )


def _shared_columns(
    snapshot: board_cache.Snapshot, workshop: Workshop, reveal_all: bool
) -> tuple[ColumnView, ...]:
    """The revealed board as someone with no cards and no dots sees it: the same for
    every viewer of this revision, so it is built once per revision."""
    variant = ("shared", workshop.phase, workshop.anonymous, reveal_all)
    return snapshot.derived(
        variant, lambda: _columns(snapshot, workshop, snapshot.cards, None, public=True)
    )


def _columns(
    snapshot: board_cache.Snapshot,
    workshop: Workshop,
    visible: list[dict],
    me: int | None,
    *,
    public: bool,
) -> tuple[ColumnView, ...]:
    mine = snapshot.my_votes(me)
    shown = [
        dict(
            c,
            links=snapshot.links.get(c["id"], ()) if public else (),
            place=place(workshop, c["id"]) if public else c["id"],
            my_votes=mine.get(c["id"], 0),
        )
        for c in visible
    ]
    shown.sort(key=lambda c: c["place"])  # a writer's own cards in the order written
    show_authors = public and not workshop.anonymous
    # Summaries and exports too: nobody sees a tally before the discussion shows it.
    show_scores = workshop.phase in phases.RESULTS_SHOWN
    return tuple(
        ColumnView(
            column=column,
            items=_items(
                [c for c in shown if c["column_key"] == column.key],
                me,
                show_authors,
                show_scores,
                grouped=public,
            ),
            card_count=snapshot.card_counts.get(column.key, 0),
        )
        for column in exercises.get(workshop.exercise).columns
    )


def _personal(
    shared: tuple[ColumnView, ...], snapshot: board_cache.Snapshot, me: int | None
) -> tuple[ColumnView, ...]:
    """The shared board with this viewer's own cards and dots marked; only the items
    that hold one are rebuilt."""
    mine = snapshot.cards_of(me)
    dots = snapshot.my_votes(me)
    if not mine and not dots:
        return shared

    def own(item: Item) -> Item:
        ids = [card.id for card in item.cards]
        if not any(i in mine or i in dots for i in ids):
            return item
        return replace(
            item,
            cards=tuple(replace(card, mine=card.id in mine) for card in item.cards),
            my_votes=sum(dots.get(i, 0) for i in ids),
        )

    def own_column(column: ColumnView) -> ColumnView:
        items = tuple(own(item) for item in column.items)
        changed = any(a is not b for a, b in zip(items, column.items, strict=True))
        return replace(column, items=items) if changed else column  # shared: kept as is

    return tuple(own_column(column) for column in shared)


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
