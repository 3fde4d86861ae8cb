"""Events as Parquet, partitioned by event month: ``DIR/month=YYYY-MM/part-N.parquet``.

The files are written from the store at the end of an ingest run, not batch by batch: the store
is the one record of what is committed, so the Parquet copy can never hold an event twice or one
the store lacks, however often a run was killed and resumed. The new tree is written beside the
old one and swapped in, so readers see the previous copy or the new one, never half of one.
Events dated to a year only, or not at all, are under ``month=unknown``. The columns are the
record's (``polybius.records.COLUMNS``), typed as in the store, whatever store version wrote them. Hive-style
partitions: ``duckdb.read_parquet('DIR/**/*.parquet', hive_partitioning=true)``,
``pandas.read_parquet(DIR)``, ``polars.scan_parquet(DIR, hive_partitioning=True)``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from polybius.records import COLUMNS
from polybius.sinks.store import sql_type

_SELECTED = ", ".join(f"CAST({c.name} AS {sql_type(c)}) AS {c.name}" for c in COLUMNS)
_MONTH = "CASE WHEN regexp_matches(date, '^\\d{4}-\\d{2}') THEN date[1:7] ELSE 'unknown' END"


def write_event_months(connection: duckdb.DuckDBPyConnection, directory: str | Path) -> int:
    """Write every stored event under ``directory`` by month (replacing what was there); the count."""
    target = Path(directory).resolve()
    partial, old = target.with_name(target.name + ".partial"), target.with_name(target.name + ".old")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    count = connection.execute("SELECT count(*) FROM events").fetchone()[0]  # type: ignore[index]
    if count:
        quoted = str(partial).replace("'", "''")
        connection.execute(
            f"COPY (SELECT {_SELECTED}, {_MONTH} AS month FROM events"
            f" ORDER BY article_id, sentence_index, id)"
            f" TO '{quoted}' (FORMAT parquet, PARTITION_BY (month), OVERWRITE_OR_IGNORE, FILENAME_PATTERN 'part-{{i}}')"
        )
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    partial.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return int(count)
