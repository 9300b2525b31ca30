"""Teams last across quarters; every workshop belongs to one.

A team's pages (history, comparison, campaigns, channels, report) open only with a key
this browser holds: the team's own key, from its team link, or the facilitator key of
one of its workshops. Only SHA-256 hashes of keys are stored.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

from workshop import codes, validate
from workshop.db import one, rows, timestamp, write
from workshop.errors import InvalidInput, NotAllowed, NotFound
from workshop.i18n import t
from workshop.models import Team


def create_team(db: Database, name: str) -> Team:
    clean = validate.text(name, "team name", max_len=validate.TEAM_MAX)
    with write(db):
        if one(db, "SELECT id FROM teams WHERE name = ?", [clean]):
            raise InvalidInput(
                "team name",
                t("A team called “{name}” exists already: pick it from the list.", name=clean),
            )
        cursor = db.execute(
            "INSERT INTO teams (name, created_at) VALUES (?, ?)",
            [clean, timestamp()],
        )
    assert cursor.lastrowid is not None  # an INSERT always sets it
    return Team(id=cursor.lastrowid, name=clean)


def list_teams(db: Database) -> list[Team]:
    return [Team.from_row(r) for r in rows(db, "SELECT id, name FROM teams ORDER BY name")]


def by_name(db: Database, name: str) -> Team:
    """The team called ``name``, in any case."""
    for team in list_teams(db):
        if team.name.casefold() == name.strip().casefold():
            return team
    raise NotFound(t("No team is called {name}.", name=repr(name)))


def find_team(db: Database, name_or_id: str) -> Team:
    """A team by its name (any case) or, failing that, its id."""
    try:
        return by_name(db, name_or_id)
    except NotFound:
        if name_or_id.strip().isdigit():
            return get_team(db, int(name_or_id))
        raise


def get_team(db: Database, team_id: int) -> Team:
    row = one(db, "SELECT id, name FROM teams WHERE id = ?", [team_id])
    if row is None:
        raise NotFound(t("That team does not exist."))
    return Team.from_row(row)


def new_team_key(db: Database, team_id: int) -> str:
    """A new key for the team's link (shown once); the team's earlier link stops working."""
    get_team(db, team_id)
    key = codes.new_secret()
    with write(db):
        db.execute(
            "UPDATE teams SET secret_hash = ? WHERE id = ?", [codes.hash_secret(key), team_id]
        )
    return key


def replace_team_key(db: Database, team_id: int, keys: Iterable[str]) -> str:
    """A new team link's key for someone who opens the team already (a team from before
    team links, or a lost link); the earlier link stops working."""
    authorise(db, team_id, keys)
    return new_team_key(db, team_id)


def opened_by(db: Database, keys: Iterable[str]) -> list[Team]:
    """The teams ``keys`` open: a team's own key, or the facilitator key of one of its
    workshops. Keys are random and long, so looking up their hashes is as safe as
    comparing them one by one."""
    hashes = sorted({codes.hash_secret(key) for key in keys if key})
    if not hashes:
        return []
    marks = ", ".join("?" for _ in hashes)
    found = rows(
        db,
        f"""SELECT id, name FROM teams WHERE secret_hash IN ({marks})
                OR id IN (SELECT team_id FROM workshops WHERE secret_hash IN ({marks}))
            ORDER BY name""",
        [*hashes, *hashes],
    )
    return [Team.from_row(r) for r in found]


def authorise(db: Database, team_id: int, keys: Iterable[str]) -> Team:
    """The team, if one of ``keys`` opens it; NotAllowed otherwise."""
    team = get_team(db, team_id)
    if team not in opened_by(db, keys):
        raise NotAllowed(
            t("This team's pages open with the team's link or a facilitator link of one of "
              "its workshops.")
        )
    return team
