"""Hold the scratch canvas against today's channels and propose the difference.

The rules, from the domain:
- on the canvas only: Start, as a test with a hypothesis first;
- in today's list only: Stop candidate;
- on both, same role and budget: Continue;
- on both, another role, type or budget: Change.
Channels match on their platform (case, punctuation, aliases and renames ignored).
Two accounts on one platform: the active one with the newest post is compared, the
others are Stop candidates as duplicates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from workshop import channels, formats
from workshop.audit import quiet_days
from workshop.i18n import t, tn
from workshop.models import AuditChannel, PlanChannel

BUDGET_TOLERANCE = 0.5  # percentage points that count as "the same budget"


@dataclass(frozen=True)
class Suggestion:
    outcome: str  # stop, start, continue or change
    platform: str
    reason: str

    @property
    def text(self) -> str:
        return f"{self.platform}: {self.reason}"


def compare(
    plan: list[PlanChannel], today: list[AuditChannel], on: dt.date | None = None
) -> list[Suggestion]:
    on = on or dt.date.today()
    running: dict[str, list[AuditChannel]] = {}
    for line in today:
        running.setdefault(channels.platform_key(line.platform), []).append(line)
    found: list[Suggestion] = []
    planned = set()
    for channel in plan:
        key = channels.platform_key(channel.platform)
        planned.add(key)
        accounts = running.get(key, [])
        if not accounts:
            found.append(_start(channel))
            continue
        main, *others = sorted(accounts, key=lambda a: _rank(a, on))
        found.append(_keep(channel, main))
        found += [_duplicate(other, main, on) for other in others]
    for key, accounts in running.items():
        if key not in planned:
            found += [_stop(account, on) for account in accounts]
    order = {"stop": 0, "start": 1, "continue": 2, "change": 3}
    return sorted(found, key=lambda s: (order[s.outcome], s.platform.casefold()))


def _rank(account: AuditChannel, on: dt.date) -> tuple:
    """Active accounts first, then the one posting most recently."""
    quiet = quiet_days(account, on)
    return (account.status != "active", quiet if quiet is not None else 10**6, account.id)


def _start(channel: PlanChannel) -> Suggestion:
    if channel.hypothesis:
        reason = t("not run today; start as a test: {hypothesis}", hypothesis=channel.hypothesis)
    else:
        reason = t("not run today; start as a test, with a hypothesis before any budget moves")
    return Suggestion("start", channel.platform, reason)


def _keep(channel: PlanChannel, account: AuditChannel) -> Suggestion:
    changes = []
    if account.kind != channel.kind:
        changes.append(
            t(
                "type {old} to {new}",
                old=t(channels.KINDS[account.kind]).lower(),
                new=t(channels.KINDS[channel.kind]).lower(),
            )
        )
    if account.budget_share is not None and (
        abs(account.budget_share - channel.budget_share) > BUDGET_TOLERANCE
    ):
        changes.append(
            t(
                "budget {old}% to {new}%",
                old=formats.number(account.budget_share),
                new=formats.number(channel.budget_share),
            )
        )
    if account.role and account.role != channel.role:
        changes.append(
            t(
                "role {old} to {new}",
                old=t(channels.ROLES[account.role]).lower(),
                new=t(channels.ROLES[channel.role]).lower(),
            )
        )
    if changes:
        return Suggestion("change", channel.platform, ", ".join(changes))
    return Suggestion("continue", channel.platform, t("same role and budget"))


def _facts(account: AuditChannel, on: dt.date) -> list[str]:
    facts = []
    if not account.owner or account.status == "owner_unknown":
        facts.append(t("owner unknown"))
    if account.status == "abandoned":
        facts.append(t("abandoned"))
    quiet = quiet_days(account, on)
    if quiet is not None and quiet >= 0:  # a list filled in later may know later posts
        facts.append(tn("last post {n} day ago", "last post {n} days ago", quiet))
    return facts


def _named(account: AuditChannel) -> str:
    return f"{account.platform} ({account.account})" if account.account else account.platform


def _duplicate(account: AuditChannel, kept: AuditChannel, on: dt.date) -> Suggestion:
    reason = t(
        "a second account on {platform}; keep {kept}",
        platform=account.platform,
        kept=kept.account or kept.platform,
    )
    return Suggestion("stop", _named(account), "; ".join([reason, *_facts(account, on)]))


def _stop(account: AuditChannel, on: dt.date) -> Suggestion:
    reason = t("not on the scratch canvas")
    return Suggestion("stop", _named(account), "; ".join([reason, *_facts(account, on)]))
