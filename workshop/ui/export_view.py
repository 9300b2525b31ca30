"""Download buttons: each file is made when its button is pressed, not on every rerun."""

from __future__ import annotations

from functools import partial

import streamlit as st

from workshop import exports, filenames, i18n, report
from workshop.i18n import t
from workshop.models import Team, Workshop
from workshop.ui.state import db


def download_buttons(workshop: Workshop) -> None:
    """One button per export format, the first (Markdown) the primary one."""
    cells = st.columns(len(exports.FORMATS))
    for n, (cell, (fmt, spec)) in enumerate(zip(cells, exports.FORMATS.items(), strict=True)):
        cell.download_button(
            t("Download {format}", format=spec.label),
            partial(exports.export, db(), workshop.id, fmt),
            file_name=exports.file_name(workshop, fmt),
            mime=spec.mime,
            type="primary" if n == 0 else "secondary",
            key=f"download-{fmt}",
            help=t(spec.help),
            on_click="ignore",
            width="stretch",
        )


def report_buttons(team: Team, first: str, last: str) -> None:
    """The team's report as Markdown and PDF, for people who were not in the room."""
    name = report.file_stem(team, first, last)
    # The file is made when the button is pressed, maybe outside this run: it is
    # written in the language the button was shown in.
    lang = i18n.language()

    def pdf() -> bytes:
        with i18n.using(lang):
            return report.to_pdf(report.build(db(), team, first, last))

    def markdown() -> str:
        with i18n.using(lang):
            return report.build(db(), team, first, last).markdown

    left, right, _ = st.columns([1, 1, 3])
    left.download_button(
        t("Report as PDF"),
        pdf,
        file_name=filenames.safe(name, "pdf"),
        mime="application/pdf",
        type="primary",
        key="report-pdf",
        help=t("Follow-through, recurring themes, campaign results and channel changes."),
        on_click="ignore",
        width="stretch",
    )
    right.download_button(
        t("Report as Markdown"),
        markdown,
        file_name=filenames.safe(name, "md"),
        mime="text/markdown",
        key="report-md",
        on_click="ignore",
        width="stretch",
    )
