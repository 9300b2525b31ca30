"""The channel canvas on the board: channels on the canvas, budget, warnings, charts and
the proposals that come from holding it against today's channels."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from workshop import canvas, canvas_plan, channels, charts, formats, i18n, proposals
from workshop.board import Board, Item
from workshop.i18n import N_, t
from workshop.models import PlanChannel, Workshop
from workshop.roles import Do, Viewer
from workshop.safe_text import label, literal
from workshop.ui.state import db
from workshop.ui.widgets import attempt, refresh

OUTCOME_ICONS = {"stop": "🛑", "start": "🌱", "continue": "✅", "change": "🔧"}


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
        baseline = row[1].number_input(
            t("Baseline"),
            value=start.get("kpi_baseline"),
            key=f"{key}-baseline",
            placeholder=t("missing"),
        )
        target = row[2].number_input(
            t("Target"),
            value=start.get("kpi_target"),
            key=f"{key}-target",
            placeholder=t("missing"),
        )
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
        share = plan[0].number_input(
            t("Budget share (%)"),
            0.0,
            100.0,
            float(start.get("budget_share") or 0),
            key=f"{key}-share",
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
    """A voted proposal onto the canvas, as one channel with everything the team records.

    The form is built only while its popover is open: a full channel form under every
    card made each click on the board rebuild a couple of hundred widgets.
    """
    drawer = st.popover(
        t("Put on the canvas"), width="stretch", key=f"plan-open-{item.key}", on_change="rerun"
    )
    with drawer:
        if not drawer.open:
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
    st.dataframe(pd.DataFrame([_row(c) for c in plan]), hide_index=True, width="stretch")
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
    specs = _mix_specs(charts.mix_frame(plan, today), i18n.language())
    for cell, spec in zip(st.columns(len(specs)), specs, strict=True):
        cell.vega_lite_chart(spec, width="stretch")


@st.cache_data(max_entries=32, show_spinner=False)
def _mix_specs(frame: pd.DataFrame, language: str) -> list[dict]:
    """The mix charts as Vega-Lite, built once per canvas, audit and language: altair
    checks a chart against its schema every time it is drawn, a fifth of a board rerun."""
    with i18n.using(language):
        return [charts.localized(charts.mix_chart(frame, by)).to_dict() for by in charts.MIX_BY]


def _edit(b: Board, plan: list[PlanChannel], secret: str) -> None:
    with st.expander(t("Change or remove a channel")):
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
    st.subheader(t("Against today"))
    found = proposals.list_proposals(db(), b.workshop.id)
    secret = viewer.secret
    deciding = viewer.may(Do.COMPARE_CHANNELS, b.workshop.phase)
    if deciding and st.button(t("Compare with today's channels"), type="primary", key="compare"):
        if attempt(lambda: proposals.propose(db(), b.workshop.id, secret)):
            refresh()
    if not found:
        st.caption(t("Nothing compared yet."))
        return
    for target in proposals.boards_fed(db(), b.workshop.id):
        st.page_link(
            "pages/board.py",
            label=t(
                "Accepted items are on {quarter} · {title}",
                quarter=target.quarter,
                title=label(target.title),
            ),
            icon=":material/view_kanban:",
            query_params={"code": target.code} | ({"key": secret} if secret else {}),
        )
    for p in found:
        with st.container(border=True, key=f"proposal-{p.id}"):
            st.markdown(
                f"{OUTCOME_ICONS[p.outcome]} **{t(p.outcome.capitalize())}** · "
                f"{t(proposals_status(p.status))}"
            )
            if deciding and p.status == "proposed":
                text = st.text_area(t("Card text"), p.text, key=f"proposal-text-{p.id}", height=70)
                left, right = st.columns(2)
                if left.button(t("Accept"), key=f"accept-{p.id}", type="primary") and attempt(
                    partial(proposals.accept, db(), b.workshop.id, secret, p.id, text),
                    t("Card added to the board"),
                ):
                    refresh()
                if right.button(t("Reject"), key=f"reject-{p.id}") and attempt(
                    partial(proposals.reject, db(), b.workshop.id, secret, p.id)
                ):
                    refresh()
            else:
                st.text(p.text)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def proposals_status(status: str) -> str:
    names = {
        "proposed": N_("proposed"),
        "accepted": N_("accepted: on the board"),
        "rejected": N_("rejected"),
    }
    return names[status]
