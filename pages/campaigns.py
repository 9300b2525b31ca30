"""A team's campaigns and tests: their goals, numbers and retrospectives."""

import pandas as pd
import streamlit as st

from workshop import campaigns, kpi, learning, workshops
from workshop.i18n import t
from workshop.phases import Phase
from workshop.safe_text import label, literal
from workshop.ui import state
from workshop.ui.campaign_view import campaign_form, kpi_block
from workshop.ui.team_access import keys
from workshop.ui.widgets import page_top, screen_of, table, team_picker

db = state.db()
page_top(t("Campaigns and tests"))
st.caption(
    t(
        "What each campaign or test set out to move, and what it did. A Hits / Misses / "
        "What we learned retrospective looks back on one of them."
    )
)

team = team_picker("campaigns-team")
if team is None:
    st.stop()

with st.expander(t("New campaign or test"), icon=":material/add:"):
    if campaign_form(
        key="new-campaign", store=lambda values: campaigns.create_campaign(db, team.id, values)
    ):
        st.rerun()  # the table below lists it, and the form starts empty

listed = campaigns.list_campaigns(db, team.id)
if not listed:
    st.caption(t("This team has no campaigns or tests yet."))
    st.stop()
table(pd.DataFrame([kpi.table_row(c) for c in listed]))

st.subheader(t("Open one"))
picked = st.selectbox(
    t("Campaign or test"),
    listed,
    format_func=lambda c: c.name,
    key="campaigns-pick",
)
with st.expander(t("Edit “{name}”", name=label(picked.name))):
    if campaign_form(
        picked,
        key=f"edit-campaign-{picked.id}",
        store=lambda values: campaigns.update_campaign(db, picked.id, values),
    ):
        st.rerun()
kpi_block(campaigns.get_campaign(db, picked.id))
origin = learning.origin_of(db, picked)
if origin:
    st.caption(literal(origin))
retros = [w for w in workshops.list_workshops(db, team.id) if w.campaign_id == picked.id]
mine = workshops.facilitated_by(db, keys())
for retro in retros:
    text = t("Retrospective: {title} ({quarter})", title=label(retro.title), quarter=retro.quarter)
    if retro.phase is Phase.CLOSED or retro.id in mine:  # a running one: only its facilitator
        st.page_link(
            screen_of(retro.phase),
            label=text,
            icon=":material/forum:",
            query_params={"code": retro.code},
        )
    else:
        st.markdown(":material/forum: " + text)
if not retros:
    st.caption(t("No retrospective of this one yet."))
