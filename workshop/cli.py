"""The ``workshop`` command: one library call per command, errors as clear messages."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import click

from workshop import (
    backup,
    check,
    demo,
    exercises,
    exports,
    importer,
    privacy,
    report,
    teams,
    validate,
    workshops,
)
from workshop import db as database
from workshop.errors import WorkshopError
from workshop.exercises import EXERCISES
from workshop.phases import BY_KEY

DEFAULT_BASE_URL = "http://localhost:8501"


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
    """Quarterly strategy workshops from the command line.

    Every command takes --db (or WORKSHOP_DB) and --help.
    """
    ctx.obj = db_path


def _open(ctx: click.Context):
    return database.connect(ctx.obj)


@contextmanager
def _step(what: str) -> Iterator[None]:
    """Say on standard error what is being done, then how long it took."""
    click.echo(f"{what}…", err=True, nl=False)
    started = time.perf_counter()
    try:
        yield
    except BaseException:
        click.echo(" failed", err=True)
        raise
    click.echo(f" done in {time.perf_counter() - started:.1f} s", err=True)


def _emit(data: bytes, output: str | None) -> None:
    if output:
        Path(output).write_bytes(data)
        click.echo(f"Wrote {output} ({len(data):,} bytes)", err=True)
    else:
        sys.stdout.buffer.write(data)


_OUTPUT = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write to this file instead of standard output.",
)


@cli.command("demo")
@click.pass_context
def demo_command(ctx: click.Context) -> None:
    """Load the demo team with four quarters of history."""
    db = _open(ctx)
    loaded = demo.load_demo(db)
    click.echo(f"Loaded the demo team: {len(loaded)} workshops into {ctx.obj}")
    team_id = loaded[0].team_id
    link = _team_link(DEFAULT_BASE_URL, team_id, teams.new_team_key(db, team_id))
    click.echo(f"Open it with its team link: {link}")


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
    type=click.Choice(list(exports.FORMATS)),
    default="md",
    show_default=True,
    help="md: to paste; pdf or html: to print; csv: for Excel; json: everything.",
)
@_OUTPUT
@click.pass_context
def export_command(ctx: click.Context, workshop_id: int, fmt: str, output: str | None) -> None:
    """Export a workshop's summary, or its cards, votes and actions."""
    db = _open(ctx)
    workshops.get_workshop(db, workshop_id)
    with _step(f"Exporting workshop {workshop_id} as {exports.FORMATS[fmt].label}"):
        data = exports.export(db, workshop_id, fmt)
    _emit(data, output)


@cli.command("report")
@click.argument("team")
@click.option("--from", "first", help="First quarter, e.g. 2026-Q1 (default: the first).")
@click.option("--to", "last", help="Last quarter, e.g. 2026-Q4 (default: the last).")
@click.option("--format", "fmt", type=click.Choice(["md", "pdf"]), default="md", show_default=True)
@_OUTPUT
@click.pass_context
def report_command(
    ctx: click.Context,
    team: str,
    first: str | None,
    last: str | None,
    fmt: str,
    output: str | None,
) -> None:
    """A team's report across quarters: follow-through, themes, campaigns, channels.

    TEAM is the team's name or id (see `workshop list`).
    """
    db = _open(ctx)
    found = teams.find_team(db, team)
    first, last = (q and validate.quarter(q) for q in (first, last))
    with _step(f"Writing the report of {found.name}"):
        built = report.build(db, found, first, last)
        data = report.to_pdf(built) if fmt == "pdf" else built.markdown.encode("utf-8")
    _emit(data, output)


