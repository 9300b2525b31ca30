"""The workshop board: join, write, reveal, group, vote, discuss, close."""

import streamlit as st

from workshop import campaigns, exercises, participants, phases, workshops
from workshop.errors import NotFound
from workshop.i18n import t
from workshop.phases import Phase
from workshop.roles import Role
from workshop.ui import board_view as view
from workshop.ui import facilitator_view, identity, people_view, state
from workshop.ui import writing_view as writing
from workshop.ui.action_view import actions_table
from workshop.ui.campaign_view import kpi_block
from workshop.ui.canvas_view import canvas_section
from workshop.ui.learning_view import taken_forward
from workshop.ui.live import live_bar
from workshop.ui.review_view import review_actions
from workshop.ui.server import hub
from workshop.ui.team_access import remember_keys
from workshop.ui.widgets import (
    SAVE_ERRORS,
    join_panel,
    page_style,
    phase_hint,
    phase_stepper,
    show_error,
    title,
    workshop_in_url,
)

db = state.db()

# Which workshop, and who is looking at it.
workshop = workshop_in_url()
viewer = state.viewer(workshop)
taken = state.take_secret_from_url()
remember = taken if viewer.secret and taken == viewer.secret else None
if viewer.participant:  # Back, a reload or a new tab find the same person
    identity.remember(workshop, viewer.participant)

if viewer.role is Role.VISITOR:
    page_style()
    title(workshop.title, f"{workshop.team_name} · {workshop.quarter}")
    if workshop.phase is Phase.CLOSED:
        st.info(t("This workshop is closed."))
        st.page_link(
            "pages/summary.py",
            label=t("Read the summary"),
            icon=":material/description:",
            query_params={"code": workshop.code},
        )
        st.stop()
    identity.watch(workshop)  # another tab of this browser may join meanwhile
    with st.form("join"):
        st.markdown(
            t(
                "**Join the workshop.** Your name is shown to the facilitator; "
                "cards are anonymous unless the facilitator says otherwise."
            )
        )
        name = st.text_input(t("Your name"), max_chars=60, key="join-name")
        if st.form_submit_button(t("Join"), type="primary", key="join-submit"):
            try:
                joined = participants.join(db, workshop.id, name)
            except SAVE_ERRORS as error:
                show_error(error)
            else:
                identity.keep(workshop, joined)  # the next run keeps it in a cookie too
                st.rerun()
    st.caption(t("Keep this page's address: it is your personal link back to your cards."))
    st.stop()

projector = facilitator_view.sidebar(workshop, viewer.secret) if viewer.secret else False
if viewer.secret:
    remember_keys()  # a later visit, a new tab: the start page lists what this browser runs
    with st.sidebar:
        people_view.hand_back(workshop, viewer.secret)
page_style(projector)
if viewer.is_facilitator:  # a participant's link shows their workshop and nothing else
    st.page_link("pages/home.py", label=t("All workshops"), icon=":material/home:")

# What a rerun of the live board below does not redraw: the title, the phases, the
# writing form. The board reruns the whole page when one of them would change.
drawn = view.page_heading(workshop)
exercise = exercises.get(workshop.exercise)
phase = workshop.phase
with st.container():
    title(workshop.title, f"{workshop.team_name} · {workshop.quarter} · {t(exercise.name)}")
    phase_stepper(workshop)
    if viewer.secret:
        facilitator_view.phase_buttons(workshop, viewer.secret)
    phase_hint(workshop)
    campaign = campaigns.get_campaign(db, workshop.campaign_id) if workshop.campaign_id else None
    if campaign and (phase in phases.CARDS_SHOWN or viewer.is_facilitator):
        kpi_block(campaign)
    elif campaign:
        kpi_block(campaign, folded=True)  # writing comes first on a phone
    if phase in phases.OWN_CARDS_PRIVATE and viewer.is_facilitator:
        join_panel(workshop)

# The writing form keeps its place whatever the phase: a draft typed while the
# facilitator moves on stays in view, and can be added as a late card if the new
# phase allows one.
with st.container(key="writing"):
    if viewer.participant:
        writing.writing_area(workshop, viewer, exercise)


@st.fragment
def live_board() -> None:
    """Everything that changes while the workshop runs; reruns on every push."""
    try:
        current = workshops.get_workshop(db, workshop.id)
    except NotFound:
        st.warning(t("This workshop has been deleted."))
        st.page_link("pages/home.py", label=t("Back to the start page"), icon=":material/home:")
        return
    if view.page_heading(current) != drawn:  # a new phase, title or number: redraw all
        writing.moved_on(workshop, current)
        st.rerun(scope="app")
    live_hub = hub()
    live_bar(
        current,
        viewer,
        presence_rev=live_hub.presence_revision(current.id) if live_hub else 0,
        remember_secret=remember,
    )
    b = view.load_board(current, viewer)
    if current.phase in phases.OWN_CARDS_PRIVATE:
        review_actions(current, viewer)  # here, so a review done on one screen shows on all
        if viewer.is_facilitator:
            writing.writing_room(b, live_hub.participants_online(current.id) if live_hub else None)
        elif viewer.participant:
            writing.own_cards(b, viewer.participant)
        return
    view.dots_line(b, viewer)
    view.board_columns(b, viewer)
    if current.phase in phases.RESULTS_SHOWN:
        st.subheader(t("Decisions and actions"))
        actions_table(b, viewer)
        taken_forward(b, viewer)
        if b.exercise.plans_channels:
            canvas_section(b, viewer)
        st.page_link(
            "pages/summary.py",
            label=t("Summary and download"),
            icon=":material/description:",
            query_params={"code": current.code},
        )


live_board()
