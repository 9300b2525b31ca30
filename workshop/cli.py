"""The ``workshop`` command: one library call per command, errors as clear messages."""

from __future__ import annotations

import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
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
    formats,
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
from workshop.i18n import N_, t, tn


def _db_after_command(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.obj = value

DEFAULT_BASE_URL = "http://localhost:8501"


@contextmanager
def _help_translated(command: click.Command) -> Iterator[None]:
    """Show ``command``'s English help (marked with ``N_``) in the run's language. Help is
    translated when shown, not when this module is imported, so the language can be
    chosen after the import."""
    english = command.help
    if english:
        command.help = t(english)
    try:
        yield
    finally:
        command.help = english


class _Option(click.Option):
    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        # click's own record, with its notes ("[default: md]") in the run's language.
        if self.hidden:
            return None
        extra = self.get_help_extra(ctx)
        notes = [t("default: {default}", default=extra["default"])] if "default" in extra else []
        notes += [extra["range"]] if "range" in extra else []
        notes += [t("required")] if "required" in extra else []
        said = t(self.help) if self.help else ""
        if notes:
            said = f"{said}  [{'; '.join(notes)}]".strip()
        return self.get_help_spec(ctx), said


class _Formatter(click.HelpFormatter):
    """Click's headings ("Usage:", "Options", "Commands") in the run's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix if prefix is not None else t("Usage:") + " ")

    def section(self, name: str):
        return super().section(t(name))


# The headings click writes, for the catalogue; ``_Formatter.section`` translates them.
_HEADINGS = (N_("Options"), N_("Commands"), N_("Arguments"))


class _Context(click.Context):
    formatter_class = _Formatter


class _Translated(click.Command):
    """A command whose help, click's headings included, is shown in the run's language."""

    context_class = _Context

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = t("Show this message and exit.")
        return option

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _help_translated(self):
            super().format_help_text(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _help_translated(self):
            return super().get_short_help_str(limit)


def _option(*names: str, **settings) -> Callable[[Callable], Callable]:
    return click.option(*names, cls=_Option, **settings)


class _Group(_Translated, click.Group):
    """Every error a person can act on becomes a message and exit status 1."""

    command_class = _Translated

    def main(self, *args, **kwargs):
        # The whole run, --help and click's usage errors included, speaks the server's
        # language.
        with i18n.using(i18n.server_default()):
            return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except WorkshopError as error:
            raise click.ClickException(str(error)) from None
        except sqlite3.Error as error:  # the file broke while a command ran
            path = ctx.obj or database.default_path()
            raise click.ClickException(str(dbfile.explain(error, path))) from None
        except OSError as error:  # a file named on the command line
            reason = error.strerror or error
            raise click.ClickException(
                t("Could not read or write {name}: {reason}.", name=error.filename, reason=reason)
                if error.filename
                else t("Could not read or write a file: {reason}.", reason=reason)
            ) from None

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        # `workshop export 3 --db x.db` works as `workshop --db x.db export 3` does.
        cmd.params.append(
            _Option(
                ["--db"],
                type=click.Path(dir_okay=False),
                expose_value=False,
                callback=_db_after_command,
                help=_DB_HELP,
            )
        )
        super().add_command(cmd, name)


_DB_HELP = N_("The SQLite file (or set WORKSHOP_DB).")


@click.group(
    cls=_Group,
    help=N_("Quarterly strategy workshops from the command line.\n\n"
            "Every command takes --db (or WORKSHOP_DB) and --help."),
)
@_option(
    "--db",
    "db_path",
    envvar="WORKSHOP_DB",
    default=database.DEFAULT_PATH,
    show_default=True,
    type=click.Path(dir_okay=False),
    help=_DB_HELP,
)
@click.pass_context
def cli(ctx: click.Context, db_path: str) -> None:
    ctx.obj = db_path


def _open(ctx: click.Context):
    opened = dbfile.open_database(ctx.obj)
    if opened.copy:
        click.echo(dbfile.upgraded_message(ctx.obj, opened.copy), err=True)
    return opened.db


@contextmanager
def _step(doing: str) -> Iterator[None]:
    """Say on standard error what is being done (a whole sentence ending in "…"), then
    how long it took."""
    click.echo(doing, err=True, nl=False)
    started = time.perf_counter()
    try:
        yield
    except BaseException:
        click.echo(" " + t("Failed."), err=True)
        raise
    seconds = formats.number(time.perf_counter() - started, 1)
    click.echo(" " + t("Done in {seconds} s.", seconds=seconds), err=True)


def _emit(data: bytes, output: str | None) -> None:
    if output:
        Path(output).write_bytes(data)
        size = len(data)
        click.echo(tn("Wrote {file} ({size} byte).", "Wrote {file} ({size} bytes).", size,
                      file=output, size=formats.number(size, 0)), err=True)
    else:
        sys.stdout.buffer.write(data)


_BASE_URL_HELP = N_("The app's address, the start of every link.")
_OUTPUT = _option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help=N_("Write to this file instead of standard output."),
)


@cli.command(
    "demo",
    help=N_("Load the demo team with four quarters of history."),
)
@_option(
    "--language",
    type=click.Choice(sorted(i18n.LANGUAGES)),
    default=None,
    help=N_("The demo team's language (default: WORKSHOP_LANG, else English)."),
)
@click.pass_context
def demo_command(ctx: click.Context, language: str | None) -> None:
    db = _open(ctx)
    with i18n.using(language or i18n.server_default()):
        loaded = demo.load_demo(db)
    click.echo(tn("Loaded the demo team: {count} workshop into {file}",
                  "Loaded the demo team: {count} workshops into {file}", len(loaded),
                  count=formats.number(len(loaded), 0), file=ctx.obj))
    team_id = loaded[0].team_id
    link = _team_link(DEFAULT_BASE_URL, team_id, teams.new_team_key(db, team_id))
    click.echo(t("Open it with its team link: {link}", link=link))


@cli.command(
    "list",
    help=N_("List workshops: id, team, quarter, exercise, phase, title."),
)
@click.pass_context
def list_command(ctx: click.Context) -> None:
    found = workshops.list_workshops(_open(ctx))
    if not found:
        click.echo(t("No workshops yet. Load the demo with: workshop demo"))
        return
    for w in found:
        click.echo(
            "\t".join(
                [
                    str(w.id),
                    w.team_name,
                    w.quarter,
                    t(EXERCISES[w.exercise].name),
                    t(w.phase.label),
                    w.title,
                ]
            )
        )


@cli.command(
    "export",
    help=N_("Export a workshop's summary, or its cards, votes and actions."),
)
@click.argument("workshop_id", type=int)
@_option(
    "--format",
    "fmt",
    type=click.Choice(list(exports.FORMATS)),
    default="md",
    show_default=True,
    help=N_("md: to paste; pdf or html: to print; csv: for Excel; json: everything."),
)
@_OUTPUT
@click.pass_context
def export_command(ctx: click.Context, workshop_id: int, fmt: str, output: str | None) -> None:
    db = _open(ctx)
    workshops.get_workshop(db, workshop_id)
    label = exports.FORMATS[fmt].label
    with _step(t("Exporting workshop {id} as {format}…", id=workshop_id, format=label)):
        data = exports.export(db, workshop_id, fmt)
    _emit(data, output)


@cli.command(
    "report",
    help=N_("A team's report across quarters: follow-through, themes, campaigns, channels."
       "\n\nTEAM is the team's name or id (see `workshop list`)."),
)
@click.argument("team")
@_option("--from", "first", help=N_("First quarter, e.g. 2026-Q1 (default: the first)."))
@_option("--to", "last", help=N_("Last quarter, e.g. 2026-Q4 (default: the last)."))
@_option(
    "--format",
    "fmt",
    type=click.Choice(["md", "pdf"]),
    default="md",
    show_default=True,
    help=N_("md: to paste; pdf: to print."),
)
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
    db = _open(ctx)
    found = teams.find_team(db, team)
    first, last = (q and validate.quarter(q) for q in (first, last))
    with _step(t("Writing the report of {team}…", team=found.name)):
        built = report.build(db, found, first, last)
        data = report.to_pdf(built) if fmt == "pdf" else built.markdown.encode("utf-8")
    _emit(data, output)


@cli.command(
    "new",
    help=N_("Create a workshop; prints its id on the first line, then its two links."),
)
@_option("--team", required=True, help=N_("The team's name (created if new)."))
@_option("--quarter", required=True, help=N_("The quarter, e.g. 2026-Q2."))
@_option(
    "--exercise", type=click.Choice(list(EXERCISES)), required=True, help=N_("The exercise.")
)
@_option("--title", help=N_("The workshop's title (default: the exercise's)."))
@_option("--campaign", help=N_("Hits / Misses: the campaign or test it looks back on "
              "(created if the team has none of that name; default: the title)."))
@_option("--base-url", default=DEFAULT_BASE_URL, show_default=True, help=_BASE_URL_HELP)
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
    created, secret = starting.start_workshop(
        _open(ctx), team=team, quarter=quarter, exercise=exercise, title=title, campaign=campaign
    )
    base = base_url.rstrip("/")
    click.echo(created.id)
    facilitator = f"{base}/board?code={created.code}&key={secret}"
    click.echo(t("Facilitator link (keep it private): {link}", link=facilitator))
    click.echo(t("Participant link: {link}", link=f"{base}/board?code={created.code}"))


@cli.command(
    "import-cards",
    help=N_("Import the cards, votes, groups, authors and actions of other tools' exports."
       "\n\nscrumlr.io (CSV, JSON), Parabol, EasyRetro, RetroQuest, Retrospected (Markdown), "
       "Postfacto (JSON), spreadsheets of sticky notes and this app's own CSV and JSON "
       "exports are recognised; any other CSV needs --text-column. A file is saved all at "
       "once or not at all, and a file imported before adds nothing unless --again."),
)
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@_option("--workshop", "workshop_id", type=int, help=N_("The workshop to import into."))
@_option(
    "--team",
    help=N_("Instead of --workshop: each file becomes a new workshop of this team, its "
    "quarter from the board's date and its exercise from its columns."),
)
@_option(
    "--text-column", help=N_("A CSV file of no known tool: the column that holds the card text.")
)
@_option(
    "--column-column",
    help=N_("A CSV file of no known tool: the column that says which board column a card goes "
    "to. Without it, every card goes to --into."),
)
@_option(
    "--map",
    "mapped",
    multiple=True,
    metavar="VALUE=COLUMN",
    help=N_("Send the file's column (or category) VALUE to COLUMN: a column key, 'actions' or "
    "'skip'. Names like a column (Stop, hits, Went well, …) need no mapping."),
)
@_option("--into", "default", help=N_("The board column when there is no --column-column."))
@_option("--encoding", type=click.Choice(importer.ENCODINGS), help=N_("Override the one found."))
@_option("--again", is_flag=True, help=N_("Import a file this workshop has imported before."))
@_option("--skip-bad-rows", is_flag=True, help=N_("Import the good rows even if some are bad."))
@_option("--dry-run", is_flag=True, help=N_("Show what would be imported; save nothing."))
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
    if (workshop_id is None) == (team is None):
        raise click.UsageError(t("Give either --workshop ID or --team NAME."))
    if workshop_id is not None and len(files) > 1:
        raise click.UsageError(t("One file at a time into a workshop; --team takes several."))
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
            click.echo(t(
                "{file}: {format} → workshop {id} ({quarter}, {exercise}). Cards: {cards}, "
                "groups: {groups}, actions: {actions}.",
                file=file, format=board.format, id=made.workshop.id,
                quarter=made.workshop.quarter, exercise=t(EXERCISES[made.workshop.exercise].name),
                **_counts(made.saved),
            ))
            continue
        assert workshop_id is not None  # either --workshop or --team, checked above
        workshop = importer.check_open(workshops.get_workshop(db, workshop_id))
        preview = importer.plan(board, exercises.get(workshop.exercise), mapping)
        click.echo(f"{file}: {board.format}, {importer.NAMES.get(board.encoding, board.encoding)}",
                   err=True)
        for r in preview.rows if dry_run else preview.bad:
            where = r.column_key or ("skip" if r.skipped else "-")  # as --map names it
            said = t("Row {line}: {column}: {text}", line=r.line, column=where,
                     text=r.problem or r.text)
            click.echo("  " + said, err=True)
        if dry_run:
            click.echo(t(
                "Cards and actions to import: {good}. Rows that cannot be imported: {bad}. "
                "Rows skipped: {skipped}.",
                good=formats.number(len(preview.good), 0), bad=formats.number(len(preview.bad), 0),
                skipped=formats.number(_skipped(preview), 0),
            ))
            return
        saved = importer.save_as_file_owner(
            db, workshop_id, preview,
            fingerprint=importer.fingerprint(data), file_name=Path(file).name, again=again,
            skip_bad=skip_bad_rows,
        )
        click.echo(
            t("Imported into workshop {id}. Cards: {cards}, groups: {groups}, actions: "
              "{actions}. Rows skipped: {skipped}.", id=workshop_id,
              skipped=formats.number(saved.skipped, 0), **_counts(saved))
            if saved.skipped
            else t("Imported into workshop {id}. Cards: {cards}, groups: {groups}, actions: "
                   "{actions}.", id=workshop_id, **_counts(saved))
        )


def _board(found, text_column, column_column, default, mapping):
    """A known tool's board as read; a plain CSV table through the columns given."""
    if isinstance(found, importer.ImportedBoard):
        return found
    if not text_column:
        raise click.ClickException(t(
            "This CSV file is none of the known exports: name the column with the card "
            "text with --text-column. The file's headers: {headers}.",
            headers=", ".join(found.headers),
        ))
    board = importer.from_table(found, text_column, column_column)
    if column_column is None and default:
        mapping.setdefault("", default)
    return board


def _counts(saved) -> dict[str, str]:
    """What an import saved, as numbers for people."""
    return {name: formats.number(getattr(saved, name), 0) for name in ("cards", "groups",
                                                                        "actions")}


def _skipped(preview) -> int:
    return sum(1 for r in preview.rows if r.skipped)


def _mapping(pairs: tuple[str, ...]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for pair in pairs:
        value, sep, key = pair.partition("=")
        if not sep:
            raise click.BadParameter(t("{pair} is not VALUE=COLUMN.", pair=repr(pair)),
                                     param_hint="--map")
        mapping[value.strip()] = key.strip()
    return mapping


@cli.command(
    "check",
    help=N_("Check the file: SQLite's integrity check and the app's own rules."),
)
@click.pass_context
def check_command(ctx: click.Context) -> None:
    found = check.check_file(ctx.obj)
    if found:
        click.echo(tn("{count} problem in {file}:", "{count} problems in {file}:", len(found),
                      count=formats.number(len(found), 0), file=ctx.obj), err=True)
        for problem in found:
            click.echo(f"  - {problem}", err=True)
        ctx.exit(1)
    rules = len(check.RULES)
    click.echo(tn("{file}: no problems found ({count} rule and SQLite's checks).",
                  "{file}: no problems found ({count} rules and SQLite's checks).", rules,
                  file=ctx.obj, count=formats.number(rules, 0)))


@cli.command(
    "delete-team",
    help=N_("Delete a team and every workshop of it, for good."),
)
@click.argument("name")
@_option("--yes", is_flag=True, help=N_("Do not ask; NAME is the confirmation."))
@click.pass_context
def delete_team_command(ctx: click.Context, name: str, yes: bool) -> None:
    db = _open(ctx)
    team = teams.by_name(db, name)
    count = len(workshops.list_workshops(db, team.id))
    if not yes:
        click.confirm(tn("Delete the team \"{team}\" and its {count} workshop for good?",
                         "Delete the team \"{team}\" and its {count} workshops for good?", count,
                         team=team.name, count=formats.number(count, 0)), abort=True)
    click.echo(privacy.delete_team(db, team.id, name).describe())


@cli.command(
    "facilitator-link",
    help=N_("Issue a new facilitator link for a workshop (the old one stops working)."),
)
@click.argument("workshop_id", type=int)
@_option("--base-url", default=DEFAULT_BASE_URL, show_default=True, help=_BASE_URL_HELP)
@click.pass_context
def facilitator_link_command(ctx: click.Context, workshop_id: int, base_url: str) -> None:
    db = _open(ctx)
    secret = workshops.new_facilitator_secret(db, workshop_id)
    code = workshops.get_workshop(db, workshop_id).code
    click.echo(f"{base_url.rstrip('/')}/board?code={code}&key={secret}")


@cli.command(
    "team-link",
    help=N_("Issue a new link to a team's pages (the old one stops working)."),
)
@click.argument("team")
@_option("--base-url", default=DEFAULT_BASE_URL, show_default=True, help=_BASE_URL_HELP)
@click.pass_context
def team_link_command(ctx: click.Context, team: str, base_url: str) -> None:
    db = _open(ctx)
    found = teams.find_team(db, team)
    click.echo(_team_link(base_url, found.id, teams.new_team_key(db, found.id)))


def _team_link(base_url: str, team_id: int, key: str) -> str:
    return f"{base_url.rstrip('/')}/team?{urlencode({'team': team_id, 'access': key})}"


@cli.command(
    "backup",
    help=N_("Back up the whole database as one JSON document with its schema version."),
)
@_option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help=N_("The JSON file to write."),
)
@click.pass_context
def backup_command(ctx: click.Context, output: str) -> None:
    with _step(t("Backing up {file}…", file=ctx.obj)):
        data = backup.to_json(_open(ctx))
    _emit(data, output)


@cli.command(
    "restore",
    help=N_("Replace everything in the database with a backup; a bad file changes nothing."
       "\n\nFILE is a backup made by `workshop backup` (from this or any earlier "
       "version), or a copy of the database file, such as one kept before an upgrade."),
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@_option("--yes", is_flag=True, help=N_("Do not ask before replacing what is there."))
@click.pass_context
def restore_command(ctx: click.Context, file: str, yes: bool) -> None:
    db = _open(ctx)
    held = sum(db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in backup.TABLES)
    if held and not yes:
        click.confirm(tn("{file} holds {count} row. Replace it with {backup}?",
                         "{file} holds {count} rows. Replace them all with {backup}?", held,
                         file=ctx.obj, count=formats.number(held, 0), backup=file), abort=True)
    with _step(t("Checking and restoring {file}…", file=file)):
        restored = backup.restore_file(db, file)
    rows = sum(restored.values())
    click.echo(tn("Restored {count} row into {file}.", "Restored {count} rows into {file}.", rows,
                  count=formats.number(rows, 0), file=ctx.obj))
