"""The documents people take away: any text makes every export, PDFs keep words whole and
headings with their sections, Markdown reads cleanly as plain text, file names and CSV
columns say what they hold."""

from __future__ import annotations

import csv
import io
import re
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tests.support import pdf_text, squeezed
from workshop import (
    actions,
    campaigns,
    canvas,
    cards,
    charts,
    documents,
    exercises,
    exports,
    filenames,
    groups,
    participants,
    report,
    summary,
    teams,
    votes,
    workshops,
)
from workshop.markdown import escape

pytestmark = pytest.mark.usefixtures("pdftotext")
TRACKING = (
    "https://shop.example.com/landing/spring-sale?utm_source=instagram&utm_medium=paid_social"
    "&utm_campaign=spring_sale_2026_q4_retargeting_lookalike&utm_content=carousel_v3"
)
LANDING = "https://shop.example.com/landing/spring-sale-2026-q4-lookalike-audiences"
# Text people type, with the long words and addresses that once stopped the PDF.
TYPED = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn")), min_size=1, max_size=300
).filter(str.strip) | st.sampled_from(
    [TRACKING, LANDING, "x" * 300, "W" * 120, "# Heading", "[x](javascript:alert(1))", "👩‍👩‍👧"]
)
EVERY_TIME = settings(max_examples=12, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture])
_DEMO: dict[str, bytes] = {}


def canvas_workshop(db, text: str, goal: str):
    """A closed channel canvas whose card, group, decision, action and channel hold ``text``."""
    team = teams.create_team(db, f"Team {len(teams.list_teams(db))}")
    workshop, secret = workshops.create_workshop(
        db, team_id=team.id, quarter="2026-Q4", exercise="canvas", title=text[:120]
    )
    anna = participants.join(db, workshop.id, "Anna")
    first = cards.add_card(db, anna.token, "paid", text)
    second = cards.add_card(db, anna.token, "paid", text[:50] + " (2)")  # the same card is one
    for phase in ("reveal", "group"):
        workshops.set_phase(db, workshop.id, secret, phase)
    group = groups.merge(db, workshop.id, secret, [first.id, second.id], text[:100])
    workshops.set_phase(db, workshop.id, secret, "vote")
    votes.vote(db, anna.token, group_id=group.id)
    workshops.set_phase(db, workshop.id, secret, "discuss")
    canvas.add_channel(db, workshop.id, secret, {
        "platform": text[:60], "kind": "paid", "role": "goal_scorer", "stage": "convert",
        "goal": goal, "kpi_metric": text[:80], "budget_share": 100, "owner": text[:60],
    }, card_id=first.id)
    actions.add_action(db, workshop.id, secret, kind="action", text=text[:300],
                       owner=text[:60], group_id=group.id)
    actions.add_action(db, workshop.id, secret, kind="decision", text=text[:300],
                       card_id=first.id)
    workshops.set_phase(db, workshop.id, secret, "closed")
    return workshop


def retrospective(db, name: str):
    team = teams.create_team(db, f"Retro team {len(teams.list_teams(db))}")
    campaign = campaigns.create_campaign(db, team.id, {
        "name": name[:120], "goal": name[:300], "kpi_metric": "orders", "kpi_target": 100,
        "kpi_actual": 109, "budget_planned": 1000, "budget_spent": 2090,
    })
    workshop, secret = workshops.create_workshop(
        db, team_id=team.id, quarter="2026-Q4", exercise="hml", title="Retro",
        campaign_id=campaign.id,
    )
    anna = participants.join(db, workshop.id, "Anna")
    cards.add_card(db, anna.token, "misses", name)
    workshops.set_phase(db, workshop.id, secret, "closed")
    return workshop


@EVERY_TIME
@given(text=TYPED)
def test_any_text_makes_every_export(db, text):
    made = [canvas_workshop(db, text, text[:300]), retrospective(db, text)]
    for workshop in made:
        for fmt in exports.FORMATS:
            data = exports.export(db, workshop.id, fmt)
            assert data, fmt
        pdf = exports.export(db, workshop.id, "pdf")
        assert pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-32:]
        if not documents.undrawable(text):
            words = [w for w in text.split() if w.isalnum() and w.isascii()]
            shown = squeezed(pdf_text(pdf))
            assert all(w in shown for w in words[:5]), text


