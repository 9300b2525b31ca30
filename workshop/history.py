"""A team's quarters side by side: the timeline, counts per column, top items, what is
new and what disappeared, channels and campaign results over time.

Each function returns plain rows (lists of dicts), so a page can chart them and show
the same numbers as a table. Nothing of a workshop still in Write is counted: its cards
and their reasons are private until the reveal, and even their number would tell the
team who has been writing.
"""

from __future__ import annotations

from collections import defaultdict

from sqlite_utils import Database

from workshop import channels, exercises, kpi, themes
from workshop.campaigns import list_campaigns
from workshop.db import rows
from workshop.i18n import t
from workshop.phases import Phase


def quarters(db: Database, team_id: int) -> list[str]:
    """Every quarter the team has a workshop or an audit in, oldest first."""
    found = rows(
        db,
        """SELECT quarter FROM workshops WHERE team_id = :team
           UNION SELECT quarter FROM audit_channels WHERE team_id = :team ORDER BY quarter""",
        {"team": team_id},
    )
    return [r["quarter"] for r in found]


def timeline(
    db: Database, team_id: int, first: str = "0000", last: str = "9999", exercise: str | None = None
) -> list[dict]:
    """Every workshop of the team, quarter by quarter, with its cards and actions."""
    return rows(
        db,
        """SELECT w.id, w.quarter, w.title, w.exercise, w.phase, w.code,
                  CASE WHEN w.phase = 'write' THEN NULL
                       ELSE (SELECT COUNT(*) FROM cards c WHERE c.workshop_id = w.id)
                  END AS cards,
                  (SELECT COUNT(*) FROM actions a WHERE a.workshop_id = w.id
                       AND a.kind = 'action') AS actions,
                  (SELECT COUNT(*) FROM actions a WHERE a.workshop_id = w.id
                       AND a.kind = 'action' AND a.status = 'done') AS done
           FROM workshops w WHERE w.team_id = ? AND w.quarter BETWEEN ? AND ?
             AND (? IS NULL OR w.exercise = ?)
           ORDER BY w.quarter DESC, w.id DESC""",
        [team_id, first, last, exercise, exercise],
    )


def facts(row: dict) -> str:
    """What a ``timeline`` row was: exercise, phase, cards and actions (no cards while
    they are still private)."""
    made = (
        t("{actions} actions ({done} done)", actions=row["actions"], done=row["done"])
        if row["cards"] is None
        else t(
            "{cards} cards, {actions} actions ({done} done)",
            cards=row["cards"],
            actions=row["actions"],
            done=row["done"],
        )
    )
    kind = t(exercises.get(row["exercise"]).name)
    return f"{kind} · {t(Phase(row['phase']).label)} · {made}"


def column_counts(db: Database, team_id: int, picked: list[str], exercise: str) -> list[dict]:
    """Cards per column per quarter (zero where a quarter had none)."""
    marks = ", ".join("?" for _ in picked)
    found = rows(
        db,
        f"""SELECT w.quarter, c.column_key, COUNT(*) AS cards FROM cards c
            JOIN workshops w ON w.id = c.workshop_id
            WHERE w.team_id = ? AND w.exercise = ? AND w.quarter IN ({marks})
              AND w.phase != 'write'
            GROUP BY w.quarter, c.column_key""",
        [team_id, exercise, *picked],
    )
    counted = {(r["quarter"], r["column_key"]): r["cards"] for r in found}
    return [
        {"quarter": q, "column": t(col.title), "cards": counted.get((q, col.key), 0)}
        for q in picked
        for col in exercises.get(exercise).columns
    ]


def top_items(cards: list[themes.ThemeCard], per_column: int = 5) -> dict[tuple[str, str], list]:
    """The most-voted cards of each (quarter, column)."""
    grouped: dict[tuple[str, str], list[themes.ThemeCard]] = defaultdict(list)
    for card in cards:
        grouped[(card.quarter, card.column_key)].append(card)
    return {
        key: sorted(group, key=lambda c: (-c.votes, c.id))[:per_column]
        for key, group in grouped.items()
    }


def new_and_gone(
    cards: list[themes.ThemeCard], linked: list[themes.Theme], earlier: str, later: str
) -> tuple[list[themes.ThemeCard], list[themes.ThemeCard]]:
    """Cards of ``later`` matching nothing in ``earlier``, and the other way round."""
    in_theme: dict[int, set[str]] = {}
    for theme in linked:
        spanned = set(theme.quarters)
        for card in theme.cards:
            in_theme[card.id] = spanned
    new = [c for c in cards if c.quarter == later and earlier not in in_theme.get(c.id, ())]
    gone = [c for c in cards if c.quarter == earlier and later not in in_theme.get(c.id, ())]
    return new, gone


