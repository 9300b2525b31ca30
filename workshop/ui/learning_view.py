"""Taking a learning forward: a draft test, or a card on the next Stop / Start / Continue /
Change board."""

from __future__ import annotations

import streamlit as st

from workshop import learning, next_board, validate
from workshop.board import Board, Item
from workshop.exercises import SSCC
from workshop.i18n import t
from workshop.roles import Viewer
from workshop.safe_text import label
from workshop.ui.state import db
from workshop.ui.widgets import FormMessages, drawer, refresh


def forward_form(b: Board, item: Item, secret: str) -> None:
    with drawer(t("Take it forward"), f"forward-open-{item.key}", 720) as opened:
        if not opened:
            return
        _test_form(b, item, secret)
        _board_form(b, item, secret)


def _test_form(b: Board, item: Item, secret: str) -> None:
    said = FormMessages(f"to-test-{item.key}")
    with st.form(f"to-test-{item.key}", border=False):
        st.markdown(t("**As the hypothesis of a new test**"))
        name = st.text_input(t("Test name"), item.title[:60], key=f"to-test-name-{item.key}")
        said.under("name")
        hypothesis = st.text_area(
            t("Hypothesis"),
            item.title,
            key=f"to-test-hypothesis-{item.key}",
            help=t("If we do X on channel Y, metric Z reaches N by date D."),
        )
        said.under("hypothesis")
        # One draft test per learning (checked in learning.to_test): a second click says
        # which test the first one made.
        if not st.form_submit_button(
            t("Create the draft test"), key=f"to-test-submit-{item.key}"
        ):
            said.rest()
        elif said.attempt(
            lambda: learning.to_test(
                db(), b.workshop.id, secret, name=name, hypothesis=hypothesis, **item.target
            ),
            t("Draft test created"),
            working=t("Creating the draft test…"),
        ):
            refresh()


def _board_form(b: Board, item: Item, secret: str) -> None:
    offered = {w.id: w for w in next_board.taking_cards(db(), b.workshop.team_id)}
    said = FormMessages(f"to-board-{item.key}")
    with st.form(f"to-board-{item.key}", border=False):
        st.markdown(t("**As a card for the next Stop / Start / Continue / Change**"))
        column = st.radio(
            t("Column"),
            learning.BOARD_COLUMNS,
            format_func=lambda k: t(SSCC.column(k).title),
            horizontal=True,
            key=f"to-board-column-{item.key}",
        )
        target = st.selectbox(
            t("Workshop"),
            [*offered, None],
            format_func=lambda k: (
                f"{offered[k].quarter} · {offered[k].title}" if k else t("A new workshop")
            ),
            key=f"to-board-target-{item.key}",
        )
        quarter = st.text_input(
            t("Quarter of a new workshop"),
            validate.quarter_after(b.workshop.quarter),
            key=f"to-board-quarter-{item.key}",
            help=t("It opens with your facilitator link's key."),
        )
        said.under("quarter")
        if not st.form_submit_button(t("Offer the card"), key=f"to-board-submit-{item.key}"):
            said.rest()
        elif said.attempt(
            lambda: learning.to_board(
                db(),
                b.workshop.id,
                secret,
                column=column,
                target_id=target,
                quarter=quarter,
                **item.target,
            ),
            t("Card offered"),
            working=t("Offering the card…"),
        ):
            refresh()


def taken_forward(b: Board, viewer: Viewer) -> None:
    """Where this retrospective's learnings went: links for the facilitator, whose keys
    open those pages; names only for participants, whose link shows this workshop."""
    boards = learning.targets(db(), b.workshop.id)
    tests = learning.drafts(db(), b.workshop.id)
    if not boards and not tests:
        return
    st.subheader(t("Taken forward"))
    for target in boards:
        shown = t("{quarter} · {title}", quarter=target.quarter, title=label(target.title))
        if viewer.is_facilitator:  # a key this browser holds opens the board it fed
            st.page_link(
                "pages/board.py",
                label=shown,
                icon=":material/view_kanban:",
                query_params={"code": target.code},
            )
        else:
            st.markdown(shown)
    for test in tests:
        shown = t("Draft test: {name}", name=label(test.name))
        if viewer.is_facilitator:
            st.page_link(
                "pages/campaigns.py",
                label=shown,
                icon=":material/campaign:",
                query_params={"team": str(b.workshop.team_id)},
            )
        else:
            st.markdown(shown)
