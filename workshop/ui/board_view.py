"""The board's pieces: cards, the writing form, grouping, voting and action controls.

Each control calls one ``workshop`` function and shows its error next to itself.
"""

from __future__ import annotations

import html
from functools import partial

import streamlit as st

from workshop import actions, board, cards, groups, i18n, votes
from workshop.board import Board, ColumnView, Item
from workshop.i18n import t, tn
from workshop.models import Participant, Workshop
from workshop.roles import Do, Viewer
from workshop.safe_text import label, literal
from workshop.ui import state
from workshop.ui.canvas_view import to_canvas
from workshop.ui.learning_view import forward_form
from workshop.ui.state import db
from workshop.ui.widgets import attempt, dots, refresh, user_text


def write_form(b: Board, participant: Participant, *, late: bool = False) -> None:
    """Add a card: pick the column, write, submit. Works on a phone."""
    exercise = b.exercise
    columns = {c.key: t(c.title) for c in exercise.columns}
    if state.take("wk_card_added"):
        st.session_state["new-card-text"] = ""  # cleared only once the card is saved
    if not late:  # a late card's form sits inside an expander that names it
        st.markdown(t("**Add a card**"))
    # Outside the form, so the question and the reason follow the chosen column.
    column = st.radio(
        t("Column"),
        list(columns),
        format_func=columns.get,
        horizontal=True,
        key="new-card-column",
    )
    with st.form("add-card", clear_on_submit=False, border=True):
        st.caption(t(exercise.column(column).question))
        text = st.text_area(
            t("Your card"),
            key="new-card-text",
            max_chars=None,
            placeholder=t("One idea per card"),
            height=90,
        )
        reason = None
        if column == exercise.tagged_column:
            reason = st.selectbox(
                t("Why did it miss? (optional)"),
                [None, *dict(exercise.tags)],
                format_func=lambda r: t(exercise.tag_label(r)) if r else "—",
                key="new-card-reason",
            )
        if st.form_submit_button(
            t("Add card"), type="primary", width="stretch", key="add-card-submit"
        ):
            if attempt(
                lambda: cards.add_card(db(), participant.token, column, text, reason),
                t("Card added"),
            ):
                state.put("wk_card_added", True)
                refresh()


def own_cards(b: Board, participant: Participant) -> None:
    """A participant's own cards during writing, each editable and deletable."""
    st.markdown(t("**Your cards** (only you can see them until the reveal)"))
    shown = False
    for column_view in b.columns:
        mine = [i for i in column_view.items if i.mine and i.kind == "card"]
        if not mine:
            continue
        shown = True
        st.markdown(f"*{t(column_view.column.title)}*")
        for item in mine:
            card_id = item.cards[0].id
            with st.container(border=True, key=f"card-{card_id}"):
                user_text(item.cards[0].text)
                left, right = st.columns(2)
                with left.popover(t("Edit"), width="stretch"):
                    new_text = st.text_area(t("Card"), item.cards[0].text, key=f"edit-{card_id}")
                    if st.button(t("Save"), key=f"save-{card_id}") and attempt(
                        partial(cards.edit_card, db(), participant.token, card_id, new_text),
                        t("Card saved"),
                    ):
                        refresh()
                if right.button(t("Delete"), key=f"delete-{card_id}", width="stretch"):
                    if attempt(
                        partial(cards.delete_card, db(), participant.token, card_id),
                        t("Card deleted"),
                    ):
                        refresh()
    if not shown:
        st.caption(t("You have not written any cards yet."))


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
        meta = _meta(b, item)
        if meta:
            st.caption(literal(meta))
        if "vote" in controls and viewer.participant:
            _vote_buttons(b, item, viewer.participant)
        if "pick" in controls:
            _group_checkbox(item)
        if "reason" in controls and secret:
            _reason_picker(b, item, secret)
        if "decide" in controls and secret:
            _action_form(b, item, secret)
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


def _meta(b: Board, item: Item) -> str:
    """The line under a card: reasons, links, authors and dots."""
    meta = [t(b.exercise.tag_label(r)) for r in item.reasons] + item.links
    authors = sorted({c.author for c in item.cards if c.author})
    if authors:
        meta.append(", ".join(authors))
    if item.mine and not authors:
        meta.append(t("yours"))
    if item.votes is not None:
        meta.append(tn("{n} dot", "{n} dots", item.votes) + " " + dots(min(item.votes, 12)))
    elif item.my_votes:
        meta.append(t("your dots: {d}", d=dots(item.my_votes)))
    if item.imported:
        meta.append(
            tn("{n} vote on the imported board", "{n} votes on the imported board", item.imported)
        )
    return " · ".join(meta)


