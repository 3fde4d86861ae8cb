"""The ``polybius`` command: a thin skin over :mod:`polybius.api` (STYLE rule 1).

Machine formats go to stdout; progress, messages and the summary go to stderr.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import click
from rich.console import Console

from polybius import api
from polybius.coder import make_coder
from polybius.errors import Failure, PolybiusError
from polybius.settings import CONFIG_FILE, load_config
from polybius.sinks.formats import FORMATS, render_table, write_csv, write_jsonl

# A pipe or `make demo` log gets a wide table rather than rich's 80-column default.
_console = Console(width=None if sys.stdout.isatty() else 150)


def _dictionary_options(command: Callable[..., None]) -> Callable[..., None]:
    """--actors / --agents: user dictionaries (PETRARCH/TABARI or our JSONL), repeatable, added to
    those named in the config file (polybius.toml, or --config)."""

    def merge(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
        config = load_config(ctx.meta.get("polybius.config"))
        return (*config.get(param.name or "", []), *value)  # type: ignore[misc]

    paths = click.Path(exists=True, dir_okay=False)
    command = click.option(
        "--agents", multiple=True, type=paths, callback=merge, help="Agent dictionary (role words → codes); repeatable."
    )(command)
    command = click.option(
        "--actors",
        multiple=True,
        type=paths,
        callback=merge,
        help="Actor dictionary (names → codes), overriding built-ins; repeatable.",
    )(command)
    return click.option(
        "--config",
        type=click.Path(exists=True, dir_okay=False),
        is_eager=True,
        expose_value=False,
        help=f"Config file (default ./{CONFIG_FILE} when present).",
        callback=lambda ctx, p, v: ctx.meta.__setitem__("polybius.config", v),
    )(command)


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
@_dictionary_options
def code(
    paths: tuple[str, ...],
    fmt: str,
    date: str | None,
    all_modalities: bool,
    actors: tuple[str, ...],
    agents: tuple[str, ...],
) -> None:
    """Code articles (files, directories, or - for stdin) and print their events."""
    failures = 0
    header = True
    try:
        coder = make_coder(all_modalities=all_modalities, actors=actors, agents=agents)
        for result in api.code(paths, date=date, coder=coder):
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
@_dictionary_options
def ingest(
    paths: tuple[str, ...], db: str, date: str | None, quiet: bool, actors: tuple[str, ...], agents: tuple[str, ...]
) -> None:
    """Code articles and store them with their events in a DuckDB file (idempotent)."""
    try:
        summary = api.ingest(paths, db, date=date, coder=make_coder(actors=actors, agents=agents))
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


@main.command()
@click.argument("gold", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["plover", "petrarch", "csv"]), help="Gold format (guessed).")
@click.option("--report", type=click.Path(dir_okay=False), help="Also write the scores as JSON here.")
@click.option("--errors", type=int, default=0, show_default=True, help="Show the first N mistakes.")
@_dictionary_options
def evaluate(
    gold: str, fmt: str | None, report: str | None, errors: int, actors: tuple[str, ...], agents: tuple[str, ...]
) -> None:
    """Code the sentences of a gold file and score the events against it."""
    from polybius.evaluate import evaluate as run_evaluation
    from polybius.evaluate.report import render

    try:
        scores = run_evaluation(gold, fmt=fmt, errors=errors, coder=make_coder(actors=actors, agents=agents))
    except PolybiusError as error:
        raise click.ClickException(str(error)) from error
    click.echo(render(scores))
    if report:
        Path(report).write_text(json.dumps(scores.to_dict(), indent=2, ensure_ascii=False), encoding="utf-8")
        click.echo(f"report written to {report}", err=True)


@main.command()
@click.option("--sentences", type=int, default=2000, show_default=True, help="Corpus size (at least).")
@click.option("--processes", type=int, default=1, show_default=True, help="Worker processes.")
def bench(sentences: int, processes: int) -> None:
    """Time the coder against a bare spaCy parse of the same corpus."""
    from polybius.bench import bench as run_bench

    result = run_bench(sentences, processes)
    click.echo("\n".join(result.lines()))


if __name__ == "__main__":  # pragma: no cover
    main()
