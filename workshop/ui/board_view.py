"""The board's pieces: cards, the writing form, grouping, voting and action controls.

Each control calls one ``workshop`` function and shows its error next to itself.
"""

from __future__ import annotations

import datetime as dt
import html
import zlib
from functools import lru_cache, partial

import streamlit as st

from workshop import (
    actions,
    board,
    campaigns,
    cards,
    exercises,
    groups,
    i18n,
    phases,
    validate,
    votes,
)
from workshop.board import Board, ColumnView, Item
from workshop.exercises import Exercise
from workshop.i18n import language, t, tn
from workshop.models import Action, Participant, Workshop
from workshop.phases import Phase
from workshop.roles import Do, Viewer
from workshop.safe_text import label, literal
from workshop.ui import state
from workshop.ui.canvas_view import to_canvas
from workshop.ui.learning_view import forward_form
from workshop.ui.state import db
from workshop.ui.widgets import (
    FormMessages,
    attempt,
    dots,
    refill_next_run,
    refresh,
    user_text,
)


def writing_area(workshop: Workshop, viewer: Viewer, exercise: Exercise) -> None:
    """A participant's writing form, drawn as it was before the facilitator moved on
    while this page was open: what was typed but not yet added stays in the box."""
    participant = viewer.participant
    if participant is None:
        return
    kept = _kept_layout(workshop)
    layout = kept if kept and viewer.may(Do.WRITE_CARD, kept) else workshop.phase
    open_now = viewer.may(Do.WRITE_CARD, workshop.phase)
    notice = st.empty()  # always here, so the form below keeps its place
    if layout in phases.OWN_CARDS_PRIVATE:
        st.caption(t("You are {name}.", name=literal(participant.name)))
        write_form(exercise, participant, open_now=open_now)
    elif viewer.may(Do.WRITE_CARD, layout):
        with st.expander(t("Add a late card")):
            write_form(exercise, participant, late=True, open_now=open_now)
    if layout == workshop.phase:
        return
    with notice.container():
        if open_now:
            st.warning(t("The facilitator moved the workshop to {phase}. Anything you were "
                         "typing is still here: add it as a late card.",
                         phase=t(workshop.phase.label)))
        else:
            st.warning(t("The facilitator moved the workshop to {phase}, where cards can no "
                         "longer be added. Anything you were typing is still here to copy.",
                         phase=t(workshop.phase.label)))
            if st.button(t("Close the writing form"), key="close-writing"):
                state.put("wk_moved_from", None)
                st.rerun()


def _kept_layout(workshop: Workshop) -> Phase | None:
    kept = state.get("wk_moved_from")
    return Phase(kept[1]) if kept and kept[0] == workshop.id else None


def moved_on(drawn: Workshop, now: Workshop) -> None:
    """Remember the phase this page's writing form was drawn for, the first time the
    workshop leaves it: the form keeps that shape until the draft is added."""
    if now.phase != drawn.phase and _kept_layout(drawn) is None:
        state.put("wk_moved_from", (drawn.id, str(drawn.phase)))


def page_heading(workshop: Workshop) -> tuple:
    """What the page draws outside the live board; when it changes the page reruns."""
    campaign = (
        campaigns.get_campaign(db(), workshop.campaign_id) if workshop.campaign_id else None
    )
    return (workshop.phase, workshop.title, workshop.team_name, workshop.quarter,
            workshop.dots, campaign)


def dots_line(b: Board, viewer: Viewer) -> None:
    """How many dots this participant has left; for the facilitator, how many are spent."""
    phase = b.workshop.phase
    if viewer.may(Do.VOTE, phase):
        st.markdown(
            t("**You have {left} of {total} dots left.**", left=b.dots_left,
              total=b.workshop.dots)
        )
    if viewer.is_facilitator and phase in phases.DOTS_PRIVATE:
        st.markdown(
            t(
                "Dots spent so far: **{cast}** of {total}.",
                cast=b.dots_cast,
                total=b.workshop.dots * b.participant_count,
            )
        )


