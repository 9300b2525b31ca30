"""Live updates at scale: the live stream against a board that polls every second.

Starts each server itself on a free localhost port with a fresh database, opens N
participant pages in one headless Chromium (N grows through --sizes in one run) and
measures, for the app (`ours`) and the polling baseline (`polling`):

- idle server CPU (fraction of one core) over --idle seconds with nothing happening,
  and server memory (RSS, total and per page above the server with no page open);
- for --cards cards, the time from one participant's submit until every other page
  shows the card: p50 and p95 (one more card before them warms up and is not counted).

Then, on a board that already holds 300 cards, the time until a participant's own
card shows on their own screen (p50). Prints a table and writes bench/results/live.json.

    python bench/live.py [--sizes 10,25,50] [--cards 15] [--idle 30] [--variants ours,polling]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.devserver import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402
from workshop import cards, participants, teams, workshops  # noqa: E402
from workshop import db as database  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "live.json"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
SCRIPTS = {"ours": "app.py", "polling": "bench/polling_board.py"}

# A card's text on the board: the app's read-only cards, or the baseline's st.text.
CARDS = '.card-text, [data-testid="stText"]'
# Records in the page when a card text first shows as a card, in epoch milliseconds.
WATCH = """([text, cards]) => {
  window.__seen = null;
  const look = () => {
    if (window.__seen) return;
    for (const el of document.querySelectorAll(cards)) {
      if (!el.textContent.includes(text)) continue;
      window.__seen = Date.now(); observer.disconnect(); return;
    }
  };
  const observer = new MutationObserver(look);
  observer.observe(document.body, {childList: true, subtree: true, characterData: true});
  look();
}"""


# When the watcher is gone (the page reloaded itself), the first look that finds the
# card counts, which can only overstate the time.
SEEN = """([text, cards]) => window.__seen || ([...document.querySelectorAll(cards)]
  .some(el => el.textContent.includes(text)) ? (window.__seen = Date.now()) : null)"""


@dataclass
class Row:
    variant: str
    n: int
    idle_cpu: float
    rss_mb: float
    rss_per_page_mb: float | None
    p50_s: float | None  # None: the server was saturated at this size
    p95_s: float | None


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def rss_mb(server: Server) -> float:
    return psutil.Process(server.process.pid).memory_info().rss / 2**20


def idle_cpu(server: Server, seconds: float) -> float:
    process = psutil.Process(server.process.pid)
    time.sleep(3)  # let the last page loads finish
    before = process.cpu_times()
    time.sleep(seconds)
    after = process.cpu_times()
    return (after.user + after.system - before.user - before.system) / seconds


def room(db_path: Path, people: int, cards_before: int = 0) -> tuple[str, str, list[str]]:
    """A workshop in the reveal phase (cards visible to all) with ``people`` joined."""
    db = database.connect(db_path)
    team = teams.create_team(db, "Bench team")
    workshop, secret = workshops.create_workshop(
        db, team_id=team.id, quarter="2026-Q4", exercise="sscc", title="Bench offsite"
    )
    tokens = [participants.join(db, workshop.id, f"Person {i + 1}").token for i in range(people)]
    for i in range(cards_before):
        cards.add_card(db, tokens[i % people], ("stop", "start", "continue", "change")[i % 4],
                       f"Existing card number {i + 1} about a channel we run")
    workshops.set_phase(db, workshop.id, secret, "reveal")
    return workshop.code, secret, tokens


def open_page(browser: Browser, url: str) -> Page:
    """A page in its own browser context, as if on its own laptop: a browser opens at
    most six connections to one host, and every page of the app holds one stream."""
    page = browser.new_context().new_page()
    page.goto(url)
    page.locator(IDLE).wait_for(timeout=60_000)
    return page


def card_form(page: Page, variant: str):
    """The writing form on a participant page; opens the late-card expander if needed."""
    field = page.get_by_label("Your card")
    if variant == "ours" and not field.is_visible():
        page.get_by_text("Add a late card").click()
    field.wait_for(timeout=30_000)
    return field


def submit(page: Page, variant: str, text: str) -> float:
    # The writer looks at their own page: Chromium slows input in a background tab.
    page.bring_to_front()
    card_form(page, variant).fill(text)
    started = time.time()
    page.get_by_role("button", name="Add card").click()
    return started


def spread(pages: list[Page], sender: Page, variant: str, count: int, tag: str) -> list[float]:
    """Seconds from a submit until every other page shows the card, per card."""
    times = []
    for i in range(-1, count):  # card -1 warms up both ends and is not counted
        text = f"Bench card {tag} {i + 1}"
        for page in pages:
            page.evaluate(WATCH, [text, CARDS])
        started = submit(sender, variant, text)
        seen = [page.wait_for_function(SEEN, arg=[text, CARDS], timeout=120_000).json_value()
                for page in pages]
        if i >= 0:
            times.append(max(seen) / 1000 - started)
        sender.locator(IDLE).wait_for(timeout=60_000)
        time.sleep(1)  # let every page settle before the next card
    return times


def measure_variant(browser: Browser, variant: str, sizes: list[int], count: int,
                    idle_seconds: float) -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "bench.db"
        code, _, tokens = room(db_path, max(sizes) + 1)
        server = Server(db_path, script=SCRIPTS[variant]).start()
        try:
            base = f"{server.url}/board" if variant == "ours" else server.url
            # The server with no page open, after one visit loaded the page's modules.
            open_page(browser, f"{base}?code={code}&me={tokens[-1]}").context.close()
            time.sleep(2)
            empty = rss_mb(server)
            pages: list[Page] = []
            for n in sizes:
                try:
                    while len(pages) < n:
                        url = f"{base}?code={code}&me={tokens[len(pages)]}"
                        pages.append(open_page(browser, url))
                        print(f"  {variant}: {len(pages)} pages open", end="\r", flush=True)
                    cpu = idle_cpu(server, idle_seconds)
                    memory = rss_mb(server)
                    times = spread(pages[1:], pages[0], variant, count, f"{variant} {n}")
                except PlaywrightTimeout:
                    # The server cannot keep up: say so instead of inventing a figure.
                    print(f"{variant:8} {n:>4}  saturated: a page did not load or update in time")
                    rows.append(Row(variant, n, round(idle_cpu(server, idle_seconds), 3),
                                    round(rss_mb(server), 1), None, None, None))
                    break
                rows.append(Row(variant, n, round(cpu, 3), round(memory, 1),
                                round((memory - empty) / n, 2),
                                round(statistics.median(times), 3),
                                round(percentile(times, 0.95), 3)))
                print(" " * 40, end="\r")
                print_row(rows[-1])
            for page in pages:
                page.context.close()
        finally:
            server.stop()
    return rows


def own_card(browser: Browser, count: int) -> float:
    """p50 seconds until a participant's own card shows on a 300-card board (ours)."""
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "bench.db"
        code, secret, tokens = room(db_path, 10, cards_before=300)
        server = Server(db_path).start()
        try:
            projector = open_page(browser, f"{server.url}/board?code={code}&key={secret}")
            page = open_page(browser, f"{server.url}/board?code={code}&me={tokens[0]}")
            times = spread([page], page, "ours", count, "own")
            for opened in (projector, page):
                opened.context.close()
        finally:
            server.stop()
    return statistics.median(times)