@cli.command("import-cards")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--workshop", "workshop_id", type=int, required=True, help="The workshop's id.")
@click.option("--text-column", required=True, help="The CSV column that holds the card text.")
@click.option(
    "--column-column",
    help="The CSV column that says which board column a card goes to. Without it, "
    "every card goes to --into.",
)
@click.option(
    "--map",
    "mapped",
    multiple=True,
    metavar="VALUE=COLUMN",
    help="Send cards whose category is VALUE to COLUMN (a column key, or 'skip'). "
    "Values named like a column (Stop, hits, …) need no mapping.",
)
@click.option("--into", "default", help="The board column when there is no --column-column.")
@click.option("--skip-bad-rows", is_flag=True, help="Import the good rows even if some are bad.")
@click.option("--dry-run", is_flag=True, help="Show what would be imported; save nothing.")
@click.pass_context
def import_cards_command(
    ctx: click.Context,
    file: str,
    workshop_id: int,
    text_column: str,
    column_column: str | None,
    mapped: tuple[str, ...],
    default: str | None,
    skip_bad_rows: bool,
    dry_run: bool,
) -> None:
    """Import cards from another tool's CSV export into a workshop.

    Nothing is saved when a row is bad (unless --skip-bad-rows), and the rows
    are saved all at once or not at all.
    """
    db = _open(ctx)
    workshop = importer.check_open(workshops.get_workshop(db, workshop_id))
    table = importer.read_csv(Path(file).read_bytes())
    rows = importer.plan(
        table,
        exercises.get(workshop.exercise),
        text_column,
        column_column,
        _mapping(mapped),
        default,
    )
    bad = [r for r in rows if r.problem]
    for r in rows if dry_run else bad:
        click.echo(f"  row {r.line}: {r.column_key or '-'}: {r.problem or r.text}", err=True)
    if dry_run:
        click.echo(f"{len(rows) - len(bad)} card(s) would be imported, {len(bad)} row(s) not.")
        return
    if bad and not skip_bad_rows:
        raise click.ClickException(
            f"{len(bad)} of {len(rows)} row(s) cannot be imported (listed above); nothing "
            "was saved. Fix the file, map the values, or pass --skip-bad-rows."
        )
    saved = importer.save(db, workshop, rows)
    click.echo(
        f"Imported {saved} card(s) into workshop {workshop_id}"
        + (f"; skipped {len(bad)} row(s)." if bad else ".")
    )


def _mapping(pairs: tuple[str, ...]) -> dict[str, str | None]:
    mapping: dict[str, str | None] = {}
    for pair in pairs:
        value, sep, key = pair.partition("=")
        if not sep:
            raise click.BadParameter(f"{pair!r} is not VALUE=COLUMN.", param_hint="--map")
        mapping[value.strip()] = None if key.strip() == "skip" else key.strip()
    return mapping


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
    team = teams.by_name(db, name)
    count = len(workshops.list_workshops(db, team.id))
    if not yes:
        click.confirm(f"Delete {team.name!r} with its {count} workshop(s) for good?", abort=True)
    click.echo(privacy.delete_team(db, team.id, name).describe())


@cli.command("facilitator-link")
@click.argument("workshop_id", type=int)
@click.option("--base-url", default=DEFAULT_BASE_URL, show_default=True)
@click.pass_context
def facilitator_link_command(ctx: click.Context, workshop_id: int, base_url: str) -> None:
    """Issue a new facilitator link for a workshop (the old one stops working)."""
    db = _open(ctx)
    secret = workshops.new_facilitator_secret(db, workshop_id)
    code = workshops.get_workshop(db, workshop_id).code
    click.echo(f"{base_url.rstrip('/')}/board?code={code}&key={secret}")


@cli.command("team-link")
@click.argument("team")
@click.option("--base-url", default=DEFAULT_BASE_URL, show_default=True)
@click.pass_context
def team_link_command(ctx: click.Context, team: str, base_url: str) -> None:
    """Issue a new link to a team's pages (the old one stops working)."""
    db = _open(ctx)
    found = teams.find_team(db, team)
    click.echo(_team_link(base_url, found.id, teams.new_team_key(db, found.id)))


def _team_link(base_url: str, team_id: int, key: str) -> str:
    return f"{base_url.rstrip('/')}/team?{urlencode({'team': team_id, 'access': key})}"


@cli.command("backup")
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="The JSON file to write."
)
@click.pass_context
def backup_command(ctx: click.Context, output: str) -> None:
    """Back up the whole database as one JSON document with its schema version."""
    with _step(f"Backing up {ctx.obj}"):
        data = backup.to_json(_open(ctx))
    _emit(data, output)


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
    with _step(f"Checking and restoring {file}"):
        restored = backup.restore(db, Path(file).read_bytes())
    click.echo(f"Restored {sum(restored.values()):,} rows into {ctx.obj}.")
