"""Teams last across quarters; every workshop belongs to one."""

from __future__ import annotations

from sqlite_utils import Database

from workshop import validate
from workshop.db import one, rows, timestamp, write
from workshop.errors import InvalidInput, NotFound
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
