"""The phase timer on three screens: how soon every screen shows it, and how far apart.

Starts the app on a free localhost port with a fresh database, opens the facilitator's
page at 1920x1080 and two participants' pages (a laptop, a phone) in one headless
Chromium, then for --rounds rounds presses *Start timer* and *Stop timer* and measures:

- start: the time from the click until every page shows a countdown (p50, max);
- spread: the largest difference between the seconds the three pages show at once;
- stop: the time from the click until no page shows a timer (p50, max).

Prints a table and writes bench/results/timer.json.

    python bench/timer.py [--rounds 8]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.devserver import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402
from tests.support import make_room  # noqa: E402
from workshop import db as database  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "timer.json"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
# Records, in epoch milliseconds, when the timer's text first matches what is awaited.
WATCH = """(running) => {
  const host = [...document.querySelectorAll('*')]
    .find((e) => e.shadowRoot && e.shadowRoot.querySelector('.timer'));
  window.__timer = () => host.shadowRoot.querySelector('.timer').textContent;
  window.__seen = null;
  const look = () => {
    if (window.__seen) return;
    const text = window.__timer();
    if (running ? /^\\d\\d:\\d\\d$/.test(text) : text === '') window.__seen = Date.now();
    else setTimeout(look, 5);
  };
  look();
}"""


def watch(pages: list[Page], running: bool) -> None:
    for page in pages:
        page.evaluate(WATCH, running)


def seen(pages: list[Page]) -> list[float]:
    for page in pages:
        page.wait_for_function("() => window.__seen", timeout=60_000)
    return [page.evaluate("() => window.__seen") for page in pages]


def seconds(page: Page) -> int:
    minutes, secs = page.evaluate("() => window.__timer()").split(":")
    return int(minutes) * 60 + int(secs)


def run(rounds: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        server = Server(Path(folder) / "bench.db").start()
        try:
            room = make_room(database.connect(server.db_path))
            room.phase("reveal")
            board = f"{server.url}/board?code={room.workshop.code}"
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                sizes = [(1920, 1080), (1280, 800), (390, 844)]
                pages = [
                    browser.new_context(viewport={"width": w, "height": h}).new_page()
                    for w, h in sizes
                ]
                for page, who in zip(
                    pages, [f"key={room.secret}", f"me={room.anna.token}", f"me={room.ben.token}"],
                    strict=True,
                ):
                    page.goto(f"{board}&{who}")
                for page in pages:
                    page.get_by_text("3 online").wait_for(timeout=60_000)
                projector = pages[0]
                starts, stops, spreads = [], [], []
                for _ in range(rounds):
                    for button, running, into in (("Start timer", True, starts),
                                                  ("Stop timer", False, stops)):
                        projector.locator(IDLE).wait_for(timeout=60_000)
                        watch(pages, running)
                        clicked = projector.evaluate("() => Date.now()")
                        projector.get_by_role("button", name=button).click()
                        into.append(max(seen(pages)) - clicked)
                        if running:
                            shown = [seconds(page) for page in pages]
                            spreads.append(max(shown) - min(shown))
                browser.close()
        finally:
            server.stop()
    return {
        "rounds": rounds,
        "start_ms_p50": statistics.median(starts),
        "start_ms_max": max(starts),
        "stop_ms_p50": statistics.median(stops),
        "stop_ms_max": max(stops),
        "spread_s_max": max(spreads),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8)
    figures = run(parser.parse_args().rounds)
    for name, value in figures.items():
        print(f"{name:>14}  {value}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
