"""A team's quarters: every workshop, and what became of the actions."""

import pandas as pd
import streamlit as st

from workshop import charts, history, report, workshops
from workshop.i18n import t
from workshop.phases import Phase
from workshop.safe_text import label
from workshop.ui import state
from workshop.ui.export_view import report_buttons
from workshop.ui.history_view import chart_and_table, team_filters
from workshop.ui.team_access import keys
from workshop.ui.widgets import page_top, team_link_panel

db = state.db()
page_top(t("Team history"))
team, first, last, exercise = team_filters("team")
st.page_link(
    "pages/compare.py",
    label=t("Compare quarters"),
    icon=":material/compare_arrows:",
    query_params={"team": str(team.id)},
)

report_buttons(team, first, last)
team_link_panel(team)
rates = report.completion_rows(db, team.id, first, last)
if rates:
    frame = pd.DataFrame(rates)
    chart_and_table(charts.completion_chart(frame), frame, key="completion")

timeline = history.timeline(db, team.id, first, last, exercise)
if not timeline:
    st.caption(t("No workshops in these quarters."))
mine = workshops.facilitated_by(db, keys())
for quarter in sorted({r["quarter"] for r in timeline}, reverse=True):
    st.subheader(quarter)
    for r in (r for r in timeline if r["quarter"] == quarter):
        text = f"{label(r['title'])} · {history.facts(r)}"
        if Phase(r["phase"]) is Phase.CLOSED:
            st.page_link(
                "pages/summary.py",
                label=text,
                icon=":material/description:",
                query_params={"code": r["code"]},
            )
        elif r["id"] in mine:  # its facilitator; anyone else joins with the code in the room
            st.page_link(
                "pages/board.py",
                label=text,
                icon=":material/forum:",
                query_params={"code": r["code"]},
            )
        else:
            st.markdown(f":material/forum: {text}")