def write_form(
    exercise: Exercise, participant: Participant, *, late: bool = False, open_now: bool = True
) -> None:
    """Add a card: pick the column, write, submit. Works on a phone."""
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
    said = FormMessages("add-card")  # a refused card is explained under its text, which stays
    with st.form("add-card", clear_on_submit=False, border=True):
        st.caption(t(exercise.column(column).question))
        text = st.text_area(
            t("Your card"),
            key="new-card-text",
            max_chars=validate.CARD_MAX,  # the box counts the characters as they come
            placeholder=t("One idea per card"),
            height=90,
        )
        said.under("card")
        reason = None
        if column == exercise.tagged_column:
            reason = st.selectbox(
                t("Why did it miss? (optional)"),
                [None, *dict(exercise.tags)],
                format_func=lambda r: t(exercise.tag_label(r)) if r else "—",
                key="new-card-reason",
            )
        if not st.form_submit_button(
            t("Add card"),
            type="primary",
            width="stretch",
            key="add-card-submit",
            disabled=not open_now,
        ):
            said.rest()
        elif said.attempt(
            lambda: cards.add_card(db(), participant.token, column, text, reason),
            t("Card added"),
            working=t("Adding…"),
        ):
            state.put("wk_card_added", True)
            state.put("wk_moved_from", None)  # the draft is in: the usual form again
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
                # Named after the text it edits: once saved, the popover is a new one,
                # and a new popover starts closed.
                version = zlib.crc32(item.cards[0].text.encode())
                with left.popover(t("Edit"), width="stretch", key=f"edit-{card_id}-{version}"):
                    new_text = st.text_area(
                        t("Card"),
                        item.cards[0].text,
                        key=f"edit-{card_id}",
                        max_chars=validate.CARD_MAX,
                    )
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
    + "".join(
        f".board-{n}{{grid-template-columns:repeat({n},minmax(0,1fr))}}" for n in range(1, 7)
    )
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
        tn("**{n}** of your dots is on this.", "**{n}** of your dots are on this.",
           item.my_votes)
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


def _action_form(b: Board, item: Item, secret: str) -> None:
    """Record a decision or action on this card. A refused Record keeps what was typed
    and says why under the field it is about, inside the popover; a saved one empties
    the form."""
    key = f"action-{item.key}"
    said = FormMessages(key)
    with st.popover(t("Decision or action"), width="stretch"):
        with st.form(key, clear_on_submit=False, border=False):
            kind = st.radio(
                t("Kind"), ["action", "decision"], format_func=t, horizontal=True, key=f"{key}-kind"
            )
            text = st.text_input(t("What"), max_chars=actions.ACTION_MAX, key=f"{key}-text")
            said.under(*actions.KINDS)  # the field is named after the kind
            owner = st.text_input(
                t("Owner (needed for an action)"), max_chars=60, key=f"{key}-owner"
            )
            said.under("owner")
            due = st.date_input(t("Due date"), value=None, key=f"{key}-due")
            said.under("due date")
            if not st.form_submit_button(t("Record"), type="primary", key=f"{key}-submit"):
                said.rest()
            elif said.attempt(
                partial(
                    actions.add_action,
                    db(),
                    b.workshop.id,
                    secret,
                    kind=kind,
                    text=text,
                    owner=owner,
                    due_on=due,
                    **item.target,
                ),
                t("Recorded"),
                working=t("Recording…"),
            ):
                empty = {"kind": "action", "text": "", "owner": "", "due": None}
                refill_next_run(key, {f"{key}-{field}": v for field, v in empty.items()})
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


def actions_table(b: Board, viewer: Viewer) -> None:
    """Decisions and actions with owners, dates and status; the facilitator can correct
    or remove each one while the workshop is open."""
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
            if viewer.secret and viewer.may(Do.EDIT_ACTION, b.workshop.phase):
                _action_editor(b, action, viewer.secret)


def _action_editor(b: Board, action: Action, secret: str) -> None:
    """Correct a recorded decision or action, or take it off the record."""
    key = f"edit-action-{action.id}"
    said = FormMessages(key)
    with st.popover(t("Edit or remove"), width="stretch"):
        with st.form(key, border=False):
            text = st.text_input(
                t("What"), action.text, max_chars=actions.ACTION_MAX, key=f"{key}-text"
            )
            said.under(action.kind)
            owner = st.text_input(
                t("Owner (needed for an action)") if action.kind == "action" else t("Owner"),
                action.owner,
                max_chars=60,
                key=f"{key}-owner",
            )
            said.under("owner")
            due = st.date_input(
                t("Due date"),
                dt.date.fromisoformat(action.due_on) if action.due_on else None,
                key=f"{key}-due",
            )
            said.under("due date")
            if not st.form_submit_button(t("Save"), type="primary", key=f"{key}-save"):
                said.rest()
            elif said.attempt(
                partial(
                    actions.edit_action,
                    db(),
                    b.workshop.id,
                    secret,
                    action.id,
                    text=text,
                    owner=owner,
                    due_on=due,
                ),
                t("Saved"),
            ):
                refresh()
        if st.button(t("Remove from the record"), key=f"{key}-remove") and attempt(
            partial(actions.remove_action, db(), b.workshop.id, secret, action.id),
            t("Removed"),
            working=t("Removing…"),
        ):
            refresh()


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