def channel_mix(db: Database, team_id: int, first: str, last: str) -> list[dict]:
    """Budget share per channel per quarter, from the audits (today) and the canvases."""
    found = rows(
        db,
        """SELECT quarter, platform, COALESCE(budget_share, 0) AS share, 'today' AS source
               FROM audit_channels WHERE team_id = :team AND quarter BETWEEN :a AND :b
           UNION ALL
           SELECT w.quarter, c.platform, c.budget_share, 'canvas' FROM canvas_channels c
               JOIN workshops w ON w.id = c.workshop_id
               WHERE w.team_id = :team AND w.quarter BETWEEN :a AND :b""",
        {"team": team_id, "a": first, "b": last},
    )
    names: dict[str, str] = {}
    for r in found:  # one name per platform across quarters ("Twitter" then "X")
        names.setdefault(channels.platform_key(r["platform"]), r["platform"])
        r["channel"] = names[channels.platform_key(r["platform"])]
        r["source"] = t("Today") if r["source"] == "today" else t("Canvas")
    return [{k: r[k] for k in ("quarter", "source", "channel", "share")} for r in found]


def channel_changes(db: Database, team_id: int, first: str, last: str) -> list[dict]:
    """Channels started and stopped from one audited quarter to the next."""
    per_quarter: dict[str, dict[str, str]] = defaultdict(dict)
    for r in rows(
        db,
        """SELECT quarter, platform FROM audit_channels
           WHERE team_id = ? AND quarter BETWEEN ? AND ? AND status != 'abandoned'""",
        [team_id, first, last],
    ):
        per_quarter[r["quarter"]][channels.platform_key(r["platform"])] = r["platform"]
    found = []
    ordered = sorted(per_quarter)
    for before, after in zip(ordered, ordered[1:], strict=False):
        was, now = per_quarter[before], per_quarter[after]
        found += [
            {"quarter": after, "change": t("started"), "channel": now[k]}
            for k in sorted(now.keys() - was.keys())
        ]
        found += [
            {"quarter": after, "change": t("stopped"), "channel": was[k]}
            for k in sorted(was.keys() - now.keys())
        ]
    return found


def campaign_results(db: Database, team_id: int, first: str, last: str) -> list[dict]:
    """KPI reached per campaign or test, by the quarter it started."""
    found = []
    for c in list_campaigns(db, team_id):
        if not c.starts_on:
            continue
        quarter = f"{c.starts_on[:4]}-Q{(int(c.starts_on[5:7]) - 1) // 3 + 1}"
        if first <= quarter <= last:
            result = kpi.outcome(c)
            found.append(
                {
                    "quarter": quarter,
                    "campaign": c.name,
                    "reached": None if result.reached_pct is None else round(result.reached_pct),
                    "verdict": t(kpi.VERDICTS[result.verdict]),
                }
            )
    return sorted(found, key=lambda r: (r["quarter"], r["campaign"]))


def miss_reasons(db: Database, team_id: int, first: str, last: str) -> list[dict]:
    """How often each Miss reason was given, per quarter."""
    found = rows(
        db,
        """SELECT w.quarter, c.reason, COUNT(*) AS cards FROM cards c
           JOIN workshops w ON w.id = c.workshop_id
           WHERE w.team_id = ? AND w.quarter BETWEEN ? AND ? AND c.reason IS NOT NULL
             AND w.phase != 'write'
           GROUP BY w.quarter, c.reason ORDER BY w.quarter""",
        [team_id, first, last],
    )
    labels = dict(exercises.MISS_REASONS)
    return [
        {"quarter": r["quarter"], "reason": t(labels[r["reason"]]), "cards": r["cards"]}
        for r in found
    ]


def fingerprint(db: Database, team_id: int) -> str:
    """Changes whenever anything a comparison reads changes: every write bumps a
    workshop's revision, and confirmed or unlinked matches are listed."""
    row = rows(
        db,
        """SELECT (SELECT COUNT(*) || ':' || COALESCE(SUM(revision), 0) FROM workshops
                   WHERE team_id = :team) AS workshops,
                  (SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) FROM campaigns
                   WHERE team_id = :team) AS campaigns,
                  (SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) FROM audit_channels
                   WHERE team_id = :team) AS audits,
                  (SELECT group_concat(id || status) FROM theme_links) AS links""",
        {"team": team_id},
    )[0]
    return "|".join(str(v) for v in row.values())
