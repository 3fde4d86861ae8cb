"""The ``polybius`` command: a thin skin over :mod:`polybius.api` (STYLE rule 1).

Machine formats go to stdout; progress, messages and the summary go to stderr.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import click

from polybius import api
from polybius.coder import make_coder
from polybius.errors import Failure, PolybiusError, StoreNotFound
from polybius.pipeline import Parts
from polybius.registry import names
from polybius.runners import ENGINES
from polybius.settings import CONFIG_FILE, INGEST_BATCH_SIZE, WEB_HOST, WEB_PORT, load_config
from polybius.sinks.formats import FORMATS, open_sink, places_to_string

# A parameter as library messages name it: ``workers=``, or with its value, ``engine='dask'``.
_PARAMETER = re.compile(r"\b([a-z_]+)=(?:'([^']*)')?")


def _failure(error: Exception) -> click.ClickException:
    """A library error as the command's message, in its words: the API's ``engine='dask'`` is
    ``--engine dask`` here (options are named after the parameters they pass, STYLE rule 1)."""
    context = click.get_current_context(silent=True)
    params = context.command.params if context is not None else []
    flags = {p.name: next((o for o in p.opts if o.startswith("--")), None) for p in params}

    def as_flag(match: re.Match[str]) -> str:
        flag = flags.get(match[1])
        if flag is None:
            return match[0]
        return f"{flag} {match[2]}" if match[2] is not None else flag

    return click.ClickException(_PARAMETER.sub(as_flag, str(error)))


def _dictionary_options(command: Callable[..., None]) -> Callable[..., None]:
    """--actors / --agents: user dictionaries (PETRARCH/TABARI or our JSONL), repeatable, added to
    those named in the config file (polybius.toml, or --config), which also chooses the parts."""
    paths = click.Path(exists=True, dir_okay=False)
    command = click.option(
        "--agents", multiple=True, type=paths, help="Agent dictionary (role words → codes); repeatable."
    )(command)
    command = click.option(
        "--actors", multiple=True, type=paths, help="Actor dictionary (names → codes) over built-ins; repeatable."
    )(command)
    return click.option(
        "--config",
        type=click.Path(exists=True, dir_okay=False),
        is_eager=True,
        expose_value=False,
        help=f"Config file (default ./{CONFIG_FILE} when present).",
        callback=lambda ctx, p, v: ctx.meta.__setitem__("polybius.config", v),
    )(command)


def _known_sink(name: str) -> str:
    """A short format name or a registered sink's, checked when the command runs (after plugins load)."""
    known = [*FORMATS, *names("sinks")]
    if name not in known:
        raise click.BadParameter(f"{name!r} is not one of {', '.join(known)}", param_hint="'--format'")
    return name


def _parts(actors: tuple[str, ...], agents: tuple[str, ...]) -> Parts:
    """The parts and dictionaries of the config file, with those given on the command line."""
    config = load_config(click.get_current_context().meta.get("polybius.config"))
    return Parts.from_config(config).with_dictionaries(actors, agents)


