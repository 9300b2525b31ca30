"""The channel canvas on the board: channels on the canvas, budget, warnings, charts and
the proposals that come from holding it against today's channels."""

from __future__ import annotations

import datetime as dt
import sqlite3
from functools import lru_cache

import pandas as pd
import streamlit as st
from streamlit import dataframe_util
from streamlit.delta_generator import DeltaGenerator

from workshop import canvas, canvas_plan, channels, charts, formats, i18n, proposals
from workshop.board import Board, Item
from workshop.errors import WorkshopError
from workshop.i18n import N_, language, t
from workshop.models import AuditChannel, PlanChannel, Proposal, Workshop
from workshop.roles import Do, Viewer
from workshop.safe_text import label, literal
from workshop.ui import state
from workshop.ui.state import db
from workshop.ui.widgets import (
    SAVE_ERRORS,
    attempt,
    drawer,
    number_box,
    refresh,
    show_error,
    table,
)

# Material icons: Debian's Chromium has no colour emoji font and drew these as boxes.
OUTCOME_ICONS = {
    "stop": ":material/block:",
    "start": ":material/rocket_launch:",
    "continue": ":material/check_circle:",
    "change": ":material/tune:",
}


def _options(
    cell: DeltaGenerator,
    field: str,
    labels: dict[str, str],
    value: str | None,
    key: str,
    *,
    optional: bool = False,
) -> str | None:
    """A choice among ``labels``' keys shown by their translated labels."""
    keys = [None, *labels] if optional else list(labels)
    return cell.selectbox(
        field,
        keys,
        index=keys.index(value) if value is not None and value in keys else 0,
        key=key,
        format_func=lambda k: t(labels[k]) if k else "—",
    )


def channel_form(key: str, start: dict) -> dict | None:
    """Every field of a canvas channel; the values once submitted."""
    with st.form(key, border=False):
        top = st.columns(4)
        platform = top[0].text_input(t("Channel"), start.get("platform", ""), key=f"{key}-platform")
        kind = _options(top[1], t("Type"), channels.KINDS, start.get("kind"), f"{key}-kind")
        role = _options(top[2], t("Role"), channels.ROLES, start.get("role"), f"{key}-role")
        stage = _options(
            top[3], t("Journey stage"), channels.STAGES, start.get("stage"), f"{key}-stage"
        )
        audience = st.text_input(t("Audience"), start.get("audience", ""), key=f"{key}-audience")
        fit = {}
        for question, text in channels.FIT_QUESTIONS.items():
            left, right = st.columns([2, 3])
            fit[question] = left.radio(
                t(text),
                list(channels.FIT),
                horizontal=True,
                key=f"{key}-{question}",
                index=list(channels.FIT).index(start.get(question) or "unsure"),
                format_func=lambda k: t(channels.FIT[k]),
            )
            fit[f"{question}_note"] = right.text_input(
                t("Evidence"), start.get(f"{question}_note", ""), key=f"{key}-{question}-note"
            )
        goal = st.text_input(t("Goal (one)"), start.get("goal", ""), key=f"{key}-goal")
        row = st.columns(5)
        metric = row[0].text_input(
            t("KPI metric"), start.get("kpi_metric", ""), key=f"{key}-metric"
        )
        baseline = number_box(
            t("Baseline"), start.get("kpi_baseline"), f"{key}-baseline", place=row[1]
        )
        target = number_box(t("Target"), start.get("kpi_target"), f"{key}-target", place=row[2])
        due = row[3].date_input(t("By"), value=start.get("kpi_due_on"), key=f"{key}-due")
        level = _options(
            row[4],
            t("KPI level"),
            channels.LEVELS,
            start.get("kpi_level"),
            f"{key}-level",
            optional=True,
        )
        plan = st.columns(3)
        share = number_box(
            t("Budget share (%)"), start.get("budget_share") or 0, f"{key}-share", place=plan[0]
        )
        effort = _options(
            plan[1],
            t("Effort"),
            channels.EFFORTS,
            start.get("effort"),
            f"{key}-effort",
            optional=True,
        )
        owner = plan[2].text_input(t("Owner"), start.get("owner", ""), key=f"{key}-owner")
        hypothesis = st.text_area(
            t("Hypothesis to test before moving money"),
            start.get("hypothesis", ""),
            placeholder=t("If we do X on channel Y, metric Z reaches N by date D."),
            key=f"{key}-hypothesis",
            height=70,
        )
        if not st.form_submit_button(t("Save channel"), type="primary", key=f"{key}-submit"):
            return None
    return {
        "platform": platform,
        "kind": kind,
        "role": role,
        "stage": stage,
        "audience": audience,
        **fit,
        "goal": goal,
        "kpi_metric": metric,
        "kpi_baseline": baseline,
        "kpi_target": target,
        "kpi_due_on": due,
        "kpi_level": level,
        "budget_share": share,
        "effort": effort,
        "owner": owner,
        "hypothesis": hypothesis,
    }


