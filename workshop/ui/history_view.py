"""Pieces of the history pages: the filters they share, a chart with its table."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from workshop import charts, exercises, history, themes, validate
from workshop.db import default_path
from workshop.i18n import t
from workshop.models import Team
from workshop.safe_text import literal
from workshop.ui.state import db
from workshop.ui.widgets import table, team_picker

SHOWN = 15  # a list a facilitator can read; the rest is one filter away


def team_filters(key: str) -> tuple[Team, str, str, str | None]:
    """Team, quarter range and exercise; the page stops while there is no team yet."""
    cells = st.columns([3, 2, 2])
    team = team_picker(f"{key}-team", cells[0])
    if team is None:
        st.stop()
    known = history.quarters(db(), team.id) or [validate.current_quarter()]
    first, last = (
        (known[0], known[0])
        if len(known) == 1
        else cells[1].select_slider(
            t("Quarters"), known, value=(known[0], known[-1]), key=f"{key}-range"
        )
    )
    exercise = cells[2].selectbox(
        t("Exercise"),
        [None, *exercises.EXERCISES],
        key=f"{key}-exercise",
        format_func=lambda k: t(exercises.get(k).name) if k else t("All exercises"),
    )
    return team, first, last, exercise


def chart_and_table(chart: alt.Chart, frame: pd.DataFrame, key: str) -> None:
    """A chart with its numbers one click away."""
    as_chart, as_table = st.tabs([t("Chart"), t("Table")], key=key)
    as_chart.altair_chart(charts.localized(chart), width="stretch")
    table(frame, as_table)


@st.cache_data(max_entries=64, show_spinner=False)
def _linked(
    team_id: int, quarters: tuple[str, ...], exercise: str, source: tuple[str, str]
) -> tuple[list[themes.ThemeCard], list[themes.Theme]]:
    # ``source`` (the database file and its fingerprint) only keys the cache.
    cards = themes.team_cards(db(), team_id, list(quarters), exercise)
    return cards, themes.find(cards, themes.decisions(db(), [c.id for c in cards]))


def linked_cards(
    team_id: int, quarters: list[str], exercise: str
) -> tuple[list[themes.ThemeCard], list[themes.Theme]]:
    """A team's cards and their themes, computed again only after a change."""
    source = (default_path(), history.fingerprint(db(), team_id))
    return _linked(team_id, tuple(quarters), exercise, source)


def more(cell: DeltaGenerator, total: int) -> None:
    """Say how many were left out of a list cut at SHOWN."""
    if total > SHOWN:
        cell.caption(t("…and {n} more", n=total - SHOWN))


def theme_view(n: int, linked: list[themes.Theme], exercise: exercises.Exercise) -> None:
    """One theme: its cards by quarter, and why each pair matched, to confirm or unlink."""
    theme = linked[n]
    if theme.stuck:
        st.warning(t("Still not stopped: in Stop three quarters in a row or more."))
    for card in sorted(theme.cards, key=lambda c: c.quarter):
        st.text(f"{card.quarter} · {t(exercise.column(card.column_key).title)}: {card.text}")
    if len(theme.links) > SHOWN:
        st.caption(t("The {shown} closest of {n} matches.", shown=SHOWN, n=len(theme.links)))
    closest = sorted(theme.links, key=lambda lk: -(lk.why.jaccard if lk.why else 1))
    for link in closest[:SHOWN]:
        why = link.why.explain() if link.why else t("confirmed by hand")
        left, middle, right = st.columns([4, 1, 1])
        left.caption(literal(f"{link.a.quarter} ↔ {link.b.quarter}: {why}"))
        if link.confirmed:
            middle.caption(t("confirmed"))
        elif middle.button(t("Confirm"), key=f"confirm-{n}-{link.a.id}-{link.b.id}"):
            themes.decide(db(), link.a.id, link.b.id, "confirmed")
            st.rerun()
        if right.button(t("Unlink"), key=f"unlink-{n}-{link.a.id}-{link.b.id}"):
            themes.decide(db(), link.a.id, link.b.id, "unlinked")
            st.rerun()
