"""The board's pieces: cards, grouping and voting controls, and the revealed columns.

Each control calls one ``workshop`` function and shows its error next to itself.
"""

from __future__ import annotations

import html
from functools import lru_cache, partial

import streamlit as st

from workshop import (
    board,
    campaigns,
    cards,
    exercises,
    groups,
    i18n,
    phases,
    votes,
)
from workshop.board import Board, ColumnView, Item
from workshop.exercises import Exercise
from workshop.i18n import language, t, tn
from workshop.models import Participant, Workshop
from workshop.roles import Do, Viewer
from workshop.safe_text import label, literal
from workshop.ui.action_view import action_form
from workshop.ui.canvas_view import to_canvas
from workshop.ui.learning_view import forward_form
from workshop.ui.state import db
from workshop.ui.widgets import (
    attempt,
    dots,
    refresh,
    user_text,
)


def page_heading(workshop: Workshop) -> tuple:
    """What the page draws outside the live board; when it changes the page reruns."""
    campaign = campaigns.get_campaign(db(), workshop.campaign_id) if workshop.campaign_id else None
    return (
        workshop.phase,
        workshop.title,
        workshop.team_name,
        workshop.quarter,
        workshop.dots,
        campaign,
    )


def dots_line(b: Board, viewer: Viewer) -> None:
    """How many dots this participant has left; for the facilitator, how many are spent."""
    phase = b.workshop.phase
    if viewer.may(Do.VOTE, phase):
        st.markdown(
            t("**You have {left} of {total} dots left.**", left=b.dots_left, total=b.workshop.dots)
        )
    if viewer.is_facilitator and phase in phases.DOTS_PRIVATE:
        st.markdown(
            t(
                "Dots spent so far: **{cast}** of {total}.",
                cast=b.dots_cast,
                total=b.workshop.dots * b.participant_count,
            )
        )


def item_box(b: Board, item: Item, viewer: Viewer) -> None:
    """One card or group on the revealed board, with the controls the phase allows."""
    controls = _controls(b, item.column_key, viewer)
    secret = viewer.secret
    with st.container(border=True, key=f"card-{item.key}"):
        if item.kind == "group":
            user_text(item.title, bold=True)
            for card in item.cards:
                st.text("• " + card.text)
        else:
            user_text(item.cards[0].text)
        meta = _meta(b.exercise, item)
        if meta:
            st.caption(literal(meta))
        if "vote" in controls and viewer.participant:
            _vote_buttons(b, item, viewer.participant)
        if "pick" in controls:
            _group_checkbox(item)
        if "reason" in controls and secret:
            _reason_picker(b, item, secret)
        if "decide" in controls and secret:
            action_form(b, item, secret)
            if item.column_key == b.exercise.forward_column:
                forward_form(b, item, secret)
            if b.exercise.plans_channels:
                to_canvas(b, item, secret)


def _controls(b: Board, column_key: str, viewer: Viewer) -> set[str]:
    """The controls this viewer gets on a card of this column in this phase."""
    phase = b.workshop.phase
    wanted = {
        "vote": viewer.may(Do.VOTE, phase),
        "pick": viewer.may(Do.GROUP, phase),
        "reason": viewer.may(Do.TAG_REASON, phase) and column_key == b.exercise.tagged_column,
        "decide": viewer.may(Do.DECIDE, phase),
    }
    return {name for name, given in wanted.items() if given}


def _meta(exercise: Exercise, item: Item) -> str:
    """The line under a card: reasons, links, authors and dots."""
    meta = [t(exercise.tag_label(r)) for r in item.reasons] + item.links
    authors = sorted({c.author for c in item.cards if c.author})
    if authors:
        meta.append(", ".join(authors))
    if item.mine and not authors:
        meta.append(t("yours"))
    if item.votes is not None:  # while voting, the vote buttons count one's own dots
        meta.append(tn("{n} dot", "{n} dots", item.votes) + " " + dots(min(item.votes, 12)))
    if item.imported:
        meta.append(
            tn("{n} vote on the imported board", "{n} votes on the imported board", item.imported)
        )
    return " · ".join(meta)


