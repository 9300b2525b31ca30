"""The facilitator's controls: the phase buttons on the live board, the rest in the
sidebar (projector text, timer, settings, import, deletions, the join code)."""

from __future__ import annotations

from functools import partial

import streamlit as st

from workshop import phases, workshops
from workshop.i18n import t
from workshop.models import Workshop
from workshop.roles import Do, Role, may
from workshop.ui import state
from workshop.ui.delete_view import delete_controls
from workshop.ui.state import db
from workshop.ui.team_access import remember
from workshop.ui.widgets import FormMessages, attempt, join_panel

PROJECTOR_COOKIE = "wk_projector"


def phase_buttons(current: Workshop, secret: str) -> None:
    """Back and Next. The live board redraws the page when the phase changes, so they
    name the phase the workshop is in now. Each click carries that phase: if another tab
    or the command line moved the workshop on meanwhile, nothing changes and the page
    says so. The timer ends with the phase unless the facilitator ticked to keep it."""
    following = phases.next_phase(current.phase, current.dots)
    previous = phases.previous_phase(current.phase, current.dots)
    keep = bool(st.session_state.get("timer-keep"))
    forward, back = st.columns(2)  # the usual move first
    if following and forward.button(
        t("Next: {phase}", phase=t(following.label)),
        type="primary",
        key="next-phase",
        width="stretch",
    ):
        move = partial(workshops.advance, keep_timer=keep, seen=current.phase)
        if attempt(lambda: move(db(), current.id, secret)):
            st.rerun()  # on failure the message stays in place
    if previous and back.button(
        t("Back to {phase}", phase=t(previous.label)), key="previous-phase", width="stretch"
    ):
        move = partial(workshops.step_back, keep_timer=keep, seen=current.phase)
        if attempt(lambda: move(db(), current.id, secret)):
            st.rerun()


def sidebar(workshop: Workshop, secret: str) -> bool:
    """The facilitator's sidebar; returns whether the projector's large text is on."""
    with st.sidebar:
        st.header(t("Facilitator"))
        projector = _projector_toggle()
        _timer(workshop, secret)
        _settings(workshop, secret)
        if may(Role.FACILITATOR, Do.IMPORT_CARDS, workshop.phase):
            st.page_link(
                "pages/import_cards.py",
                label=t("Import cards from a CSV file"),
                icon=":material/upload_file:",
                query_params={"code": workshop.code},
            )
        delete_controls(workshop, secret)
        st.divider()
        join_panel(workshop, compact=True)
    return projector


def _projector_toggle() -> bool:
    """Large text for the projector, remembered by this browser: the facilitator's
    laptop stays on the projector across reloads and restarts."""
    if "wk_projector" not in st.session_state:  # a new session: what the browser kept
        state.put("wk_projector", st.context.cookies.get(PROJECTOR_COOKIE) == "1")
    projector = st.toggle(t("Large text for the projector"), key="wk_projector")
    remember(PROJECTOR_COOKIE, "1" if projector else "0")
    return projector


def _timer(workshop: Workshop, secret: str) -> None:
    """Start, lengthen and stop the countdown every screen shows. The buttons sit one
    under the other so that their names stay whole in a narrow sidebar."""
    st.divider()
    minutes = st.number_input(
        t("Timer (minutes)"), 1, workshops.MAX_TIMER_MINUTES, 5, key="timer-minutes"
    )
    if st.button(t("Start timer"), key="timer-start", icon=":material/timer:", width="stretch"):
        attempt(lambda: workshops.start_timer(db(), workshop.id, secret, minutes))
    if st.button(t("One more minute"), key="timer-more", icon=":material/more_time:",
                 width="stretch"):
        attempt(lambda: workshops.add_minute(db(), workshop.id, secret))
    if st.button(t("Stop timer"), key="timer-stop", icon=":material/timer_off:",
                 width="stretch"):
        attempt(lambda: workshops.stop_timer(db(), workshop.id, secret))
    st.checkbox(t("Keep the timer running into the next phase"), key="timer-keep")


def _settings(workshop: Workshop, secret: str) -> None:
    """A refused save keeps the values in the form and says why beside them."""
    said = FormMessages("settings")
    with st.expander(t("Settings")), st.form("settings", border=False):
        anonymous = st.checkbox(t("Anonymous cards"), workshop.anonymous)
        st.caption(
            t(
                "Cards written while this is on stay anonymous. Switching it off names "
                "the authors of cards written after the switch only."
            )
        )
        dots = st.number_input(
            t("Dots per participant (0 turns voting off)"), 0, workshops.MAX_DOTS, workshop.dots
        )
        said.under("dots per participant")
        per_card = st.number_input(
            t("Most dots one person may put on one card"),
            1,
            workshops.MAX_DOTS,
            workshop.max_dots_per_card,
        )
        said.under("most dots on one card")
        if not st.form_submit_button(t("Save settings"), key="settings-save"):
            said.rest()
        else:
            said.attempt(
                lambda: workshops.update_settings(
                    db(), workshop.id, secret, workshops.Settings(anonymous, dots, per_card)
                ),
                t("Settings saved"),
            )
