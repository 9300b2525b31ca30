"""The arithmetic of a campaign's numbers: reached, hit or miss, budget, cost per result.

A number that was not entered stays missing (None) all the way to the screen; it is
never read as zero, and a figure that cannot be computed (a zero target, nothing
spent yet) is missing too rather than infinite.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop import formats
from workshop.campaigns import KINDS, PERCENT, STATUSES
from workshop.i18n import N_, t
from workshop.models import Campaign

HIT, MISS, UNKNOWN = "hit", "miss", "unknown"
VERDICTS = {
    HIT: N_("Hit: target reached"),
    MISS: N_("Miss: target not reached"),
    UNKNOWN: N_("Not known yet"),
}


@dataclass(frozen=True)
class Outcome:
    reached_pct: float | None  # how much of the target was reached; over 100 is beaten
    verdict: str  # hit, miss or unknown
    budget_used_pct: float | None
    cost_per_result: float | None


def outcome(campaign: Campaign) -> Outcome:
    target, actual = campaign.kpi_target, campaign.kpi_actual
    return Outcome(
        reached_pct=reached(target, actual, campaign.lower_is_better),
        verdict=verdict(target, actual, campaign.lower_is_better),
        budget_used_pct=_ratio(campaign.budget_spent, campaign.budget_planned),
        cost_per_result=cost_per_result(campaign),
    )


def reached(target: float | None, actual: float | None, lower_is_better: bool) -> float | None:
    """Actual against target in percent; for a cost-like KPI the target over the actual."""
    if lower_is_better:
        return _ratio(target, actual)
    return _ratio(actual, target)


def verdict(target: float | None, actual: float | None, lower_is_better: bool) -> str:
    if target is None or actual is None:
        return UNKNOWN
    met = actual <= target if lower_is_better else actual >= target
    return HIT if met else MISS


def cost_per_result(campaign: Campaign) -> float | None:
    """Spent per unit of the KPI, when the KPI counts results (not a rate or a cost)."""
    spent, actual = campaign.budget_spent, campaign.kpi_actual
    if spent is None or actual is None or actual <= 0:
        return None
    if campaign.lower_is_better or campaign.kpi_unit == PERCENT:
        return None
    return spent / actual


def _ratio(part: float | None, whole: float | None) -> float | None:
    if part is None or whole is None or whole <= 0 or part < 0:
        return None
    return part / whole * 100


def over_budget(campaign: Campaign) -> str | None:
    """A warning when more was spent than planned; None within the budget or unknown."""
    used = _ratio(campaign.budget_spent, campaign.budget_planned)
    if used is None or used <= 100:
        return None
    return t(
        "Over budget: {spent} spent of {planned} planned, {over} more than planned.",
        spent=number(campaign.budget_spent),
        planned=number(campaign.budget_planned),
        over=percent(used - 100),
    )


def number(value: float | None, unit: str = "") -> str:
    """A figure for people: thousands separated, no needless decimals; 'missing' for None."""
    if value is None:
        return t("missing")
    if unit == PERCENT:
        return formats.percent(value, digits=2)
    return f"{formats.number(value)} {unit}".strip()


def percent(value: float | None) -> str:
    return t("cannot be computed") if value is None else formats.percent(value)


def _computed(value: float | None) -> str:
    return t("cannot be computed") if value is None else number(value)


def rows(campaign: Campaign) -> list[tuple[str, str]]:
    """The KPI block as (label, value) pairs, the same on screen and in exports."""
    result = outcome(campaign)
    unit = campaign.kpi_unit
    return [
        (t("KPI"), campaign.kpi_metric or t("missing")),
        (t("Target"), number(campaign.kpi_target, unit)),
        (t("Actual"), number(campaign.kpi_actual, unit)),
        (t("Reached"), percent(result.reached_pct)),
        (t("Verdict"), t(VERDICTS[result.verdict])),
        (t("Budget planned"), number(campaign.budget_planned)),
        (t("Budget spent"), number(campaign.budget_spent)),
        (t("Budget used"), percent(result.budget_used_pct)),
        (t("Cost per result"), _computed(result.cost_per_result)),
    ]


def table_row(campaign: Campaign) -> dict[str, object]:
    """One line of a team's campaign list; missing numbers stay empty."""
    result = outcome(campaign)
    return {
        t("Name"): campaign.name,
        t("Kind"): t(KINDS[campaign.kind]),
        t("Status"): t(STATUSES[campaign.status]),
        t("Channels"): campaign.channels,
        t("Start"): campaign.starts_on,
        t("End"): campaign.ends_on,
        t("KPI"): campaign.kpi_metric,
        t("Target"): campaign.kpi_target,
        t("Actual"): campaign.kpi_actual,
        t("Reached %"): None if result.reached_pct is None else round(result.reached_pct),
        t("Verdict"): t(VERDICTS[result.verdict]),
        t("Budget planned"): campaign.budget_planned,
        t("Budget spent"): campaign.budget_spent,
        t("Budget"): t("over budget") if over_budget(campaign) else "",
    }
