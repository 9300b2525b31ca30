"""Per-session state in one place: the database connection, the viewer, and every
``wk_`` key a page keeps between reruns.

Identity lives in the URL (``code`` and ``me``), so a reload or a server restart keeps
it; the facilitator secret is read once from the link, kept in session state and a
cookie, and removed from the address bar, because the facilitator's screen is usually
on a projector.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from sqlite_utils import Database

from workshop import db as database
from workshop import participants, workshops
from workshop.errors import NotFound
from workshop.models import Participant, Workshop
from workshop.roles import Viewer
from workshop.ui.live import facilitator_cookie

# Every key this app keeps in session state, with its value before the first run.
DEFAULTS: dict[str, Any] = {
    "wk_db": None,  # (path, connection) of this session
    "wk_projector": False,  # large text for the projector (a toggle's key)
    "wk_card_added": False,  # the writing form empties on the run after a saved card
    # (workshop id, phase) the writing form was drawn for when the facilitator moved
    # on: it keeps that shape until the draft is added or the form closed
    "wk_moved_from": None,
    "wk_code_failures": 0,  # wrong join codes typed in a row
    "wk_code_wait_until": 0.0,  # no code is looked up before this time
    "wk_created": None,  # (workshop id, secret) just set up, shown once
    "wk_pick": None,  # a campaign just made on the start page, selected with its team
    "wk_imported": None,  # what the last import did, said once
    "wk_import_round": 0,  # a new round empties the file picker
    # what the last click on a canvas proposal did: (proposal id or None, message or
    # error), said once on the run after the click
    "wk_proposal_said": None,
    "wk_me": {},  # workshop code -> this browser's personal token there (never mutated)
    "wk_refusals": {},  # form key -> (field, message, repeated): said until sent again
    "wk_refill": {},  # form key -> {widget key: value} to show on the run after a save
}


def get(key: str) -> Any:
    """A ``wk_`` key's value; a key missing from DEFAULTS is a KeyError, not a typo
    that silently reads nothing."""
    return st.session_state.get(key, DEFAULTS[key])


def put(key: str, value: Any) -> None:
    DEFAULTS[key]  # noqa: B018 - only declared keys are kept
    st.session_state[key] = value


def take(key: str) -> Any:
    """A ``wk_`` key's value, read once: it is back to its default afterwards."""
    value = get(key)
    put(key, DEFAULTS[key])
    return value


def db() -> Database:
    """This session's connection. Each rerun may run in another thread, but one
    session runs one script at a time, so the connection is opened once and reused."""
    path = database.default_path()
    held = get("wk_db")
    if held is None or held[0] != path:
        held = (path, database.connect(path))
        put("wk_db", held)
    return held[1]


# Keys kept once per workshop this browser facilitates, and per team it was given a
# link to: the facilitator's secret and the team's key.
TEAM_KEY_PREFIX = "wk_team_key_"
SECRET_PREFIX = "wk_secret_"


def secret_key(workshop_id: int) -> str:
    return f"{SECRET_PREFIX}{workshop_id}"


def team_key(team_id: int) -> str:
    return f"{TEAM_KEY_PREFIX}{team_id}"


def held_facilitator_keys() -> list[str]:
    """Every facilitator key this browser holds: given during this session, or kept in
    a cookie by an earlier one. Which workshops they open is for the database to say."""
    held = [
        value
        for name, value in st.session_state.to_dict().items()
        if str(name).startswith(SECRET_PREFIX) and isinstance(value, str)
    ]
    held += [
        value
        for name, value in st.context.cookies.to_dict().items()
        if name.startswith(facilitator_cookie(""))  # every workshop's cookie begins so
    ]
    return held


def facilitator_secret(workshop: Workshop) -> str | None:
    """A facilitator key this browser holds that opens ``workshop``, if any: its own
    (from the link, the session or a cookie) or the key of a workshop that fed it."""
    candidates = [
        st.session_state.get(secret_key(workshop.id)),
        st.query_params.get("key"),
        st.context.cookies.get(facilitator_cookie(workshop.code)),
        *held_facilitator_keys(),
    ]
    keys = list(dict.fromkeys(c for c in candidates if isinstance(c, str) and c))
    secret = workshops.opening_key(db(), workshop.id, keys)
    if secret:
        st.session_state[secret_key(workshop.id)] = secret
    return secret


def take_secret_from_url() -> str | None:
    """Remove the facilitator secret from the address bar (it may be on a projector);
    returns it so the browser can remember it in a cookie."""
    secret = st.query_params.get("key")
    if secret:
        del st.query_params["key"]
    return secret


def participant_cookie(code: str) -> str:
    return f"wkp_{code}"


def held_tokens(workshop: Workshop) -> list[str]:
    """Personal tokens this browser holds for ``workshop``, best first: the address's,
    this session's, the cookie's. Each still has to name a participant of it."""
    found = [
        st.query_params.get("me"),
        get("wk_me").get(workshop.code),
        st.context.cookies.get(participant_cookie(workshop.code)),
    ]
    return [token for token in found if isinstance(token, str) and token]


def me(workshop: Workshop) -> Participant | None:
    """The participant this browser is in ``workshop``: by its link, or by what the
    browser kept when it was last here (Back, a reload, a new tab)."""
    for token in held_tokens(workshop):
        try:
            participant = participants.by_token(db(), token)
        except NotFound:
            continue
        if participant.workshop_id == workshop.id:
            return participant
    return None


def viewer(workshop: Workshop) -> Viewer:
    """Who is looking at ``workshop`` in this browser: its facilitator, a participant
    (by the link's token) or a visitor."""
    secret = facilitator_secret(workshop)
    if secret:
        return Viewer.facilitator(secret)
    participant = me(workshop)
    return Viewer.joined(participant) if participant else Viewer.visitor()
