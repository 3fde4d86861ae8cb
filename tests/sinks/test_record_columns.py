"""One record definition: every tabular output has the columns derived from ``EventRecord``, and
every field of a location reaches each of them."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from polybius.documents import Document
from polybius.records import COLUMNS, Actor, EventRecord, Location, Trigger, flatten
from polybius.sinks.formats import write_csv
from polybius.sinks.parquet import write_event_months
from polybius.sinks.store import Store

NAMES = [column.name for column in COLUMNS]
_ARROW = {str: pa.string(), int: pa.int32(), float: pa.float64(), bool: pa.bool_()}
_DUCKDB = {str: "VARCHAR", int: "INTEGER", float: "DOUBLE", bool: "BOOLEAN"}

SOCHI = Location(
    name="Sochi",
    country="RUS",
    admin1="Krasnodar Krai",
    admin2="Sochi Urban Okrug",
    lat=43.6,
    lon=39.73,
    geonameid=491422,
    feature="city",
    feature_class="P",
    precision="city",
)


def record(event_id: str = "a1-0-0", location: Location | None = SOCHI) -> EventRecord:
    return EventRecord(
        id=event_id,
        article_id="a1",
        sentence_index=0,
        sentence="Russia hosted Turkish talks in Sochi.",
        source=Actor(text="Russia", name="Russia", code="RUS", country="RUS"),
        target=Actor(text="Turkish", name="Turkey", code="TUR", country="TUR"),
        cameo="043",
        cameo_name="Host a visit",
        root="04",
        plover="CONSULT",
        plover_mode="visit",
        quad_class=1,
        goldstein=2.8,
        date="2017-11-21",
        date_precision="day",
        date_source="text",
        location=location,
        negated=False,
        modality="asserted",
        trigger=Trigger("hosted", 7, 13),
        confidence=0.9,
        rule="lexicon/04_consult.yaml#host",
    )


DOCUMENT = Document(text="Russia hosted Turkish talks in Sochi.", id="a1", date="2017-11-21")


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "store.duckdb"
    with Store(path) as store:
        store.add(DOCUMENT, [record(), record("a1-0-1", location=None)])
    return path


def _csv_rows(records: list[EventRecord]) -> list[dict[str, str]]:
    out = io.StringIO()
    write_csv(records, out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def _parquet(store_path: Path, folder: Path) -> pa.Table:
    with Store(store_path) as store:
        write_event_months(store.connection, folder)
    (part,) = folder.rglob("*.parquet")
    return pq.read_table(part)


def _leaf_paths(data: dict[str, Any], nested: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The paths of a JSON record's scalar fields, an absent nested object counting as its fields."""
    paths: list[tuple[str, ...]] = []
    for key, value in data.items():
        if isinstance(value, dict):
            paths += _leaf_paths(value, (*nested, key))
        else:
            paths.append((*nested, key))
    return paths


def test_the_columns_are_the_record_fields_with_one_naming_rule() -> None:
    assert len(set(NAMES)) == len(NAMES)
    assert [c.path for c in COLUMNS] == _leaf_paths(record().to_dict())
    assert {c.name: c.path for c in COLUMNS if c.path[0] == "location"} == {
        **{
            f"location_{f}": ("location", f)
            for f in ("name", "country", "admin1", "admin2", "feature", "feature_class", "precision")
        },
        **{f: ("location", f) for f in ("lat", "lon", "geonameid")},
    }
    assert [f.name for f in fields(Location)] == [c.path[1] for c in COLUMNS if c.path[0] == "location"]


def test_csv_duckdb_parquet_and_the_api_have_the_same_derived_columns(store_path: Path, tmp_path: Path) -> None:
    assert list(_csv_rows([record()])[0]) == NAMES

    con = duckdb.connect(str(store_path), read_only=True)
    described = con.execute("DESCRIBE events").fetchall()
    con.close()
    table_columns = [(name, kind) for name, kind, *_ in described][: len(COLUMNS)]
    assert table_columns == [(c.name, _DUCKDB[c.python_type]) for c in COLUMNS]
    not_null = {name for name, _, null, *_ in described if null == "NO"}
    assert not_null == {c.name for c in COLUMNS if not c.nullable}

    schema = _parquet(store_path, tmp_path / "months").schema
    assert [(f.name, f.type) for f in schema] == [(c.name, _ARROW[c.python_type]) for c in COLUMNS]

    from polybius.web import create_app

    with TestClient(create_app(store_path)) as client:
        events = client.get("/api/events").json()["events"]
        header = client.get("/api/events", params={"format": "csv"}).text.splitlines()[0]
    located = next(e for e in events if e["location"])
    assert _leaf_paths(located) == [c.path for c in COLUMNS]
    assert header.split(",") == NAMES


