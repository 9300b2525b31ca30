"""Dataclasses for the domain rows."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Self

from workshop.codes import format_code
from workshop.phases import Phase


class _Row:
    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Self:
        names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        return cls(**{k: v for k, v in row.items() if k in names})


@dataclass(frozen=True)
class Team(_Row):
    id: int
    name: str


@dataclass(frozen=True)
class Workshop(_Row):
    id: int
    team_id: int
    quarter: str
    exercise: str
    title: str
    held_on: str | None
    code: str
    anonymous: bool
    dots: int
    max_dots_per_card: int
    phase: Phase
    timer_ends_at: float | None
    revision: int
    created_at: str
    team_name: str = ""
    campaign_id: int | None = None
    public_revision: int = 0
    language: str = "en"  # what its exports and the room's texts are written in

    def __post_init__(self) -> None:
        object.__setattr__(self, "phase", Phase(self.phase))  # a stored typo fails here

    @property
    def display_code(self) -> str:
        return format_code(self.code)


@dataclass(frozen=True)
class Participant(_Row):
    id: int
    workshop_id: int
    name: str
    token: str


@dataclass(frozen=True)
class Card(_Row):
    id: int
    workshop_id: int
    participant_id: int | None
    column_key: str
    text: str
    group_id: int | None
    reason: str | None = None
    origin_card_id: int | None = None


@dataclass(frozen=True)
class Group(_Row):
    id: int
    workshop_id: int
    column_key: str
    title: str


@dataclass(frozen=True)
class Action(_Row):
    id: int
    workshop_id: int
    kind: str
    text: str
    owner: str
    due_on: str | None
    status: str
    card_id: int | None
    group_id: int | None
    carried_from: int | None = None
    reviewed_in: int | None = None
    drop_reason: str = ""


@dataclass(frozen=True)
class Campaign(_Row):
    id: int
    team_id: int
    name: str
    kind: str
    status: str
    channels: str
    starts_on: str | None
    ends_on: str | None
    budget_planned: float | None
    budget_spent: float | None
    goal: str
    kpi_metric: str
    kpi_unit: str
    kpi_target: float | None
    kpi_actual: float | None
    lower_is_better: bool
    hypothesis: str
    source_card_id: int | None

    @property
    def channel_list(self) -> list[str]:
        return [c for c in self.channels.split(", ") if c]


@dataclass(frozen=True)
class AuditChannel(_Row):
    """A channel or account the team runs today, as listed in a quarter's audit."""

    id: int
    team_id: int
    quarter: str
    platform: str
    account: str
    kind: str
    role: str | None
    owner: str
    backup_admin: str
    last_post_on: str | None
    audience_size: int | None
    budget_share: float | None
    purpose: str
    status: str


@dataclass(frozen=True)
class PlanChannel(_Row):
    """A channel on the scratch canvas: what the team would run if it started today."""

    id: int
    workshop_id: int
    card_id: int | None
    platform: str
    kind: str
    role: str
    stage: str
    audience: str
    fit_sell: str
    fit_sell_note: str
    fit_buy: str
    fit_buy_note: str
    fit_ours: str
    fit_ours_note: str
    goal: str
    kpi_metric: str
    kpi_baseline: float | None
    kpi_target: float | None
    kpi_due_on: str | None
    kpi_level: str | None
    budget_share: float
    effort: str | None
    owner: str
    hypothesis: str


@dataclass(frozen=True)
class Proposal(_Row):
    """A Stop / Start / Continue / Change item from holding the canvas against today."""

    id: int
    workshop_id: int
    outcome: str
    platform: str
    reason: str
    text: str
    status: str
    card_id: int | None
