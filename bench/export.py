"""Export speed and size on a large workshop: 500 cards, with groups, dots and actions.

Builds a closed Stop / Start / Continue / Change workshop with 500 cards from 25 people
(some grouped, every dot spent, 30 actions) in a fresh SQLite file, then times each
export format: the median of --runs exports, and the first (which pays for loading the
chart and PDF engines). Also times the team report. Prints a table and writes
bench/results/export.json.

    python bench/export.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workshop import (  # noqa: E402
    actions,
    cards,
    exports,
    groups,
    participants,
    report,
    teams,
    votes,
    workshops,
)
from workshop import db as database  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "export.json"
CARDS, PEOPLE, ACTIONS = 500, 25, 30
WORDS = (
    "newsletter",
    "shopping ads",
    "creator series",
    "TikTok",
    "landing page",
    "budget",
    "first-time buyers",
    "Pinterest",
    "weekly giveaway",
    "attribution",
    "store radius",
    "Zoë’s idea",
    "Ελληνικά",
    "“quoted”",
    "<b>markup</b>",
    "**bold**",
)


def build(db) -> int:
    """The workshop, written through the app's own calls, closed; returns its id."""
    rng = random.Random(3)
    team = teams.create_team(db, "Benchmark team")
    workshop, secret = workshops.create_workshop(
        db,
        team_id=team.id,
        quarter="2026-Q4",
        exercise="sscc",
        title="Large offsite",
        settings=workshops.Settings(anonymous=False, dots=5, max_dots_per_card=3),
    )
    people = [participants.join(db, workshop.id, f"Person {n}") for n in range(PEOPLE)]
    columns = ("stop", "start", "continue", "change")
    made = [
        cards.add_card(
            db,
            people[n % PEOPLE].token,
            columns[n % 4],
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 14))),
        )
        for n in range(CARDS)
    ]
    workshops.set_phase(db, workshop.id, secret, "group")
    for first in range(0, 80, 4):
        same = [c.id for c in made[first : first + 16 : 4]]
        groups.merge(db, workshop.id, secret, same, f"Group {first // 4}")
    workshops.set_phase(db, workshop.id, secret, "vote")
    for person in people:
        for card in rng.sample(made[80:], 5):  # the first 80 are grouped
            votes.vote(db, person.token, card_id=card.id)
    workshops.set_phase(db, workshop.id, secret, "discuss")
    for n in range(ACTIONS):
        actions.add_action(
            db,
            workshop.id,
            secret,
            kind="action",
            text=f"Action {n}: {WORDS[n % 16]}",
            owner=f"Person {n % PEOPLE}",
            card_id=made[n * 7].id,
        )
    workshops.set_phase(db, workshop.id, secret, "closed")
    return workshop.id


def timed(make, runs: int) -> dict:
    started = time.perf_counter()
    data = make()
    first = time.perf_counter() - started
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        make()
        times.append(time.perf_counter() - started)
    return {
        "first_s": round(first, 3),
        "median_s": round(statistics.median(times), 3),
        "bytes": len(data),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        db = database.connect(Path(folder) / "bench.db")
        workshop_id = build(db)
        team = teams.by_name(db, "Benchmark team")
        found = [
            {
                "what": f"export {fmt}",
                **timed(lambda f=fmt: exports.export(db, workshop_id, f), runs),
            }
            for fmt in exports.FORMATS
        ]
        found += [
            {
                "what": "team report md",
                **timed(lambda: report.build(db, team).markdown.encode(), runs),
            },
            {
                "what": "team report pdf",
                **timed(lambda: report.to_pdf(report.build(db, team)), runs),
            },
        ]
    print(f"{CARDS} cards, {PEOPLE} people, {ACTIONS} actions; median of {runs} runs")
    print(f"{'what':<18}{'first s':>10}{'median s':>10}{'bytes':>12}")
    for row in found:
        print(f"{row['what']:<18}{row['first_s']:>10}{row['median_s']:>10}{row['bytes']:>12,}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps({"cards": CARDS, "runs": runs, "results": found}, indent=1) + "\n"
    )
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
