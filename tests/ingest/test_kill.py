"""``kill -9`` mid-run loses nothing: of the ingest process (then the same command again), or
of a Dask worker (the scheduler gives its batch to another). Either way the store ends with
every article exactly once and the events of an uninterrupted run."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb
import psutil
import pytest

from polybius import api
from tests.ingest.corpus import write_corpus

ARTICLES = 400
PROGRESS = re.compile(r"^progress \d+/\d+ items: coded (\d+)")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "corpus.jsonl", ARTICLES)


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory, coder) -> tuple[int, int, str]:
    """Articles, events and the hash of the sorted event ids of one uninterrupted run."""
    db = tmp_path_factory.mktemp("reference") / "s.duckdb"
    api.ingest([str(corpus)], db, coder=coder)
    return _fingerprint(db)


def _fingerprint(db: Path) -> tuple[int, int, str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        articles, distinct = con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
        assert articles == distinct
        ids = [row[0] for row in con.execute("SELECT id FROM events ORDER BY id").fetchall()]
    finally:
        con.close()
    return articles, len(ids), hashlib.sha256("\n".join(ids).encode()).hexdigest()


def _ingest(corpus: Path, db: Path, *options: str) -> list[str]:
    cli = [sys.executable, "-m", "polybius.cli", "ingest"]
    return [*cli, str(corpus), "--db", str(db), "--batch-size", "10", *options]


def _run_until(command: list[str], act: Callable[[subprocess.Popen[str], int], bool]) -> tuple[int, int]:
    """Run ``command``, calling ``act(process, articles coded)`` at each progress line until it
    returns True; the exit status and the last count seen."""
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, start_new_session=True)
    coded, done = 0, False
    try:
        assert process.stderr is not None
        for line in process.stderr:
            if (match := PROGRESS.match(line)) and not done:
                coded = int(match.group(1))
                done = act(process, coded)
        return process.wait(timeout=180), coded
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)  # the group of the process this test started


def test_killing_the_ingest_process_then_rerunning_stores_everything_once(corpus, reference, tmp_path) -> None:
    db = tmp_path / "s.duckdb"

    def kill_driver(process: subprocess.Popen[str], coded: int) -> bool:
        if coded >= 20:
            process.send_signal(signal.SIGKILL)
            return True
        return False

    status, coded = _run_until(_ingest(corpus, db), kill_driver)
    assert status == -signal.SIGKILL and 20 <= coded < ARTICLES
    rerun = subprocess.run(_ingest(corpus, db), capture_output=True, text=True, timeout=180)
    assert rerun.returncode == 0, rerun.stderr
    skipped = int(re.search(r"skipped \(already stored\) (\d+)", rerun.stderr).group(1))
    assert skipped >= coded  # the batches committed before the kill were not coded again
    assert _fingerprint(db) == reference


def test_killing_a_dask_worker_loses_nothing(corpus, reference, tmp_path) -> None:
    db = tmp_path / "s.duckdb"
    killed: list[int] = []

    def kill_a_worker(process: subprocess.Popen[str], coded: int) -> bool:
        workers = [
            child
            for child in psutil.Process(process.pid).children(recursive=True)
            if any("spawn_main" in part for part in child.cmdline())
        ]
        if coded < 20 or not workers:
            return False
        workers[0].send_signal(signal.SIGKILL)
        killed.append(workers[0].pid)
        return True

    status, coded = _run_until(_ingest(corpus, db, "--engine", "dask", "--workers", "2"), kill_a_worker)
    assert killed and coded < ARTICLES, "the run ended before a worker could be killed"
    assert status == 0
    assert _fingerprint(db) == reference
