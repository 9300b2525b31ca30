"""Browser tests: a real `streamlit run app.py` and Debian's Chromium via Playwright."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
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


class Spares:
    """Servers started one test ahead: a test gets one that is already up, on its own
    new database file, while the next one starts during the test (most of a browser
    test is waiting for pages, and a start took a couple of seconds of every test)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.made = 0
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.next = self._start()

    def _start(self) -> Future[Server]:
        self.made += 1
        return self.pool.submit(Server(self.folder / f"e2e-{self.made}.db").start)

    def take(self) -> Server:
        running = self.next.result()
        self.next = self._start()
        return running

    def close(self) -> None:
        self.next.result().stop()
        self.pool.shutdown()


@pytest.fixture(scope="session")
def spares(tmp_path_factory) -> Iterator[Spares]:
    _require_chromium()
    made = Spares(tmp_path_factory.mktemp("servers"))
    yield made
    made.close()


@pytest.fixture
def server(spares) -> Iterator[Server]:
    running = spares.take()
    yield running
    running.stop()


