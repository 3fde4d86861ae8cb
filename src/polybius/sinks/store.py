"""The DuckDB store: articles and their events, written idempotently through one writer.

An article is stored once, by id (the input's own id, else a content hash); coding it again is
a no-op. A batch of articles, their events and the failures met with them are written in one
transaction, so a crash never leaves an article without its events or events without their
article, and a resumed ingest starts after the last committed batch.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb

from polybius.documents import Document
from polybius.errors import Failure
from polybius.records import EventRecord
from polybius.sinks.formats import flatten

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, title VARCHAR, date VARCHAR, url VARCHAR, source VARCHAR,
    path VARCHAR, text VARCHAR, n_events INTEGER, coded_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, sentence_index INTEGER, sentence VARCHAR,
    source_code VARCHAR, source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR,
    source_org VARCHAR, source_text VARCHAR,
    target_code VARCHAR, target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR,
    target_org VARCHAR, target_text VARCHAR,
    cameo VARCHAR, cameo_name VARCHAR, root VARCHAR, plover VARCHAR, plover_mode VARCHAR,
    quad_class INTEGER, goldstein DOUBLE, date VARCHAR, date_precision VARCHAR, date_source VARCHAR,
    location_name VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE, geonameid BIGINT,
    negated BOOLEAN, modality VARCHAR, trigger_text VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
    confidence DOUBLE, rule VARCHAR, record JSON,
    source_start INTEGER, source_end INTEGER, target_start INTEGER, target_end INTEGER
);
CREATE TABLE IF NOT EXISTS errors (
    item VARCHAR, stage VARCHAR, message VARCHAR, logged_at TIMESTAMP DEFAULT current_timestamp
);
-- Stores made before the actor spans were kept (the web view highlights them) gain the columns.
ALTER TABLE events ADD COLUMN IF NOT EXISTS source_start INTEGER;
ALTER TABLE events ADD COLUMN IF NOT EXISTS source_end INTEGER;
ALTER TABLE events ADD COLUMN IF NOT EXISTS target_start INTEGER;
ALTER TABLE events ADD COLUMN IF NOT EXISTS target_end INTEGER;
"""
#: Character offsets of the actors in the article, from the record's ``extra`` (not in its JSON).
_SPAN_COLUMNS = ("source_start", "source_end", "target_start", "target_end")

_EVENT_COLUMNS = {
    "id": "id",
    "article_id": "article_id",
    "sentence_index": "sentence_index",
    "sentence": "sentence",
    **{
        f"{side}_{f}": f"{side}.{f}"
        for side in ("source", "target")
        for f in ("code", "name", "country", "sector", "org", "text")
    },
    "cameo": "cameo",
    "cameo_name": "cameo_name",
    "root": "root",
    "plover": "plover",
    "plover_mode": "plover_mode",
    "quad_class": "quad_class",
    "goldstein": "goldstein",
    "date": "date",
    "date_precision": "date_precision",
    "date_source": "date_source",
    "location_name": "location.name",
    "location_country": "location.country",
    "lat": "location.lat",
    "lon": "location.lon",
    "geonameid": "location.geonameid",
    "negated": "negated",
    "modality": "modality",
    "trigger_text": "trigger.text",
    "trigger_start": "trigger.start",
    "trigger_end": "trigger.end",
    "confidence": "confidence",
    "rule": "rule",
}


class Store:
    """A DuckDB file holding articles, events and the errors met while filling it."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise FileNotFoundError(f"no database at {self.path}")
        self.connection = duckdb.connect(str(self.path), read_only=read_only)
        if not read_only:
            self.connection.execute(SCHEMA)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    def has_article(self, article_id: str) -> bool:
        row = self.connection.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone()
        return row is not None

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
            _insert(con, "events", [*_EVENT_COLUMNS, "record", *_SPAN_COLUMNS], events)
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


_ARTICLE_COLUMNS = ["id", "title", "date", "url", "source", "path", "text", "n_events"]


def _insert(con: duckdb.DuckDBPyConnection, table: str, columns: list[str], rows: list[list[Any]]) -> None:
    """Insert rows through one Arrow table: DuckDB's ``executemany`` runs a statement per row,
    which made the driver, not the workers, the bottleneck of a corpus ingest."""
    import pyarrow as pa

    if not rows:
        return
    batch = pa.table({name: [row[i] for row in rows] for i, name in enumerate(columns)})  # noqa: F841 (read by SQL)
    con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(columns)} FROM batch")


def _article_row(document: Document, n_events: int) -> list[Any]:
    d = document
    return [d.id, d.title, d.date, d.url, d.source, d.path, d.text, n_events]


def _event_row(record: EventRecord) -> list[Any]:
    data = record.to_dict()
    flat = flatten(data)
    spans = [*(record.extra.get("source_span") or (None, None)), *(record.extra.get("target_span") or (None, None))]
    return [flat.get(key) for key in _EVENT_COLUMNS.values()] + [json.dumps(data, ensure_ascii=False), *spans]
