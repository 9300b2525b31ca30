"""The import page in a real browser: known exports need no setting, others are mapped."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from tests.support import new_workshop
from workshop import db as database
from workshop import demo, participants

from .screens import open_page, wait_idle

FIXTURES = Path(__file__).parent.parent / "fixtures" / "imports"


def _import_page(browser, server, db):
    demo.load_demo(db)
    team = db.execute("SELECT id FROM teams").fetchone()[0]
    board, secret = new_workshop(db, team, "2026-Q4")
    page = open_page(browser, "projector")
    page.goto(f"{server.url}/board?code={board.code}&key={secret}")
    wait_idle(page)
    page.get_by_role("link", name="Import cards from a CSV file").click()
    wait_idle(page)
    return page, board


def _upload(page, path) -> None:
    # The single-file picker; the team-history one in its expander takes several.
    wait_idle(page)  # after an import the picker is a new one: wait for it
    page.locator("[class*='st-key-import-file-'] input[type=file]").set_input_files(str(path))


def _cards(db, workshop_id: int) -> list[tuple]:
    query = """SELECT c.column_key, c.text, c.imported_dots, COALESCE(g.title, '') FROM cards c
               LEFT JOIN card_groups g ON g.id = c.group_id WHERE c.workshop_id = ? ORDER BY c.id"""
    return [tuple(r) for r in db.execute(query, [workshop_id]).fetchall()]


def test_a_scrumlr_and_a_parabol_export_import_without_touching_a_setting(browser, server):
    db = database.connect(server.db_path)
    page, board = _import_page(browser, server, db)

    _upload(page, FIXTURES / "scrumlr-2026-03-27_Kvartalsretro Q1.csv")
    expect(page.get_by_text("Recognised: scrumlr.io, UTF-8.")).to_be_visible()
    wait_idle(page)
    for n, column in enumerate(("Stop", "Start", "Continue", "Change")):  # each maps itself
        expect(page.locator(f".st-key-import-map-{n}").get_by_role("combobox")).to_have_value(
            column
        )
    expect(page.get_by_text("rows have a problem")).to_have_count(0)
    page.get_by_role("button", name="Import 7 cards and 0 actions").click()
    expect(page.get_by_text("Imported 7 cards, 1 groups and 0 actions from")).to_be_visible()
    cards = _cards(db, board.id)
    assert [c[:3] for c in cards][:2] == [
        ("stop", "Slutt å booste hvert eneste innlegg – det gir få følgere og høy CPM", 3),
        ("stop", 'Drop the "Tips" series, CTR 0,4 %', 3),
    ]
    assert cards[3][1] == "Zacząć testy reklam wideo na TikToku\nbudżet: 5 000 zł / miesiąc"

    _upload(page, FIXTURES / "ParabolRetrospective_Pazarlama Ekibi_2026-5-6.csv")
    expect(page.get_by_text("Recognised: Parabol, UTF-8 with BOM.")).to_be_visible()
    wait_idle(page)
    expect(page.get_by_text("rows have a problem")).to_have_count(0)
    page.get_by_role("button", name="Import 5 cards and 1 actions").click()
    expect(page.get_by_text("Imported 5 cards, 1 groups and 1 actions from")).to_be_visible()
    parabol = _cards(db, board.id)[7:]
    assert parabol[0] == ("start", "Instagram reels ağırlığını artıralım", 5, "Reels ağırlığı")
    assert len(parabol) == 5

    # The same file again: the page says so and the button waits for a yes.
    _upload(page, FIXTURES / "ParabolRetrospective_Pazarlama Ekibi_2026-5-6.csv")
    expect(page.get_by_text("This file was imported into this workshop already.")).to_be_visible()
    expect(page.get_by_role("button", name="Import 5 cards and 1 actions")).to_be_disabled()
    assert len(_cards(db, board.id)) == 12

    # Or the board becomes a workshop of its own, opened with the same key.
    page.get_by_role("button", name="Make it a new workshop of").click()
    expect(page.get_by_role("heading", name="Imported from Parabol")).to_be_visible()
    made = db.execute("SELECT id, quarter, exercise FROM workshops ORDER BY id DESC").fetchone()
    assert tuple(made[1:]) == ("2026-Q2", "sscc")
    assert len(_cards(db, made[0])) == 5


def test_a_csv_of_no_known_tool_is_mapped_by_hand(browser, server, tmp_path):
    db = database.connect(server.db_path)
    page, board = _import_page(browser, server, db)
    anna = participants.join(db, board.id, "Anna")
    source = tmp_path / "other-tool.csv"
    source.write_text(
        "Category,Card text\nStop,Boosting posts\nWent well,Newsletter clean-up\n"
        "Keep,Gear guides\nStop,\n![x](http://127.0.0.1:9/x.png) **Ideas**,Try LinkedIn\n",
        encoding="utf-8",
    )
    _upload(page, source)
    expect(page.get_by_text("Which column holds the card text?")).to_be_visible()
    wait_idle(page)
    expect(page.get_by_text("3 rows have a problem")).to_be_visible()  # "Keep" maps itself
    # A category is shown as typed, never rendered as Markdown.
    label = page.get_by_test_id("stWidgetLabel").filter(has_text="Ideas")
    # (a word joiner, U+2060, invisible, keeps the address from becoming a link)
    expect(label).to_have_text("![x](http\u2060://127.0.0.1:9/x.png) **Ideas**")
    expect(label.locator("img, strong")).to_have_count(0)
    expect(page.get_by_role("combobox", name="Keep")).to_have_value("Continue")
    page.locator(".st-key-import-map-1").get_by_role("combobox").click()
    page.get_by_role("option", name="Skip these cards").click()
    expect(page.get_by_text("2 rows have a problem")).to_be_visible()
    page.locator(".st-key-import-skip-bad").get_by_text("Leave the rows").click()
    page.get_by_role("button", name="Import 2 cards and 0 actions").click()
    expect(page.get_by_text("Imported 2 cards, 0 groups and 0 actions from")).to_be_visible()
    expect(page.get_by_text("Which column holds the card text?")).to_have_count(0)
    assert [c[:2] for c in _cards(db, board.id)] == [
        ("stop", "Boosting posts"), ("continue", "Gear guides")
    ]

    room = open_page(browser, "phone")
    room.goto(f"{server.url}/import?code={board.code}&me={anna.token}")
    # A participant's browser holds no key of the team: no import page runs for it.
    expect(room.get_by_text("This browser does not hold that team's link.")).to_be_visible()
    expect(room.get_by_test_id("stFileUploader")).to_have_count(0)
