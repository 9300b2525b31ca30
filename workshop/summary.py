"""The summary of a workshop, and its Markdown form."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import altair as alt
from sqlite_utils import Database

from workshop import board as board_module
from workshop import (
    campaigns,
    canvas_plan,
    canvas_summary,
    charts,
    followthrough,
    formats,
    kpi,
    proposals,
)
from workshop.board import Board, Item
from workshop.exercises import EXERCISES
from workshop.i18n import t, tn, tp
from workshop.markdown import cell
from workshop.markdown import escape as md_escape
from workshop.models import Action, Campaign, PlanChannel, Proposal
from workshop.workshops import get_workshop


def load(db: Database, workshop_id: int) -> Board:
    """The full board for a summary: every card, scores and actions."""
    return board_module.load(db, get_workshop(db, workshop_id), reveal_all=True)


@dataclass(frozen=True)
class Extras:
    """What an exercise adds to its board: a campaign's numbers, a canvas and its proposals."""

    campaign: Campaign | None = None
    plan: tuple[PlanChannel, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    reviewed: tuple[Action, ...] = ()  # earlier actions reviewed at the start


def extras(db: Database, board: Board) -> Extras:
    campaign_id = board.workshop.campaign_id
    plan = canvas_plan.list_plan(db, board.workshop.id) if board.exercise.plans_channels else []
    return Extras(
        campaign=campaigns.get_campaign(db, campaign_id) if campaign_id else None,
        plan=tuple(plan),
        proposals=tuple(proposals.list_proposals(db, board.workshop.id)),
        reviewed=tuple(followthrough.reviewed_in(db, board.workshop.id)),
    )


def markdown(db: Database, workshop_id: int) -> str:
    """A workshop's summary in Markdown, with what its exercise adds."""
    board = load(db, workshop_id)
    return to_markdown(board, extras(db, board))


def reason_counts(board: Board) -> list[tuple[str, int]]:
    """How many Miss cards carry each reason, most frequent first."""
    counts = Counter(
        card.reason
        for column in board.columns
        for item in column.items
        for card in item.cards
        if card.reason
    )
    return [(board.exercise.tag_label(key), n) for key, n in counts.most_common()]


def _item_lines(board: Board, item: Item) -> list[str]:
    # Before the discussion the dots are secret: no "(n dots)" at all, not even zero.
    votes = "" if item.votes is None else " (" + tn("{n} dot", "{n} dots", item.votes) + ")"
    notes = [t(board.exercise.tag_label(r)) for r in item.reasons] + item.links
    extra = "".join(f" · {md_escape(note)}" for note in notes)
    if item.kind == "group":
        lines = [f"- **{md_escape(item.title)}**{votes}{extra}"]
        lines += [f"  - {md_escape(card.text)}" + _by(card.author) for card in item.cards]
        return lines
    card = item.cards[0]
    return [f"- {md_escape(card.text)}{votes}" + _by(card.author) + extra]


def _by(author: str | None) -> str:
    return f" — {md_escape(author)}" if author else ""


def campaign_heading(campaign: Campaign) -> str:
    """The heading of the campaign's section, as Markdown: its charts go under it."""
    kind = t(campaigns.KINDS[campaign.kind])
    return t("The number: {name} ({kind})", name=md_escape(campaign.name), kind=kind)


def _campaign_lines(campaign: Campaign) -> list[str]:
    out = [f"## {campaign_heading(campaign)}", ""]
    dates = [formats.date(d) for d in (campaign.starts_on, campaign.ends_on) if d]
    facts = [
        (t("Channels"), campaign.channels),
        (t("Dates"), " – ".join(dates)),
        (t("Goal"), campaign.goal),
        (t("Hypothesis"), campaign.hypothesis),
    ]
    out += [f"**{label}:** {md_escape(value)}  " for label, value in facts if value]
    warning = kpi.over_budget(campaign)
    out += ["", f"**⚠ {warning}**"] if warning else []
    out += ["", f"| {t('Figure')} | {t('Value')} |", "|---|---|"]
    out += [f"| {label} | {cell(value)} |" for label, value in kpi.rows(campaign)]
    return [*out, ""]


def _review_lines(reviewed: tuple[Action, ...]) -> list[str]:
    if not reviewed:
        return []
    out = ["## " + t("Last time's actions"), ""]
    for a in reviewed:
        outcome = {"done": t("done"), "dropped": t("dropped")}.get(a.status, t("carried over"))
        why = f" — {md_escape(a.drop_reason)}" if a.drop_reason else ""
        out.append(f"- {md_escape(a.text)} ({md_escape(a.owner)}): {outcome}{why}")
    return [*out, ""]


def _reason_lines(board: Board) -> list[str]:
    counts = reason_counts(board)
    if not counts:
        return []
    out = [f"## {t('Why it missed')}", ""]
    out += [f"- {t(label)}: {n}" for label, n in counts]
    return [*out, ""]


def to_markdown(board: Board, extra: Extras = Extras()) -> str:
    w = board.workshop
    exercise = EXERCISES[w.exercise]
    out = [
        f"# {md_escape(w.title)}",
        "",
        f"**{t('Team')}:** {md_escape(w.team_name)}  ",
        f"**{t('Quarter')}:** {w.quarter}  ",
        f"**{t('Exercise')}:** {t(exercise.name)}  ",
        *([f"**{t('Date')}:** {formats.date(w.held_on)}  "] if w.held_on else []),
        f"**{t('Phase')}:** {t(w.phase.label)}  ",
        f"**{t('Participants')}:** {board.participant_count}",
        "",
        *(_campaign_lines(extra.campaign) if extra.campaign else []),
        *_review_lines(extra.reviewed),
    ]
    for column_view in board.columns:
        out += [f"## {t(column_view.column.title)}", "", f"*{t(column_view.column.question)}*", ""]
        items = [line for item in column_view.items for line in _item_lines(board, item)]
        out += (items or [f"- {t('(no cards)')}"]) + [""]
    out += _reason_lines(board)
    if board.exercise.plans_channels:
        out += canvas_summary.lines(list(extra.plan), list(extra.proposals))
    decisions = [a for a in board.actions if a.kind == "decision"]
    actions = [a for a in board.actions if a.kind == "action"]
    if decisions:
        out += [f"## {t('Decisions')}", ""]
        out += [f"- {md_escape(d.text)}" + _from(board, d) for d in decisions] + [""]
    out += [f"## {t('Actions')}", ""]
    if actions:
        out += [
            f"| {t('Action')} | {tp('person doing an action', 'Owner')} | {t('Due')} "
            f"| {t('Status')} | {t('From')} |",
            "|---|---|---|---|---|",
        ]
        out += [
            f"| {cell(a.text)} | {cell(a.owner)} | {formats.date(a.due_on) if a.due_on else '—'} "
            f"| {t(a.status)} | {cell(board.source_of(a)) or '—'} |"
            for a in actions
        ]
    else:
        out.append(f"- {t('(no actions)')}")
    return "\n".join(out).rstrip() + "\n"


def _from(board: Board, action: Action) -> str:
    source = board.source_of(action)
    return f" ({t('from')}: {md_escape(source)})" if source else ""


def charts_of(db: Database, board: Board, extra: Extras) -> dict[str, list[alt.Chart]]:
    """The exercise's charts by the heading of their section: a campaign's numbers, a
    canvas's mix against today."""
    drawn: dict[str, list[alt.Chart]] = {}
    if extra.campaign:
        drawn[campaign_heading(extra.campaign)] = charts.campaign_charts(extra.campaign)
    if board.exercise.plans_channels:
        _, today = proposals.today_list(db, board.workshop)
        frame = charts.mix_frame(list(extra.plan), today)
        drawn[canvas_summary.HEADING] = [charts.mix_chart(frame, by) for by in charts.MIX_BY]
    return drawn
