"""The exercises as data: their columns, guiding questions and help texts.

One board engine runs every exercise; adding an exercise means adding an entry here.
Texts are English source strings, translated where they are shown.
"""

from __future__ import annotations

from dataclasses import dataclass


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

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)


SSCC = Exercise(
    key="sscc",
    name="Stop / Start / Continue / Change",
    purpose=(
        "Recalibrate the channel strategy: what to drop, what to try, what to keep "
        "and what to adjust."
    ),
    columns=(
        Column(
            "stop",
            "Stop",
            "What is not working in our strategy and we should stop doing?",
            "Channels, formats or habits that cost more than they return.",
            "#c0392b",
        ),
        Column(
            "start",
            "Start",
            "What should we start doing instead?",
            "New channels, formats or tests; ideas from vendor and platform demos belong here.",
            "#1e8449",
        ),
        Column(
            "continue",
            "Continue",
            "What works well and we should keep doing?",
            "What the numbers back up; say which number.",
            "#1f5fbf",
        ),
        Column(
            "change",
            "Change",
            "What works, but needs changes to work better?",
            "Right channel, wrong role, audience, budget or execution.",
            "#b9770e",
        ),
    ),
)

EXERCISES: dict[str, Exercise] = {exercise.key: exercise for exercise in (SSCC,)}


def get(key: str) -> Exercise:
    return EXERCISES[key]
