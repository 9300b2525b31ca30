"""How long the facilitator's clicks on a channel canvas take, in a real browser.

Loads the demo team into a fresh SQLite file, takes its autumn canvas back to Discuss
(with the proposals that came from holding it against today's channels), starts the app
and opens the board as the facilitator in headless Chromium. Then it does what a
facilitator does: opens the facilitator link, clicks *Compare with today's channels*,
*Accept* and *Reject* on each proposal, *Put on the canvas*, *Decision or action*,
*Next: Closed* and *Back to Discuss*. A click counts until the page has settled: every
rerun it started has finished (the live part's own rerun included), nothing on the page
is still faded as stale, and the page has stopped changing. Prints the median and
worst time per kind of click and writes bench/results/canvas_clicks.json.

    python bench/canvas_clicks.py [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from tests.devserver import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402
from workshop import db as database  # noqa: E402
from workshop import demo, proposals, workshops  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "canvas_clicks.json"
QUIET_MS = 400  # settled: no rerun started for this long after the last one ended

# Watches the page after a click: the run state, and every change to the page (toasts
# aside: they fade out on their own time). A run too short to show as "running" still
# changes the page. ``__idleAt`` is when the page last changed.
WATCH = """() => {
  if (window.__watch) window.__watch.disconnect();
  const app = document.querySelector("[data-testid='stApp']");
  window.__ran = false; window.__idleAt = performance.now();
  const toast = (node) => {
    const element = node.nodeType === 1 ? node : node.parentElement;
    return element && element.closest("[data-testid='stToast'], [data-testid='stToastContainer']");
  };
  window.__watch = new MutationObserver((changes) => {
    const counted = changes.filter((m) => !toast(m.target));
    if (!counted.length) return;
    if (app.getAttribute("data-test-script-state") === "running"
        || counted.some((m) => m.type !== "attributes")) window.__ran = true;
    if (window.__ran) window.__idleAt = performance.now();
  });
  window.__watch.observe(document.body,
    {subtree: true, childList: true, characterData: true, attributes: true});
}"""
# Settled: the click's run has started and ended, and the page has not changed for a
# while. Every click timed here starts a run (the popover's too: it builds its form
# when it opens); waiting for it matters on a busy machine, where a run can start later
# than the quiet time and the click would otherwise count as settled at once.
SETTLED = """(quiet) => {
  const app = document.querySelector("[data-testid='stApp']");
  return window.__ran
    && app.getAttribute("data-test-script-state") === "notRunning"
    && !document.querySelector("[data-stale='true']")
    && performance.now() - window.__idleAt >= quiet;
}"""


def settle(page: Page) -> None:
    page.wait_for_function(SETTLED, arg=QUIET_MS, timeout=60_000, polling=50)


def timed_click(page: Page, locator) -> float:
    """Seconds from the click until the page settled."""
    page.evaluate(WATCH)
    started = page.evaluate("performance.now()")
    locator.click()
    settle(page)
    return max(0.0, page.evaluate("window.__idleAt") - started) / 1000


def timed_open(page: Page, url: str) -> float:
    """Seconds to open the facilitator link until the page settled."""
    started = time.perf_counter()
    page.goto(url)
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for()
    page.evaluate(WATCH)
    page.evaluate("window.__ran = true; window.__idleAt = performance.now()")
    settle(page)
    since_last_change = page.evaluate("performance.now() - window.__idleAt") / 1000
    return time.perf_counter() - started - since_last_change


def canvas_in_discuss(db) -> tuple[workshops.Workshop, str]:
    demo.load_demo(db)
    autumn = next(w for w in workshops.list_workshops(db) if w.title.endswith("autumn mix"))
    secret = workshops.new_facilitator_secret(db, autumn.id)
    return workshops.set_phase(db, autumn.id, secret, "discuss"), secret


def run(rounds: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as folder:
        server = Server(Path(folder) / "bench.db").start()
        db = database.connect(str(server.db_path))
        workshop, secret = canvas_in_discuss(db)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1600, "height": 1000})
                link = f"{server.url}/board?code={workshop.code}&key={secret}"
                for _ in range(rounds):
                    times["open the facilitator link"].append(timed_open(page, link))
                    compare = page.get_by_role("button", name="Compare with today's channels")
                    times["compare with today"].append(timed_click(page, compare))
                    pending = [
                        p.id for p in proposals.list_proposals(db, workshop.id)
                        if p.status == "proposed"
                    ]
                    for n, proposal_id in enumerate(pending):
                        kind = "accept" if n % 2 == 0 else "reject"
                        # keyed by the proposal's number and what it says
                        button = page.locator(f"[class*='st-key-{kind}-{proposal_id}-'] button")
                        times[kind].append(timed_click(page, button))
                    opener = page.get_by_role("button", name="Put on the canvas").first
                    times["open put on the canvas"].append(timed_click(page, opener))
                    page.keyboard.press("Escape")
                    settle(page)
                    opener = page.get_by_role("button", name="Decision or action").first
                    times["open decision or action"].append(timed_click(page, opener))
                    page.keyboard.press("Escape")
                    settle(page)
                    times["next: closed"].append(
                        timed_click(page, page.get_by_role("button", name="Next: Closed"))
                    )
                    times["back to discuss"].append(
                        timed_click(page, page.get_by_role("button", name="Back to Discuss"))
                    )
                    # the next round decides the same proposals again
                    db.execute("UPDATE proposals SET status = 'proposed', card_id = NULL "
                               "WHERE workshop_id = ?", [workshop.id])
                    db.conn.commit()
                browser.close()
        finally:
            server.stop()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    times = run(args.rounds)
    rows = {
        kind: {"clicks": len(values), "median_s": round(statistics.median(values), 2),
               "worst_s": round(max(values), 2)}
        for kind, values in times.items()
    }
    print(f"{'click':<24}{'n':>4}{'median s':>10}{'worst s':>9}")
    for kind, row in rows.items():
        print(f"{kind:<24}{row['clicks']:>4}{row['median_s']:>10.2f}{row['worst_s']:>9.2f}")
    every = [value for values in times.values() for value in values]
    print(f"{'every click':<24}{len(every):>4}{statistics.median(every):>10.2f}"
          f"{max(every):>9.2f}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
