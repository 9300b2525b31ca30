"""The app started on a broken database file serves a page that says what is wrong,
instead of failing its start."""

from __future__ import annotations

import os

from playwright.sync_api import expect

from tests.devserver import Server
from workshop import db as database
from workshop import demo

from .screens import open_page, wait_idle


def test_the_app_on_a_cut_off_file_says_so_and_leaves_it_alone(browser, tmp_path):
    path = tmp_path / "e2e.db"
    db = database.connect(path)
    demo.load_demo(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    os.truncate(path, path.stat().st_size // 2)
    before = path.read_bytes()
    server = Server(path).start()  # it starts: the health check answers
    try:
        page = open_page(browser, "laptop")
        page.goto(server.url)
        wait_idle(page)
        alert = page.get_by_test_id("stAlertContentError")
        expect(alert).to_contain_text("is cut off: it holds")
        expect(alert).to_contain_text("workshop restore")
        expect(page.get_by_text("Traceback")).to_have_count(0)
        expect(page.get_by_role("button")).to_have_count(0)
    finally:
        server.stop()
    assert path.read_bytes() == before
    assert "Application startup failed" not in path.with_suffix(".log").read_text()
