"""The summary of a workshop: the board by votes, groups, actions; Markdown download."""

import streamlit as st

from workshop import phases, summary, workshops
from workshop.errors import NotFound
from workshop.i18n import t
from workshop.ui import state
from workshop.ui.widgets import page_style, show_error, title

db = state.db()
page_style()
st.page_link("pages/home.py", label=t("All workshops"), icon=":material/home:")
try:
    workshop = workshops.find_by_code(db, st.query_params.get("code", ""))
except NotFound as error:
    show_error(error)
    st.stop()

if not phases.cards_public(workshop.phase):
    st.warning(t("The summary opens after the cards are revealed."))
    st.stop()

full = summary.load(db, workshop.id)
markdown = summary.to_markdown(full)
title(
    t("Summary: {title}", title=workshop.title),
    f"{workshop.team_name} · {workshop.quarter} · {t(full.exercise.name)} · "
    + t("{n} participants", n=full.participant_count),
)
if workshop.phase != "closed":
    st.info(
        t(
            "The workshop is still running ({phase}); this summary can still change.",
            phase=t(phases.BY_KEY[workshop.phase].name),
        )
    )
st.download_button(
    t("Download Markdown"),
    markdown,
    file_name=f"workshop-{workshop.id}.md",
    mime="text/markdown",
    type="primary",
    key="download-md",
)
st.markdown(markdown)
