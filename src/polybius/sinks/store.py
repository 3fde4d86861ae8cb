"""The DuckDB store: articles and their events, written idempotently through one writer.

An article is stored once, by id (the input's own id, else a content hash); coding it again is
a no-op. Each article and its events are written in one transaction, so a crash never leaves
an article without its events or events without their article.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

from polybius.documents import Document
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
    confidence DOUBLE, rule VARCHAR, record JSON
);
CREATE TABLE IF NOT EXISTS errors (
    item VARCHAR, stage VARCHAR, message VARCHAR, logged_at TIMESTAMP DEFAULT current_timestamp
);
"""

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

    def add(self, document: Document, records: list[EventRecord]) -> bool:
        """Store an article with its events; False (and nothing written) if it is already stored."""
        if self.has_article(document.id):
            return False
        con = self.connection
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(
                "INSERT INTO articles (id, title, date, url, source, path, text, n_events)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    document.id,
                    document.title,
                    document.date,
                    document.url,
                    document.source,
                    document.path,
                    document.text,
                    len(records),
                ],
            )
            rows = [_event_row(r) for r in records]
            if rows:
                columns = [*_EVENT_COLUMNS, "record"]
                marks = ", ".join("?" for _ in columns)
                con.executemany(f"INSERT INTO events ({', '.join(columns)}) VALUES ({marks})", rows)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        return True

    def add_error(self, item: str, stage: str, message: str) -> None:
        self.connection.execute("INSERT INTO errors (item, stage, message) VALUES (?, ?, ?)", [item, stage, message])

    def events(self) -> list[dict[str, Any]]:
        """Every stored record, in article and sentence order."""
        rows = self.connection.execute("SELECT record FROM events ORDER BY article_id, sentence_index, id").fetchall()
        return [json.loads(r[0]) for r in rows]

    def count(self, table: str) -> int:
        if table not in ("articles", "events", "errors"):
            raise ValueError(f"no table {table!r}")
        return self.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]


def _event_row(record: EventRecord) -> list[Any]:
    data = record.to_dict()
    flat = flatten(data)
    return [flat.get(key) for key in _EVENT_COLUMNS.values()] + [json.dumps(data, ensure_ascii=False)]