def print_row(row: Row) -> None:
    print(f"{row.variant:8} {row.n:>4} {row.idle_cpu:>9.3f} {row.rss_mb:>8.1f} "
          f"{row.rss_per_page_mb:>9.2f} {row.p50_s:>7.2f} {row.p95_s:>7.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,25,50")
    parser.add_argument("--cards", type=int, default=15)
    parser.add_argument("--idle", type=float, default=30.0)
    parser.add_argument("--variants", default=",".join(SCRIPTS), help="ours,polling")
    args = parser.parse_args()
    sizes = sorted(int(n) for n in args.sizes.split(","))

    print(f"{'variant':8} {'n':>4} {'idle_cpu':>9} {'rss_mb':>8} {'mb/page':>9} "
          f"{'p50_s':>7} {'p95_s':>7}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        variants = args.variants.split(",")
        rows = [row for variant in variants
                for row in measure_variant(browser, variant, sizes, args.cards, args.idle)]
        own_p50 = own_card(browser, args.cards)
        browser.close()

    print(f"\nOwn card on a 300-card board, p50: {own_p50:.2f} s")
    for n in sizes if len(variants) == 2 else ():
        ours, polling = (next((r for r in rows if r.variant == v and r.n == n), None)
                         for v in SCRIPTS)
        if ours and polling:
            ratio = polling.idle_cpu / ours.idle_cpu if ours.idle_cpu else float("inf")
            print(f"n={n}: polling uses {ratio:.0f}x the idle CPU; "
                  f"p95 {ours.p95_s} s against {polling.p95_s} s")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "machine": {"cpus": psutil.cpu_count(),
                    "memory_gb": round(psutil.virtual_memory().total / 2**30)},
        "cards_per_size": args.cards,
        "idle_seconds": args.idle,
        "own_card_300_p50_s": round(own_p50, 3),
        **{variant: [asdict(r) for r in rows if r.variant == variant] for variant in SCRIPTS},
    }
    RESULTS.write_text(json.dumps(document, indent=2) + "\n")
    print(f"Wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
