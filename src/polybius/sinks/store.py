"""The DuckDB store: articles and their events, written idempotently through one writer.

An article is stored once, by id (the input's own id, else a content hash); coding it again is
a no-op. A batch of articles, their events and the failures met with them are written in one
transaction, so a crash never leaves an article without its events or events without their
article, and a resumed ingest starts after the last committed batch.

The events table has a column per record column (``polybius.records.COLUMNS``), the record's JSON
and the actors' offsets. A store written before some columns existed gains them when opened for
writing (filled from the stored JSON), and is read as a current one through a read-only connection
(:func:`read_as_current`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb

from polybius.documents import ARTICLE_FIELDS, Document
from polybius.errors import Failure
from polybius.records import COLUMNS, Column, EventRecord, flatten

#: DuckDB type of each Python type a record column has.
_SQL_TYPES = {str: "VARCHAR", int: "INTEGER", float: "DOUBLE", bool: "BOOLEAN"}
#: The events table's columns beyond the record's flat ones: the record's JSON as written (what the
#: API returns), and the actors' character offsets in the article, from the record's ``extra``
#: (the web view highlights them).
_STORED_WITH_RECORD = {
    "record": "JSON",
    "source_start": "INTEGER",
    "source_end": "INTEGER",
    "target_start": "INTEGER",
    "target_end": "INTEGER",
}


def sql_type(column: Column) -> str:
    return _SQL_TYPES[column.python_type]


#: Every column of the events table and its type: the record's columns, then the stored extras.
EVENT_COLUMNS: dict[str, str] = {c.name: sql_type(c) for c in COLUMNS} | _STORED_WITH_RECORD


def _events_ddl() -> str:
    """``CREATE TABLE events`` from ``EVENT_COLUMNS``: ``id`` is the key, and a column the record
    always fills is NOT NULL."""
    required = {c.name for c in COLUMNS if not c.nullable}

    def definition(name: str, kind: str) -> str:
        if name == "id":
            return f"{name} {kind} PRIMARY KEY"
        return f"{name} {kind} NOT NULL" if name in required else f"{name} {kind}"

    definitions = ",\n    ".join(definition(name, kind) for name, kind in EVENT_COLUMNS.items())
    return f"CREATE TABLE IF NOT EXISTS events (\n    {definitions}\n);"


SCHEMA = f"""
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, title VARCHAR, date VARCHAR, url VARCHAR, source VARCHAR,
    path VARCHAR, text VARCHAR, n_events INTEGER, coded_at TIMESTAMP DEFAULT current_timestamp
);
{_events_ddl()}
CREATE TABLE IF NOT EXISTS errors (
    item VARCHAR, stage VARCHAR, message VARCHAR, logged_at TIMESTAMP DEFAULT current_timestamp
);
"""


class Store:
    """A DuckDB file holding articles, events and the errors met while filling it."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise FileNotFoundError(f"no database at {self.path}")
        self.connection = duckdb.connect(str(self.path), read_only=read_only)
        if not read_only:
            self.connection.execute(SCHEMA)
            upgrade(self.connection)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    def stored_ids(self, ids: Sequence[str]) -> set[str]:
        """Those of ``ids`` whose article is stored (one query for a whole batch)."""
        if not ids:
            return set()
        query = "SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))"
        return {row[0] for row in self.connection.execute(query, [list(ids)]).fetchall()}

    def add(self, document: Document, records: list[EventRecord]) -> bool:
        """Store an article with its events; False (and nothing written) if it is already stored."""
        return self.add_batch([(document, records)]) == (1, len(records))

    def add_batch(self, results: Iterable[tuple[Document, list[EventRecord]] | Failure]) -> tuple[int, int]:
        """Articles with their events, and failures, in one transaction: all are written or none.

        Articles already stored (or twice in the batch) are left out. Returns the numbers of
        articles and events written.
        """
        results = list(results)
        coded = [r for r in results if not isinstance(r, Failure)]
        stored = self.stored_ids([document.id for document, _ in coded])
        articles: list[list[Any]] = []
        events: list[list[Any]] = []
        for document, records in coded:
            if document.id not in stored:
                stored.add(document.id)
                articles.append(_article_row(document, len(records)))
                events += [_event_row(r) for r in records]
        con = self.connection
        con.execute("BEGIN TRANSACTION")
        try:
            _insert(con, "articles", _ARTICLE_COLUMNS, articles)
            _insert(con, "events", list(EVENT_COLUMNS), events)
            for failure in results:
                if isinstance(failure, Failure):
                    self.add_error(failure.item, failure.stage, failure.message)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        return len(articles), len(events)

    def add_error(self, item: str, stage: str, message: str) -> None:
        """Record a failure once: a resumed run meeting the same bad input adds no second row."""
        self.connection.execute(
            "INSERT INTO errors (item, stage, message) SELECT ?, ?, ? WHERE NOT EXISTS"
            " (SELECT 1 FROM errors WHERE item = ? AND stage = ? AND message = ?)",
            [item, stage, message] * 2,
        )

    def events(self) -> list[dict[str, Any]]:
        """Every stored record, in article and sentence order."""
        rows = self.connection.execute("SELECT record FROM events ORDER BY article_id, sentence_index, id").fetchall()
        return [json.loads(r[0]) for r in rows]

    def count(self, table: str) -> int:
        if table not in ("articles", "events", "errors"):
            raise ValueError(f"no table {table!r}")
        return self.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]


