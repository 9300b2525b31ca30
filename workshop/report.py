"""A team's report across quarters, for executives: what became of the actions, what
keeps coming back, campaign results and channel changes. Markdown first; PDF from it."""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd
from sqlite_utils import Database

from workshop import charts, documents, exercises, followthrough, history, themes
from workshop.errors import NotFound
from workshop.i18n import t, tn
from workshop.markdown import cell
from workshop.markdown import escape as md_escape
from workshop.models import Team

TOP = 3  # cards per column and quarter: what an executive reads


@dataclass(frozen=True)
class Report:
    team: Team
    first: str
    last: str
    markdown: str
    charts: dict[str, list[alt.Chart]]  # by the heading of the section they belong to

    @property
    def title(self) -> str:
        return t("{team}: {first} to {last}", team=self.team.name, first=self.first, last=self.last)


def completion_rows(db: Database, team_id: int, first: str, last: str) -> list[dict]:
    return [
        {
            "quarter": r.quarter,
            "done": r.done,
            "carried": r.carried,
            "dropped": r.dropped,
            "open": r.open,
            "rate %": None if r.rate is None else round(r.rate),
        }
        for r in followthrough.completion(db, team_id, first, last)
    ]


def _table(records: list[dict], columns: dict[str, str]) -> list[str]:
    """A Markdown table of ``records``; ``columns`` maps a key to its heading."""
    if not records:
        return []
    out = ["| " + " | ".join(columns.values()) + " |", "|" + "---|" * len(columns)]
    out += ["| " + " | ".join(cell(_shown(r[k])) for k in columns) + " |" for r in records]
    return [*out, ""]


def _shown(value: object) -> str:
    return "—" if value is None else str(value)


def _follow_through(done: list[dict]) -> list[str]:
    out = [f"## {t('Follow-through')}", ""]
    if not done:
        return [*out, t("No actions in these quarters."), ""]
    out += _table(
        done,
        {
            "quarter": t("Quarter"),
            "done": t("Done"),
            "carried": t("Carried over"),
            "dropped": t("Dropped"),
            "open": t("Open"),
            "rate %": t("Done %"),
        },
    )
    return out


def _workshops(timeline: list[dict]) -> list[str]:
    out = [f"## {t('Workshops')}", ""]
    out += [
        f"- {r['quarter']} · **{md_escape(r['title'])}** · {history.facts(r)}" for r in timeline
    ]
    return [*out, ""]


def _top_cards(cards: list[themes.ThemeCard], quarters: list[str]) -> list[str]:
    tops = history.top_items(cards, TOP)
    out = [f"## {t('What the team backed, quarter by quarter')}", ""]
    for quarter in quarters:
        lines = [
            f"- {t(exercises.SSCC.column(col.key).title)}: {md_escape(card.text)} "
            f"({tn('{n} dot', '{n} dots', card.votes)})"
            for col in exercises.SSCC.columns
            for card in tops.get((quarter, col.key), [])
            if card.votes  # what the room backed; the rest is in the workshop's summary
        ]
        if lines:
            out += [f"### {quarter}", "", *lines, ""]
    return out


def _themes(linked: list[themes.Theme], reasons: list[tuple[str, list[str]]]) -> list[str]:
    out = [f"## {t('Recurring themes')}", ""]
    if not linked:
        out += [t("No theme recurs in these quarters."), ""]
    out += [
        f"- {md_escape(theme.title)} ({', '.join(theme.quarters)})"
        + (f" · **{t('still not stopped')}**" if theme.stuck else "")
        for theme in linked
    ]
    out += [
        "- "
        + t(
            "“{reason}” keeps coming back as the reason for a miss: {quarters}.",
            reason=t(exercises.HML.tag_label(reason)),
            quarters=", ".join(quarters),
        )
        for reason, quarters in reasons
    ]
    return [*out, ""]


def build(db: Database, team: Team, first: str | None = None, last: str | None = None) -> Report:
    """The report over the team's quarters from ``first`` to ``last`` (all when omitted)."""
    known = history.quarters(db, team.id)
    if not known:
        raise NotFound(t("{team} has no workshops yet.", team=team.name))
    first, last = first or known[0], last or known[-1]
    in_range = [q for q in known if first <= q <= last]
    done = completion_rows(db, team.id, first, last)
    sscc = themes.team_cards(db, team.id, in_range, "sscc")
    linked = themes.find(sscc, themes.decisions(db, [c.id for c in sscc]))
    reasons = themes.recurring_reasons(themes.team_cards(db, team.id, in_range, "hml"))
    results = history.campaign_results(db, team.id, first, last)
    changes = history.channel_changes(db, team.id, first, last)
    timeline = history.timeline(db, team.id, first, last)
    lines = [
        f"# {t('Team report')}: {md_escape(team.name)}",
        "",
        f"**{t('Quarters')}:** {first} – {last}  ",
        f"**{t('Workshops')}:** {len(timeline)}",
        "",
        *_follow_through(done),
        *_themes(linked, reasons),
        *_top_cards(sscc, in_range),
        f"## {t('Campaign results')}",
        "",
        *(
            _table(
                results,
                {
                    "quarter": t("Quarter"),
                    "campaign": t("Campaign"),
                    "reached": t("Reached %"),
                    "verdict": t("Verdict"),
                },
            )
            or [t("No campaigns or tests in these quarters."), ""]
        ),
        f"## {t('Channel changes')}",
        "",
        *(
            _table(
                changes, {"quarter": t("Quarter"), "change": t("Change"), "channel": t("Channel")}
            )
            or [t("No audited channel started or stopped in these quarters."), ""]
        ),
        *_workshops(timeline),
    ]
    drawn = {t("Follow-through"): [charts.completion_chart(pd.DataFrame(done))] if done else []}
    reached = [r for r in results if r["reached"] is not None]
    if reached:
        drawn[t("Campaign results")] = [charts.reached_chart(pd.DataFrame(reached))]
    return Report(team, first, last, "\n".join(lines).rstrip() + "\n", drawn)


def file_stem(team: Team, first: str, last: str) -> str:
    """What a report's file is called: "Brand & Social – team report 2026-Q1 to 2026-Q4"."""
    return t("{team} – team report {first} to {last}", team=team.name, first=first, last=last)


def to_pdf(report: Report) -> bytes:
    return documents.to_pdf(report.markdown, report.title, report.charts)