def test_tracking_links_and_landing_pages_wrap_instead_of_stopping_the_pdf(db):
    workshop = canvas_workshop(db, "Instagram ads " + TRACKING, LANDING)
    text = squeezed(pdf_text(exports.export(db, workshop.id, "pdf")))
    assert squeezed(TRACKING) in text and squeezed(LANDING) in text
    team_report = report.to_pdf(report.build(db, teams.get_team(db, workshop.team_id)))
    assert squeezed(workshop.title) in squeezed(pdf_text(team_report))  # the title holds it


def demo_pdfs(demo_db) -> dict[str, bytes]:
    """Every demo workshop's PDF and the team report, made once for the layout tests."""
    if not _DEMO:
        for w in workshops.list_workshops(demo_db):
            _DEMO[f"{w.id} {w.title}"] = exports.export(demo_db, w.id, "pdf")
        team = teams.find_team(demo_db, "northwind outdoor — brand & digital")
        _DEMO["report"] = report.to_pdf(report.build(demo_db, team))
    return _DEMO


def test_no_word_in_a_table_is_broken(demo_db):
    column_words = {"Discoverer", "Convert", "Budget", "Paid", "Shared", "Owned", "Channel",
                    "Quarter", "Reached", "Campaign", "Proposal", "Decision", "Owner"}
    seen: set[str] = set()
    for name, pdf in demo_pdfs(demo_db).items():
        words = pdf_text(pdf).split()
        seen |= set(words) & column_words
        joined = {a + b for a, b in zip(words, words[1:], strict=False)}  # "Disco" "verer"
        assert not joined & column_words, (name, joined & column_words)
    assert seen >= {"Discoverer", "Convert", "Budget", "Quarter", "Reached"}


def test_table_layout_makes_room_for_every_word_or_sets_smaller_type():
    pdf = documents._Pdf("t")
    pdf.add_page()
    narrow = [["Channel", "Google Shopping"], ["Role", "Discoverer"], ["Stage", "Convert"]]
    size, widths = documents.table_layout(pdf, narrow)
    assert size == 10 and sum(widths) == pytest.approx(pdf.epw)
    wide = [[f"Heading{n}", "Discoverer Convertibles"] for n in range(8)]
    size, widths = documents.table_layout(pdf, wide)
    pdf.set_font(size=size)
    assert size < 10
    assert all(w >= pdf.get_string_width("Convertibles") for w in widths)


def pages(pdf: bytes) -> list[list[str]]:
    done = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"], input=pdf,
                          capture_output=True, check=True)
    return [[line.strip() for line in page.splitlines() if line.strip()]
            for page in done.stdout.decode("utf-8").split("\f") if page.strip()]


def test_a_heading_is_never_the_last_line_of_a_page(demo_db):
    headings = {"Actions", "The canvas", "Decisions", "Against today", "Warnings", "Hits",
                "Misses", "What we learned", "Why it missed", "Stop", "Start", "Continue",
                "Change", "Paid", "Earned", "Shared", "Owned", "Follow-through",
                "Recurring themes", "Campaign results", "Channel changes", "Workshops"}
    for name, pdf in demo_pdfs(demo_db).items():
        for page in pages(pdf)[:-1]:
            last = page[-2]  # the line above the footer
            assert last not in headings, (name, last)


def test_charts_sit_inside_their_section(demo_db):
    retro = next(w for w in workshops.list_workshops(demo_db) if w.campaign_id)
    html = exports.export(demo_db, retro.id, "html").decode("utf-8")
    number, hits = html.index("<h2>The number:"), html.index("<h2>Hits</h2>")
    assert number < html.index("<svg") < hits
    board = summary.load(demo_db, retro.id)
    placed = summary.charts_of(demo_db, board, summary.extras(demo_db, board))
    assert [key.startswith("The number:") for key in placed] == [True]
    plan = next(w for w in workshops.list_workshops(demo_db) if w.exercise == "canvas")
    html = exports.export(demo_db, plan.id, "html").decode("utf-8")
    assert html.index("<h2>The canvas</h2>") < html.index("<svg") < html.index("<h2>Actions")
    assert html.index("<h2>Owned</h2>") < html.index("<h2>The canvas</h2>")


def test_the_kpi_chart_has_one_bar_on_each_label_and_uncut_legends():
    import pandas as pd

    frame = pd.DataFrame([
        {"quarter": "2026-Q1", "campaign": "Spring launch", "reached": 78, "verdict": "Miss"},
        {"quarter": "2026-Q2", "campaign": "Retargeting without recent buyers", "reached": 115,
         "verdict": "Hit"},
    ])
    spec = charts.reached_chart(frame).to_dict()
    assert "xOffset" not in spec["encoding"] and "yOffset" not in spec["encoding"]
    labels = [row["label"] for row in spec["datasets"][next(iter(spec["datasets"]))]]
    assert len(labels) == len(set(labels)) == 2
    assert spec["encoding"]["color"]["legend"]["labelLimit"] == 0


