"""Bringing a board from another tool (or from this app's own export) into a workshop.

The steps, each usable without the others: :func:`read` turns the file into a board
(a known tool's, recognised by itself) or a table to map by hand; :func:`plan` decides
where every card goes and says what is wrong with any; :func:`save` writes the plan in
one transaction, or nothing; :func:`new_workshop` makes a whole board a workshop of its own.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import TypedDict

from sqlite_utils import Database

from workshop import codes, exercises, starting, validate, workshops
from workshop.db import new_id, one, timestamp, write
from workshop.errors import AlreadyImported, InvalidInput, NotAllowed, WorkshopError
from workshop.exercises import Exercise
from workshop.i18n import t, tp
from workshop.importers import (
    ImportedAction,
    ImportedBoard,
    ImportedCard,
    read,
    read_encoding,
)
from workshop.importers.columns import ACTIONS, SKIP, column_for, exercise_for, guess
from workshop.importers.dates import quarter_of
from workshop.importers.mapped_table import TABLE, from_table, table_guesses
from workshop.importers.text import ENCODINGS, NAMES
from workshop.models import Workshop
from workshop.phases import Phase
from workshop.roles import Do

__all__ = [
    "ACTIONS", "ENCODINGS", "NAMES", "SKIP", "TABLE", "from_table", "read", "read_encoding",
    "table_guesses",
]
MAX_VALUES = 30  # categories offered for mapping; a board has a handful
_OWNER_FIRST = re.compile(r"^([^\W\d_][\w'.-]*(?: [^\W\d_][\w'.-]*){0,2}):\s+\S")
GROUP_TITLE_MAX = 120


@dataclass(frozen=True)
class Row:
    """A card or action as it would be imported, or why it would not be."""

    line: int
    text: str
    column_key: str | None  # a column of the exercise, ACTIONS, or None when it goes nowhere
    problem: str | None = None
    skipped: bool = False  # mapped to go nowhere on purpose: not a problem
    votes: int = 0
    group: str | None = None
    author: str | None = None
    action: ImportedAction | None = None


@dataclass(frozen=True)
class Saved:
    cards: int
    groups: int
    actions: int
    skipped: int
    authors: int = 0


@dataclass
class Preview:
    """What the page and the command line show before anything is saved."""

    board: ImportedBoard
    mapping: dict[str, str]
    rows: list[Row] = field(default_factory=list)

    @property
    def good(self) -> list[Row]:
        return [r for r in self.rows if r.problem is None and not r.skipped]

    @property
    def bad(self) -> list[Row]:
        return [r for r in self.rows if r.problem is not None]


def fingerprint(data: bytes) -> str:
    """The same bytes give the same fingerprint: how a repeated import is recognised."""
    return hashlib.sha256(data).hexdigest()


# --- where every card goes --------------------------------------------------------------


def mapping_for(board: ImportedBoard, exercise: Exercise) -> dict[str, str]:
    """The guessed column for each of the board's columns. A known tool's columns that
    name none of ours go to ours in order; a hand-mapped table's values are not guessed."""
    if board.format == TABLE:  # "" is the column of every card when no column says
        first = exercise.columns[0].key
        return {n: column_for(n, exercise) or ("" if n else first) for n in board.columns}
    return guess(board.columns, exercise)


def plan(
    board: ImportedBoard,
    exercise: Exercise,
    mapping: dict[str, str] | None = None,
    *,
    category: str | None = None,
) -> Preview:
    """Every card and action with where it goes. ``mapping`` sends the board's column
    names to a column key, ``ACTIONS`` or ``SKIP``; names it leaves out are guessed."""
    keys = [c.key for c in exercise.columns]
    chosen = {**mapping_for(board, exercise), **(mapping or {})}
    wrong = sorted({k for k in chosen.values() if k and k not in (*keys, ACTIONS, SKIP)})
    if wrong:
        raise InvalidInput(
            "column",
            t(
                "“{key}” is not a column of this exercise. Valid column keys: {keys}.",
                key=wrong[0],
                keys=", ".join([*keys, ACTIONS, SKIP]),
            ),
        )
    preview = Preview(board, chosen)
    for card in board.cards:
        preview.rows.append(_row(card, chosen.get(card.column) or None, keys, board, category))
    for number, action in enumerate(board.actions, start=1):
        preview.rows.append(_action_row(number, action))
    return preview


class _Found(TypedDict):
    """What a card brings along from its tool, whatever becomes of it."""

    votes: int
    group: str | None
    author: str | None


