"""The phases a workshop moves through, in order, and what each one shows."""

from __future__ import annotations

from enum import StrEnum

from workshop.i18n import N_


class Phase(StrEnum):
    """A workshop's phase; the value is what the database stores."""

    WRITE = "write"
    REVEAL = "reveal"
    GROUP = "group"
    VOTE = "vote"
    DISCUSS = "discuss"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        """The phase's name on screen (English source; pass it through ``t``)."""
        return _TEXTS[self][0]

    @property
    def hint(self) -> str:
        """What people do in this phase (English source; pass it through ``t``)."""
        return _TEXTS[self][1]


_TEXTS: dict[Phase, tuple[str, str]] = {
    Phase.WRITE: (
        N_("Write"), N_("Write your cards privately. Nobody else sees them until the reveal.")
    ),
    Phase.REVEAL: (
        N_("Reveal"), N_("All cards are visible. Read them; late ideas can still be added.")
    ),
    Phase.GROUP: (N_("Group"), N_("The facilitator merges duplicate cards into titled groups.")),
    Phase.VOTE: (N_("Vote"), N_("Spend your dots on the cards and groups that matter most.")),
    Phase.DISCUSS: (
        N_("Discuss"), N_("Talk through the top-voted items; agree on actions with owners.")
    ),
    Phase.CLOSED: (N_("Closed"), N_("The workshop is closed. Read the summary.")),
}

EVERY = frozenset(Phase)
OPEN = EVERY - {Phase.CLOSED}
# Everyone sees everyone's cards from the reveal on; dots and their counts from the
# discussion on, with what the room decided.
CARDS_SHOWN = EVERY - {Phase.WRITE}
RESULTS_SHOWN = frozenset({Phase.DISCUSS, Phase.CLOSED})  # dot counts, decisions, actions
# Phases in which a participant's own card, or anyone's dot, is seen only by its author
# and the facilitator: such a change need not rerun other participants' pages.
OWN_CARDS_PRIVATE = frozenset({Phase.WRITE})
DOTS_PRIVATE = frozenset({Phase.VOTE})


def sequence(dots: int) -> list[Phase]:
    """The phases in order; a workshop without dots skips voting."""
    return [p for p in Phase if p is not Phase.VOTE or dots > 0]


def next_phase(current: Phase, dots: int) -> Phase | None:
    order = sequence(dots)
    # Voting turned off while in Vote: carry on from where Vote would have led.
    index = order.index(current) if current in order else order.index(Phase.DISCUSS) - 1
    return order[index + 1] if index + 1 < len(order) else None


def previous_phase(current: Phase, dots: int) -> Phase | None:
    order = sequence(dots)
    index = order.index(current) if current in order else order.index(Phase.DISCUSS)
    return order[index - 1] if index > 0 else None
