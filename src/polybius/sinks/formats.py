"""Output formats for people (``table``) and for pipes (``jsonl``, ``csv``).

Each format is a sink registered under a versioned name (``polybius.jsonl.v1`` …): a function
that, given the output stream, returns a writer taking one document's records at a time. The
CLI's ``--format`` takes the short names below or any registered sink's name.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from typing import Any, Protocol, TextIO

from rich.console import Console
from rich.table import Table

from polybius.documents import Document
from polybius.records import COLUMNS, PLACE_MENTION_COLUMNS, EventRecord, flatten
from polybius.registry import sinks

#: The CLI's short names of our sinks.
FORMATS = {"table": "polybius.table.v1", "jsonl": "polybius.jsonl.v1", "csv": "polybius.csv.v1"}


class RecordWriter(Protocol):
    """Writes each document's records as they come (``polybius code``)."""

    def __call__(self, document: Document, records: list[EventRecord]) -> None: ...


Sink = Callable[[TextIO], RecordWriter]


@sinks.register("polybius.jsonl.v1")
def jsonl_sink() -> Sink:
    """One record a line, as the record contract's JSON."""
    return lambda out: lambda document, records: write_jsonl(records, out)


@sinks.register("polybius.csv.v1")
def csv_sink() -> Sink:
    """One record a row, one column per record column (:data:`polybius.records.COLUMNS`), one header."""

    def open_csv(out: TextIO) -> RecordWriter:
        written: list[bool] = []

        def write(document: Document, records: list[EventRecord]) -> None:
            write_csv(records, out, header=not written)
            written.append(True)

        return write

    return open_csv


@sinks.register("polybius.table.v1")
def table_sink(width: int | None = None) -> Sink:
    """A table per document for people, titled by its headline (or path or id) and date."""

    def open_table(out: TextIO) -> RecordWriter:
        console = Console(file=out, width=width)

        def write(document: Document, records: list[EventRecord]) -> None:
            title = f"{document.title or document.path or document.id} ({document.date or 'undated'})"
            render_table(records, console, title=title)

        return write

    return open_table


def open_sink(name: str, out: TextIO, **settings: Any) -> RecordWriter:
    """The writer of a format: a short name (``jsonl``) or a registered sink (``mylab.geojson.v1``)."""
    factory: Callable[..., Sink] = sinks.get(FORMATS.get(name, name))
    return factory(**settings)(out)
def write_jsonl(records: Iterable[EventRecord], out: TextIO) -> None:
    for record in records:
        out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")


def write_csv(records: Iterable[EventRecord], out: TextIO, header: bool = True) -> None:
    write_csv_rows((flatten(record.to_dict()) for record in records), out, header)


def write_csv_rows(rows: Iterable[dict[str, Any]], out: TextIO, header: bool = True) -> None:
    """Flat records (:func:`polybius.records.flatten`) as CSV, one column per record column."""
    writer = csv.DictWriter(out, fieldnames=[column.name for column in COLUMNS])
    if header:
        writer.writeheader()
    writer.writerows(rows)


def render_table(records: list[EventRecord], console: Console, title: str | None = None) -> None:
    """A readable terminal table: when, who, did what, to whom, where, and the evidence."""
    table = Table(title=title, show_lines=False, expand=True)
    columns = (
        ("date", "cyan", 2),
        ("source", "green", 3),
        ("event", "bold", 3),
        ("target", "magenta", 3),
        ("where", "blue", 2),
        ("evidence", "dim", 6),
    )
    for column, style, ratio in columns:
        table.add_column(column, style=style, overflow="fold", ratio=ratio)
    for r in records:
        table.add_row(
            r.date or "",
            _actor(r.source),
            f"{r.cameo} {r.cameo_name}" + (f"\n{r.plover}" if r.plover else ""),
            _actor(r.target),
            r.location.name if r.location else "",
            f"“{r.trigger.text}”: {_clip(r.sentence)}",
        )
    console.print(table)


def _actor(actor: Any) -> str:
    return f"{actor.code}\n{actor.text}" if actor else "—"


def _clip(text: str, limit: int = 110) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def places_to_string(rows: list[dict[str, Any]], fmt: str, header: bool = True) -> str:
    """Place mentions (``PlaceMention.to_dict`` rows) in ``fmt``."""
    buffer = io.StringIO()
    if fmt == "jsonl":
        for row in rows:
            buffer.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(buffer, fieldnames=PLACE_MENTION_COLUMNS)
        if header:
            writer.writeheader()
        writer.writerows(rows)
    else:
        # The table is for reading: JSONL and CSV carry every column.
        shown = [c for c in PLACE_MENTION_COLUMNS if c not in ("article_id", "end", "admin2", "feature_class")]
        table = Table(show_lines=False, expand=True)
        for column in shown:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*("" if row[c] is None else str(row[c]) for c in shown))
        Console(file=buffer, width=160).print(table)
    return buffer.getvalue()
