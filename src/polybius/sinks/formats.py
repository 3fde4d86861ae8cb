"""Output formats for people (``table``) and for pipes (``jsonl``, ``csv``)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

from polybius.records import COLUMNS, PLACE_MENTION_COLUMNS, EventRecord, flatten

FORMATS = ("table", "jsonl", "csv")
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
        shown = ("text", "start", "name", "country", "admin1", "lat", "lon", "feature", "confidence")
        table = Table(show_lines=False, expand=True)
        for column in shown:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*("" if row[c] is None else str(row[c]) for c in shown))
        Console(file=buffer, width=160).print(table)
    return buffer.getvalue()
