"""A workshop started from a team's name alone, as the command line and an imported
board do: the team is created if new, and a Hits / Misses workshop gets the campaign
it looks back on (found by name, or created, finished, as its retrospective implies)."""

from __future__ import annotations

from sqlite_utils import Database

from workshop import campaigns, exercises, teams, validate, workshops
from workshop.errors import NotFound
from workshop.models import Team, Workshop


def team_named(db: Database, name: str) -> Team:
    try:
        return teams.by_name(db, name)
    except NotFound:
        return teams.create_team(db, name)


def start_workshop(
    db: Database,
    *,
    team: str,
    quarter: str,
    exercise: str,
    title: str | None = None,
    campaign: str | None = None,
    held_on: str | None = None,
    anonymous: bool = True,
    secret: str | None = None,
) -> tuple[Workshop, str]:
    """The new workshop and its facilitator secret (shown once, never stored); a
    ``secret`` given is the key of the facilitator whose work starts it."""
    chosen = exercises.get(exercise)
    quarter = validate.quarter(quarter)  # before the team is made: a typo leaves nothing
    found = team_named(db, team)
    name = title or chosen.default_title
    campaign_id = None
    if chosen.needs_campaign:
        wanted = campaign or name
        same = [c for c in campaigns.list_campaigns(db, found.id) if c.name == wanted]
        campaign_id = (
            same[0].id
            if same
            else campaigns.create_campaign(
                db, found.id, {"name": wanted, "status": "finished", "ends_on": held_on}
            ).id
        )
    return workshops.create_workshop(
        db,
        team_id=found.id,
        quarter=quarter,
        exercise=chosen.key,
        title=name,
        held_on=held_on,
        settings=workshops.Settings(anonymous=anonymous),
        campaign_id=campaign_id,
        secret=secret,
    )