def to_canvas(b: Board, item: Item, secret: str) -> None:
    """A voted proposal onto the canvas, as one channel with everything the team records."""
    with drawer(t("Put on the canvas"), f"plan-open-{item.key}", 900) as opened:
        if not opened:
            return
        start = {"platform": item.title[:60], "kind": item.column_key}
        values = channel_form(f"plan-{item.key}", start)
        if values and attempt(
            lambda: canvas.add_channel(db(), b.workshop.id, secret, values, item.cards[0].id),
            t("On the canvas"),
        ):
            refresh()


def canvas_section(b: Board, viewer: Viewer) -> None:
    """The canvas, its budget and warnings, the charts, and the comparison with today."""
    workshop = b.workshop
    plan = canvas_plan.list_plan(db(), workshop.id)
    st.subheader(t("The canvas"))
    if not plan:
        st.caption(
            t(
                "No channels on the canvas yet. In Discuss, the facilitator puts the "
                "voted proposals on it with “Put on the canvas”."
            )
        )
        return
    total = sum(c.budget_share for c in plan)
    table(pd.DataFrame([_row(c) for c in plan]))
    problem = canvas_plan.budget_problem(plan)
    if problem:
        st.warning(problem)
    else:
        st.success(t("The budget shares add up to {total}%.", total=formats.number(total)))
    for warning in canvas_plan.warnings(plan):
        st.warning(literal(warning), icon="⚠️")
    mix_charts(workshop, plan)
    if viewer.secret and viewer.may(Do.PLAN_CANVAS, workshop.phase):
        _edit(b, plan, viewer.secret)
    _against_today(b, viewer)


def _row(c: PlanChannel) -> dict[str, object]:
    return {
        t("Channel"): c.platform,
        t("Type"): t(channels.KINDS[c.kind]),
        t("Role"): t(channels.ROLES[c.role]),
        t("Stage"): t(channels.STAGES[c.stage]),
        t("Budget %"): c.budget_share,
        t("Goal"): c.goal,
        t("KPI"): c.kpi_metric,
        t("Target"): c.kpi_target,
        t("Level"): t(channels.LEVELS[c.kpi_level]) if c.kpi_level else "",
        t("Fit"): " / ".join(t(channels.FIT[getattr(c, q)]) for q in channels.FIT_QUESTIONS),
        t("Owner"): c.owner,
    }


def mix_charts(workshop: Workshop, plan: list[PlanChannel]) -> None:
    quarter, today = proposals.today_list(db(), workshop)
    if quarter:
        st.caption(t("Today's channels: the audit of {quarter}.", quarter=quarter))
    else:
        st.caption(t("No audit of today's channels yet: fill it on the Channels page."))
    specs = _mix_specs(tuple(plan), tuple(today), language())
    for cell, spec in zip(st.columns(len(specs)), specs, strict=True):
        cell.vega_lite_chart(spec, width="stretch")


@lru_cache(maxsize=32)
def _mix_specs(
    plan: tuple[PlanChannel, ...], today: tuple[AuditChannel, ...], lang: str
) -> tuple[dict, ...]:
    """The mix charts as Vega-Lite, built once per canvas, audit and language (the rows
    are the key: they are frozen, so hashing them is cheap). Built anew, the frame,
    altair's schema check and the data's conversion cost a quarter of a board rerun.
    The data goes in as Arrow bytes, the form Streamlit itself sends; the spec is never
    changed by drawing it (Streamlit draws a copy)."""
    frame = charts.mix_frame(list(plan), list(today))
    specs = []
    for by in charts.MIX_BY:
        with i18n.using(lang):
            spec = charts.localized(charts.mix_chart(frame, by)).to_dict()
        spec["datasets"] = {
            name: dataframe_util.convert_anything_to_arrow_bytes(values)
            for name, values in spec.get("datasets", {}).items()
        }
        specs.append(spec)
    return tuple(specs)


def _edit(b: Board, plan: list[PlanChannel], secret: str) -> None:
    """One channel form, for the channel picked, built only while its expander is open:
    its twenty-odd widgets cost every click on the board a share of its run."""
    drawer = st.expander(t("Change or remove a channel"), key="plan-edit-open", on_change="rerun")
    with drawer:
        if not drawer.open:
            return
        picked = st.selectbox(t("Channel"), plan, format_func=lambda c: c.platform, key="plan-pick")
        start = picked.__dict__ | {"kpi_due_on": _date(picked.kpi_due_on)}
        values = channel_form(f"plan-edit-{picked.id}", start)
        if values and attempt(
            lambda: canvas.update_channel(db(), b.workshop.id, secret, picked.id, values),
            t("Channel saved"),
        ):
            refresh()
        if st.button(
            t("Remove “{name}” from the canvas", name=label(picked.platform)),
            key=f"plan-remove-{picked.id}",
        ) and attempt(lambda: canvas.remove_channel(db(), b.workshop.id, secret, picked.id)):
            refresh()


