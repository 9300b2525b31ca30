"""The formats a workshop leaves the app in, each by one short name."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from workshop import csv_export, documents, filenames, json_export, summary
from workshop.exercises import EXERCISES
from workshop.i18n import t
from workshop.models import Workshop


@dataclass(frozen=True)
class Format:
    key: str
    label: str
    mime: str
    help: str


FORMATS = {
    f.key: f
    for f in (
        Format(
            "md",
            "Markdown",
            "text/markdown",
            "Pastes cleanly into Confluence, Notion, Slack or GitHub.",
        ),
        Format(
            "pdf",
            "PDF",
            "application/pdf",
            "One or two pages to print or forward, with the charts.",
        ),
        Format(
            "html", "HTML", "text/html", "A page to open in any browser and print, with the charts."
        ),
        Format("csv", "CSV", "text/csv", "One row per card, vote and action; opens in Excel."),
        Format(
            "json",
            "JSON",
            "application/json",
            "Everything of the workshop, for other tools; no secrets.",
        ),
    )
}


def _document(db: Database, workshop_id: int, fmt: str) -> bytes:
    board = summary.load(db, workshop_id)
    extra = summary.extras(db, board)
    text = summary.to_markdown(board, extra)
    if fmt == "md":
        return text.encode("utf-8")
    drawn = summary.charts_of(db, board, extra)
    if fmt == "html":
        return documents.to_html(text, board.workshop.title, drawn).encode("utf-8")
    return documents.to_pdf(text, board.workshop.title, drawn)


def export(db: Database, workshop_id: int, fmt: str) -> bytes:
    """The workshop in ``fmt`` (a key of ``FORMATS``) as the bytes of a file."""
    if fmt == "csv":
        return csv_export.to_csv(db, workshop_id)
    if fmt == "json":
        return json_export.to_json(db, workshop_id)
    return _document(db, workshop_id, fmt)


def file_name(workshop: Workshop, fmt: str) -> str:
    """Says what is inside: "2026-Q4 Brand & Social – Stop Start Continue Change.pdf", and
    the title when it is not the default one, so two workshops of a quarter differ."""
    exercise = EXERCISES[workshop.exercise]
    name = " ".join(t(exercise.name).replace("/", " ").split())
    stem = t("{quarter} {team} – {exercise}", quarter=workshop.quarter,
             team=workshop.team_name, exercise=name)
    if workshop.title != exercise.title_for(workshop.quarter):
        stem = t("{name} – {title}", name=stem, title=workshop.title)
    return filenames.safe(stem, fmt)
