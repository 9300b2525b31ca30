"""Writing cards: the form a participant writes in, which keeps its place and its draft
when the facilitator moves on, their own cards, and the facilitator's view of who wrote."""

from __future__ import annotations

import zlib
from functools import partial

import streamlit as st

from workshop import (
    cards,
    phases,
    validate,
)
from workshop.board import Board
from workshop.exercises import Exercise
from workshop.i18n import t
from workshop.models import Participant, Workshop
from workshop.phases import Phase
from workshop.roles import Do, Viewer
from workshop.safe_text import literal
from workshop.ui import state
from workshop.ui.state import db
from workshop.ui.widgets import (
    FormMessages,
    attempt,
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
            st.warning(
                t(
                    "The facilitator moved the workshop to {phase}. Anything you were "
                    "typing is still here: add it as a late card.",
                    phase=t(workshop.phase.label),
                )
            )
        else:
            st.warning(
                t(
                    "The facilitator moved the workshop to {phase}, where cards can no "
                    "longer be added. Anything you were typing is still here to copy.",
                    phase=t(workshop.phase.label),
                )
            )
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
