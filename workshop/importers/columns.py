"""Which of the exercise's columns a tool's column goes to, guessed from its name.

A name matches a column by its key or title, then by words retrospective tools use for
it ("Went well" is a hit). Columns left over go, in order, to the exercise's columns
left over; the preview shows every guess, and the facilitator can change it.
"""

from __future__ import annotations

import re

from workshop.exercises import EXERCISES, Exercise
from workshop.i18n import t

ACTIONS = "actions"  # not a board column: its cards become action items
SKIP = "skip"

_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "sscc": {
        "stop": ("stop", "stopp", "less", "drop"),
        "start": ("start", "begin", "more", "try"),
        "continue": ("continue", "keep", "fortsett", "fortsæt", "fortsätt"),
        "change": ("change", "adjust", "improve", "endre", "ændre", "ändra"),
    },
    "hml": {
        "hits": ("hit", "hits", "went well", "well", "happy", "positive", "liked", "good"),
        "misses": (
            "miss", "misses", "improve", "improved", "went wrong", "wrong", "sad",
            "negative", "bad", "lacked",
        ),
        "learned": ("learned", "learnt", "learn", "idea", "ideas", "meh", "confused", "puzzle"),
    },
    "canvas": {
        "paid": ("paid",), "earned": ("earned",), "shared": ("shared",), "owned": ("owned",),
    },
}
_ACTION_NAMES = ("action", "actions", "action item", "action items", "todo", "to do", "tasks")


def _norm(name: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", name.casefold()).split())


def column_for(name: str, exercise: Exercise) -> str | None:
    """The exercise's column (or ``ACTIONS``) that ``name`` names, by key, title or word."""
    wanted = _norm(name)
    if not wanted:
        return None
    for column in exercise.columns:
        if wanted in (column.key, _norm(t(column.title)), _norm(column.title)):
            return column.key
    if wanted in _ACTION_NAMES:
        return ACTIONS
    words = _WORDS.get(exercise.key, {})
    hits = {
        key
        for key, names in words.items()
        for word in names
        if re.search(rf"\b{re.escape(word)}\b", wanted)
    }
    return hits.pop() if len(hits) == 1 else None


def guess(names: list[str], exercise: Exercise) -> dict[str, str]:
    """A column key, ``ACTIONS`` or ``SKIP`` for each of the file's column names."""
    found = {name: column_for(name, exercise) for name in names}
    free = [c.key for c in exercise.columns if c.key not in found.values()]
    for name in names:  # by position: the tool's next column goes to our next free one
        if found[name] is None:
            found[name] = free.pop(0) if free else SKIP
    return {name: key or SKIP for name, key in found.items()}


def exercise_for(names: list[str]) -> Exercise:
    """The exercise whose columns the names match best (Stop / Start / … on a tie)."""
    def score(exercise: Exercise) -> tuple[int, int]:
        matched = sum(1 for n in names if column_for(n, exercise) not in (None, ACTIONS))
        return matched, -abs(len(exercise.columns) - len(names))

    return max(EXERCISES.values(), key=score)
