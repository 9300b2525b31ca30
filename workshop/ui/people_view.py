"""The facilitator gives a participant their personal link back: the one address that
brings back their cards and dots in another browser."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from workshop import participants
from workshop.i18n import t
from workshop.models import Participant, Workshop
from workshop.ui.state import db
from workshop.ui.widgets import public_base_url, qr_png


def personal_link(workshop: Workshop, participant: Participant) -> str:
    query = urlencode({"code": workshop.code, "me": participant.token})
    return f"{public_base_url()}/board?{query}"


def hand_back(workshop: Workshop, secret: str) -> None:
    """A folded panel: pick a name, show that person's link and its QR code. It stays
    folded until opened, since the facilitator's screen is often on the projector."""
    # Opening it reruns the page, so it lists everyone who has joined by then.
    with st.popover(
        t("Give someone their link back"),
        icon=":material/person_search:",
        width="stretch",
        key="hand-back",
        on_change="rerun",
    ):
        st.caption(
            t(
                "For someone whose browser no longer knows them. Show it to them alone: "
                "whoever opens it writes and votes as that person."
            )
        )
        people = participants.for_facilitator(db(), workshop.id, secret)
        if not people:
            st.caption(t("Nobody has joined yet."))
            return
        person = st.selectbox(
            t("Who lost their link?"),
            people,
            index=None,
            format_func=lambda p: p.name,  # an option is shown as plain text
            placeholder=t("Pick a name"),
            key="hand-back-person",
        )
        if person is None:
            return
        link = personal_link(workshop, person)
        st.image(qr_png(link), width=200, alt=t("QR code of the personal link"))
        st.code(link, language=None)
