"""The live bar component: push updates, presence count and the phase timer."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st

from workshop.codes import hash_secret
from workshop.i18n import t
from workshop.live import facilitator_proof, participant_proof, shown_revision, stream_query
from workshop.models import Workshop
from workshop.phases import OWN_CARDS_PRIVATE
from workshop.roles import Viewer
from workshop.ui.server import LIVE_PATH

_HERE = Path(__file__).parent
_component = st.components.v2.component(
    "workshop_live",
    html='<div class="live"><span class="timer" role="timer"></span>'
    '<span class="online"></span><span class="status"></span></div>',
    css=(_HERE / "live.css").read_text(),
    js=(_HERE / "live.js").read_text(),
)


def facilitator_cookie(code: str) -> str:
    return f"wkf_{code}"


def live_bar(
    workshop: Workshop,
    viewer: Viewer,
    *,
    presence_rev: int = 0,
    remember_secret: str | None = None,
    token: str | None = None,
) -> None:
    """Mount the live bar; a change to the workshop reruns the enclosing fragment.
    The facilitator's page follows every change and who is here; a participant's page
    proves its stream with their token, so they count as online."""
    if viewer.secret:
        proof: str | None = facilitator_proof(hash_secret(viewer.secret))
    elif viewer.participant:
        proof = participant_proof(viewer.participant.token)
    else:
        proof = None
    query = stream_query(viewer.role, viewer.participant_id, proof)
    _component(
        key="live",
        data={
            "url": f"{LIVE_PATH}/{workshop.code}?{urlencode(query)}",
            "rev": shown_revision(workshop, viewer.role),
            "presence": presence_rev,
            # Who is here shows only in the writing room; elsewhere a page opening (this
            # one's own stream included) must not rerun the whole board.
            "watch_presence": viewer.is_facilitator and workshop.phase in OWN_CARDS_PRIVATE,
            "timer_ends_at": workshop.timer_ends_at,
            "server_now": time.time(),
            "online_label": t("online"),
            "time_up_label": t("Time is up"),
            "reconnecting_label": t("Reconnecting…"),
            "remember_cookie": f"{facilitator_cookie(workshop.code)}={remember_secret}"
            if remember_secret
            else None,
        },
        on_changed_change=lambda: None,
    )
