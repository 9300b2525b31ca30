"""Per-session state in one place: the database connection, the roles, the viewer.

Session keys are prefixed ``wk_``. Identity lives in the URL (``code`` and ``me``), so
a reload or a server restart keeps it; the facilitator secret is read once from the
link, kept in session state and a cookie, and removed from the address bar, because
the facilitator's screen is usually on a projector.
"""

from __future__ import annotations

import threading

import streamlit as st
from sqlite_utils import Database

from workshop import db as database
from workshop import participants, workshops
from workshop.errors import NotFound
from workshop.models import Participant, Workshop
from workshop.ui.live import facilitator_cookie

_local = threading.local()


def db() -> Database:
    """A connection for this thread: each rerun may run in another thread."""
    path = database.default_path()
    if getattr(_local, "path", None) != path:
        _local.db = database.connect(path)
        _local.path = path
    return _local.db


def facilitator_secret(workshop: Workshop) -> str | None:
    """The facilitator secret for ``workshop`` if this browser holds a valid one."""
    key = f"wk_secret_{workshop.id}"
    candidates = [
        st.session_state.get(key),
        st.query_params.get("key"),
        st.context.cookies.get(facilitator_cookie(workshop.code)),
    ]
    for secret in candidates:
        if isinstance(secret, str) and workshops.is_facilitator(db(), workshop.id, secret):
            st.session_state[key] = secret
            return secret
    return None


def take_secret_from_url() -> str | None:
    """Remove the facilitator secret from the address bar (it may be on a projector);
    returns it so the browser can remember it in a cookie."""
    secret = st.query_params.get("key")
    if secret:
        del st.query_params["key"]
    return secret


def me(workshop: Workshop) -> Participant | None:
    """The participant this link belongs to, if it belongs to this workshop."""
    try:
        participant = participants.by_token(db(), st.query_params.get("me"))
    except NotFound:
        return None
    return participant if participant.workshop_id == workshop.id else None
