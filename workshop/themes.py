"""Recurring themes: cards that say the same thing in different quarters.

The method is meant to be explained in one sentence on screen: two cards of the same
exercise and column, from different quarters, match when they share at least two
meaningful words and those make up at least 40% of all the words of the two
(Jaccard). Words are taken in the card's language (the workshop's, unless the card is
written in another of the app's languages), lower-cased, stop words dropped and each
reduced to its dictionary form ("boosting", "boosts" and "boost" are one word; so are
Polish "kampanii" and "kampanie"); a Danish or Swedish compound counts as its two parts
(see workshop/lemmas.py). A word found on more than 30% of the cards of a long column
carries no signal and is ignored. People can confirm a match or unlink it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

from sqlite_utils import Database

from workshop import formats, lemmas, validate
from workshop.db import rows, timestamp, write
from workshop.errors import InvalidInput
from workshop.i18n import t

MIN_SHARED = 2
MIN_JACCARD = 0.4
COMMON_SHARE = 0.3  # a word on more than this share of a column's cards is ignored
COMMON_FLOOR = 30  # ...once the column has enough cards for that to mean anything
STUCK_QUARTERS = 3  # in Stop this many quarters in a row: "still not stopped"


def words(text: str, language: str = "en") -> dict[str, str]:
    """The meaningful words of a card: lemma -> the word as written, to show in reasons."""
    return lemmas.words(text, language)


@dataclass(frozen=True)
class Match:
    """Why two cards were matched: the words they share, and the share those make up."""

    shared: frozenset[str]
    jaccard: float

    def explain(self) -> str:
        return t(
            "shared words: {words} ({share} of their words)",
            words=", ".join(sorted(self.shared)),
            share=formats.percent(self.jaccard * 100),
        )


def match(
    a: str, b: str, ignore: frozenset[str] = frozenset(), language: str = "en"
) -> Match | None:
    """Whether two card texts of a workshop in ``language`` say the same thing, and why."""
    return _match(
        words(a, lemmas.language_of(a, language)),
        words(b, lemmas.language_of(b, language)),
        ignore,
    )


def _match(a: dict[str, str], b: dict[str, str], ignore: frozenset[str]) -> Match | None:
    stems_a, stems_b = a.keys() - ignore, b.keys() - ignore
    shared = stems_a & stems_b
    if len(shared) < MIN_SHARED:
        return None
    jaccard = len(shared) / len(stems_a | stems_b)
    return Match(frozenset(a[s] for s in shared), jaccard) if jaccard >= MIN_JACCARD else None


@dataclass(frozen=True)
class ThemeCard:
    id: int
    quarter: str
    exercise: str
    column_key: str
    text: str
    reason: str | None
    votes: int
    language: str = "en"  # the workshop's; a card may be detected in another

    @property
    def words(self) -> dict[str, str]:
        return words(self.text, lemmas.language_of(self.text, self.language))


@dataclass(frozen=True)
class Link:
    a: ThemeCard
    b: ThemeCard
    why: Match | None  # None: confirmed by hand without a word in common
    confirmed: bool


@dataclass(frozen=True)
class Theme:
    cards: tuple[ThemeCard, ...]
    links: tuple[Link, ...]

    @property
    def quarters(self) -> list[str]:
        return sorted({c.quarter for c in self.cards})

    @property
    def title(self) -> str:
        return max(self.cards, key=lambda c: (c.votes, c.quarter)).text

    @property
    def stuck(self) -> bool:
        """In Stop for three quarters in a row: decided, and not done."""
        stops = sorted({c.quarter for c in self.cards if c.column_key == "stop"})
        return _longest_run(stops) >= STUCK_QUARTERS


def _longest_run(quarters: list[str]) -> int:
    best = run = 0
    previous = None
    for q in quarters:
        run = run + 1 if previous and validate.quarter_after(previous) == q else 1
        best, previous = max(best, run), q
    return best


def team_cards(
    db: Database, team_id: int, quarters: list[str], exercise: str | None = None
) -> list[ThemeCard]:
    marks = ", ".join("?" for _ in quarters)
    where = " AND w.exercise = ?" if exercise else ""
    found = rows(
        db,
        f"""SELECT c.id, w.quarter, w.exercise, c.column_key, c.text, c.reason, w.language,
                   -- dots count once they are shown, in Discuss and after
                   CASE WHEN w.phase IN ('discuss', 'closed')
                        THEN (SELECT COUNT(*) FROM votes v WHERE v.card_id = c.id) ELSE 0
                   END AS votes
            FROM cards c JOIN workshops w ON w.id = c.workshop_id
            WHERE w.team_id = ? AND w.quarter IN ({marks}) AND w.phase != 'write' {where}
            ORDER BY w.quarter, c.id""",
        [team_id, *quarters, *([exercise] if exercise else [])],
    )
    return [ThemeCard(**r) for r in found]


def find(cards: list[ThemeCard], decided: dict[tuple[int, int], str]) -> list[Theme]:
    """Cards linked across quarters into themes, spanning two quarters or more."""
    links = _links(cards, decided)
    parent = {c.id: c.id for c in cards}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        parent[root(link.a.id)] = root(link.b.id)
    members: dict[int, list[ThemeCard]] = defaultdict(list)
    for card in cards:
        members[root(card.id)].append(card)
    by_root: dict[int, list[Link]] = defaultdict(list)
    for link in links:
        by_root[root(link.a.id)].append(link)
    themes = [
        Theme(tuple(group), tuple(by_root[key]))
        for key, group in members.items()
        if len({c.quarter for c in group}) > 1
    ]
    return sorted(themes, key=lambda th: (-len(th.quarters), -sum(c.votes for c in th.cards)))


def _links(cards: list[ThemeCard], decided: dict[tuple[int, int], str]) -> list[Link]:
    by_id = {c.id: c for c in cards}
    columns: dict[tuple[str, str], list[ThemeCard]] = defaultdict(list)
    for card in cards:
        columns[(card.exercise, card.column_key)].append(card)
    found: list[Link] = []
    for column in columns.values():
        found += _column_links(column, decided)
    for (a, b), status in decided.items():  # confirmed by hand, even without shared words
        if status == "confirmed" and a in by_id and b in by_id:
            if not any({link.a.id, link.b.id} == {a, b} for link in found):
                found.append(Link(by_id[a], by_id[b], None, True))
    return found


def _column_links(column: list[ThemeCard], decided: dict[tuple[int, int], str]) -> list[Link]:
    """Candidate pairs come from an index of words, so years of cards stay quick."""
    bags = {c.id: c.words for c in column}
    counts = Counter(w for bag in bags.values() for w in bag)
    common = frozenset(
        w
        for w, n in counts.items()
        if len(column) >= COMMON_FLOOR and n > COMMON_SHARE * len(column)
    )
    index: dict[str, list[ThemeCard]] = defaultdict(list)
    for card in column:
        for word in bags[card.id].keys() - common:
            index[word].append(card)
    shared: Counter[tuple[int, int]] = Counter()
    cards = {c.id: c for c in column}
    for posting in index.values():
        for first, second in combinations(posting, 2):
            if first.quarter != second.quarter:
                shared[(min(first.id, second.id), max(first.id, second.id))] += 1
    found = []
    for (a, b), n in shared.items():
        status = decided.get((a, b))
        if n < MIN_SHARED or status == "unlinked":
            continue
        why = _match(bags[a], bags[b], common)
        if why:
            found.append(Link(cards[a], cards[b], why, status == "confirmed"))
    return _closest(found)


def _closest(links: list[Link]) -> list[Link]:
    """Each card keeps only its closest match in each other quarter (and confirmed ones),
    so a theme grows by close matches and does not drift from card to card."""
    best: dict[tuple[int, str], float] = {}
    for link in links:
        for card, other in ((link.a, link.b), (link.b, link.a)):
            key = (card.id, other.quarter)
            best[key] = max(best.get(key, 0.0), _closeness(link))
    return [
        link
        for link in links
        if link.confirmed
        or _closeness(link) >= best[(link.a.id, link.b.quarter)]
        or _closeness(link) >= best[(link.b.id, link.a.quarter)]
    ]


def _closeness(link: Link) -> float:
    """A link confirmed by hand may share no words at all: it is as far apart as can be."""
    return link.why.jaccard if link.why else 0.0


def decisions(db: Database, card_ids: list[int]) -> dict[tuple[int, int], str]:
    """Matches people confirmed or unlinked, by (lower card id, higher card id)."""
    if not card_ids:
        return {}
    found = rows(db, "SELECT card_a, card_b, status FROM theme_links")
    wanted = set(card_ids)
    return {
        (r["card_a"], r["card_b"]): r["status"]
        for r in found
        if r["card_a"] in wanted and r["card_b"] in wanted
    }


def decide(db: Database, card_a: int, card_b: int, status: str) -> None:
    """Confirm or unlink a match (anyone reviewing the team's history may)."""
    if status not in ("confirmed", "unlinked"):
        raise InvalidInput("status", t("Pick confirm or unlink."))
    a, b = sorted((card_a, card_b))
    if a == b or len(rows(db, "SELECT id FROM cards WHERE id IN (?, ?)", [a, b])) != 2:
        raise InvalidInput("cards", t("Those cards no longer exist."))
    with write(db):
        db.execute(
            """INSERT INTO theme_links (card_a, card_b, status, created_at) VALUES (?, ?, ?, ?)
               ON CONFLICT (card_a, card_b) DO UPDATE SET status = excluded.status""",
            [a, b, status, timestamp()],
        )


def recurring_reasons(cards: list[ThemeCard]) -> list[tuple[str, list[str]]]:
    """Miss reasons that came back in two quarters or more, with those quarters."""
    seen: dict[str, set[str]] = defaultdict(set)
    for card in cards:
        if card.reason:
            seen[card.reason].add(card.quarter)
    return sorted(
        ((reason, sorted(qs)) for reason, qs in seen.items() if len(qs) > 1),
        key=lambda item: -len(item[1]),
    )
