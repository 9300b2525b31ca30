"""The formats a workshop leaves the app in, each by one short name."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from workshop import csv_export, documents, filenames, i18n, json_export, summary, workshops
from workshop.exercises import EXERCISES
from workshop.i18n import N_, t
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
            N_("Pastes cleanly into Confluence, Notion, Slack or GitHub."),
        ),
        Format(
            "pdf",
            "PDF",
            "application/pdf",
            N_("One or two pages to print or forward, with the charts."),
        ),
        Format(
            "html",
            "HTML",
            "text/html",
            N_("A page to open in any browser and print, with the charts."),
        ),
        Format("csv", "CSV", "text/csv", N_("One row per card, vote and action; opens in Excel.")),
        Format(
            "excel.csv",
            "CSV (Excel)",
            "text/csv",
            N_("The same rows for Excel in the workshop's language: semicolons and decimal "
               "commas where the language writes them."),
        ),
        Format(
            "json",
            "JSON",
            "application/json",
            N_("Everything of the workshop, for other tools; no secrets."),
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
    """The workshop in ``fmt`` (a key of ``FORMATS``) as the bytes of a file, written in
    the workshop's language whoever presses the button."""
    with i18n.using(workshops.get_workshop(db, workshop_id).language):
        if fmt == "csv":
            return csv_export.to_csv(db, workshop_id)
        if fmt == "excel.csv":
            return csv_export.to_excel_csv(db, workshop_id)
        if fmt == "json":
            return json_export.to_json(db, workshop_id)
        return _document(db, workshop_id, fmt)


def file_name(workshop: Workshop, fmt: str) -> str:
    """Says what is inside: "2026-Q4 Brand & Social – Stop Start Continue Change.pdf", and
    the title when it is not the default one, so two workshops of a quarter differ."""
    with i18n.using(workshop.language):
        return _file_name(workshop, fmt)


def _file_name(workshop: Workshop, fmt: str) -> str:
    exercise = EXERCISES[workshop.exercise]
    name = " ".join(t(exercise.name).replace("/", " ").split())
    stem = t("{quarter} {team} – {exercise}", quarter=workshop.quarter,
             team=workshop.team_name, exercise=name)
    if workshop.title != exercise.title_for(workshop.quarter):
        stem = t("{name} – {title}", name=stem, title=workshop.title)
    return filenames.safe(stem, fmt)
