"""The phases a workshop moves through, and what each one allows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Phase:
    key: str
    name: str
    hint: str


PHASES: tuple[Phase, ...] = (
    Phase("write", "Write", "Write your cards privately. Nobody else sees them until the reveal."),
    Phase("reveal", "Reveal", "All cards are visible. Read them; late ideas can still be added."),
    Phase("group", "Group", "The facilitator merges duplicate cards into titled groups."),
    Phase("vote", "Vote", "Spend your dots on the cards and groups that matter most."),
    Phase("discuss", "Discuss", "Talk through the top-voted items; agree on actions with owners."),
    Phase("closed", "Closed", "The workshop is closed. Read the summary."),
)
BY_KEY = {phase.key: phase for phase in PHASES}

WRITING = frozenset({"write", "reveal"})
GROUPING = frozenset({"reveal", "group"})
VOTING = frozenset({"vote"})
DECIDING = frozenset({"discuss"})
SCORES_SHOWN = frozenset({"discuss", "closed"})
# Phases in which a participant's own card, or anyone's dot, is seen only by its author
# and the facilitator (dots are hidden until the discussion).
OWN_CARDS_PRIVATE = frozenset({"write"})
DOTS_PRIVATE = frozenset({"vote"})
EVERY = frozenset(p.key for p in PHASES)


def sequence(dots: int) -> list[str]:
    """The phases in order; a workshop without dots skips voting."""
    return [p.key for p in PHASES if p.key != "vote" or dots > 0]


def next_phase(current: str, dots: int) -> str | None:
    order = sequence(dots)
    index = order.index(current) if current in order else order.index("discuss")
    return order[index + 1] if index + 1 < len(order) else None


def previous_phase(current: str, dots: int) -> str | None:
    order = sequence(dots)
    index = order.index(current) if current in order else order.index("group") + 1
    return order[index - 1] if index > 0 else None


def cards_public(phase: str) -> bool:
    """Whether everyone sees everyone's cards (after the reveal)."""
    return phase != "write"
