"""A team's campaigns and tests: the numbers a Hits / Misses / Learned retrospective sits on.

They belong to the team, not to a quarter, so a test planned in one quarter can be
looked back on in the next.
"""

from __future__ import annotations

from sqlite_utils import Database

from workshop import validate
from workshop.db import one, rows, timestamp, write
from workshop.errors import InvalidInput, NotFound
from workshop.i18n import t
from workshop.models import Campaign
from workshop.teams import create_team, get_team

KINDS = {"campaign": "Campaign", "test": "Test"}
STATUSES = {"draft": "Draft", "planned": "Planned", "running": "Running", "finished": "Finished"}
CHANNEL_MAX = 40
MAX_CHANNELS = 12
GOAL_MAX = 300
METRIC_MAX = 80
UNIT_MAX = 20
BUDGET_MAX = 1e12
PERCENT = "%"  # a rate or share: 0 to 100
FIELDS = (
    *("name", "kind", "status", "channels", "starts_on", "ends_on"),
    *("budget_planned", "budget_spent", "goal", "kpi_metric", "kpi_unit"),
    *("kpi_target", "kpi_actual", "lower_is_better", "hypothesis"),
)


def clean(values: dict) -> dict:
    """The values to store, or InvalidInput naming the first field that is wrong."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise InvalidInput(sorted(unknown)[0], t("Unknown field."))
    v = {field: values.get(field) for field in FIELDS}
    out = {
        "name": validate.text(v["name"], "name", max_len=validate.TITLE_MAX),
        "kind": validate.choice(v["kind"] or "campaign", KINDS, "kind"),
        "status": validate.choice(v["status"] or "planned", STATUSES, "status"),
        "channels": ", ".join(channels(v["channels"])),
        "starts_on": validate.optional_date(v["starts_on"], "start date"),
        "ends_on": validate.optional_date(v["ends_on"], "end date"),
        "goal": validate.optional_text(v["goal"], "goal", max_len=GOAL_MAX),
        "kpi_metric": validate.optional_text(v["kpi_metric"], "KPI metric", max_len=METRIC_MAX),
        "kpi_unit": validate.optional_text(v["kpi_unit"], "KPI unit", max_len=UNIT_MAX),
        "lower_is_better": bool(v["lower_is_better"]),
        "hypothesis": validate.optional_text(
            v["hypothesis"], "hypothesis", max_len=validate.CARD_MAX
        ),
    }
    if out["starts_on"] and out["ends_on"] and out["ends_on"] < out["starts_on"]:
        raise InvalidInput("end date", t("The end date is before the start date."))
    for field, label in (("budget_planned", "budget planned"), ("budget_spent", "budget spent")):
        out[field] = validate.optional_number(v[field], label, low=0, high=BUDGET_MAX)
    share = out["kpi_unit"] == PERCENT
    for field, label in (("kpi_target", "KPI target"), ("kpi_actual", "KPI actual")):
        out[field] = validate.optional_number(
            v[field], label, low=0 if share else None, high=100 if share else None
        )
    return out


def channels(value: object) -> list[str]:
    """A list of channel names from a list or a comma-separated text; duplicates dropped."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple):
        raise InvalidInput("channels", t("Channels must be a list of names."))
    names: list[str] = []
    for raw in value:
        if isinstance(raw, str) and not raw.strip():
            continue
        for part in validate.text(raw, "channel", max_len=CHANNEL_MAX).split(","):
            name = part.strip()
            if name and name.casefold() not in (n.casefold() for n in names):
                names.append(name)
    if len(names) > MAX_CHANNELS:
        raise InvalidInput("channels", t("At most {n} channels.", n=MAX_CHANNELS))
    return names


def create_campaign(
    db: Database, team_id: int | None, values: dict, new_team: str = ""
) -> Campaign:
    """A campaign or test of ``team_id``, or of a new team called ``new_team`` (both
    saved, or neither). A name the team has already is refused: a second click on
    Create makes nothing more."""
    stored = clean(values)
    with write(db):
        team_id = get_team(db, team_id).id if team_id is not None else create_team(db, new_team).id
        if one(
            db,
            "SELECT id FROM campaigns WHERE team_id = ? AND name = ? COLLATE NOCASE",
            [team_id, stored["name"]],
        ):
            raise InvalidInput(
                "name",
                t("This team has a campaign or test called “{name}” already.", name=stored["name"]),
            )
        cursor = db.execute(
            f"""INSERT INTO campaigns (team_id, {", ".join(FIELDS)}, created_at)
                VALUES (?, {", ".join("?" for _ in FIELDS)}, ?)""",
            [team_id, *(stored[f] for f in FIELDS), timestamp()],
        )
    assert cursor.lastrowid is not None  # an INSERT always sets it
    return get_campaign(db, cursor.lastrowid)


def update_campaign(db: Database, campaign_id: int, values: dict) -> Campaign:
    """Change some fields; the others keep their stored values."""
    current = get_campaign(db, campaign_id)
    stored = clean({f: getattr(current, f) for f in FIELDS} | values)
    linked = [
        r["id"] for r in rows(db, "SELECT id FROM workshops WHERE campaign_id = ?", [campaign_id])
    ]
    with write(db, *linked):  # open retrospectives show the new numbers at once
        db.execute(
            f"UPDATE campaigns SET {', '.join(f'{f} = ?' for f in FIELDS)} WHERE id = ?",
            [*(stored[f] for f in FIELDS), campaign_id],
        )
    return get_campaign(db, campaign_id)


def get_campaign(db: Database, campaign_id: int) -> Campaign:
    row = one(db, "SELECT * FROM campaigns WHERE id = ?", [campaign_id])
    if row is None:
        raise NotFound(t("That campaign or test does not exist."))
    return Campaign.from_row(row)


def list_campaigns(db: Database, team_id: int) -> list[Campaign]:
    """A team's campaigns and tests, the most recent first (undated drafts on top)."""
    return [
        Campaign.from_row(r)
        for r in rows(
            db,
            """SELECT * FROM campaigns WHERE team_id = ?
               ORDER BY COALESCE(starts_on, '9999') DESC, id DESC""",
            [team_id],
        )
    ]