def cards_html(b: Board, items: tuple[Item, ...]) -> str:
    """A column's cards as escaped HTML, for viewers with no controls: one element
    instead of several per card keeps a live update cheap in every browser."""
    lang = language()
    boxes = "".join(_known_card_html(item, b.exercise.key, lang) for item in items)
    return f'<div class="cards">{boxes}</div>'


# The board every viewer of a revision shares is made of the same Item objects
# (board.load builds it once), so most cards are found by identity, without hashing
# them. An entry holds its item, so its id cannot be reused while it is here.
_by_identity: dict[int, tuple[Item, str, str, str]] = {}
_REMEMBERED = 20_000


def _known_card_html(item: Item, exercise_key: str, lang: str) -> str:
    held = _by_identity.get(id(item))
    if held is not None and held[0] is item and held[1:3] == (exercise_key, lang):
        return held[3]
    made = _card_html(item, exercise_key, lang)
    if len(_by_identity) > _REMEMBERED:
        _by_identity.clear()
    _by_identity[id(item)] = (item, exercise_key, lang, made)
    return made


@lru_cache(maxsize=4096)
def _card_html(item: Item, exercise_key: str, _language: str) -> str:
    """One card or group; the same item looks the same to every viewer who has it,
    so a revision's cards are escaped once, not once per page."""
    exercise = exercises.get(exercise_key)
    if item.kind == "group":
        texts = "".join(f'<li class="card-text">{html.escape(c.text)}</li>' for c in item.cards)
        body = f'<p class="card-title">{html.escape(item.title)}</p><ul>{texts}</ul>'
    else:
        body = f'<p class="card-text">{html.escape(item.cards[0].text)}</p>'
    meta = _meta(exercise, item)
    if meta:
        body += f'<p class="card-meta">{html.escape(meta)}</p>'
    return f'<div class="card">{body}</div>'


class Markup(str):
    """HTML built here with every piece of user text escaped. ``st.html`` takes an
    object with ``_repr_html_`` as it is, instead of dedenting a plain string first,
    which costs milliseconds on a board of hundreds of cards."""

    def _repr_html_(self) -> str:
        return str(self)


# Static CSS only: a board drawn as one block lays its columns out itself, side by
# side as st.columns would, one under the other on a phone.
_BOARD_CSS = (
    "<style>.board{display:grid;gap:1rem}"
    + "".join(f".board-{n}{{grid-template-columns:repeat({n},minmax(0,1fr))}}" for n in range(1, 7))
    + "@media (max-width:640px){.board{grid-template-columns:minmax(0,1fr)}}</style>"
)


def board_html(b: Board) -> Markup:
    """The whole revealed board as one escaped HTML block, for a viewer with no
    controls: a rerun sends one element instead of a few per column."""
    columns = "".join(
        f'<section class="board-column">{column_head_html(c)}{cards_html(b, c.items)}</section>'
        for c in b.columns
    )
    return Markup(f'{_BOARD_CSS}<div class="board board-{len(b.columns)}">{columns}</div>')


def _reason_picker(b: Board, item: Item, secret: str) -> None:
    current = item.reasons[0] if len(item.reasons) == 1 else None
    options = [None, *dict(b.exercise.tags)]
    reason = st.selectbox(
        t("Why it missed"),
        options,
        index=options.index(current),
        format_func=lambda r: t(b.exercise.tag_label(r)) if r else "—",
        key=f"reason-{item.key}-{current}",
    )
    if reason != current and attempt(
        lambda: cards.set_reason(db(), b.workshop.id, secret, [c.id for c in item.cards], reason)
    ):
        refresh()


def _vote_buttons(b: Board, item: Item, participant: Participant) -> None:
    """Add and take back a dot, told apart by word and icon (font-independent glyphs),
    with this person's dots on the card counted in between."""
    target = item.target
    st.markdown(
        tn("**{n}** of your dots is on this.", "**{n}** of your dots are on this.", item.my_votes)
    )
    add, remove = st.columns(2)
    if add.button(
        t("Add a dot"),
        key=f"vote-{item.key}",
        icon=":material/add_circle:",
        width="stretch",
        disabled=not b.dots_left,
    ):
        if attempt(lambda: votes.vote(db(), participant.token, **target)):
            refresh()
    if remove.button(
        t("Take a dot back"),
        key=f"unvote-{item.key}",
        icon=":material/remove_circle:",
        width="stretch",
        disabled=not item.my_votes,
    ):
        if attempt(lambda: votes.unvote(db(), participant.token, **target)):
            refresh()


