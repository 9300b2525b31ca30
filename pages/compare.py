"""Compare quarters: side by side, what is new and gone, recurring themes, channels and
campaign results over time."""

import pandas as pd
import streamlit as st

from workshop import charts, exercises, formats, history, themes
from workshop.i18n import t, tn
from workshop.ui import state
from workshop.ui.history_view import (
    SHOWN,
    chart_and_table,
    linked_cards,
    more,
    team_filters,
    theme_view,
)
from workshop.ui.widgets import dots, page_top, table

db = state.db()
page_top(t("Compare quarters"))
team, first, last, chosen = team_filters("compare")
exercise = exercises.get(chosen or "sscc")
in_range = [q for q in history.quarters(db, team.id) if first <= q <= last]
picked = sorted(
    st.multiselect(t("Quarters side by side"), in_range, default=in_range[-2:], key="compare-q")
)
st.caption(t("Comparing {exercise}.", exercise=t(exercise.name)))

cards, linked = linked_cards(team.id, in_range, exercise.key)

if len(picked) >= 2:
    counts = pd.DataFrame(history.column_counts(db, team.id, picked, exercise.key))
    chart_and_table(
        charts.grouped_bars(
            counts,
            "column",
            "cards",
            "quarter",
            t("Cards per column"),
            [t(c.title) for c in exercise.columns],
        ),
        counts,
        key="counts",
    )
    tops = history.top_items([c for c in cards if c.quarter in picked])
    for column in exercise.columns:
        st.subheader(t(column.title))
        for cell, quarter in zip(st.columns(len(picked)), picked, strict=True):
            cell.markdown(f"**{quarter}**")
            for card in tops.get((quarter, column.key), []):
                cell.text(f"{card.text} {dots(min(card.votes, 12))}")
            if not tops.get((quarter, column.key)):
                cell.caption(t("No cards."))
    for earlier, later in zip(picked, picked[1:], strict=False):
        new, gone = history.new_and_gone(cards, linked, earlier, later)
        with st.expander(
            t(
                "{later} against {earlier}: {n} new, {m} gone",
                later=later,
                earlier=earlier,
                n=len(new),
                m=len(gone),
            )
        ):
            left, right = st.columns(2)
            left.markdown(t("**New in {q}**", q=later))
            for card in new[:SHOWN]:
                left.text(f"{t(exercise.column(card.column_key).title)}: {card.text}")
            more(left, len(new))
            right.markdown(t("**Gone since {q}**", q=earlier))
            for card in gone[:SHOWN]:
                right.text(f"{t(exercise.column(card.column_key).title)}: {card.text}")
            more(right, len(gone))
else:
    st.info(t("Pick two quarters or more to see them side by side."))

st.header(t("Recurring themes"))
st.caption(
    tn(
        "Cards of the same column in different quarters match when they share at least "
        "{n} meaningful word that makes up {share} or more of their words.",
        "Cards of the same column in different quarters match when they share at least "
        "{n} meaningful words that make up {share} or more of their words.",
        themes.MIN_SHARED,
        share=formats.percent(themes.MIN_JACCARD * 100),
    )
)
if not linked:
    st.caption(t("No theme recurs in these quarters."))
else:
    themes_table = pd.DataFrame(
        {
            t("Theme"): theme.title,
            t("Quarters"): ", ".join(theme.quarters),
            t("Cards"): len(theme.cards),
            t("Flag"): "🛑 " + t("still not stopped") if theme.stuck else "",
        }
        for theme in linked
    )
    table(themes_table)
    theme_view(
        st.selectbox(
            t("Open a theme to see why its cards were matched"),
            range(len(linked)),
            format_func=lambda n: f"{linked[n].title} ({', '.join(linked[n].quarters)})",
            key="compare-theme",
        ),
        linked,
        exercise,
    )

reasons = themes.recurring_reasons(themes.team_cards(db, team.id, in_range, "hml"))
for reason, quarters in reasons:
    label = exercises.HML.tag_label(reason)
    st.warning(
        t(
            "“{reason}” keeps coming back as the reason for a miss: {quarters}.",
            reason=t(label),
            quarters=", ".join(quarters),
        )
    )

st.header(t("Campaign results over time"))
results = pd.DataFrame(history.campaign_results(db, team.id, first, last))
if results.empty:
    st.caption(t("No campaigns or tests in these quarters."))
else:
    reached = results.dropna(subset=["reached"])
    chart_and_table(
        charts.reached_chart(reached),
        results,
        key="results",
    )
misses = pd.DataFrame(history.miss_reasons(db, team.id, first, last))
if not misses.empty:
    chart_and_table(
        charts.grouped_bars(misses, "quarter", "cards", "reason", t("Miss reasons per quarter")),
        misses,
        key="misses",
    )

st.header(t("Channels over time"))
mix = pd.DataFrame(history.channel_mix(db, team.id, first, last))
if mix.empty:
    st.caption(t("No audits or canvases in these quarters."))
else:
    today = mix[mix["source"] == t("Today")]
    chart_and_table(
        charts.grouped_bars(
            today, "quarter", "share", "channel", t("Budget share of today's channels (%)")
        ),
        mix,
        key="mix",
    )
changes = history.channel_changes(db, team.id, first, last)
if changes:
    table(pd.DataFrame(changes))
