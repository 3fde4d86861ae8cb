"""The ``polybius`` command: a thin skin over :mod:`polybius.api` (STYLE rule 1).

Machine formats go to stdout; progress, messages and the summary go to stderr.
"""

from __future__ import annotations

import sys

import click
from rich.console import Console

from polybius import api
from polybius.errors import Failure, PolybiusError
from polybius.sinks.formats import FORMATS, render_table, write_csv, write_jsonl

# A pipe or `make demo` log gets a wide table rather than rich's 80-column default.
_console = Console(width=None if sys.stdout.isatty() else 150)


@click.group()
@click.version_option(package_name="polybius")
def main() -> None:
    """polybius: news text in, political events out (CAMEO and PLOVER)."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="table for people; jsonl (the record contract) or csv for pipes.",
)
@click.option("--date", help="Publication date YYYY-MM-DD for inputs that do not state one.")
@click.option("--all-modalities", is_flag=True, help="Also show negated and hypothetical events.")
def code(paths: tuple[str, ...], fmt: str, date: str | None, all_modalities: bool) -> None:
    """Code articles (files, directories, or - for stdin) and print their events."""
    failures = 0
    header = True
    try:
        for result in api.code(paths, date=date, all_modalities=all_modalities):
            if isinstance(result, Failure):
                failures += 1
                click.echo(f"error {result.message}", err=True)
                continue
            document, records = result
            if fmt == "jsonl":
                write_jsonl(records, sys.stdout)
            elif fmt == "csv":
                write_csv(records, sys.stdout, header=header)
                header = False
            else:
                title = f"{document.title or document.path or document.id} ({document.date or 'undated'})"
                render_table(records, _console, title=title)
    except PolybiusError as error:
        raise click.ClickException(str(error)) from error
    if failures:
        click.echo(f"{failures} item(s) failed", err=True)
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="DuckDB file to write.")
@click.option("--date", help="Publication date YYYY-MM-DD for inputs that do not state one.")
@click.option("--quiet", is_flag=True, help="No summary on stderr.")
def ingest(paths: tuple[str, ...], db: str, date: str | None, quiet: bool) -> None:
    """Code articles and store them with their events in a DuckDB file (idempotent)."""
    try:
        summary = api.ingest(paths, db, date=date)
    except PolybiusError as error:
        raise click.ClickException(str(error)) from error
    for failure in summary.failures:
        click.echo(f"error {failure.message}", err=True)
    if not quiet:
        click.echo(
            f"articles read {summary.read}, coded {summary.coded}, skipped (already stored) "
            f"{summary.skipped}, failed {summary.failed}; events written {summary.events}\n"
            f"store: {summary.db}",
            err=True,
        )
    if summary.failed:
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
