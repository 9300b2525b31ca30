"""Which teams this browser holds, and the team link that opens a team's pages.

A browser holds a team when it was given the team's link (its key is read once from
the address, then kept in session state and a cookie, like the facilitator's) or when
it holds the facilitator key of one of the team's workshops. Nothing here decides who
may see what: :func:`workshop.teams.opened_by` does.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import streamlit as st

from workshop import teams, workshops
from workshop.errors import NotFound
from workshop.models import Team
from workshop.ui import state
from workshop.ui.live import facilitator_cookie
from workshop.ui.state import db

TEAM_KEY_PARAM = "access"
_SESSION_PREFIXES = ("wk_secret_", "wk_team_key_")  # facilitator keys, team keys
_COOKIE_PREFIXES = ("wkf_", "wkt_")
_remember = st.components.v2.component(
    "workshop_remember",
    html="<span></span>",
    js=(Path(__file__).parent / "remember.js").read_text(),
)


def keys() -> list[str]:
    """Every key this browser holds, valid or not: the domain functions that take
    them (teams.opened_by, workshops.facilitated_by) sort them out."""
    keys = [
        value
        for name, value in st.session_state.to_dict().items()
        if str(name).startswith(_SESSION_PREFIXES) and isinstance(value, str)
    ]
    keys += [
        value for name, value in st.context.cookies.to_dict().items()
        if name.startswith(_COOKIE_PREFIXES)
    ]
    return keys


def held_teams() -> list[Team]:
    """The teams whose pages this browser may open, by name."""
    take_team_key()
    return teams.opened_by(db(), keys())


def opens_team_pages() -> bool:
    """Whether this browser may be shown the team pages: it holds a team's or a
    facilitator's key, or brings one in the address (a link opened the first time)."""
    brought = st.query_params.get("key") or st.query_params.get(TEAM_KEY_PARAM)
    return bool(brought) or bool(held_teams())


def hold(team_id: int, key: str) -> None:
    """Keep a team key for this session; the next run keeps it in a cookie too."""
    st.session_state[state.team_key(team_id)] = key


def held_key(team_id: int) -> str | None:
    """The team key this session was given for ``team_id``, if any."""
    key = st.session_state.get(state.team_key(team_id))
    return key if isinstance(key, str) else None


def remember_keys() -> None:
    """Keep the team and facilitator keys given during this session in cookies, so a
    later visit still opens the team's pages and the facilitator's workshops."""
    # The cookies a session sees are those its browser sent when it connected: a key
    # given during this session goes into a cookie on every run until a reload.
    for name, value in st.session_state.to_dict().items():
        cookie = _cookie_for(str(name))
        if cookie and isinstance(value, str) and st.context.cookies.get(cookie) != value:
            remember(cookie, value)


def remember(cookie: str, value: str) -> None:
    """Keep ``value`` in this browser's cookie ``cookie`` for 30 days (from the page)."""
    _remember(key=f"remember-{cookie}", data={"cookie": f"{cookie}={value}"})


def _cookie_for(session_key: str) -> str | None:
    """The cookie that keeps the key held under ``session_key``, if it is one."""
    if session_key.startswith(state.TEAM_KEY_PREFIX):
        return "wkt_" + session_key.removeprefix(state.TEAM_KEY_PREFIX)
    workshop_id = session_key.removeprefix(state.SECRET_PREFIX)
    if session_key.startswith(state.SECRET_PREFIX) and workshop_id.isdigit():
        try:
            return facilitator_cookie(workshops.get_workshop(db(), int(workshop_id)).code)
        except NotFound:  # deleted meanwhile
            return None
    return None


def take_team_key() -> None:
    """A team link's key leaves the address bar once read (the screen may be shared)."""
    key = st.query_params.get(TEAM_KEY_PARAM)
    if not key:
        return
    del st.query_params[TEAM_KEY_PARAM]
    wanted = st.query_params.get("team", "")
    for team in teams.opened_by(db(), [key]):
        if str(team.id) == wanted:
            hold(team.id, key)


def team_link(base_url: str, team_id: int, key: str) -> str:
    return f"{base_url}/team?{urlencode({'team': team_id, TEAM_KEY_PARAM: key})}"
