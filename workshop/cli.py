"""The ``workshop`` command: one library call per command, errors as clear messages."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from workshop import backup, check, csv_export, demo, privacy, summary, teams, workshops
from workshop import db as database
from workshop.errors import WorkshopError
from workshop.exercises import EXERCISES
from workshop.phases import BY_KEY


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except WorkshopError as error:
            raise click.ClickException(str(error)) from error


@click.group(cls=_Group)
@click.option(
    "--db",
    "db_path",
    envvar="WORKSHOP_DB",
    default=database.DEFAULT_PATH,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The SQLite file (or set WORKSHOP_DB).",
)
@click.pass_context
def cli(ctx: click.Context, db_path: str) -> None:
    """Quarterly strategy workshops: demo, list, export, check, delete, backup, restore."""
    ctx.obj = db_path


def _open(ctx: click.Context):
    return database.connect(ctx.obj)


@cli.command("demo")
@click.pass_context
def demo_command(ctx: click.Context) -> None:
    """Load the demo team with four quarters of history."""
    loaded = demo.load_demo(_open(ctx))
    click.echo(f"Loaded the demo team: {len(loaded)} workshops into {ctx.obj}")


@cli.command("list")
@click.pass_context
def list_command(ctx: click.Context) -> None:
    """List workshops: id, team, quarter, exercise, phase, title."""
    found = workshops.list_workshops(_open(ctx))
    if not found:
        click.echo("No workshops yet. Load the demo with: workshop demo")
        return
    for w in found:
        click.echo(
            "\t".join(
                [
                    str(w.id),
                    w.team_name,
                    w.quarter,
                    EXERCISES[w.exercise].name,
                    BY_KEY[w.phase].name,
                    w.title,
                ]
            )
        )


@cli.command("export")
@click.argument("workshop_id", type=int)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "csv"]),
    default="md",
    show_default=True,
    help="The export format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write to this file instead of standard output.",
)
@click.pass_context
def export_command(ctx: click.Context, workshop_id: int, fmt: str, output: str | None) -> None:
    """Export a workshop: its summary in Markdown, or its cards, votes and actions as CSV."""
    db = _open(ctx)
    if fmt == "csv":
        data = csv_export.to_csv(db, workshop_id)
    else:
        data = summary.markdown(db, workshop_id).encode("utf-8")
    if output:
        Path(output).write_bytes(data)
        click.echo(f"Wrote {output}", err=True)
    else:
        sys.stdout.buffer.write(data)


@cli.command("check")
@click.pass_context
def check_command(ctx: click.Context) -> None:
    """Check the file: SQLite's integrity check and the app's own rules."""
    found = check.problems(_open(ctx))
    if found:
        click.echo(f"{len(found)} problem(s) in {ctx.obj}:", err=True)
        for problem in found:
            click.echo(f"  - {problem}", err=True)
        ctx.exit(1)
    click.echo(f"{ctx.obj}: no problems found ({len(check.RULES)} rules and SQLite's checks).")


@cli.command("delete-team")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask; NAME is the confirmation.")
@click.pass_context
def delete_team_command(ctx: click.Context, name: str, yes: bool) -> None:
    """Delete a team and every workshop of it, for good."""
    db = _open(ctx)
    team = next((x for x in teams.list_teams(db) if x.name.casefold() == name.casefold()), None)
    if team is None:
        raise click.ClickException(f"No team is called {name!r}.")
    count = len(workshops.list_workshops(db, team.id))
    if not yes:
        click.confirm(f"Delete {team.name!r} with its {count} workshop(s) for good?", abort=True)
    click.echo(privacy.delete_team(db, team.id, name).describe())


@cli.command("facilitator-link")
@click.argument("workshop_id", type=int)
@click.option("--base-url", default="http://localhost:8501", show_default=True)
@click.pass_context
def facilitator_link_command(ctx: click.Context, workshop_id: int, base_url: str) -> None:
    """Issue a new facilitator link for a workshop (the old one stops working)."""
    db = _open(ctx)
    secret = workshops.new_facilitator_secret(db, workshop_id)
    code = workshops.get_workshop(db, workshop_id).code
    click.echo(f"{base_url.rstrip('/')}/board?code={code}&key={secret}")


@cli.command("backup")
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="The JSON file to write."
)
@click.pass_context
def backup_command(ctx: click.Context, output: str) -> None:
    """Back up the whole database as one JSON document with its schema version."""
    data = backup.to_json(_open(ctx))
    Path(output).write_bytes(data)
    click.echo(f"Wrote {output} ({len(data):,} bytes)", err=True)


@cli.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask before replacing what is there.")
@click.pass_context
def restore_command(ctx: click.Context, file: str, yes: bool) -> None:
    """Replace everything in the database with a backup; a bad file changes nothing."""
    db = _open(ctx)
    held = sum(db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in backup.TABLES)
    if held and not yes:
        click.confirm(f"{ctx.obj} holds {held:,} rows. Replace them all with {file}?", abort=True)
    restored = backup.restore(db, Path(file).read_bytes())
    click.echo(f"Restored {sum(restored.values()):,} rows into {ctx.obj}.")