def _row(
    card: ImportedCard, key: str | None, keys: list[str], board: ImportedBoard, category: str | None
) -> Row:
    fields = _Found(votes=card.votes, group=card.group, author=card.author)
    if key == SKIP:
        return Row(card.row, card.text, None, skipped=True, **fields)
    if key is None:
        known = (
            t("The file's headers: {names}.", names=", ".join(board.headers))
            if board.headers
            else t("The file's columns: {names}.", names=", ".join(board.columns))
        )
        why = t(
            "Row {row}, column “{column}”: no column of this exercise is called “{value}”; "
            "map it to one. Valid column keys: {keys}.",
            row=card.row,
            column=category or t("column"),
            value=card.column,
            keys=", ".join([*keys, ACTIONS, SKIP]),
        )
        return Row(card.row, card.text, None, f"{why} {known}", **fields)
    try:
        text = validate.card_text(card.text)
    except WorkshopError as error:
        why = t(
            "Row {row}, column “{column}”: {why}",
            row=card.row,
            column=card.column or category or t("text"),
            why=error,
        )
        return Row(card.row, card.text, key, why, **fields)
    if key == ACTIONS:
        owner = (card.author or owner_in(text))[: validate.NAME_MAX]
        return Row(card.row, text, ACTIONS, author=owner, action=ImportedAction(text, owner))
    return Row(card.row, text, key, **fields)


def _action_row(number: int, action: ImportedAction) -> Row:
    try:
        text = validate.text(action.text, "action", max_len=300)
        due = validate.optional_date(action.due_on, "due date")
    except WorkshopError as error:
        return Row(number, action.text, ACTIONS, t("Action {n}: {why}", n=number, why=error))
    owner = " ".join(action.owner.split())[: validate.NAME_MAX]
    if action.kind == "action":  # a decision has no owner
        owner = owner or owner_in(text)
    clean = ImportedAction(text, owner, due, action.done, action.kind)
    return Row(number, text, ACTIONS, author=owner, action=clean)


def owner_in(text: str) -> str:
    """The owner an action names the way teams write it where the tool has no owner
    field ("Marta: dashboard by Friday"), or "Unassigned": every action here has one."""
    found = _OWNER_FIRST.match(text)
    return found[1] if found else t("Unassigned")


# --- saving -----------------------------------------------------------------------------


def check_open(workshop: Workshop) -> Workshop:
    if workshop.phase is Phase.CLOSED:
        raise NotAllowed(t("The workshop is closed; it can only be read."))
    return workshop


def already_imported(db: Database, workshop_id: int, print_: str) -> bool:
    found = one(
        db, "SELECT 1 FROM imports WHERE workshop_id = ? AND fingerprint = ?", [workshop_id, print_]
    )
    return found is not None


def save(
    db: Database,
    workshop_id: int,
    secret: str | None,
    preview: Preview,
    *,
    fingerprint: str,
    file_name: str = "",
    again: bool = False,
    skip_bad: bool = False,
) -> Saved:
    """Write the planned cards, groups, votes, authors and actions in one transaction.

    Only the facilitator may; a file imported into this workshop before is refused
    unless ``again``; a row with a problem refuses the whole file unless ``skip_bad``.
    """
    with workshops.facilitating(db, workshop_id, secret, Do.IMPORT_CARDS) as workshop:
        return _store(db, workshop, preview, fingerprint, file_name, again, skip_bad)


def save_as_file_owner(
    db: Database,
    workshop_id: int,
    preview: Preview,
    *,
    fingerprint: str,
    file_name: str = "",
    again: bool = False,
    skip_bad: bool = False,
) -> Saved:
    """:func:`save` for the command line: whoever holds the database file may import,
    as they may issue a new facilitator link."""
    with write(db, workshop_id):  # the phase is read inside the write that depends on it
        workshop = workshops.get_workshop(db, workshop_id)
        return _store(db, workshop, preview, fingerprint, file_name, again, skip_bad)


