"""Server time of one board fragment rerun on a 300-card board.

Starts the app on a free localhost port with a fresh database holding one workshop in
the Reveal phase with 300 cards, opens --pages participant pages in headless Chromium,
then adds --cards late cards one by one. Each card reruns the live board fragment on
every open page; the server's CPU time over those reruns, divided by their number, is
the cost of one rerun. Also times what a rerun spent opening the database before any
work: a connection with its pragmas and the migrations check.

Prints the figures and writes bench/results/rerun.json.

    python bench/rerun.py [--pages 5] [--cards 20] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.live import CARDS, IDLE, room  # noqa: E402
from tests.devserver import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402
from workshop import cards  # noqa: E402
from workshop import db as database  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "rerun.json"
BOARD_CARDS = 300


def cpu_s(process: psutil.Process) -> float:
    times = process.cpu_times()
    return times.user + times.system


def one_run(browser, pages: int, late_cards: int) -> float:
    """Server CPU milliseconds per board fragment rerun, over ``late_cards`` cards."""
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "bench.db"
        code, _secret, tokens = room(db_path, max(pages, 4), BOARD_CARDS)
        server = Server(db_path).start()
        try:
            opened = []
            for token in tokens[:pages]:
                page = browser.new_context().new_page()
                page.goto(f"{server.url}/board?code={code}&me={token}")
                page.locator(IDLE).wait_for(timeout=60_000)
                opened.append(page)
            db = database.connect(db_path)
            process = psutil.Process(server.process.pid)
            time.sleep(2)  # the pages' first runs are over
            before = cpu_s(process)
            for n in range(late_cards):
                text = f"Late card {n} for the rerun benchmark"
                cards.add_card(db, tokens[-1], "stop", text)
                for page in opened:
                    page.locator(CARDS).filter(has_text=text).first.wait_for(timeout=60_000)
            spent = cpu_s(process) - before
            return spent / (late_cards * pages) * 1000
        finally:
            server.stop()


def connect_ms(runs: int = 50) -> float:
    """What opening the database costs: a connection, pragmas, the migrations check."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        database.connect(path).conn.close()
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            database.connect(path).conn.close()
            times.append(time.perf_counter() - start)
        return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=5)
    parser.add_argument("--cards", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        per_rerun = [one_run(browser, args.pages, args.cards) for _ in range(args.runs)]
        browser.close()
    result = {
        "board_cards": BOARD_CARDS,
        "pages": args.pages,
        "late_cards": args.cards,
        "rerun_ms_median": round(statistics.median(per_rerun), 2),
        "rerun_ms_runs": [round(ms, 2) for ms in per_rerun],
        "connect_ms_median": round(connect_ms(), 3),
    }
    print(f"server CPU per board fragment rerun ({BOARD_CARDS} cards, {args.pages} pages): "
          f"median {result['rerun_ms_median']} ms over {args.runs} runs {result['rerun_ms_runs']}")
    print(f"opening the database with its checks: {result['connect_ms_median']} ms")
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
