"""Baseline for bench/live.py: a minimal board kept fresh by polling.

Every browser reruns a fragment each second, whether or not anything changed; this
is the obvious Streamlit design that the live stream replaces.
"""

import streamlit as st

from workshop import board, cards, participants, workshops
from workshop.ui.state import db

workshop = workshops.find_by_code(db(), st.query_params["code"])
me = participants.by_token(db(), st.query_params["me"])

with st.form("add-card", clear_on_submit=True):
    text = st.text_area("Your card")
    if st.form_submit_button("Add card"):
        cards.add_card(db(), me.token, "start", text)


@st.fragment(run_every=1)
def live_board() -> None:
    view = board.load(db(), workshop, participant=me)
    for column_view, column in zip(view.columns, st.columns(len(view.columns)), strict=True):
        column.subheader(column_view.column.title)
        for item in column_view.items:
            for card in item.cards:
                column.text(card.text)


live_board()
