"""Who a participant is, kept by their browser.

The personal token is in the address (``me``), in this session, and in a cookie per
workshop, so that Back, a reload, a closed tab or a phone that slept find the same
person again. A cookie is this browser's alone: another browser with the workshop's
code is a visitor until it joins or is given the person's link.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from workshop.models import Participant, Workshop
from workshop.ui import state

_component = st.components.v2.component(
    "workshop_identity",
    html="<span></span>",
    js=(Path(__file__).parent / "identity.js").read_text(),
)


def keep(workshop: Workshop, participant: Participant) -> None:
    """Keep who this browser is in ``workshop`` for this session, and in the address."""
    held = dict(state.get("wk_me"))
    held[workshop.code] = participant.token
    state.put("wk_me", held)
    if st.query_params.get("me") != participant.token:
        st.query_params["me"] = participant.token  # the address is their link again


def remember(workshop: Workshop, participant: Participant) -> None:
    """Keep who this browser is in ``workshop``: in the session, the address and a cookie."""
    keep(workshop, participant)
    if st.context.cookies.get(state.participant_cookie(workshop.code)) != participant.token:
        _component(
            key="identity-remember",
            data={"cookie": state.participant_cookie(workshop.code), "token": participant.token},
        )


def watch(workshop: Workshop) -> None:
    """On the join form: when another tab of this browser joins meanwhile, this tab
    becomes that person too (on the next run) instead of offering a second join."""
    cookie = state.participant_cookie(workshop.code)
    result = _component(
        key="identity-watch",
        # The cookie this session started with names nobody here: not offered again.
        data={"cookie": cookie, "watch": True, "refused": st.context.cookies.get(cookie)},
        on_found_change=lambda: None,
    )
    found = getattr(result, "found", None)
    if isinstance(found, str) and found:
        held = dict(state.get("wk_me"))
        held[workshop.code] = found
        state.put("wk_me", held)
        if state.me(workshop):
            st.rerun()
