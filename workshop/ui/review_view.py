"""Last time's actions, reviewed at the start of a new workshop."""

from __future__ import annotations

import streamlit as st

from workshop import followthrough
from workshop.i18n import t
from workshop.models import Workshop
from workshop.roles import Do, Viewer
from workshop.safe_text import literal
from workshop.ui.state import db
from workshop.ui.widgets import attempt, refresh


def review_actions(workshop: Workshop, viewer: Viewer) -> None:
    """Everyone sees the list; the facilitator marks each done, carried over or dropped."""
    listed = followthrough.to_review(db(), workshop.id)
    if not listed:
        return
    heading = t("Last time's actions ({n} open)", n=len(listed))
    if viewer.is_facilitator:
        st.subheader(heading)
        box = st.container()
    else:  # folded for participants, so writing comes first on a phone
        box = st.expander(heading)
    with box:
        st.caption(
            t("Review them first: done, carry over to this workshop, or drop with a reason.")
        )
        for item in listed:
            _item(workshop, viewer, item)


def _item(workshop: Workshop, viewer: Viewer, item: followthrough.ToReview) -> None:
    action = item.action
    with st.container(border=True, key=f"review-{action.id}"):
        carried = t(" · carried over {n}×", n=item.times_carried) if item.times_carried else ""
        st.markdown(f"**{literal(action.text)}**")
        st.caption(
            literal(f"{item.quarter} · {item.workshop_title} · ")
            + t("owner: {owner} · due {due}", owner=literal(action.owner), due=action.due_on or "—")
            + carried
        )
        if viewer.secret and viewer.may(Do.REVIEW_ACTIONS, workshop.phase):
            _decide(workshop, viewer.secret, action.id)


def _decide(workshop: Workshop, secret: str, action_id: int) -> None:
    done, carry, drop = st.columns(3)
    if done.button(t("Done"), key=f"review-done-{action_id}", width="stretch") and attempt(
        lambda: followthrough.mark_done(db(), workshop.id, secret, action_id), t("Marked done")
    ):
        refresh()
    if carry.button(t("Carry over"), key=f"review-carry-{action_id}", width="stretch") and (
        attempt(
            lambda: followthrough.carry_over(db(), workshop.id, secret, action_id),
            t("Carried over to this workshop"),
        )
    ):
        refresh()
    with drop.popover(t("Drop"), width="stretch"):
        reason = st.text_input(t("Why drop it?"), key=f"review-reason-{action_id}")
        if st.button(t("Drop the action"), key=f"review-drop-{action_id}") and attempt(
            lambda: followthrough.drop(db(), workshop.id, secret, action_id, reason),
            t("Dropped"),
        ):
            refresh()
