"""Altair charts: a campaign's numbers (missing ones left out, not drawn as zero) and the
channel mix of a canvas against today."""

from __future__ import annotations

import altair as alt
import pandas as pd

from workshop import channels, formats, kpi
from workshop.i18n import N_, t
from workshop.models import AuditChannel, Campaign, PlanChannel

COLOURS = {
    kpi.HIT: "#1e8449",
    kpi.MISS: "#c0392b",
    kpi.UNKNOWN: "#7f8c8d",
    "plan": "#95a5a6",
    "spent": "#1f5fbf",
}


def localized(chart: alt.Chart) -> alt.Chart:
    """``chart`` drawn with the locale's decimal and thousands separators ("1.234,5")."""
    return chart.configure(locale=formats.chart_locale())


def campaign_charts(campaign: Campaign) -> list[alt.Chart]:
    """Target against actual, and budget planned against spent: the ones with numbers."""
    verdict = kpi.outcome(campaign).verdict
    metric = campaign.kpi_metric or t("KPI")
    parts = [
        _bars(
            [
                (t("Target"), campaign.kpi_target, "plan"),
                (t("Actual"), campaign.kpi_actual, verdict),
            ],
            f"{metric} ({campaign.kpi_unit})" if campaign.kpi_unit else metric,
        ),
        _bars(
            [
                (t("Planned"), campaign.budget_planned, "plan"),
                (t("Spent"), campaign.budget_spent, "spent"),
            ],
            t("Budget"),
        ),
    ]
    return [part for part in parts if part is not None]


def _bars(values: list[tuple[str, float | None, str]], title: str) -> alt.Chart | None:
    present = [(label, value, tone) for label, value, tone in values if value is not None]
    if not present:
        return None
    frame = pd.DataFrame(present, columns=["label", "value", "tone"])
    return (
        alt.Chart(frame, title=title, height=alt.Step(40))  # 40 px a bar
        .mark_bar()
        .encode(
            y=alt.Y("label:N", title=None, sort=None, axis=alt.Axis(labelFontSize=14)),
            x=alt.X("value:Q", title=None),
            color=alt.Color(
                "tone:N",
                scale=alt.Scale(domain=list(COLOURS), range=list(COLOURS.values())),
                legend=None,
            ),
            tooltip=["label", "value"],
        )
    )


# Under the chart, two to a row, never cut short: a campaign's whole name shows.
_LEGEND = alt.Legend(orient="bottom", title=None, columns=2, labelLimit=0)

MIX_BY = {"channel": N_("Channel"), "type": N_("Type"), "role": N_("Role")}


def mix_frame(plan: list[PlanChannel], today: list[AuditChannel]) -> pd.DataFrame:
    """Budget shares of the scratch canvas and of today's channels, one row a channel."""
    scratch = [
        (
            t("Scratch"),
            c.platform,
            channels.platform_key(c.platform),
            c.kind,
            c.role,
            c.budget_share,
        )
        for c in plan
    ]
    now = [
        (
            t("Today"),
            c.platform,
            channels.platform_key(c.platform),
            c.kind,
            c.role or "",
            c.budget_share or 0.0,
        )
        for c in today
    ]
    frame = pd.DataFrame(
        scratch + now, columns=["source", "channel", "key", "type", "role", "share"]
    )
    frame["type"] = frame["type"].map(lambda k: t(channels.KINDS[k]))
    frame["role"] = frame["role"].map(lambda k: t(channels.ROLES[k]) if k else t("unknown"))
    # One name per platform, so "Twitter" today and "X" on the canvas share a bar.
    names = frame.drop_duplicates("key").set_index("key")["channel"]
    frame["channel"] = frame["key"].map(names)
    return frame


def mix_chart(frame: pd.DataFrame, by: str) -> alt.Chart:
    """Scratch against today, share of budget per channel, type or role."""
    summed = frame.groupby([by, "source"], as_index=False)["share"].sum()
    return (
        alt.Chart(summed, title=t("Budget share by {what}", what=t(MIX_BY[by]).lower()))
        .mark_bar()
        .encode(
            y=alt.Y(f"{by}:N", title=None, axis=alt.Axis(labelFontSize=13)),
            yOffset="source:N",
            x=alt.X("share:Q", title="%"),
            color=alt.Color("source:N", title=None, legend=_LEGEND),
            tooltip=[by, "source", alt.Tooltip("share:Q", format=".0f")],
        )
    )


def completion_chart(frame: pd.DataFrame) -> alt.Chart:
    """What became of each quarter's actions, stacked."""
    long = frame.melt(
        id_vars="quarter",
        value_vars=["done", "carried", "dropped", "open"],
        var_name="outcome",
        value_name="actions",
    )
    return (
        alt.Chart(long, title=t("What became of each quarter's actions"))
        .mark_bar()
        .encode(
            x=alt.X("quarter:N", title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("actions:Q", title=t("actions")),
            color=alt.Color(
                "outcome:N",
                scale=alt.Scale(
                    domain=["done", "carried", "dropped", "open"],
                    range=["#1e8449", "#b9770e", "#7f8c8d", "#c0392b"],
                ),
                legend=_LEGEND,
            ),
            tooltip=["quarter", "outcome", "actions"],
        )
    )


def grouped_bars(
    frame: pd.DataFrame, x: str, y: str, colour: str, title: str, order: list[str] | None = None
) -> alt.Chart:
    """One bar per ``colour`` value side by side within each ``x`` (in ``order``)."""
    return (
        alt.Chart(frame, title=title)
        .mark_bar()
        .encode(
            x=alt.X(f"{x}:N", title=None, sort=order, axis=alt.Axis(labelAngle=0)),
            xOffset=f"{colour}:N",
            y=alt.Y(f"{y}:Q", title=None),
            color=alt.Color(f"{colour}:N", title=None, legend=_LEGEND),
            tooltip=[x, colour, y],
        )
    )


def reached_chart(frame: pd.DataFrame) -> alt.Chart:
    """How much of its KPI target each campaign reached (rows of ``history.campaign_results``).

    One bar a campaign on a line of its own, named with its quarter: a quarter with one
    campaign has its bar on the label, not pushed aside to make room for the others.
    """
    shown = frame.assign(label=frame["quarter"] + " · " + frame["campaign"])
    verdicts = {t(kpi.VERDICTS[key]): COLOURS[key] for key in kpi.VERDICTS}
    return (
        alt.Chart(shown, title=t("KPI reached (%)"), height=alt.Step(26))
        .mark_bar()
        .encode(
            y=alt.Y("label:N", title=None, sort=None, axis=alt.Axis(labelLimit=0)),
            x=alt.X("reached:Q", title="%"),
            color=alt.Color(
                "verdict:N",
                title=None,
                scale=alt.Scale(domain=list(verdicts), range=list(verdicts.values())),
                legend=_LEGEND,
            ),
            tooltip=["quarter", "campaign", "reached", "verdict"],
        )
    )
