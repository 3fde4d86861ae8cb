"""The DuckDB store: articles and events stored once, atomically, readable back as records."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from polybius import api
from polybius.documents.article import read_article
from polybius.sinks.store import Store

ARTICLE = """Envoy expelled after border clash

5 March 2021

Mali expelled the French ambassador on Monday.

Malian troops attacked rebels near Kidal on Sunday.
"""


def test_ingest_twice_stores_once(tmp_path: Path, coder) -> None:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE)
    db = tmp_path / "store.duckdb"
    first = api.ingest([str(source)], db, coder=coder)
    second = api.ingest([str(source), str(source)], db, coder=coder)
    assert first.coded == 1 and first.events > 0
    assert second.coded == 0 and second.skipped == 2
    with Store(db, read_only=True) as store:
        assert store.count("articles") == 1
        assert store.count("events") == first.events
        records = store.events()
    assert {r["article_id"] for r in records} == {read_article(ARTICLE).id}
    assert all(r["id"].startswith(r["article_id"]) for r in records)


def test_failures_go_to_the_errors_table_and_the_rest_is_stored(tmp_path: Path, coder) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "Chad closed its border with Sudan."}\n{broken\n')
    db = tmp_path / "store.duckdb"
    summary = api.ingest([str(good), str(bad)], db, coder=coder)
    assert summary.coded == 2 and summary.failed == 1
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select item from errors").fetchall() == [(f"{bad}:2",)]
    assert con.execute("select count(*) from articles").fetchone() == (2,)


def test_a_failed_write_leaves_nothing_half_stored(tmp_path: Path, coder) -> None:
    document = read_article(ARTICLE)
    records = coder.code_document(document)
    duplicate = [records[0], records[0]]  # same event id twice violates the primary key
    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(duckdb.Error):
            store.add(document, duplicate)
        assert store.count("articles") == 0 and store.count("events") == 0
        assert store.add(document, records)
        assert store.count("articles") == 1