def test_every_location_field_round_trips_through_csv_duckdb_and_parquet(store_path: Path, tmp_path: Path) -> None:
    expected = {c.name: c.value(record().to_dict()) for c in COLUMNS if c.path[0] == "location"}
    assert None not in expected.values()  # a full location: every field has a value

    (row,) = [r for r in _csv_rows([record()])]
    assert {name: row[name] for name in expected} == {name: str(value) for name, value in expected.items()}

    con = duckdb.connect(str(store_path), read_only=True)
    stored = con.execute(f"SELECT {', '.join(expected)} FROM events WHERE id = 'a1-0-0'").fetchone()
    con.close()
    assert dict(zip(expected, stored, strict=True)) == expected

    rows = _parquet(store_path, tmp_path / "months").to_pylist()
    assert {name: rows[0][name] for name in expected} == expected
    assert all(rows[1][name] is None for name in expected)  # the event without a location

    with Store(store_path, read_only=True) as store:
        assert store.events()[0]["location"] == json.loads(json.dumps(record().to_dict()["location"]))


# The events table as issue 7 wrote it: no actor offsets, no location admin1, admin2, feature,
# feature class or precision columns, and records whose JSON has no admin2 nor feature class.
_ISSUE_7_EVENTS = """
CREATE TABLE events (
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
)"""
_ISSUE_7_ARTICLES = """
CREATE TABLE articles (
    id VARCHAR PRIMARY KEY, title VARCHAR, date VARCHAR, url VARCHAR, source VARCHAR,
    path VARCHAR, text VARCHAR, n_events INTEGER, coded_at TIMESTAMP DEFAULT current_timestamp
)"""
_ADDED_SINCE = [
    "location_admin1",
    "location_admin2",
    "location_feature",
    "location_feature_class",
    "location_precision",
]


def _issue_7_store(path: Path) -> dict[str, Any]:
    """A store as issue 7 left one, holding one located event; the record as it was stored."""
    old = record(location=replace(SOCHI, admin2=None, feature_class=None)).to_dict()
    del old["location"]["admin2"]
    del old["location"]["feature_class"]
    con = duckdb.connect(str(path))
    con.execute(_ISSUE_7_EVENTS)
    con.execute(_ISSUE_7_ARTICLES)
    con.execute(
        "INSERT INTO articles (id, title, date, text, n_events) VALUES ('a1', 'T', '2017-11-21', ?, 1)", [DOCUMENT.text]
    )
    values = {k: v for k, v in flatten(old).items() if k not in _ADDED_SINCE}
    columns = [*values, "record"]
    con.execute(
        f"INSERT INTO events ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [*values.values(), json.dumps(old)],
    )
    con.close()
    return old


def test_an_older_store_is_read_as_a_current_one_without_being_written(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _issue_7_store(path)
    before = path.read_bytes()
    from polybius.web import create_app

    with TestClient(create_app(path)) as client:
        (place,) = client.get("/api/places").json()["places"]
        found = client.get("/api/events", params={"location_admin1": "krasnodar krai"}).json()["events"]
        none = client.get("/api/events", params={"location_precision": "country"}).json()["events"]
        detail = client.get("/api/events/a1-0-0").json()
    assert place["admin1"] == "Krasnodar Krai" and place["precision"] == "city" and place["admin2"] is None
    assert [e["id"] for e in found] == ["a1-0-0"] and none == []
    assert detail["spans"]["source"] == [0, 6]  # found by its words: the store kept no offsets
    assert path.read_bytes() == before


def test_an_older_store_opened_for_writing_gains_the_columns_filled_from_its_records(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _issue_7_store(path)
    with Store(path) as store:
        added = store.connection.execute(f"SELECT {', '.join(_ADDED_SINCE)}, source_start FROM events").fetchall()
        assert added == [("Krasnodar Krai", None, "city", None, "city", None)]
        store.add(Document(text="Later.", id="a2"), [record("a2-0-0")])  # and takes new events
        assert store.count("events") == 2
