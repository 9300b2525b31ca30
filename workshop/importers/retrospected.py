"""Retrospected: the session summary's "Copy as Markdown" (frontend/src/views/game/
summary/useMarkdown.ts). Each column is a ``####`` heading; a post is
``* (+likes/-dislikes) text``; a group is a post in bold with its posts indented under
it; ``* **Action**: *text*`` follows the post it belongs to; a post's line breaks become
a Markdown hard break and an indented line."""

from __future__ import annotations

import re

from workshop.importers.board import ImportedAction, ImportedBoard, ImportedCard
from workshop.importers.dates import in_words

NAME = "Retrospected"
MARK = "# Retrospected Session"
_ITEM = re.compile(r"^(\s*)\* \(\+(\d+)/-(\d+)\) (.*)$")
_ACTION = re.compile(r"^\s*\* \*\*Action\*\*: \*(.*)\*\s*$")


def recognise_text(text: str) -> bool:
    return any(line.strip() == MARK for line in text.splitlines()[:5])


def from_text(text: str) -> ImportedBoard:
    lines = text.splitlines()
    title, held_on, section, column = "", None, "", ""
    columns: list[str] = []
    posts: list[dict] = []  # in order; a group holds the posts indented under it
    actions: list[ImportedAction] = []
    for number, line in enumerate(lines, start=1):
        if line.startswith("## ") and not title:
            title = line[3:].strip()
        elif line.startswith("**Date**:"):
            held_on = in_words(line)
        elif line.startswith("### "):
            section = line[4:].strip()
        elif line.startswith("#### "):
            column = line[5:].strip()
            columns.append(column)
        elif section == "Actions" and line.startswith("- "):
            actions.append(ImportedAction(line[2:].strip()))
        elif column and (found := _ITEM.match(line)):
            indent, likes, _dislikes, content = found.groups()
            posts.append(
                {"depth": len(indent), "likes": int(likes), "lines": [content.rstrip()],
                 "column": column, "row": number}
            )
        elif column and posts and line.strip() and not _ACTION.match(line):
            posts[-1]["lines"].append(line.strip())  # the post's next line
    return ImportedBoard(NAME, columns, _cards(posts), actions, title=title, held_on=held_on)


def _cards(posts: list[dict]) -> list[ImportedCard]:
    cards: list[ImportedCard] = []
    group: str | None = None
    for at, post in enumerate(posts):
        text = "\n".join(post["lines"])
        nested = at + 1 < len(posts) and posts[at + 1]["depth"] > post["depth"]
        if post["depth"] == 0 and nested and text.startswith("**") and text.endswith("**"):
            group = text[2:-2]
            continue
        if post["depth"] == 0:
            group = None
        cards.append(
            ImportedCard(text, post["column"], post["row"], votes=post["likes"], group=group)
        )
    return cards
