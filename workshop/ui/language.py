"""Which language this browser reads the app in, and the switch that changes it.

Each person picks their own: ``?lang=da`` in the address first, then the language this
browser picked before (a cookie), then the browser's own language, then the server's
default (``WORKSHOP_LANG``), then English. A workshop's exports and the texts its room
reads follow the workshop's language instead (see ``i18n.using``).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from workshop import i18n
from workshop.i18n import t
from workshop.ui import state

PARAM = "lang"
COOKIE = "wk_lang"
_remember = st.components.v2.component(
    "workshop_remember_language",
    html="<span></span>",
    js=(Path(__file__).parent / "remember.js").read_text(),
)


def choose() -> str:
    """Set this run's language (call first thing in every run) and return it."""
    i18n.read_session_language_with(session_choice)
    asked = i18n.supported(st.query_params.get(PARAM))
    if asked:
        state.put("wk_lang", asked)  # the address's choice holds on the pages it opens
    code = (
        state.get("wk_lang")
        or i18n.supported(st.context.cookies.get(COOKIE))
        or from_browser(st.context.locale, st.context.headers.get("Accept-Language"))
        or i18n.server_default()
    )
    state.put("wk_lang_now", code)
    i18n.set_language(code)
    return code


def from_browser(locale: str | None, accept_language: str | None) -> str | None:
    """The first of the browser's languages this app has."""
    wanted = [locale or ""]
    for part in (accept_language or "").split(","):
        tag, _, weight = part.partition(";q=")
        wanted.append(tag if _weight(weight) > 0 else "")
    return next((code for tag in wanted if (code := i18n.supported(tag))), None)


def _weight(text: str) -> float:
    try:
        return float(text) if text.strip() else 1.0
    except ValueError:
        return 0.0


def session_choice() -> str | None:
    """The language of the browser session this thread works for (a fragment rerun
    starts without the run's language), if it runs for one."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return None
    code = st.session_state.get("wk_lang_now")
    return code if isinstance(code, str) else None


def switch() -> None:
    """The language picker (in the shared sidebar)."""
    codes = list(i18n.LANGUAGES)
    current = i18n.language()
    # Set before the widget, so a language picked in the address shows here too.
    st.session_state["wk_lang_switch"] = current if current in codes else codes[0]
    # The icon sits beside the label, not in it: a screen reader reads a label whole.
    st.markdown(":material/translate: " + t("Language"))
    st.selectbox(
        t("Language"),
        codes,
        label_visibility="collapsed",
        format_func=i18n.LANGUAGES.__getitem__,
        key="wk_lang_switch",
        on_change=_switched,
    )


def remember() -> None:
    """Keep this person's choice in a cookie, so their next visit opens in it."""
    chosen = state.get("wk_lang")
    if chosen and st.context.cookies.get(COOKIE) != chosen:
        # The cookies a session sees are those sent when it connected: the choice is
        # written again on each run until a reload brings it back.
        _remember(key=f"remember-{COOKIE}-{chosen}", data={"cookie": f"{COOKIE}={chosen}"})


def _switched() -> None:
    code = i18n.supported(st.session_state.get("wk_lang_switch"))
    if code is None:
        return
    state.put("wk_lang", code)
    state.put("wk_lang_now", code)
    if PARAM in st.query_params:
        st.query_params[PARAM] = code  # else the address would switch it straight back
    i18n.set_language(code)
