"""The exercises as data: their columns, guiding questions and help texts.

One board engine runs every exercise; adding an exercise means adding an entry here.
Texts are English source strings, translated where they are shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop.i18n import N_, t


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    question: str
    help: str
    colour: str


@dataclass(frozen=True)
class Exercise:
    key: str
    name: str
    purpose: str
    columns: tuple[Column, ...]
    tagged_column: str | None = None  # whose cards may carry a reason tag
    tags: tuple[tuple[str, str], ...] = ()  # (key, English label)
    forward_column: str | None = None  # whose items can be taken to later work
    needs_campaign: bool = False
    default_title: str = "{quarter} offsite"  # with {quarter}, and {campaign} if it has one
    plans_channels: bool = False  # its items become channels on a scratch canvas

    def title_for(self, quarter: str, campaign: str | None = None) -> str:
        """The title a workshop gets when none is typed: it names its campaign or quarter."""
        return t(self.default_title, quarter=quarter, campaign=campaign or quarter)

    def tag_label(self, key: str | None) -> str:
        return dict(self.tags).get(key or "", "")

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)


SSCC = Exercise(
    key="sscc",
    name=N_("Stop / Start / Continue / Change"),
    purpose=(
        N_("Recalibrate the channel strategy: what to drop, what to try, what to keep "
        "and what to adjust.")
    ),
    columns=(
        Column(
            "stop",
            N_("Stop"),
            N_("What is not working in our strategy and we should stop doing?"),
            N_("Channels, formats or habits that cost more than they return."),
            "#c0392b",
        ),
        Column(
            "start",
            N_("Start"),
            N_("What should we start doing instead?"),
            N_("New channels, formats or tests; ideas from vendor and platform demos belong here."),
            "#1e8449",
        ),
        Column(
            "continue",
            N_("Continue"),
            N_("What works well and we should keep doing?"),
            N_("What the numbers back up; say which number."),
            "#1f5fbf",
        ),
        Column(
            "change",
            N_("Change"),
            N_("What works, but needs changes to work better?"),
            N_("Right channel, wrong role, audience, budget or execution."),
            "#b9770e",
        ),
    ),
)

MISS_REASONS: tuple[tuple[str, str], ...] = (
    ("channel", N_("Wrong channel")),
    ("audience", N_("Wrong audience")),
    ("execution", N_("Execution")),
    ("budget", N_("Budget")),
    ("timing", N_("Timing")),
    ("measurement", N_("Measurement")),
    ("other", N_("Other")),
)

HML = Exercise(
    key="hml",
    name=N_("Hits / Misses / What we learned"),
    purpose=(
        N_("Look back on one campaign or test, next to the number it set out to move, so the "
        "next test starts from what is known rather than what is assumed.")
    ),
    columns=(
        Column(
            "hits",
            N_("Hits"),
            N_("What worked, and why?"),
            N_("Say which number shows it worked."),
            "#1e8449",
        ),
        Column(
            "misses",
            N_("Misses"),
            N_("What did not work, and why?"),
            N_("Wrong channel, wrong audience, execution problems: name the reason."),
            "#c0392b",
        ),
        Column(
            "learned",
            N_("What we learned"),
            N_("What do we now know that we did not know before?"),
            N_("Ideally the hypothesis for the next test: if we do X on channel Y, "
            "metric Z reaches N by date D."),
            "#1f5fbf",
        ),
    ),
    tagged_column="misses",
    tags=MISS_REASONS,
    forward_column="learned",
    needs_campaign=True,
    default_title=N_("Retrospective: {campaign}"),
)

CANVAS = Exercise(
    key="canvas",
    name=N_("Channel canvas: build it from scratch"),
    purpose=(
        N_("If we built our social and digital strategy from scratch today, what would it look "
        "like? Design the channel mix anew, then hold it against the channels we run today.")
    ),
    columns=(
        Column(
            "paid",
            N_("Paid"),
            N_("Which paid channels would we buy, starting from zero?"),
            N_("Ads, sponsored posts, paid search and shopping."),
            "#b9770e",
        ),
        Column(
            "earned",
            N_("Earned"),
            N_("Where would others talk about us?"),
            N_("Press, reviews, creators, word of mouth."),
            "#7d3c98",
        ),
        Column(
            "shared",
            N_("Shared"),
            N_("Which social platforms would we be on, and why there?"),
            N_("Say who we reach there and whether they buy through it."),
            "#1f5fbf",
        ),
        Column(
            "owned",
            N_("Owned"),
            N_("Which channels of our own would we run?"),
            N_("Website, newsletter, blog, app."),
            "#1e8449",
        ),
    ),
    plans_channels=True,
    default_title=N_("Channel canvas {quarter}"),
)

EXERCISES: dict[str, Exercise] = {exercise.key: exercise for exercise in (SSCC, HML, CANVAS)}


def get(key: str) -> Exercise:
    return EXERCISES[key]
