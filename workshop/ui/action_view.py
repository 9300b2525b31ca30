"""Decisions and actions: recorded from a card, listed with owners and dates, corrected
or removed by the facilitator."""

from __future__ import annotations

import datetime as dt
from functools import partial

import streamlit as st

from workshop import (
    actions,
)
from workshop.board import Board, Item
from workshop.i18n import t, tp
from workshop.models import Action
from workshop.roles import Do, Viewer
from workshop.ui.state import db
from workshop.ui.widgets import (
    FormMessages,
    attempt,
    drawer,
    refill_next_run,
    refresh,
    user_text,
)


def action_form(b: Board, item: Item, secret: str) -> None:
    """Record a decision or action on this card. A refused Record keeps what was typed
    and says why under the field it is about, inside the popover; a saved one empties
    the form."""
    key = f"action-{item.key}"
    said = FormMessages(key)
    with drawer(t("Decision or action"), f"{key}-open", 430) as opened:
        if not opened:
            return
        with st.form(key, clear_on_submit=False, border=False):
            kind = st.radio(
                t("Kind"), ["action", "decision"], format_func=t, horizontal=True, key=f"{key}-kind"
            )
            # The field is named after the kind in a refusal: either kind's goes under it.
            text, owner, due = _fields(key, said, actions.KINDS, t("Owner (needed for an action)"))
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
            text, owner, due = _fields(
                key,
                said,
                (action.kind,),
                t("Owner (needed for an action)")
                if action.kind == "action"
                else tp("person doing an action", "Owner"),
                action,
            )
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


def _fields(
    key: str,
    said: FormMessages,
    kinds: tuple[str, ...],
    owner_label: str,
    action: Action | None = None,
) -> tuple[str, str, dt.date | None]:
    """What, Owner and Due date, each with its refusal under it; empty for a new record,
    ``action``'s values for a correction. (Empty defaults leave the refill of a saved
    form to session state without a clash.)"""
    text = st.text_input(
        t("What"), action.text if action else "", max_chars=actions.ACTION_MAX, key=f"{key}-text"
    )
    said.under(*kinds)
    owner = st.text_input(
        owner_label, action.owner if action else "", max_chars=60, key=f"{key}-owner"
    )
    said.under("action owner")
    due_on = action.due_on if action else None
    due = st.date_input(
        t("Due date"), dt.date.fromisoformat(due_on) if due_on else None, key=f"{key}-due"
    )
    said.under("due date")
    return text, owner, due
