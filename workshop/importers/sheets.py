"""Sticky notes typed into a spreadsheet: a column per board column, titled like it
(Stop, Start, …), a note per cell. Excel saves it with semicolons in many countries."""

from __future__ import annotations

from workshop.exercises import EXERCISES
from workshop.importers import easyretro
from workshop.importers.board import ImportedBoard
from workshop.importers.columns import ACTIONS, column_for
from workshop.importers.table import Table

NAME = "Spreadsheet of sticky notes"


def recognise_table(table: Table) -> bool:
    if len(table.headers) < 2:
        return False
    return any(
        all(column_for(h, exercise) not in (None, ACTIONS) for h in table.headers)
        for exercise in EXERCISES.values()
    )


def from_table(table: Table) -> ImportedBoard:
    return easyretro.from_table(table, NAME)
