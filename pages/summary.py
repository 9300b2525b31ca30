"""The summary of a workshop: the board by votes, groups, actions; downloads."""

import streamlit as st

from workshop import phases, summary
from workshop.i18n import t
from workshop.phases import Phase
from workshop.ui import state
from workshop.ui.campaign_view import campaign_charts
from workshop.ui.canvas_view import mix_charts
from workshop.ui.export_view import download_buttons
from workshop.ui.team_access import held_teams
from workshop.ui.widgets import page_style, title, workshop_in_url

db = state.db()
page_style()
workshop = workshop_in_url()
if held_teams():  # a participant's link shows their workshop and its summary, nothing more
    st.page_link("pages/home.py", label=t("All workshops"), icon=":material/home:")
elif workshop.phase is not Phase.CLOSED:
    st.page_link(
        "pages/board.py",
        label=t("Back to the board"),
        icon=":material/view_kanban:",
        query_params={"code": workshop.code},
    )

if workshop.phase not in phases.CARDS_SHOWN:
    st.warning(t("The summary opens after the cards are revealed."))
    st.stop()

full = summary.load(db, workshop.id)
extra = summary.extras(db, full)
markdown = summary.to_markdown(full, extra)
title(
    t("Summary: {title}", title=workshop.title),
    f"{workshop.team_name} · {workshop.quarter} · {t(full.exercise.name)} · "
    + t("{n} participants", n=full.participant_count),
)
if workshop.phase is not Phase.CLOSED:
    st.info(
        t(
            "The workshop is still running ({phase}); this summary can still change.",
            phase=t(workshop.phase.label),
        )
    )
download_buttons(workshop)
if extra.campaign:
    campaign_charts(extra.campaign)
if full.exercise.plans_channels:
    mix_charts(full.workshop, list(extra.plan))
st.markdown(markdown)
