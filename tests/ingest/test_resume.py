"""Resuming: a second run over the same corpus skips everything and changes nothing, in the
store and in the Parquet copy; the same through the Python API and the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from polybius import api
from tests.ingest.corpus import write_corpus


def _counts(db: Path) -> tuple[int, int, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "events", "errors"))
    finally:
        con.close()


def test_second_run_skips_everything(tmp_path: Path, coder) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", 40)
    with corpus.open("a") as f:
        f.write("{broken\n")
    db, months = tmp_path / "s.duckdb", tmp_path / "events"
    first = api.ingest([str(corpus)], db, coder=coder, batch_size=7, parquet=months)
    before = _counts(db)
    second = api.ingest([str(corpus)], db, coder=coder, batch_size=7, parquet=months)
    assert (first.read, first.coded, first.skipped, first.failed) == (40, 40, 0, 1)
    assert (second.read, second.coded, second.skipped, second.failed) == (40, 0, 40, 1)
    assert first.batches == 6 and second.events == 0
    assert _counts(db) == before == (40, first.events, 1)  # the bad line is recorded once
    table = pq.read_table(months)
    assert table.num_rows == first.events == len(set(table.column("id").to_pylist()))
    assert {p.name for p in months.iterdir()} == {f"month=2021-{m:02d}" for m in range(1, 13)}
    assert all(f.name.startswith("part-") for f in months.rglob("*.parquet"))


def test_cli_reports_and_exits_non_zero_on_failures(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", 5)
    db = tmp_path / "s.duckdb"
    command = [sys.executable, "-m", "polybius.cli", "ingest", str(corpus), "--db", str(db), "--batch-size", "2"]
    first = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert "coded 5, skipped (already stored) 0, failed 0" in first.stderr
    (tmp_path / "bad.jsonl").write_text("{nope\n")
    second = subprocess.run([*command, str(tmp_path / "bad.jsonl")], capture_output=True, text=True, timeout=120)
    assert second.returncode == 1
    assert "coded 0, skipped (already stored) 5, failed 1" in second.stderr
    assert f"{tmp_path / 'bad.jsonl'}:1" in second.stderr
