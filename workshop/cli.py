"""The ``workshop`` command: one library call per command, errors as clear messages."""

from __future__ import annotations

import sqlite3
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
    dbfile,
    demo,
    exercises,
    exports,
    i18n,
    importer,
    importers,
    privacy,
    report,
    starting,
    teams,
    validate,
    workshops,
)
from workshop import db as database
from workshop.errors import WorkshopError
from workshop.exercises import EXERCISES
from workshop.files import read_at_most
from workshop.i18n import t


def _db_after_command(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.obj = value

DEFAULT_BASE_URL = "http://localhost:8501"


class _Group(click.Group):
    """Every error a person can act on becomes a message and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except WorkshopError as error:
            raise click.ClickException(str(error)) from None
        except sqlite3.Error as error:  # the file broke while a command ran
            path = ctx.obj or database.default_path()
            raise click.ClickException(str(dbfile.explain(error, path))) from None
        except OSError as error:  # a file named on the command line
            raise click.ClickException(
                t("Could not read or write {name}: {reason}.",
                  name=error.filename or "a file", reason=error.strerror or error)
            ) from None

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        # `workshop export 3 --db x.db` works as `workshop --db x.db export 3` does.
        cmd.params.append(
            click.Option(
                ["--db"],
                type=click.Path(dir_okay=False),
                expose_value=False,
                callback=_db_after_command,
                help="The SQLite file (or set WORKSHOP_DB).",
            )
        )
        super().add_command(cmd, name)


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
    opened = dbfile.open_database(ctx.obj)
    if opened.copy:
        click.echo(dbfile.upgraded_message(ctx.obj, opened.copy), err=True)
    return opened.db


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
@click.option(
    "--language",
    type=click.Choice(sorted(i18n.LANGUAGES)),
    default=None,
    help="The demo team's language (default: WORKSHOP_LANG, else English).",
)
@click.pass_context
def demo_command(ctx: click.Context, language: str | None) -> None:
    """Load the demo team with four quarters of history."""
    db = _open(ctx)
    with i18n.using(language or i18n.server_default()):
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
                    w.phase.label,
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


@cli.command("new")
@click.option("--team", required=True, help="The team's name (created if new).")
@click.option("--quarter", required=True, help="The quarter, e.g. 2026-Q2.")
@click.option(
    "--exercise", type=click.Choice(list(EXERCISES)), required=True, help="The exercise."
)
@click.option("--title", help="The workshop's title (default: the exercise's).")
@click.option("--campaign", help="Hits / Misses: the campaign or test it looks back on "
              "(created if the team has none of that name; default: the title).")
@click.option("--base-url", default="http://localhost:8501", show_default=True)
@click.pass_context
def new_command(
    ctx: click.Context,
    team: str,
    quarter: str,
    exercise: str,
    title: str | None,
    campaign: str | None,
    base_url: str,
) -> None:
    """Create a workshop; prints its id on the first line, then its two links."""
    created, secret = starting.start_workshop(
        _open(ctx), team=team, quarter=quarter, exercise=exercise, title=title, campaign=campaign
    )
    base = base_url.rstrip("/")
    click.echo(created.id)
    click.echo(f"Facilitator link (keep it private): {base}/board?code={created.code}&key={secret}")
    click.echo(f"Participant link: {base}/board?code={created.code}")


@cli.command("import-cards")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--workshop", "workshop_id", type=int, help="The workshop to import into.")
@click.option(
    "--team",
    help="Instead of --workshop: each file becomes a new workshop of this team, its "
    "quarter from the board's date and its exercise from its columns.",
)
@click.option(
    "--text-column", help="A CSV file of no known tool: the column that holds the card text."
)
@click.option(
    "--column-column",
    help="A CSV file of no known tool: the column that says which board column a card goes "
    "to. Without it, every card goes to --into.",
)
@click.option(
    "--map",
    "mapped",
    multiple=True,
    metavar="VALUE=COLUMN",
    help="Send the file's column (or category) VALUE to COLUMN: a column key, 'actions' or "
    "'skip'. Names like a column (Stop, hits, Went well, …) need no mapping.",
)
@click.option("--into", "default", help="The board column when there is no --column-column.")
@click.option("--encoding", type=click.Choice(importer.ENCODINGS), help="Override the one found.")
@click.option("--again", is_flag=True, help="Import a file this workshop has imported before.")
@click.option("--skip-bad-rows", is_flag=True, help="Import the good rows even if some are bad.")
@click.option("--dry-run", is_flag=True, help="Show what would be imported; save nothing.")
@click.pass_context
def import_cards_command(
    ctx: click.Context,
    files: tuple[str, ...],
    workshop_id: int | None,
    team: str | None,
    text_column: str | None,
    column_column: str | None,
    mapped: tuple[str, ...],
    default: str | None,
    encoding: str | None,
    again: bool,
    skip_bad_rows: bool,
    dry_run: bool,
) -> None:
    """Import the cards, votes, groups, authors and actions of other tools' exports.

    scrumlr.io (CSV, JSON), Parabol, EasyRetro, RetroQuest, Retrospected (Markdown),
    Postfacto (JSON), spreadsheets of sticky notes and this app's own CSV and JSON
    exports are recognised; any other CSV needs --text-column. A file is saved all at
    once or not at all, and a file imported before adds nothing unless --again.
    """
    if (workshop_id is None) == (team is None):
        raise click.UsageError("Give either --workshop ID or --team NAME.")
    if workshop_id is not None and len(files) > 1:
        raise click.UsageError("One file at a time into a workshop; --team takes several.")
    db = _open(ctx)
    mapping = _mapping(mapped)
    for file in files:
        data = read_at_most(file, importers.MAX_BYTES)  # a device or huge file: a message
        board = _board(importer.read(data, Path(file).name, encoding), text_column,
                       column_column, default, mapping)
        if team is not None:
            made = importer.new_workshop(
                db, board, team=team, data=data, file_name=Path(file).name, mapping=mapping
            )
            click.echo(
                f"{file}: {board.format} → workshop {made.workshop.id} ({made.workshop.quarter}, "
                f"{EXERCISES[made.workshop.exercise].name}): {made.saved.cards} card(s), "
                f"{made.saved.groups} group(s), {made.saved.actions} action(s)."
            )
            continue
        assert workshop_id is not None  # either --workshop or --team, checked above
        workshop = importer.check_open(workshops.get_workshop(db, workshop_id))
        preview = importer.plan(board, exercises.get(workshop.exercise), mapping)
        click.echo(f"{file}: {board.format}, {importer.NAMES.get(board.encoding, board.encoding)}",
                   err=True)
        for r in preview.rows if dry_run else preview.bad:
            where = r.column_key or ("skip" if r.skipped else "-")
            click.echo(f"  row {r.line}: {where}: {r.problem or r.text}", err=True)
        if dry_run:
            click.echo(
                f"{len(preview.good)} card(s) and action(s) would be imported, "
                f"{len(preview.bad)} row(s) cannot be, {_skipped(preview)} skipped."
            )
            return
        saved = importer.save_as_file_owner(
            db, workshop_id, preview,
            fingerprint=importer.fingerprint(data), file_name=Path(file).name, again=again,
            skip_bad=skip_bad_rows,
        )
        click.echo(
            f"Imported {saved.cards} card(s), {saved.groups} group(s) and {saved.actions} "
            f"action(s) into workshop {workshop_id}"
            + (f"; skipped {saved.skipped} row(s)." if saved.skipped else ".")
        )


def _board(found, text_column, column_column, default, mapping):
    """A known tool's board as read; a plain CSV table through the columns given."""
    if isinstance(found, importer.ImportedBoard):
        return found
    if not text_column:
        raise click.ClickException(
            "This CSV file is none of the known exports: name the column with the card "
            f"text with --text-column. The file's headers: {', '.join(found.headers)}."
        )
    board = importer.from_table(found, text_column, column_column)
    if column_column is None and default:
        mapping.setdefault("", default)
    return board


def _skipped(preview) -> int:
    return sum(1 for r in preview.rows if r.skipped)


def _mapping(pairs: tuple[str, ...]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for pair in pairs:
        value, sep, key = pair.partition("=")
        if not sep:
            raise click.BadParameter(f"{pair!r} is not VALUE=COLUMN.", param_hint="--map")
        mapping[value.strip()] = key.strip()
    return mapping


@cli.command("check")
@click.pass_context
def check_command(ctx: click.Context) -> None:
    """Check the file: SQLite's integrity check and the app's own rules."""
    found = check.check_file(ctx.obj)
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
    """Replace everything in the database with a backup; a bad file changes nothing.

    FILE is a backup made by `workshop backup` (from this or any earlier version), or a
    copy of the database file, such as one kept before an upgrade.
    """
    db = _open(ctx)
    held = sum(db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in backup.TABLES)
    if held and not yes:
        click.confirm(f"{ctx.obj} holds {held:,} rows. Replace them all with {file}?", abort=True)
    with _step(f"Checking and restoring {file}"):
        restored = backup.restore_file(db, file)
    click.echo(f"Restored {sum(restored.values()):,} rows into {ctx.obj}.")
