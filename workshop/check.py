"""``workshop check``: SQLite's own integrity check plus the app's invariants.

Each rule is a query that returns the rows breaking it; a healthy file returns none.
Every stored value is also held against the app's input checks (``rules``). Damaged
pages are a finding like any other; the rules run only on a file whose pages are sound,
because on damaged pages their answers would mean nothing.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from sqlite_utils import Database

from workshop import dbfile, exercises, rules
from workshop.db import rows
from workshop.i18n import t
from workshop.phases import Phase

_EXERCISES = ", ".join(f"'{key}'" for key in exercises.EXERCISES)
_PHASES = ", ".join(f"'{p}'" for p in Phase)
_COLUMNS = " OR ".join(
    f"(w.exercise = '{e.key}' AND c.column_key IN ({', '.join(repr(c.key) for c in e.columns)}))"
    for e in exercises.EXERCISES.values()
)

# (what must hold, query selecting what breaks it, how to describe one broken row)
RULES: list[tuple[str, str, str]] = [
    (
        "every workshop has a known exercise and phase",
        f"""SELECT id, exercise, phase FROM workshops
            WHERE exercise NOT IN ({_EXERCISES}) OR phase NOT IN ({_PHASES})""",
        "workshop {id} has exercise “{exercise}” and phase “{phase}”",
    ),
    (
        "every card sits in a column of its exercise",
        f"""SELECT c.id, c.workshop_id, c.column_key FROM cards c
            JOIN workshops w ON w.id = c.workshop_id WHERE NOT ({_COLUMNS})""",
        "card {id} of workshop {workshop_id} is in an unknown column “{column_key}”",
    ),
    (
        "nobody spends more dots than the workshop gives",
        """SELECT v.workshop_id, v.participant_id, COUNT(*) AS n, w.dots
           FROM votes v JOIN workshops w ON w.id = v.workshop_id
           GROUP BY v.participant_id HAVING n > w.dots""",
        "workshop {workshop_id}: participant {participant_id} holds {n} dots of {dots}",
    ),
    (
        "nobody puts more dots on one card or group than allowed",
        """SELECT v.workshop_id, v.participant_id, COALESCE('group ' || c.group_id,
                  'card ' || c.id) AS item, COUNT(*) AS n, w.max_dots_per_card AS most
           FROM votes v JOIN cards c ON c.id = v.card_id
           JOIN workshops w ON w.id = v.workshop_id
           GROUP BY v.participant_id, item HAVING n > most""",
        "workshop {workshop_id}: participant {participant_id} has {n} dots on {item} "
        "(at most {most})",
    ),
    (
        "every vote is on a card of its own workshop, by one of its participants",
        """SELECT v.id, v.workshop_id FROM votes v
           JOIN cards c ON c.id = v.card_id JOIN participants p ON p.id = v.participant_id
           WHERE c.workshop_id != v.workshop_id OR p.workshop_id != v.workshop_id""",
        "vote {id} crosses from workshop {workshop_id} into another",
    ),
    (
        "a grouped card sits in a group of its own workshop and column",
        """SELECT c.id, c.workshop_id, c.group_id FROM cards c
           JOIN card_groups g ON g.id = c.group_id
           WHERE g.workshop_id != c.workshop_id OR g.column_key != c.column_key""",
        "card {id} of workshop {workshop_id} is in group {group_id} of another "
        "workshop or column",
    ),
    (
        "a card's author belongs to the card's workshop",
        """SELECT c.id, c.workshop_id FROM cards c JOIN participants p
           ON p.id = c.participant_id WHERE p.workshop_id != c.workshop_id""",
        "card {id} of workshop {workshop_id} has an author from another workshop",
    ),
    (
        "no group is empty",
        """SELECT g.id, g.workshop_id FROM card_groups g
           WHERE NOT EXISTS (SELECT 1 FROM cards c WHERE c.group_id = g.id)""",
        "group {id} of workshop {workshop_id} has no cards",
    ),
    (
        "every action's source card or group exists in its workshop",
        """SELECT a.id, a.workshop_id FROM actions a
           LEFT JOIN cards c ON c.id = a.card_id LEFT JOIN card_groups g ON g.id = a.group_id
           WHERE (a.card_id IS NOT NULL AND (c.id IS NULL OR c.workshop_id != a.workshop_id))
              OR (a.group_id IS NOT NULL AND (g.id IS NULL OR g.workshop_id != a.workshop_id))""",
        "action {id} of workshop {workshop_id} points at a card or group that is not there",
    ),
    (
        "every action has an owner",
        "SELECT id, workshop_id FROM actions WHERE kind = 'action' AND TRIM(owner) = ''",
        "action {id} of workshop {workshop_id} has no owner",
    ),
    (
        "a reason tag sits only on a Miss card of a retrospective",
        """SELECT c.id, c.workshop_id FROM cards c JOIN workshops w ON w.id = c.workshop_id
           WHERE c.reason IS NOT NULL AND (w.exercise != 'hml' OR c.column_key != 'misses')""",
        "card {id} of workshop {workshop_id} has a reason but is no Miss",
    ),
    (
        "a retrospective looks back on a campaign of its own team",
        """SELECT w.id, w.campaign_id FROM workshops w JOIN campaigns k ON k.id = w.campaign_id
           WHERE k.team_id != w.team_id""",
        "workshop {id} looks back on campaign {campaign_id} of another team",
    ),
]


def problems(db: Database) -> list[str]:
    """Everything wrong with the file, one readable line each; empty when healthy."""
    damage = _integrity(db.conn)
    if damage:
        return damage
    found = [
        f"Foreign key: {row[0]} row {row[1]} points at a missing {row[2]} row"
        for row in db.execute("PRAGMA foreign_key_check").fetchall()
    ]
    for rule, query, describe in RULES:
        found += [f"{rule}: " + describe.format(**row) for row in rows(db, query)]
    return found + rules.problems(db)


def _integrity(conn: sqlite3.Connection) -> list[str]:
    damage = dbfile.page_damage(conn, thorough=True)
    if not damage:
        return []
    return [f"SQLite integrity: {line}" for line in damage] + [
        t("The app's own rules were not checked: the file's pages are damaged.")
    ]


def check_file(path: str) -> list[str]:
    """Everything wrong with the database file at ``path``, one readable line each.

    A file that is no database at all (missing, empty, cut off, another kind of file,
    not writable) raises :class:`dbfile.FileProblem`; damaged pages are findings.
    """
    if path != ":memory:" and not Path(path).exists():
        raise dbfile.FileProblem(
            t("{path} does not exist. Give the database file with --db (or WORKSHOP_DB).",
              path=path)
        )
    dbfile.diagnose(path)
    try:
        with closing(sqlite3.connect(path, timeout=30)) as conn:
            damage = _integrity(conn)
        if damage:
            return damage
        return problems(dbfile.open_database(path).db)
    except sqlite3.DatabaseError as error:
        raise dbfile.explain(error, path) from None
