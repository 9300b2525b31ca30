"""Pieces of the history pages: the filters they share, a chart with its table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from workshop import exercises, history, teams, validate
from workshop.i18n import t
from workshop.models import Team
from workshop.ui.state import db


def team_filters(key: str) -> tuple[Team, str, str, str | None] | None:
    """Team, quarter range and exercise (None when there is no team yet)."""
    team_list = teams.list_teams(db())
    if not team_list:
        st.info(t("No teams yet. Set up a workshop on the start page, or load the demo team."))
        return None
    ids = [team.id for team in team_list]
    wanted = st.query_params.get("team", "")
    cells = st.columns([3, 2, 2])
    team = cells[0].selectbox(
        t("Team"),
        team_list,
        format_func=lambda x: x.name,
        key=f"{key}-team",
        index=ids.index(int(wanted)) if wanted.isdigit() and int(wanted) in ids else 0,
    )
    st.query_params["team"] = str(team.id)
    known = history.quarters(db(), team.id) or [validate.current_quarter()]
    first, last = (known[0], known[0]) if len(known) == 1 else cells[1].select_slider(
        t("Quarters"), known, value=(known[0], known[-1]), key=f"{key}-range"
    )
    exercise = cells[2].selectbox(
        t("Exercise"),
        [None, *exercises.EXERCISES],
        key=f"{key}-exercise",
        format_func=lambda k: t(exercises.get(k).name) if k else t("All exercises"),
    )
    return team, first, last, exercise


def chart_and_table(chart: object, frame: pd.DataFrame, key: str) -> None:
    """A chart with its numbers one click away."""
    as_chart, as_table = st.tabs([t("Chart"), t("Table")], key=key)
    as_chart.altair_chart(chart, width="stretch")
    as_table.dataframe(frame, hide_index=True, width="stretch")
