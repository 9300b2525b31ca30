"""Who is looking at a workshop, and what each role may do in each phase.

:data:`RULES` is the one table of what may be done when. The package checks it inside
the write transaction that depends on it (see :mod:`workshop.access`); pages read it
to decide which controls to draw, and the live hub reads the role to decide what a
stream is told.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from workshop.errors import NotAllowed
from workshop.i18n import t
from workshop.models import Participant
from workshop.phases import OPEN, Phase


class Role(StrEnum):
    FACILITATOR = "facilitator"
    PARTICIPANT = "participant"
    VISITOR = "visitor"  # holds the workshop's code or link, has not joined


class Do(StrEnum):
    """Something a role does to a workshop."""

    JOIN = "join"
    WRITE_CARD = "write card"
    EDIT_OWN_CARD = "edit own card"
    VOTE = "vote"
    MOVE_PHASE = "move phase"
    RUN_TIMER = "run timer"
    CHANGE_SETTINGS = "change settings"
    IMPORT_CARDS = "import cards"
    REMOVE_CARD = "remove card"
    TAG_REASON = "tag reason"
    GROUP = "group"
    DECIDE = "decide"
    SET_ACTION_STATUS = "set action status"
    EDIT_ACTION = "edit action"
    REVIEW_ACTIONS = "review actions"
    PLAN_CANVAS = "plan canvas"
    COMPARE_CHANNELS = "compare channels"
    DECIDE_PROPOSAL = "decide proposal"
    TAKE_FORWARD = "take forward"
    DELETE = "delete"


@dataclass(frozen=True)
class Rule:
    role: Role
    phases: frozenset[Phase]
    refusal: str  # English source of the message when the phase does not allow it


_CLOSED = "The workshop is closed; it can only be read."
_DISCUSS = frozenset({Phase.DISCUSS})
_WRITING = frozenset({Phase.WRITE, Phase.REVEAL})
_ANY = frozenset(Phase)
F, P, V = Role.FACILITATOR, Role.PARTICIPANT, Role.VISITOR

RULES: dict[Do, Rule] = {
    Do.JOIN: Rule(V, OPEN, "This workshop is closed; it can only be read."),
    Do.WRITE_CARD: Rule(
        P, _WRITING, "Cards can be written only in the Write and Reveal phases."
    ),
    Do.EDIT_OWN_CARD: Rule(
        P, _WRITING, "Cards can be written only in the Write and Reveal phases."
    ),
    Do.VOTE: Rule(P, frozenset({Phase.VOTE}), "Voting is open only in the Vote phase."),
    Do.MOVE_PHASE: Rule(F, _ANY, _CLOSED),
    Do.RUN_TIMER: Rule(F, OPEN, _CLOSED),
    Do.CHANGE_SETTINGS: Rule(
        F, OPEN, "The workshop is closed; its settings can no longer change."
    ),
    Do.IMPORT_CARDS: Rule(F, OPEN, _CLOSED),
    Do.REMOVE_CARD: Rule(F, OPEN, _CLOSED),
    Do.TAG_REASON: Rule(F, OPEN, _CLOSED),
    Do.GROUP: Rule(
        F,
        frozenset({Phase.REVEAL, Phase.GROUP}),
        "Cards can be grouped only in the Reveal and Group phases.",
    ),
    Do.DECIDE: Rule(F, _DISCUSS, "Decisions and actions are recorded in the Discuss phase."),
    Do.SET_ACTION_STATUS: Rule(F, OPEN, _CLOSED),
    Do.EDIT_ACTION: Rule(F, OPEN, _CLOSED),
    Do.REVIEW_ACTIONS: Rule(F, OPEN, _CLOSED),
    Do.PLAN_CANVAS: Rule(F, _DISCUSS, "Channels go on the canvas in the Discuss phase."),
    Do.COMPARE_CHANNELS: Rule(F, _DISCUSS, "Channels are compared in the Discuss phase."),
    Do.DECIDE_PROPOSAL: Rule(F, OPEN, _CLOSED),
    Do.TAKE_FORWARD: Rule(
        F, _DISCUSS, "Learnings are taken forward in the Discuss phase."
    ),
    Do.DELETE: Rule(F, _ANY, _CLOSED),
}


def may(role: Role, do: Do, phase: Phase) -> bool:
    """Whether ``role`` may ``do`` it in ``phase``. The facilitator may do what a
    visitor may; a participant has joined already."""
    rule = RULES[do]
    holder = role is rule.role or (role is F and rule.role is V)
    return holder and phase in rule.phases


def require(role: Role, do: Do, phase: Phase) -> None:
    """Raise NotAllowed, in words for people, unless ``role`` may ``do`` it now."""
    rule = RULES[do]
    if rule.role is F and role is not F:
        raise NotAllowed(t("Only the facilitator can do that."))
    if not may(role, do, phase):
        raise NotAllowed(t(rule.refusal))


@dataclass(frozen=True)
class Viewer:
    """The one value a page holds for who is looking at a workshop."""

    role: Role
    participant: Participant | None = None
    secret: str | None = None  # the facilitator's key, checked again by every write

    @classmethod
    def facilitator(cls, secret: str) -> Viewer:
        return cls(Role.FACILITATOR, secret=secret)

    @classmethod
    def joined(cls, participant: Participant) -> Viewer:
        return cls(Role.PARTICIPANT, participant=participant)

    @classmethod
    def visitor(cls) -> Viewer:
        return cls(Role.VISITOR)

    @property
    def is_facilitator(self) -> bool:
        return self.role is Role.FACILITATOR

    @property
    def participant_id(self) -> int | None:
        return self.participant.id if self.participant else None

    def may(self, do: Do, phase: Phase) -> bool:
        return may(self.role, do, phase)