# Markdown: what a chat tool shows as plain text reads as typed.
_RENDER = MarkdownIt("commonmark").enable("table").enable("strikethrough")


@pytest.mark.parametrize(
    "typed",
    ["harika!", "= 1+1", "1. Boost less", "Budget $500, reach ~20%", "paid_social & utm_source",
     "10:30 a < b", "C:\\Users\\anna"],
)
def test_markdown_keeps_ordinary_text_free_of_backslashes(typed):
    assert escape(typed) == typed


@pytest.mark.parametrize(
    ("typed", "tag"),
    [("[x](javascript:alert(1))", "<a"), ("![t](http://x/p.png)", "<img"), ("# Head", "<h1"),
     ("<b>bold</b>", "<b>"), ("**bold**", "<strong"), ("_it_", "<em"), ("`code`", "<code"),
     ("~~gone~~", "<s>"), ("> quoted", "<blockquote"), ("- item", "<ul")],
)
def test_markup_in_text_cannot_become_markup(typed, tag):
    assert tag not in _RENDER.render(escape(typed))
    in_list = _RENDER.render("- " + escape(typed))
    assert in_list.count(tag) == _RENDER.render("- x").count(tag)


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.characters(codec="utf-8", blacklist_categories=("Cs", "Cc")),
                    min_size=1, max_size=80))
def test_escaped_text_renders_as_typed(text):
    rendered = _RENDER.render("- " + escape(text))
    assert not re.search(r"<(a|img|h\d|em|strong|code|s|blockquote|table|pre|ol)\b", rendered)


def test_a_card_that_starts_with_hashes_is_no_heading():
    for text in ("## Q4 plan", "##", "a\n### b"):
        assert "<h" not in _RENDER.render("- " + escape(text)), text


def test_the_markdown_summary_reads_cleanly(room):
    cards.add_card(room.db, room.anna.token, "stop", "Harika! 1. Boost = less spend")
    room.phase("closed")
    assert "- Harika! 1. Boost = less spend (0 dots)" in summary.markdown(
        room.db, room.workshop.id
    )


def test_file_names_say_what_is_inside_and_suit_every_file_system(db, room):
    assert exports.file_name(room.workshop, "pdf") == (
        "2026-Q4 Brand & Social – Stop Start Continue Change – Q4 offsite.pdf"
    )
    plain, _ = workshops.create_workshop(db, team_id=room.workshop.team_id, quarter="2026-Q4",
                                         exercise="sscc", title="2026-Q4 offsite")
    assert exports.file_name(plain, "md") == (
        "2026-Q4 Brand & Social – Stop Start Continue Change.md"
    )
    assert filenames.safe('Q4: "best" <plan>/draft?', "md") == "Q4 best plan draft.md"
    assert filenames.safe("CON", "csv") == "_CON.csv"
    assert filenames.safe("trailing. ", "pdf") == "trailing.pdf"
    assert len(filenames.safe("é" * 400, "json").encode()) <= filenames.MAX_BYTES + 5


def test_default_titles_name_the_campaign_or_quarter():
    assert exercises.get("sscc").title_for("2026-Q4") == "2026-Q4 offsite"
    assert exercises.get("hml").title_for("2026-Q4", "Spring launch") == (
        "Retrospective: Spring launch"
    )
    assert exercises.get("canvas").title_for("2026-Q4") == "Channel canvas 2026-Q4"


def test_every_csv_column_means_one_thing(db):
    workshop = canvas_workshop(db, "Paid search", "More buyers")
    rows = list(csv.DictReader(io.StringIO(
        exports.export(db, workshop.id, "csv").decode("utf-8-sig")
    )))
    grouped = [r for r in rows if r["record"] == "group"]
    assert [(g["text"], g["votes"]) for g in grouped] == [("Paid search", "1")]
    in_group = [r for r in rows if r["record"] == "card"]
    assert len(in_group) == 2 and all(r["group"] == "Paid search" for r in in_group)
    assert all(r["votes"] == "" for r in in_group)  # the dot is the group's
    for kind in ("action", "decision"):
        made = next(r for r in rows if r["record"] == kind)
        assert made["source"] == "Paid search" and made["group"] == ""
