"""The workshop board: join, write, reveal, group, vote, discuss, close."""

import streamlit as st

from workshop import campaigns, participants, phases, workshops
from workshop.errors import NotFound, WorkshopError
from workshop.i18n import t
from workshop.safe_text import literal
from workshop.ui import board_view as view
from workshop.ui import state
from workshop.ui.campaign_view import kpi_block
from workshop.ui.canvas_view import canvas_section
from workshop.ui.delete_view import delete_controls
from workshop.ui.learning_view import taken_forward
from workshop.ui.live import live_bar
from workshop.ui.review_view import review_actions
from workshop.ui.server import hub
from workshop.ui.widgets import (
    attempt,
    join_panel,
    page_style,
    phase_stepper,
    show_error,
    title,
    workshop_in_url,
)

db = state.db()

# Which workshop, and who is looking at it.
workshop = workshop_in_url()

secret = state.facilitator_secret(workshop)
taken = state.take_secret_from_url()
remember = taken if secret and taken == secret else None
participant = state.me(workshop)

if not secret and not participant:
    title(workshop.title, f"{workshop.team_name} · {workshop.quarter}")
    if workshop.phase == "closed":
        st.info(t("This workshop is closed."))
        st.page_link(
            "pages/summary.py",
            label=t("Read the summary"),
            icon=":material/description:",
            query_params={"code": workshop.code},
        )
        st.stop()
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
            except WorkshopError as error:
                show_error(error)
            else:
                st.query_params["me"] = joined.token
                st.rerun()
    st.caption(t("Keep this page's address: it is your personal link back to your cards."))
    st.stop()

# Facilitator controls: phases, timer, settings, the join code.
projector = False
if secret:
    with st.sidebar:
        st.header(t("Facilitator"))
        projector = st.toggle(t("Large text for the projector"), key="wk_projector")
        left, right = st.columns(2)
        following = phases.next_phase(workshop.phase, workshop.dots)
        previous = phases.previous_phase(workshop.phase, workshop.dots)
        if following and left.button(
            t("Next: {phase}", phase=t(phases.BY_KEY[following].name)),
            type="primary",
            key="next-phase",
            use_container_width=True,
        ):
            if attempt(lambda: workshops.advance(db, workshop.id, secret)):
                st.rerun()  # on failure the message stays in place
        if previous and right.button(
            t("Back to {phase}", phase=t(phases.BY_KEY[previous].name)),
            key="previous-phase",
            use_container_width=True,
        ):
            if attempt(lambda: workshops.step_back(db, workshop.id, secret)):
                st.rerun()  # on failure the message stays in place
        st.divider()
        minutes = st.number_input(
            t("Timer (minutes)"), 1, workshops.MAX_TIMER_MINUTES, 5, key="timer-minutes"
        )
        left, right = st.columns(2)
        if left.button(t("Start timer"), key="timer-start", use_container_width=True):
            attempt(lambda: workshops.start_timer(db, workshop.id, secret, minutes))
        if right.button(t("Stop timer"), key="timer-stop", use_container_width=True):
            attempt(lambda: workshops.stop_timer(db, workshop.id, secret))
        with st.expander(t("Settings")), st.form("settings", border=False):
            anonymous = st.checkbox(t("Anonymous cards"), workshop.anonymous)
            st.caption(
                t(
                    "Cards written while this is on stay anonymous. Switching it off names "
                    "the authors of cards written after the switch only."
                )
            )
            dots = st.number_input(
                t("Dots per participant (0 turns voting off)"),
                0,
                workshops.MAX_DOTS,
                workshop.dots,
            )
            per_card = st.number_input(
                t("Most dots one person may put on one card"),
                1,
                workshops.MAX_DOTS,
                workshop.max_dots_per_card,
            )
            if st.form_submit_button(t("Save settings")):
                attempt(
                    lambda: workshops.update_settings(
                        db, workshop.id, secret, workshops.Settings(anonymous, dots, per_card)
                    ),
                    t("Settings saved"),
                )
        if workshop.phase != "closed":
            st.page_link(
                "pages/import_cards.py",
                label=t("Import cards from a CSV file"),
                icon=":material/upload_file:",
                query_params={"code": workshop.code},
            )
        delete_controls(workshop, secret)
        st.divider()
        join_panel(workshop, compact=True)

