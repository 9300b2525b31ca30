"""Dataclasses for the domain rows."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Self

from workshop.codes import format_code


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
    phase: str
    timer_ends_at: float | None
    revision: int
    created_at: str
    team_name: str = ""

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
