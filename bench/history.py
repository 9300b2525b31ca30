"""Speed with years of history: the team and compare pages on a large generated history.

Generates 10 teams x 12 quarters x 3 exercises with 150 cards per workshop (about
54,000 cards, with votes, actions, campaigns, audits and canvases) in a fresh SQLite
file, then times a rerun of each page through AppTest for one team, over 1 quarter and
over 12 quarters: the median of --runs reruns, and the first run with nothing cached.
Prints a table and writes bench/results/history.json (cards, page, quarters, median_s,
first_s).

    python bench/history.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from workshop import db as database  # noqa: E402
from workshop import exercises  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "history.json"
TEAMS, QUARTERS, CARDS = 10, 12, 150
VERBS = ("Stop", "Start", "Test", "Scale", "Cut", "Launch", "Segment", "Automate", "Retarget",
         "Brief", "Measure", "Pause", "Boost", "Rewrite", "Move")
THINGS = ("organic posts", "product grid", "creator series", "shopping ads", "newsletter",
          "landing pages", "weekly giveaway", "staff videos", "brand search ads", "reviews",
          "catalogue ads", "lookalike audiences", "UTM tags", "monthly deck", "gift guides",
          "trail films", "live shopping", "podcast ads", "influencer briefs", "loyalty mails")
PLATFORMS = ("Instagram", "Facebook", "TikTok", "LinkedIn", "YouTube", "Pinterest", "X",
             "Google", "Meta", "Newsletter", "Blog", "Website")
TAILS = ("for first-time buyers", "before the season", "every week", "with a clear owner",
         "for repeat buyers", "on mobile", "in the Netherlands", "after the sale", "for runners",
         "for hikers", "with a budget cap", "until CTR doubles")


def quarters() -> list[str]:
    return [f"{2024 + (i // 4)}-Q{i % 4 + 1}" for i in range(QUARTERS)]


def text(rng: random.Random) -> str:
    return (f"{rng.choice(VERBS)} {rng.choice(THINGS)} on {rng.choice(PLATFORMS)} "
            f"{rng.choice(TAILS)}")


def generate(path: Path) -> int:
    """The whole history, inserted in one transaction; returns the number of cards."""
    rng = random.Random(7)
    db = database.connect(path)
    now = "2026-11-24T00:00:00+00:00"
    with database.write(db):
        for team_no in range(TEAMS):
            team = db.execute("INSERT INTO teams (name, created_at) VALUES (?, ?)",
                              [f"Team {team_no + 1}", now]).lastrowid
            for q in quarters():
                for exercise in exercises.EXERCISES.values():
                    _workshop(db, rng, team, q, exercise, now)
                for platform in PLATFORMS[: rng.randint(6, 12)]:
                    db.execute(
                        """INSERT INTO audit_channels (team_id, quarter, platform, kind, owner,
                               budget_share, status, created_at)
                           VALUES (?, ?, ?, 'shared', 'Owner', ?, 'active', ?)""",
                        [team, q, platform, rng.randint(0, 20), now],
                    )
    return db.execute("SELECT COUNT(*) FROM cards").fetchone()[0]


def _workshop(db, rng: random.Random, team: int, q: str, exercise, now: str) -> None:
    campaign = None
    if exercise.needs_campaign:
        campaign = db.execute(
            """INSERT INTO campaigns (team_id, name, kind, starts_on, kpi_metric, kpi_target,
                   kpi_actual, budget_planned, budget_spent, created_at)
               VALUES (?, ?, 'campaign', ?, 'orders', ?, ?, ?, ?, ?)""",
            [team, f"Campaign {q}", f"{q[:4]}-{(int(q[-1]) - 1) * 3 + 1:02d}-01", 800,
             rng.randint(400, 1100), 20000, rng.randint(15000, 25000), now],
        ).lastrowid
    workshop = db.execute(
        """INSERT INTO workshops (team_id, quarter, exercise, title, code, secret_hash, phase,
               campaign_id, created_at) VALUES (?, ?, ?, ?, ?, 'x', 'closed', ?, ?)""",
        [team, q, exercise.key, f"{q} {exercise.name}", f"B{team}{q}{exercise.key}".upper(),
         campaign, now],
    ).lastrowid
    people = [
        db.execute("INSERT INTO participants (workshop_id, name, token, joined_at) "
                   "VALUES (?, ?, ?, ?)", [workshop, f"P{i}", f"t{workshop}-{i}", now]).lastrowid
        for i in range(8)
    ]
    columns = [c.key for c in exercise.columns]
    for n in range(CARDS):
        column = columns[n % len(columns)]
        reason = rng.choice([key for key, _ in exercises.MISS_REASONS]) if (
            column == exercise.tagged_column) else None
        card = db.execute(
            """INSERT INTO cards (workshop_id, participant_id, column_key, text, reason,
                   created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [workshop, people[n % 8], column, text(rng), reason, now, now],
        ).lastrowid
        for voter in people[: rng.randint(0, 3)]:
            db.execute("INSERT INTO votes (workshop_id, participant_id, card_id, created_at) "
                       "VALUES (?, ?, ?, ?)", [workshop, voter, card, now])
        if n < 4:
            db.execute(
                """INSERT INTO actions (workshop_id, kind, text, owner, status, card_id,
                       created_at) VALUES (?, 'action', ?, 'Owner', ?, ?, ?)""",
                [workshop, f"Action {n} of {q}", rng.choice(["open", "done", "dropped"]), card,
                 now],
            )
    if exercise.plans_channels:
        for platform in PLATFORMS[:5]:
            db.execute(
                """INSERT INTO canvas_channels (workshop_id, platform, kind, role, stage,
                       budget_share, created_at) VALUES (?, ?, 'shared', 'both', 'reach', 20, ?)""",
                [workshop, platform, now],
            )


def time_page(page: str, span: int, runs: int) -> tuple[float, float]:
    """Seconds of the first run of ``page`` for team 1 over the last ``span`` quarters
    (nothing cached) and the median of the reruns after it."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["team"] = "1"
    at.switch_page(page)
    at.run()
    known = quarters()
    st.cache_data.clear()
    start = time.perf_counter()
    at.select_slider(key=f"{page.split('/')[-1][:-3]}-range").set_value(
        (known[-span], known[-1])
    ).run()
    first = time.perf_counter() - start
    assert not at.exception, at.exception
    took = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        took.append(time.perf_counter() - start)
    assert not at.exception, at.exception
    return first, statistics.median(took)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp()) / "history.db"
    start = time.perf_counter()
    cards = generate(path)
    print(f"generated {cards:,} cards in {time.perf_counter() - start:.1f} s")
    os.environ["WORKSHOP_DB"] = str(path)
    results = []
    for page in ("pages/team.py", "pages/compare.py"):
        for span in (1, QUARTERS):
            first, median = time_page(page, span, args.runs)
            results.append({"cards": cards, "page": page.split("/")[-1][:-3],
                            "quarters": span, "median_s": round(median, 3),
                            "first_s": round(first, 3)})
            print(f"{results[-1]['page']:8} {span:2} quarters  rerun {median:6.3f} s"
                  f"   first run {first:6.3f} s")
    for page in ("team", "compare"):
        one, twelve = (r["median_s"] for r in results if r["page"] == page)
        print(f"{page}: 12 quarters cost {twelve / one:.1f}x one quarter")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