def _against_today(b: Board, viewer: Viewer) -> None:
    """The proposals, each decided with Accept or Reject. A click does its work in a
    callback, before the board is drawn again: the click costs one run, not a run that
    draws everything only to be thrown away and a second one. Every widget of a proposal
    is keyed by what the proposal says, and the click carries the proposal as drawn: a
    click from a screen drawn before a new comparison never decides another proposal."""
    st.subheader(t("Against today"))
    found = proposals.list_proposals(db(), b.workshop.id)
    secret = viewer.secret
    deciding = viewer.may(Do.COMPARE_CHANNELS, b.workshop.phase)
    said = state.take("wk_proposal_said")
    if deciding and secret:
        st.button(
            t("Compare with today's channels"),
            type="primary",
            key="compare",
            on_click=_compare,
            args=(b.workshop.id, secret),
        )
    if said and said[0] not in {p.id for p in found}:
        _say(said[1])
    if not found:
        st.caption(t("Nothing compared yet."))
        return
    for p in found:
        with st.container(border=True, key=f"proposal-{p.id}"):
            st.markdown(
                f"{OUTCOME_ICONS[p.outcome]} **{t(p.outcome.capitalize())}** · "
                f"{t(proposals_status(p.status))}"
            )
            if deciding and secret:
                _decision(b.workshop.id, secret, p)
            else:
                st.text(p.text)
            if said and said[0] == p.id:
                _say(said[1])
    # Below the list: appearing with the first acceptance, it must not push the list down.
    for target in proposals.boards_fed(db(), b.workshop.id):
        shown = t(
            "Accepted items are on {quarter} · {title}",
            quarter=target.quarter,
            title=label(target.title),
        )
        if viewer.is_facilitator:  # the key that opens this canvas opens the board it fed
            st.page_link(
                "pages/board.py",
                label=shown,
                icon=":material/view_kanban:",
                query_params={"code": target.code},
            )
        else:  # a participant's link shows their workshop only
            st.markdown(shown)


def _decision(workshop_id: int, secret: str, p: Proposal) -> None:
    """The card text and Accept / Reject. A decided proposal keeps them, disabled, so
    the list does not move under the pointer: a second click where Accept was lands
    on the same, now disabled, button, never on the next proposal's."""
    drawn = drawn_key(p)
    open_ = p.status == "proposed"
    st.text_area(
        t("Card text"), p.text, key=f"proposal-text-{drawn}", height=70, disabled=not open_
    )
    left, right = st.columns(2)
    left.button(
        t("Accept"),
        key=f"accept-{drawn}",
        type="primary",
        disabled=not open_,
        on_click=_decide,
        args=(workshop_id, secret, p, True),
    )
    right.button(
        t("Reject"),
        key=f"reject-{drawn}",
        disabled=not open_,
        on_click=_decide,
        args=(workshop_id, secret, p, False),
    )


def drawn_key(p: Proposal) -> str:
    """A proposal's widgets' key: its number and what it says."""
    return f"{p.id}-{proposals.version(p)}"


def _compare(workshop_id: int, secret: str) -> None:
    """Compare with today's channels (a click's callback); a comparison that finds
    nothing new says so."""
    before = {drawn_key(p) for p in proposals.list_proposals(db(), workshop_id)}
    try:
        after = proposals.propose(db(), workshop_id, secret)
    except SAVE_ERRORS as error:
        state.put("wk_proposal_said", (None, error))
        return
    if after and {drawn_key(p) for p in after} == before:
        state.put(
            "wk_proposal_said",
            (None, t("Nothing new: the canvas and today's channels propose the same as before.")),
        )


def _decide(workshop_id: int, secret: str, drawn: Proposal, accepting: bool) -> None:
    """Accept (with the text as edited) or reject the proposal as it was drawn (a
    click's callback); what happened is said next to it on the run that follows."""
    try:
        if accepting:
            text = st.session_state.get(f"proposal-text-{drawn_key(drawn)}", drawn.text)
            proposals.accept(db(), workshop_id, secret, drawn.id, text, seen=drawn)
        else:
            proposals.reject(db(), workshop_id, secret, drawn.id, seen=drawn)
    except SAVE_ERRORS as error:
        state.put("wk_proposal_said", (drawn.id, error))
        return
    if accepting:
        state.put("wk_proposal_said", (drawn.id, t("Card added to the board")))


def _say(what: WorkshopError | sqlite3.Error | str) -> None:
    """An error in place, or a confirmation as a toast."""
    if isinstance(what, str):
        st.toast(literal(what))
    else:
        show_error(what)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def proposals_status(status: str) -> str:
    names = {
        "proposed": N_("proposed"),
        "accepted": N_("accepted: on the board"),
        "rejected": N_("rejected"),
    }
    return names[status]