def _store(
    db: Database,
    workshop: Workshop,
    preview: Preview,
    fingerprint: str,
    file_name: str,
    again: bool,
    skip_bad: bool,
) -> Saved:
    check_open(workshop)
    workshop_id = workshop.id
    if not again and already_imported(db, workshop_id, fingerprint):
        raise AlreadyImported(
            t(
                "This file was imported into this workshop already; nothing was added. "
                "Import it again only if you want its cards twice."
            )
        )
    bad = preview.bad
    if bad and not skip_bad:
        raise InvalidInput(
            "file",
            t(
                "{n} of {total} rows cannot be imported, so nothing was saved. The first: {first}",
                n=len(bad),
                total=len(preview.rows),
                first=bad[0].problem,
            ),
        )
    good = preview.good
    if not good:
        raise InvalidInput("file", t("No row can be imported; see the problems listed."))
    cards = [r for r in good if r.action is None]
    actions = [r for r in good if r.action is not None]
    with write(db, workshop_id):
        people = {} if workshop.anonymous else _authors(db, workshop_id, cards)
        groups = _groups(db, workshop_id, cards)
        now = timestamp()
        for r in cards:
            db.execute(
                """INSERT INTO cards (workshop_id, participant_id, column_key, text, group_id,
                       imported_dots, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                [workshop_id, people.get(r.author), r.column_key, r.text,
                 groups.get((r.column_key, r.group)), r.votes, now, now],
            )
        for r in actions:
            a = r.action
            assert a is not None  # an action row always carries its action
            db.execute(
                """INSERT INTO actions (workshop_id, kind, text, owner, due_on, status,
                       created_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                [workshop_id, a.kind if a.kind in ("action", "decision") else "action",
                 a.text, a.owner, a.due_on, "done" if a.done else "open", now],
            )
        db.execute(
            """INSERT INTO imports (workshop_id, fingerprint, format, file_name, cards,
                   created_at) VALUES (?, ?, ?, ?, ?, ?)""",
            [workshop_id, fingerprint, preview.board.format, file_name[:200], len(cards), now],
        )
    return Saved(
        cards=len(cards),
        groups=len(groups),
        actions=len(actions),
        skipped=len(preview.rows) - len(good),
        authors=len(people),
    )


def _authors(db: Database, workshop_id: int, cards: list[Row]) -> dict[str | None, int]:
    """A participant for each author named (one already there of that name is reused)."""
    people: dict[str | None, int] = {}
    for name in dict.fromkeys(r.author for r in cards if r.author):
        try:
            clean = validate.person_name(name)
        except WorkshopError:
            continue  # a name we cannot keep leaves the card without an author
        found = one(
            db,
            "SELECT id FROM participants WHERE workshop_id = ? AND name = ? COLLATE NOCASE",
            [workshop_id, clean],
        )
        people[name] = found["id"] if found else new_id(db.execute(
            "INSERT INTO participants (workshop_id, name, token, joined_at) VALUES (?, ?, ?, ?)",
            [workshop_id, clean, codes.new_token(), timestamp()],
        ))
    return people


def _groups(db: Database, workshop_id: int, cards: list[Row]) -> dict[tuple, int]:
    made: dict[tuple, int] = {}
    for r in cards:
        if r.group and (r.column_key, r.group) not in made:
            title = " ".join(r.group.split())[:GROUP_TITLE_MAX] or tp("a group of cards", "Group")
            made[(r.column_key, r.group)] = new_id(db.execute(
                "INSERT INTO card_groups (workshop_id, column_key, title, created_at) "
                "VALUES (?, ?, ?, ?)",
                [workshop_id, r.column_key, title, timestamp()],
            ))
    return made


# --- a board as a workshop of its own ---------------------------------------------------


@dataclass(frozen=True)
class NewWorkshop:
    workshop: Workshop
    secret: str
    saved: Saved


def new_workshop(
    db: Database,
    board: ImportedBoard,
    *,
    team: str,
    data: bytes,
    file_name: str = "",
    quarter: str | None = None,
    exercise: str | None = None,
    title: str | None = None,
    mapping: dict[str, str] | None = None,
    secret: str | None = None,
) -> NewWorkshop:
    """The board as a new workshop of ``team`` (created if new): its quarter from the
    board's date, its exercise from its columns. Nothing is created when a row is bad.
    ``secret``: the facilitator key that should open it (a new one if not given)."""
    chosen = exercises.get(exercise) if exercise else exercise_for(board.columns)
    preview = plan(board, chosen, mapping)
    if preview.bad:
        raise InvalidInput(
            "file",
            t(
                "{n} of {total} rows cannot be imported, so nothing was saved. The first: {first}",
                n=len(preview.bad),
                total=len(preview.rows),
                first=preview.bad[0].problem,
            ),
        )
    name = title or board.title or t("Imported from {tool}", tool=board.format)
    workshop, secret = starting.start_workshop(
        db,
        team=team,
        quarter=quarter or quarter_of(board.held_on) or validate.current_quarter(),
        exercise=chosen.key,
        title=" ".join(name.split())[: validate.TITLE_MAX],
        held_on=board.held_on,
        anonymous=not any(c.author for c in board.cards),
        secret=secret,
    )
    saved = save(
        db, workshop.id, secret, preview, fingerprint=fingerprint(data), file_name=file_name
    )
    # A board brought from the past is past writing: it opens where cards are discussed.
    workshop = workshops.set_phase(db, workshop.id, secret, "discuss")
    return NewWorkshop(workshop, secret, saved)



@dataclass(frozen=True)
class HistoryFile:
    """What became of one file of a team's history: a workshop, or why not."""

    file_name: str
    made: NewWorkshop | None = None
    problem: str | None = None


def import_history(
    db: Database, files: list[tuple[str, bytes]], *, team: str, secret: str | None = None
) -> list[HistoryFile]:
    """Each file as a new workshop of ``team``; a file that cannot be imported whole
    adds nothing and says why, and the others are imported all the same."""
    done = []
    for file_name, data in files:
        try:
            board = read(data, file_name)
            if not isinstance(board, ImportedBoard):
                raise InvalidInput(
                    "file",
                    t(
                        "This CSV file is none of the known exports: import it on its own "
                        "to map its columns."
                    ),
                )
            made = new_workshop(db, board, team=team, data=data, file_name=file_name, secret=secret)
        except WorkshopError as error:
            done.append(HistoryFile(file_name, problem=str(error)))
        else:
            done.append(HistoryFile(file_name, made=made))
    return done