_ARTICLE_COLUMNS = [*ARTICLE_FIELDS, "n_events"]


def _insert(con: duckdb.DuckDBPyConnection, table: str, columns: list[str], rows: list[list[Any]]) -> None:
    """Insert rows through one Arrow table: DuckDB's ``executemany`` runs a statement per row,
    which made the driver, not the workers, the bottleneck of a corpus ingest."""
    import pyarrow as pa

    if not rows:
        return
    batch = pa.table({name: [row[i] for row in rows] for i, name in enumerate(columns)})  # noqa: F841 (read by SQL)
    con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(columns)} FROM batch")


def _article_row(document: Document, n_events: int) -> list[Any]:
    return [*(getattr(document, name) for name in ARTICLE_FIELDS), n_events]


def _event_row(record: EventRecord) -> list[Any]:
    """The record's row of the events table, in ``EVENT_COLUMNS`` order."""
    data = record.to_dict()
    spans = [*(record.extra.get("source_span") or (None, None)), *(record.extra.get("target_span") or (None, None))]
    return [*flatten(data).values(), json.dumps(data, ensure_ascii=False), *spans]


# --- stores written by older versions -------------------------------------------------------


def missing_columns(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """The ``EVENT_COLUMNS`` a store's events table lacks (one written before they were added)."""
    present = {row[0] for row in connection.execute("SELECT * FROM events LIMIT 0").description}
    return [name for name in EVENT_COLUMNS if name not in present]


def upgrade(connection: duckdb.DuckDBPyConnection) -> None:
    """Add the columns an older store lacks, filled from each stored record's JSON (the actor
    offsets, which the JSON does not hold, stay null: the web view finds the actors by their words)."""
    missing = missing_columns(connection)
    for name in missing:
        connection.execute(f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {name} {EVENT_COLUMNS[name]}")
    filled = [f"{c.name} = {_from_record(c)}" for c in COLUMNS if c.name in missing]
    if filled:
        connection.execute(f"UPDATE events SET {', '.join(filled)}")


def read_as_current(connection: duckdb.DuckDBPyConnection, missing: Sequence[str]) -> None:
    """On a read-only connection to an older store: a temporary view ``events`` that has the
    columns the table lacks (as :func:`upgrade` would fill them) and its ``rowid``, so every query
    reads the store as a current one. Each connection or cursor needs its own (views are per
    connection); nothing is written to the file."""
    if not missing:
        return
    database = connection.execute("SELECT current_database()").fetchone()[0]  # type: ignore[index]
    by_name = {c.name: c for c in COLUMNS}
    added = [
        f"{_from_record(by_name[name]) if name in by_name else 'NULL::' + EVENT_COLUMNS[name]} AS {name}"
        for name in missing
    ]
    table = '"' + database.replace('"', '""') + '".main.events'  # the file's table, not this view
    columns = ", ".join(["*", "rowid AS rowid", *added])
    connection.execute(f"CREATE OR REPLACE TEMP VIEW events AS SELECT {columns} FROM {table}")


def _from_record(column: Column) -> str:
    """SQL for the column's value in the stored record's JSON."""
    path = "$." + ".".join(column.path)  # field names of the record dataclasses: no quoting needed
    return f"TRY_CAST(record->>'{path}' AS {sql_type(column)})"
