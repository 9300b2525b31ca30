"""A campaign's numbers on top of its retrospective, and the form to keep them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

from workshop import campaigns, charts, kpi, teams
from workshop.i18n import N_, t
from workshop.models import Campaign, Team
from workshop.safe_text import label, literal
from workshop.ui import state
from workshop.ui.state import db
from workshop.ui.team_access import hold
from workshop.ui.widgets import FormMessages, number_box, refill_next_run

# Suggestions; a picked one is kept in English and shown in the reader's language.
COMMON_CHANNELS = (
    *("Instagram", "Facebook", "TikTok", "LinkedIn", "YouTube", "Pinterest", "X"),
    *("Google Search Ads", "Google Shopping", N_("Newsletter"), N_("Blog / SEO")),
    *(N_("Website"), N_("Influencers"), N_("PR"), N_("Events"), N_("Podcast")),
)


def kpi_block(campaign: Campaign, *, folded: bool = False) -> None:
    """The number the campaign set out to move, against what it did, and what it cost.

    ``folded`` puts it in a closed expander, out of the way of writing on a phone.
    """
    kind = t(campaigns.KINDS[campaign.kind])
    heading = f"{kind}: {label(campaign.name)}"
    if folded:
        with st.expander(t("The number: {name}", name=heading)):
            _kpi_body(campaign)
        return
    with st.container(border=True, key="kpi"):
        st.markdown(f"**{heading}**")
        _kpi_body(campaign)


def _kpi_body(campaign: Campaign) -> None:
    result = kpi.outcome(campaign)
    facts = [
        campaign.channels,
        " – ".join(filter(None, (campaign.starts_on, campaign.ends_on))),
    ]
    if any(facts):
        st.caption(literal(" · ".join(f for f in facts if f)))
    if campaign.goal:
        st.markdown(f"{t('**Goal:**')} {literal(campaign.goal)}")
    if campaign.hypothesis:
        st.markdown(f"{t('**Hypothesis:**')} {literal(campaign.hypothesis)}")
    unit = campaign.kpi_unit
    metric = campaign.kpi_metric or t("KPI")
    cells = st.columns(4)
    cells[0].metric(label(metric) + " · " + t("target"), kpi.number(campaign.kpi_target, unit))
    cells[1].metric(
        t("Actual"),
        kpi.number(campaign.kpi_actual, unit),
        delta=t(kpi.VERDICTS[result.verdict]) if result.verdict != kpi.UNKNOWN else None,
        delta_color="green" if result.verdict == kpi.HIT else "red",
        delta_arrow="up" if result.verdict == kpi.HIT else "down",
    )
    cells[2].metric(
        t("Reached"),
        "—" if result.reached_pct is None else kpi.percent(result.reached_pct),
        help=t(
            "Cannot be computed while the target or the actual is missing, or the target is zero."
        )
        if result.reached_pct is None
        else None,
    )
    cells[3].metric(
        t("Budget spent of planned"),
        f"{kpi.number(campaign.budget_spent)} / {kpi.number(campaign.budget_planned)}",
    )
    warning = kpi.over_budget(campaign)
    if warning:
        st.warning(warning, icon=":material/warning:")
    if result.cost_per_result is not None:
        st.caption(t("Cost per result: {value}", value=kpi.number(result.cost_per_result)))
    campaign_charts(campaign)


def campaign_charts(campaign: Campaign) -> None:
    """The campaign's charts side by side; on a phone they stack."""
    drawn = charts.campaign_charts(campaign)
    for cell, chart in zip(st.columns(max(len(drawn), 1)), drawn, strict=False):
        cell.altair_chart(charts.localized(chart), width="stretch")


# What each field of a new campaign's form shows before anything is typed.
_EMPTY: dict[str, object] = {
    **dict.fromkeys(("name", "goal", "metric", "unit", "hypothesis"), ""),
    **dict.fromkeys(("target", "actual", "planned", "spent"), ""),
    **dict.fromkeys(("starts", "ends"), None),
    **{"kind": "campaign", "status": "planned", "channels": [], "lower": False},
}