page_style(projector)
st.page_link("pages/home.py", label=t("All workshops"), icon=":material/home:")


@st.fragment
def live_board() -> None:
    """Everything that changes while the workshop runs; reruns on every push."""
    try:
        current = workshops.get_workshop(db, workshop.id)
    except NotFound:
        st.warning(t("This workshop has been deleted."))
        st.page_link("pages/home.py", label=t("Back to the start page"), icon=":material/home:")
        return
    live_hub = hub()
    presence = live_hub.presence(current.id) if live_hub else None
    live_bar(
        current,
        "f" if secret else f"p{participant.id}",
        presence_rev=live_hub.presence_revision(current.id) if live_hub else 0,
        secret=secret,
        remember_secret=remember if secret else None,
        token=participant.token if participant else None,
    )
    b = view.load_board(current, participant, secret)
    title(current.title, f"{current.team_name} · {current.quarter} · {t(b.exercise.name)}")
    phase_stepper(current)
    st.info(t(phases.BY_KEY[current.phase].hint))
    campaign = campaigns.get_campaign(db, current.campaign_id) if current.campaign_id else None
    if campaign and current.phase != "write":
        kpi_block(campaign)

    if current.phase == "write":
        review_actions(current, secret)
    if current.phase == "write" and secret:
        join_panel(current)
        if campaign:
            kpi_block(campaign)
        st.subheader(t("Cards written so far"))
        if current.anonymous:  # a count per column would tell whose card went where
            st.metric(t("All columns"), sum(c.card_count for c in b.columns))
        else:
            for column, metric in zip(st.columns(len(b.columns)), b.columns, strict=True):
                column.metric(t(metric.column.title), metric.card_count)
        st.subheader(t("Who has joined ({n})", n=b.participant_count))
        for person in b.contributors:
            here = presence is not None and presence.get(f"p{person.id}")
            st.text(
                t(
                    "{dot} {name} — {written} · {status}",
                    dot="●" if here else "○",
                    name=person.name,
                    written=t("has written") if person.has_written else t("not written yet"),
                    status=t("connected") if here else t("away"),
                )
            )
        if not b.contributors:
            st.caption(t("Nobody has joined yet. Show the code above."))
    if participant and current.phase == "write":
        if campaign:
            kpi_block(campaign, folded=True)  # writing comes first on a phone
        st.caption(t("You are {name}.", name=literal(participant.name)))
        view.write_form(b, participant)
        view.own_cards(b, participant)
    elif current.phase != "write":
        if participant and current.phase == "reveal":
            with st.expander(t("Add a late card")):
                view.write_form(b, participant, late=True)
        if participant and current.phase == "vote":
            st.markdown(
                t("**You have {left} of {total} dots left.**", left=b.dots_left, total=current.dots)
            )
        if secret and current.phase == "vote":
            st.markdown(
                t(
                    "Dots spent so far: **{cast}** of {total}.",
                    cast=b.dots_cast,
                    total=current.dots * b.participant_count,
                )
            )
        view.board_columns(b, participant=participant, secret=secret)
        if current.phase in ("discuss", "closed"):
            st.subheader(t("Decisions and actions"))
            view.actions_table(b, secret)
            taken_forward(b, secret)
            if b.exercise.plans_channels:
                canvas_section(b, secret)
        if current.phase in ("discuss", "closed"):
            st.page_link(
                "pages/summary.py",
                label=t("Summary and download"),
                icon=":material/description:",
                query_params={"code": current.code},
            )


live_board()
