"""A channel canvas as it stands: its channels, whether the budget adds up, and what
the domain warns about. Read only, so the phase rules can ask it before a close."""

from __future__ import annotations

from sqlite_utils import Database

from workshop import channels, formats
from workshop.db import rows
from workshop.i18n import t
from workshop.models import PlanChannel

MAX_EXECUTIVE_KPIS = 3  # more than a board can follow


def list_plan(db: Database, workshop_id: int) -> list[PlanChannel]:
    return [
        PlanChannel.from_row(r)
        for r in rows(
            db,
            "SELECT * FROM canvas_channels WHERE workshop_id = ? ORDER BY budget_share DESC, id",
            [workshop_id],
        )
    ]


def budget_problem(plan: list[PlanChannel]) -> str | None:
    """Why the canvas cannot close yet, or None when the shares add up to 100%."""
    if not plan:
        return t("Put at least one channel on the canvas before closing it.")
    total = sum(c.budget_share for c in plan)
    if abs(total - 100) > 0.01:
        return t(
            "The budget shares add up to {total}%, not 100%. Change them before closing.",
            total=formats.number(total),
        )
    return None


def warnings(plan: list[PlanChannel]) -> list[str]:
    """What the domain warns about: poor fit, no goal or KPI, KPI overload, silos."""
    found = []
    for c in plan:
        noes = [q for q in channels.FIT_QUESTIONS if getattr(c, q) == "no"]
        for question in noes:
            found.append(
                t(
                    "{platform}: “no” to “{question}”",
                    platform=c.platform,
                    question=t(channels.FIT_QUESTIONS[question]),
                )
            )
        if not c.goal:
            found.append(t("{platform}: no goal", platform=c.platform))
        if not c.kpi_metric or c.kpi_target is None:
            found.append(
                t("{platform}: no measurable KPI (metric and target)", platform=c.platform)
            )
    executive = [c for c in plan if c.kpi_level == "executive"]
    if len(executive) > MAX_EXECUTIVE_KPIS:
        found.append(
            t(
                "KPI overload: {n} executive KPIs; a board can follow {most}.",
                n=len(executive),
                most=MAX_EXECUTIVE_KPIS,
            )
        )
    if _silos(plan):
        found.append(
            t(
                "Paid and earned channels share no goal: they serve one customer "
                "journey, not two silos."
            )
        )
    return found


def _silos(plan: list[PlanChannel]) -> bool:
    goals = {
        kind: {c.goal.casefold().strip() for c in plan if c.kind == kind and c.goal}
        for kind in ("paid", "earned")
    }
    paid = [c for c in plan if c.kind == "paid"]
    earned = [c for c in plan if c.kind == "earned"]
    return bool(paid and earned and not goals["paid"] & goals["earned"])