def _group_checkbox(item: Item) -> None:
    st.checkbox(t("select"), key=f"pick-{item.key}")


def selected(b: Board, column_key: str) -> list[Item]:
    column = next(c for c in b.columns if c.column.key == column_key)
    return [i for i in column.items if st.session_state.get(f"pick-{i.key}")]


def group_controls(b: Board, column_key: str, secret: str) -> None:
    """Merge the selected cards of one column, or split a selected group."""
    picked = selected(b, column_key)
    if not picked:
        return
    picked_groups = [i for i in picked if i.kind == "group"]
    card_ids = [
        c.id
        for i in picked
        for c in i.cards
        if i.kind == "card" or len(picked_groups) != 1 or i is not picked_groups[0]
    ]
    with st.container(border=True):
        if len(picked_groups) == 1 and len(picked) > 1:
            into = picked_groups[0]
            st.caption(t("Add the selected cards to “{title}”", title=literal(into.title)))
            if st.button(t("Add to group"), key=f"into-{column_key}", type="primary"):
                _merge(b, secret, card_ids, "", into.id)
        elif len(picked) > 1:
            title = st.text_input(
                t("Group title"), key=f"title-{column_key}", value=picked[0].title[:120]
            )
            if st.button(t("Group selected"), key=f"merge-{column_key}", type="primary"):
                _merge(b, secret, card_ids, title, None)
        for group in picked_groups:
            split = t("Split “{title}”", title=label(group.title[:40]))
            if st.button(split, key=f"split-{group.key}"):
                if attempt(
                    partial(groups.split, db(), b.workshop.id, secret, group.id),
                    t("Group split"),
                ):
                    _clear_picks(b)
                    refresh()
        if any(i.kind == "card" for i in picked) and st.button(
            t("Remove selected cards"), key=f"remove-{column_key}"
        ):
            for item in (i for i in picked if i.kind == "card"):
                attempt(partial(cards.remove_card, db(), b.workshop.id, secret, item.cards[0].id))
            _clear_picks(b)
            refresh()


def _merge(b: Board, secret: str, card_ids: list[int], title: str, into: int | None) -> None:
    if attempt(
        lambda: groups.merge(db(), b.workshop.id, secret, card_ids, title, into), t("Cards grouped")
    ):
        _clear_picks(b)
        refresh()


def _clear_picks(b: Board) -> None:
    for column in b.columns:
        for item in column.items:
            st.session_state.pop(f"pick-{item.key}", None)


def column_head_html(column_view: ColumnView) -> str:
    """A column's title with its card count, and its question."""
    title = f"{t(column_view.column.title)} ({column_view.card_count})"
    question = t(column_view.column.question)
    empty = "" if column_view.items else f"<p>{html.escape(t('No cards yet.'))}</p>"
    return (
        f'<div class="column-head"><h3>{html.escape(title)}</h3>'
        f"<p>{html.escape(question)}</p>{empty}</div>"
    )


def board_columns(b: Board, viewer: Viewer) -> None:
    """The revealed board: one column per exercise column. A viewer who cannot act on
    any card gets it as one HTML block; otherwise a column this viewer cannot act on
    is one HTML block, head and cards together."""
    grouping = bool(viewer.secret and viewer.may(Do.GROUP, b.workshop.phase))
    if not grouping and not any(_controls(b, c.column.key, viewer) for c in b.columns):
        st.html(board_html(b))
        return
    for streamlit_column, column_view in zip(st.columns(len(b.columns)), b.columns, strict=True):
        with streamlit_column:
            with i18n.using(b.workshop.language):  # the room reads one language
                head = column_head_html(column_view)
            if not _controls(b, column_view.column.key, viewer):
                st.html(Markup(head + cards_html(b, column_view.items)))
            else:
                st.html(head)
                for item in column_view.items:
                    item_box(b, item, viewer)
            if grouping and viewer.secret:
                group_controls(b, column_view.column.key, viewer.secret)


def load_board(workshop: Workshop, viewer: Viewer) -> Board:
    return board.load(
        db(), workshop, participant=viewer.participant, facilitator=viewer.is_facilitator
    )