@click.group()
@click.version_option(package_name="polybius")
def main() -> None:
    """polybius: news text in, political events out (CAMEO and PLOVER)."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    callback=lambda ctx, param, value: _known_sink(value),
    default="table",
    show_default=True,
    help="table for people; jsonl (the record contract) or csv for pipes; or a registered sink's name.",
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
    try:
        coder = make_coder(all_modalities=all_modalities, parts=_parts(actors, agents))
        # A pipe or `make demo` log gets a wide table rather than rich's 80-column default.
        wide = {"width": None if sys.stdout.isatty() else 150} if fmt in ("table", FORMATS["table"]) else {}
        write = open_sink(fmt, sys.stdout, **wide)
        for result in api.code(paths, date=date, coder=coder):
            if isinstance(result, Failure):
                failures += 1
                click.echo(f"error {result.message}", err=True)
                continue
            write(*result)
    except PolybiusError as error:
        raise _failure(error) from error
    if failures:
        click.echo(f"{failures} item(s) failed", err=True)
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(list(FORMATS)), default="table", show_default=True, help="Output format."
)
@click.option("--date", help="Publication date YYYY-MM-DD for inputs that do not state one.")
@click.option(
    "--adjectival/--no-adjectival", default=True, show_default=True,
    help='Report nationality adjectives ("Turkish troops") as mentions of their country.',
)  # fmt: skip
def places(paths: tuple[str, ...], fmt: str, date: str | None, adjectival: bool) -> None:
    """Geoparse articles: every place mention, its role and its place (files, directories, or -)."""
    failures = 0
    header = True
    try:
        for result in api.places(paths, date=date, adjectival=adjectival):
            if isinstance(result, Failure):
                failures += 1
                click.echo(f"error {result.message}", err=True)
                continue
            document, mentions = result
            rows = [m.to_dict(document.id) for m in mentions]
            click.echo(places_to_string(rows, fmt, header=header), nl=False)
            header = False
    except PolybiusError as error:
        raise _failure(error) from error
    if failures:
        click.echo(f"{failures} item(s) failed", err=True)
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="DuckDB file to write.")
@click.option("--date", help="Publication date YYYY-MM-DD for inputs that do not state one.")
@click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True, help="Where to code.")
@click.option("--workers", type=click.IntRange(min=1), help="Dask: start a local cluster of N worker processes.")
@click.option("--scheduler", help="Dask: join the cluster at this scheduler address (tcp://host:8786).")
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=INGEST_BATCH_SIZE,
    show_default=True,
    help="Articles per batch (coded by one worker, committed at once).",
)
@click.option("--parquet", type=click.Path(file_okay=False), help="Also write the events as Parquet by month here.")
@click.option("--quiet", is_flag=True, help="No progress and no summary on stderr.")
@_dictionary_options
def ingest(
    paths: tuple[str, ...],
    db: str,
    date: str | None,
    engine: str,
    workers: int | None,
    scheduler: str | None,
    batch_size: int,
    parquet: str | None,
    quiet: bool,
    actors: tuple[str, ...],
    agents: tuple[str, ...],
) -> None:
    """Code articles and store them with their events in a DuckDB file (idempotent, resumable)."""
    from polybius.documents.readers import count_documents
    from polybius.sinks.progress import IngestProgress

    try:
        with IngestProgress(None if quiet else count_documents(paths), quiet=quiet) as progress:
            summary = api.ingest(
                paths,
                db,
                date=date,
                parts=_parts(actors, agents),
                engine=engine,
                workers=workers,
                scheduler=scheduler,
                batch_size=batch_size,
                parquet=parquet,
                progress=progress,
            )
    except (PolybiusError, ValueError) as error:
        raise _failure(error) from error
    for failure in summary.failures:
        click.echo(f"error {failure.message}", err=True)
    if not quiet:
        click.echo(
            f"articles read {summary.read}, coded {summary.coded}, skipped (already stored) "
            f"{summary.skipped}, failed {summary.failed}; events written {summary.events}\n"
            f"store: {summary.db}" + (f"; parquet: {Path(parquet).resolve()}" if parquet else ""),
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
        scores = run_evaluation(gold, fmt=fmt, errors=errors, coder=make_coder(parts=_parts(actors, agents)))
    except PolybiusError as error:
        raise _failure(error) from error
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


@main.command()
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="DuckDB store to read (never written).")
@click.option("--host", default=WEB_HOST, show_default=True, help="Address to bind; the default is this machine only.")
@click.option("--port", type=int, default=WEB_PORT, show_default=True, help="Port to listen on.")
def serve(db: str, host: str, port: int) -> None:
    """Browse, filter and chart a store's events in the browser, with a JSON API under /api."""
    from polybius.web import serve as run_server

    try:
        run_server(db, host=host, port=port)
    except StoreNotFound as error:
        raise click.ClickException(f"{error} (polybius ingest PATH… --db {db})") from error
    except PolybiusError as error:
        raise _failure(error) from error


if __name__ == "__main__":  # pragma: no cover
    main()
