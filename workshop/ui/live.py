"""The live bar component: push updates, presence count and the phase timer."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st

from workshop.codes import hash_secret
from workshop.i18n import t
from workshop.live import facilitator_proof, participant_proof, shown_revision
from workshop.models import Workshop
from workshop.ui.server import LIVE_PATH

_HERE = Path(__file__).parent
_component = st.components.v2.component(
    "workshop_live",
    html='<div class="live"><span class="timer"></span><span class="online"></span>'
    '<span class="status"></span></div>',
    css=(_HERE / "live.css").read_text(),
    js=(_HERE / "live.js").read_text(),
)


def facilitator_cookie(code: str) -> str:
    return f"wkf_{code}"


def live_bar(
    workshop: Workshop,
    who: str,
    *,
    presence_rev: int = 0,
    secret: str | None = None,
    remember_secret: str | None = None,
    token: str | None = None,
) -> None:
    """Mount the live bar; a change to the workshop reruns the enclosing fragment.
    With the facilitator ``secret`` the page follows every change and who is here;
    a participant's ``token`` proves their stream, so they count as online."""
    query = {"who": who}
    if secret:
        query["proof"] = facilitator_proof(hash_secret(secret))
    elif token:
        query["proof"] = participant_proof(token)
    _component(
        key="live",
        data={
            "url": f"{LIVE_PATH}/{workshop.code}?{urlencode(query)}",
            "rev": shown_revision(workshop, who),
            "presence": presence_rev,
            "watch_presence": bool(secret),
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