def cards_html(b: Board, items: tuple[Item, ...]) -> str:
    """A column's cards as escaped HTML, for viewers with no controls: one element
    instead of several per card keeps a live update cheap in every browser."""
    boxes = []
    for item in items:
        if item.kind == "group":
            texts = "".join(f'<li class="card-text">{html.escape(c.text)}</li>' for c in item.cards)
            body = f'<p class="card-title">{html.escape(item.title)}</p><ul>{texts}</ul>'
        else:
            body = f'<p class="card-text">{html.escape(item.cards[0].text)}</p>'
        meta = _meta(b, item)
        if meta:
            body += f'<p class="card-meta">{html.escape(meta)}</p>'
        boxes.append(f'<div class="card">{body}</div>')
    return '<div class="cards">' + "".join(boxes) + "</div>"


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
    target = item.target
    left, right = st.columns(2)
    if left.button(t("＋ dot"), key=f"vote-{item.key}", width="stretch", disabled=not b.dots_left):
        if attempt(lambda: votes.vote(db(), participant.token, **target)):
            refresh()
    if right.button(
        t("－ dot"), key=f"unvote-{item.key}", width="stretch", disabled=not item.my_votes
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


def _action_form(b: Board, item: Item, secret: str) -> None:
    with st.popover(t("Decision or action"), width="stretch"):
        with st.form(f"action-{item.key}", clear_on_submit=True, border=False):
            kind = st.radio(t("Kind"), ["action", "decision"], format_func=t, horizontal=True)
            text = st.text_input(t("What"), max_chars=300)
            owner = st.text_input(t("Owner (needed for an action)"), max_chars=60)
            due = st.date_input(t("Due date"), value=None)
            if st.form_submit_button(t("Record"), type="primary"):
                target = item.target
                if attempt(
                    lambda: actions.add_action(
                        db(),
                        b.workshop.id,
                        secret,
                        kind=kind,
                        text=text,
                        owner=owner,
                        due_on=due,
                        **target,
                    ),
                    t("Recorded"),
                ):
                    refresh()


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
    """The revealed board: one column per exercise column. A column this viewer cannot
    act on is one HTML block, head and cards together."""
    for streamlit_column, column_view in zip(st.columns(len(b.columns)), b.columns, strict=True):
        with streamlit_column:
            with i18n.using(b.workshop.language):  # the room reads one language
                head = column_head_html(column_view)
            if not _controls(b, column_view.column.key, viewer):
                st.html(head + cards_html(b, column_view.items))
            else:
                st.html(head)
                for item in column_view.items:
                    item_box(b, item, viewer)
            if viewer.secret and viewer.may(Do.GROUP, b.workshop.phase):
                group_controls(b, column_view.column.key, viewer.secret)


def actions_table(b: Board, viewer: Viewer) -> None:
    """Decisions and actions with owners, dates and status."""
    if not b.actions:
        st.caption(t("No decisions or actions yet."))
        return
    for action in b.actions:
        source = b.source_of(action)
        with st.container(border=True, key=f"action-row-{action.id}"):
            label = t("Decision") if action.kind == "decision" else t("Action")
            st.caption(label + (f" · {t('from')}: " if source else ""))
            if source:
                st.text(source)
            user_text(action.text, bold=True)
            if action.kind == "action":
                st.text(
                    t("Owner: {owner} · due {due}", owner=action.owner, due=action.due_on or "—")
                )
            if viewer.secret and viewer.may(Do.SET_ACTION_STATUS, b.workshop.phase):
                secret = viewer.secret
                status = st.selectbox(
                    t("Status"),
                    list(actions.STATUSES),
                    format_func=t,
                    index=list(actions.STATUSES).index(action.status),
                    key=f"status-{action.id}",
                )
                if status != action.status and attempt(
                    partial(actions.set_status, db(), b.workshop.id, secret, action.id, status)
                ):
                    refresh()
            else:
                st.caption(t("Status: {status}", status=t(action.status)))


def writing_room(b: Board, online: set[int] | None) -> None:
    """The facilitator's view while people write: how many cards, and who has joined and
    written (``online``: the participants with the board open, when the live hub runs).
    Never how many each person wrote, which would tell whose card is whose."""
    st.subheader(t("Cards written so far"))
    if b.workshop.anonymous:  # a count per column would tell whose card went where
        st.metric(t("All columns"), sum(c.card_count for c in b.columns))
    else:
        for column, metric in zip(st.columns(len(b.columns)), b.columns, strict=True):
            column.metric(t(metric.column.title), metric.card_count)
    st.subheader(t("Who has joined ({n})", n=b.participant_count))
    for person in b.contributors:
        here = online is not None and person.id in online
        st.text(
            t(
                "{dot} {name} — {written} · {status}",
                dot="●" if here else "○",
                name=person.name,
                written=t("has written") if person.has_written else t("not written yet"),
                status=t("connected") if here else t("away"),
            )
        )
    if not b.contributors:
        st.caption(t("Nobody has joined yet. Show the code above."))


def load_board(workshop: Workshop, viewer: Viewer) -> Board:
    return board.load(
        db(), workshop, participant=viewer.participant, facilitator=viewer.is_facilitator
    )
