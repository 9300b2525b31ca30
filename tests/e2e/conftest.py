"""Browser tests: a real `streamlit run app.py` and Debian's Chromium via Playwright."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.devserver import CHROMIUM, CHROMIUM_ARGS, Server

HERE = Path(__file__).resolve().parent


# `pytestmark` only marks the tests of the module it is in, never those beside a
# conftest.py, so every test in this folder is marked here. It runs before pytest's own
# hook that deselects by `-m`, or `-m browser` would find nothing.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)

# Three browsers and the server share two cores: give pushes time to land under load.
expect.set_options(timeout=15_000)


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    message = "Chromium is not installed (make test-deps installs it)"
    if os.environ.get("CI"):
        pytest.fail(message)  # CI never skips a browser test silently
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    _require_chromium()
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def server(tmp_path) -> Iterator[Server]:
    _require_chromium()
    running = Server(tmp_path / "e2e.db").start()
    yield running
    running.stop()


