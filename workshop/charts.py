"""Altair charts of a campaign's numbers; missing numbers are left out, not drawn as zero."""

from __future__ import annotations

import altair as alt
import pandas as pd

from workshop import kpi
from workshop.i18n import t
from workshop.models import Campaign

COLOURS = {
    kpi.HIT: "#1e8449",
    kpi.MISS: "#c0392b",
    kpi.UNKNOWN: "#7f8c8d",
    "plan": "#95a5a6",
    "spent": "#1f5fbf",
}


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
