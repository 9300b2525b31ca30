"""EasyRetro (FunRetro): its CSV has one column per board column, the column's title in
the first row and its cards under it, every line ending with a comma
(js/services/csvService.js and importExportService.js ``generateCsv`` in the open-source
FunRetro). Votes are not in it."""

from __future__ import annotations

from workshop.importers.board import ImportedBoard, ImportedCard
from workshop.importers.table import Table

NAME = "EasyRetro (FunRetro)"


def recognise_table(table: Table) -> bool:
    return table.trailing_separator


def from_table(table: Table, name: str = NAME) -> ImportedBoard:
    cards = [
        ImportedCard(text=cell, column=header, row=number)
        for at, header in enumerate(table.headers)
        for number, row in zip(table.numbers, table.rows, strict=True)
        if (cell := row[at]).strip()
    ]
    return ImportedBoard(name, list(table.headers), cards)
