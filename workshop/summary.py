"""The summary of a workshop, and its Markdown form."""

from __future__ import annotations

from sqlite_utils import Database

from workshop import board as board_module
from workshop import phases
from workshop.board import Board, Item
from workshop.exercises import EXERCISES
from workshop.i18n import t
from workshop.markdown import escape as md_escape
from workshop.models import Action
from workshop.workshops import get_workshop


def load(db: Database, workshop_id: int) -> Board:
    """The full board for a summary: every card, scores and actions."""
    return board_module.load(db, get_workshop(db, workshop_id), reveal_all=True)


def _item_lines(item: Item) -> list[str]:
    votes = t("{n} dots", n=item.votes or 0)
    if item.kind == "group":
        lines = [f"- **{md_escape(item.title)}** ({votes})"]
        lines += [f"  - {md_escape(card.text)}" + _by(card.author) for card in item.cards]
        return lines
    card = item.cards[0]
    return [f"- {md_escape(card.text)} ({votes})" + _by(card.author)]


def _by(author: str | None) -> str:
    return f" — {md_escape(author)}" if author else ""


def to_markdown(board: Board) -> str:
    w = board.workshop
    exercise = EXERCISES[w.exercise]
    out = [
        f"# {md_escape(w.title)}",
        "",
        f"**{t('Team')}:** {md_escape(w.team_name)}  ",
        f"**{t('Quarter')}:** {w.quarter}  ",
        f"**{t('Exercise')}:** {t(exercise.name)}  ",
        *([f"**{t('Date')}:** {w.held_on}  "] if w.held_on else []),
        f"**{t('Phase')}:** {t(phases.BY_KEY[w.phase].name)}  ",
        f"**{t('Participants')}:** {board.participant_count}",
        "",
    ]
    for column_view in board.columns:
        out += [f"## {t(column_view.column.title)}", "", f"*{t(column_view.column.question)}*", ""]
        items = [line for item in column_view.items for line in _item_lines(item)]
        out += (items or [f"- {t('(no cards)')}"]) + [""]
    decisions = [a for a in board.actions if a.kind == "decision"]
    actions = [a for a in board.actions if a.kind == "action"]
    if decisions:
        out += [f"## {t('Decisions')}", ""]
        out += [f"- {md_escape(d.text)}" + _from(board, d) for d in decisions] + [""]
    out += [f"## {t('Actions')}", ""]
    if actions:
        out += [
            f"| {t('Action')} | {t('Owner')} | {t('Due')} | {t('Status')} | {t('From')} |",
            "|---|---|---|---|---|",
        ]
        out += [
            f"| {_cell(a.text)} | {_cell(a.owner)} | {a.due_on or '—'} "
            f"| {t(a.status)} | {_cell(board.source_of(a)) or '—'} |"
            for a in actions
        ]
    else:
        out.append(f"- {t('(no actions)')}")
    return "\n".join(out).rstrip() + "\n"


def _cell(text: str) -> str:
    """User text inside a table cell: escaped, on one line (a line break ends the row)."""
    return md_escape(" ".join(text.split()))


def _from(board: Board, action: Action) -> str:
    source = board.source_of(action)
    return f" ({t('from')}: {md_escape(source)})" if source else ""