def campaign_form(
    campaign: Campaign | None = None, *, key: str, store: Callable[[dict], Campaign]
) -> Campaign | None:
    """The fields of a new campaign or test (or of ``campaign``), given to ``store`` when
    submitted; the stored campaign once it is saved. A refused save keeps what was typed
    and says why under the field it is about; a saved form starts empty again."""
    c = campaign
    said = FormMessages(key, long=True)  # each field's message goes under it
    with st.form(key, border=True):
        name = st.text_input(t("Name"), c.name if c else "", key=f"{key}-name")
        said.under("name")
        left, middle, start_cell, end_cell = st.columns(4)
        kind = left.selectbox(
            t("Kind"),
            list(campaigns.KINDS),
            format_func=lambda k: t(campaigns.KINDS[k]),
            index=list(campaigns.KINDS).index(c.kind) if c else 0,
            key=f"{key}-kind",
        )
        status = middle.selectbox(
            t("Status"),
            list(campaigns.STATUSES),
            format_func=lambda k: t(campaigns.STATUSES[k]),
            index=list(campaigns.STATUSES).index(c.status if c else "planned"),
            key=f"{key}-status",
        )
        starts = start_cell.date_input(
            t("Start"), _date(c.starts_on if c else None), key=f"{key}-starts"
        )
        said.under("start date", cell=start_cell)
        ends = end_cell.date_input(t("End"), _date(c.ends_on if c else None), key=f"{key}-ends")
        said.under("end date", cell=end_cell)
        chosen = c.channel_list if c else []
        channel_names = st.multiselect(
            t("Channels"),
            sorted({*COMMON_CHANNELS, *chosen}),
            default=chosen,
            accept_new_options=True,
            format_func=lambda name: t(name) if name in COMMON_CHANNELS else name,
            key=f"{key}-channels",
            help=t("Pick from the list or type a channel of your own."),
        )
        said.under("channels")
        goal = st.text_input(
            t("Goal"),
            c.goal if c else "",
            key=f"{key}-goal",
            placeholder=t("e.g. more first-time buyers from social"),
        )
        said.under("goal")
        left, middle, right = st.columns(3)
        metric = left.text_input(
            t("KPI metric"),
            c.kpi_metric if c else "",
            key=f"{key}-metric",
            placeholder=t("e.g. orders"),
        )
        said.under("KPI metric", cell=left)
        unit = middle.text_input(
            t("Unit"),
            c.kpi_unit if c else "",
            key=f"{key}-unit",
            help=t("“%” is for a rate or share, from 0 to 100."),
        )
        said.under("KPI unit", cell=middle)
        lower = right.checkbox(
            t("Lower is better (a cost or a rate to cut)"),
            c.lower_is_better if c else False,
            key=f"{key}-lower",
        )
        cells = st.columns(4)
        target = number_box(
            t("KPI target"), c.kpi_target if c else None, f"{key}-target", place=cells[0]
        )
        said.under("KPI target", cell=cells[0])
        actual = number_box(
            t("KPI actual"),
            c.kpi_actual if c else None,
            f"{key}-actual",
            place=cells[1],
            help=t("Leave empty until it is measured."),
        )
        said.under("KPI actual", cell=cells[1])
        planned = number_box(
            t("Budget planned"), c.budget_planned if c else None, f"{key}-planned", place=cells[2]
        )
        said.under("budget planned", cell=cells[2])
        spent = number_box(
            t("Budget spent"), c.budget_spent if c else None, f"{key}-spent", place=cells[3]
        )
        said.under("budget spent", cell=cells[3])
        hypothesis = st.text_area(
            t("Hypothesis (for a test)"),
            c.hypothesis if c else "",
            key=f"{key}-hypothesis",
            placeholder=t("If we do X on channel Y, metric Z reaches N by date D."),
            height=80,
        )
        said.under("hypothesis")
        if not st.form_submit_button(
            t("Save") if c else t("Create"), type="primary", key=f"{key}-submit"
        ):
            said.rest()
            return None
        values = {
            "name": name,
            "kind": kind,
            "status": status,
            "channels": channel_names,
            "starts_on": starts,
            "ends_on": ends,
            "goal": goal,
            "kpi_metric": metric,
            "kpi_unit": unit,
            "kpi_target": target,
            "kpi_actual": actual,
            "lower_is_better": lower,
            "budget_planned": planned,
            "budget_spent": spent,
            "hypothesis": hypothesis,
        }
        stored: list[Campaign] = []
        if not said.attempt(lambda: stored.append(store(values))):
            return None
    if campaign is None:  # a new one: the form starts empty for the next
        refill_next_run(key, {f"{key}-{field}": empty for field, empty in _EMPTY.items()})
    st.toast(t("Saved “{name}”.", name=literal(stored[0].name)))
    return stored[0]


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def campaign_picker(team: Team | None, new_team_name: str) -> Campaign | None:
    """Which campaign or test a retrospective looks back on; a new one can be made here."""
    just_made = state.take("wk_pick")
    if just_made:  # before the select box is drawn, so it shows the new campaign
        st.session_state["setup-campaign"] = just_made
    listed = campaigns.list_campaigns(db(), team.id) if team else []
    picked = None
    if listed:
        picked = st.selectbox(
            t("Campaign or test"),
            listed,
            format_func=lambda c: f"{c.name} ({t(campaigns.KINDS[c.kind])})",
            key="setup-campaign",
        )
    else:
        st.caption(t("This team has no campaigns or tests yet: add the one to look back on."))
    with st.expander(t("New campaign or test"), icon=":material/add:", expanded=not listed):
        created = campaign_form(
            key="setup-new-campaign",
            store=lambda values: campaigns.create_campaign(
                db(), team.id if team else None, values, new_team=new_team_name
            ),
        )
    if created:
        if team is None:  # a new team: this browser holds its link
            hold(created.team_id, teams.new_team_key(db(), created.team_id))
        state.put("wk_pick", created)  # the start page selects its team, this its name
        st.rerun()
    return picked
