"""Shared fixtures: a file database, a seeded one, and a workshop with people in it."""

from __future__ import annotations

import shutil

import pytest
from sqlite_utils import Database

from tests.support import Room, make_room
from workshop import db as database
from workshop import demo, guard


@pytest.fixture(autouse=True)
def fresh_guard(monkeypatch) -> guard.Guard:
    """Wrong codes are counted per server process: each test starts with none."""
    fresh = guard.Guard()
    monkeypatch.setattr(guard, "GUARD", fresh)
    return fresh


@pytest.fixture
def db_path(tmp_path, monkeypatch) -> str:
    path = str(tmp_path / "workshop.db")
    monkeypatch.setenv("WORKSHOP_DB", path)
    return path


@pytest.fixture
def db(db_path) -> Database:
    return database.connect(db_path)


@pytest.fixture
def demo_db(db) -> Database:
    demo.load_demo(db)
    return db


@pytest.fixture
def room(db) -> Room:
    return make_room(db)


@pytest.fixture(scope="session")
def pdftotext() -> None:
    """Tests that read PDFs back need poppler's pdftotext; a missing one fails them."""
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: `make test-deps` installs poppler-utils")
