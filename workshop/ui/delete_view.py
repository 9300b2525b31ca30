"""The facilitator's deletions: one person's contributions, or the whole workshop.

Both ask for a confirmation first and say afterwards what was removed.
"""

from __future__ import annotations

import streamlit as st

from workshop import codes, participants, privacy
from workshop.i18n import t
from workshop.models import Workshop
from workshop.ui.state import db
from workshop.ui.widgets import SAVE_ERRORS, show_error


def delete_controls(workshop: Workshop, secret: str) -> None:
    with st.expander(t("Delete data")):
        _participant_form(workshop, secret)
        st.divider()
        _workshop_form(workshop, secret)


def _participant_form(workshop: Workshop, secret: str) -> None:
    people = participants.list_participants(db(), workshop.id)
    with st.form("delete-person", border=False):
        st.markdown(t("**Remove one person** with their cards and votes, for example "
                      "on a data-protection request."))
        person = st.selectbox(t("Person"), people, index=None, format_func=lambda p: p.name,
                              placeholder=t("Pick a name"), key="delete-person-pick")
        sure = st.checkbox(t("I understand this cannot be undone"), key="delete-person-sure")
        if st.form_submit_button(t("Remove this person"), key="delete-person-submit"):
            if person is None or not sure:
                st.error(t("Pick a person and tick the box to confirm."), icon="⚠️")
                return
            try:
                removed = privacy.delete_participant(db(), workshop.id, secret, person.id)
            except SAVE_ERRORS as error:
                show_error(error)
                return
            said(removed)


def _workshop_form(workshop: Workshop, secret: str) -> None:
    with st.form("delete-workshop", border=False):
        st.markdown(t("**Delete this workshop** with every card, vote and action in it."))
        typed = st.text_input(
            t("Type the code {code} to confirm", code=workshop.display_code),
            key="delete-workshop-code",
        )
        if st.form_submit_button(t("Delete the workshop"), key="delete-workshop-submit"):
            if codes.normalise_code(typed) != workshop.code:
                st.error(t("The code does not match; nothing was deleted."), icon="⚠️")
                return
            try:
                removed = privacy.delete_workshop(db(), workshop.id, secret)
            except SAVE_ERRORS as error:
                show_error(error)
                return
            said(removed)
            st.page_link("pages/home.py", label=t("Back to the start page"),
                         icon=":material/home:")
            st.stop()


def said(removed: privacy.Removed) -> None:
    """What went: a success once it is off the disk, a warning while it is not yet."""
    if removed.off_disk:
        st.success(removed.describe())
    else:
        st.warning(removed.describe())
