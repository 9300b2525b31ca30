"""The channel canvas in a summary: the plan, what it proposes against today, warnings."""

from __future__ import annotations

from workshop import canvas_plan, channels, formats, kpi
from workshop.i18n import N_, t
from workshop.markdown import cell, escape
from workshop.models import PlanChannel, Proposal

HEADING = N_("The canvas")
STATUS = {"proposed": N_("proposed"), "accepted": N_("accepted"), "rejected": N_("rejected")}


def _fit(c: PlanChannel) -> str:
    return " / ".join(t(channels.FIT[getattr(c, q)]) for q in channels.FIT_QUESTIONS)


def _kpi(c: PlanChannel) -> str:
    if not c.kpi_metric:
        return "—"
    level = f" ({t(channels.LEVELS[c.kpi_level]).lower()})" if c.kpi_level else ""
    target = f" {kpi.number(c.kpi_baseline)} → {kpi.number(c.kpi_target)}"
    due = f" {t('by')} {formats.date(c.kpi_due_on)}" if c.kpi_due_on else ""
    return cell(c.kpi_metric) + target + due + level


def lines(plan: list[PlanChannel], found: list[Proposal]) -> list[str]:
    out = [f"## {t(HEADING)}", ""]
    if plan:
        # Two tables, not one of nine columns: on A4 and in a chat window each column
        # keeps its words whole.
        out += [
            f"| {t('Channel')} | {t('Type')} | {t('Role')} | {t('Stage')} | {t('Budget')} "
            f"| {t('Owner')} |",
            "|---|---|---|---|---|---|",
        ]
        out += [
            f"| {cell(c.platform)} | {t(channels.KINDS[c.kind])} | {t(channels.ROLES[c.role])} "
            f"| {t(channels.STAGES[c.stage])} | {c.budget_share:g}% | {cell(c.owner) or '—'} |"
            for c in plan
        ]
        out += [
            "",
            f"| {t('Channel')} | {t('Goal')} | {t('KPI')} | {t('Fit: sell / buy / ours')} |",
            "|---|---|---|---|",
        ]
        out += [
            f"| {cell(c.platform)} | {cell(c.goal) or '—'} | {_kpi(c)} | {_fit(c)} |"
            for c in plan
        ]
    else:
        out.append(f"- {t('(no channels on the canvas)')}")
    out += [""]
    warnings = canvas_plan.warnings(plan)
    if warnings:
        out += [f"## {t('Warnings')}", ""] + [f"- {escape(w)}" for w in warnings] + [""]
    if found:
        out += [
            f"## {t('Against today')}",
            "",
            f"| {t('Proposal')} | {t('Item')} | {t('Decision')} |",
            "|---|---|---|",
        ]
        out += [
            f"| {t(p.outcome.capitalize())} | {cell(p.text)} | {t(STATUS[p.status])} |"
            for p in found
        ]
        out += [""]
    return out
