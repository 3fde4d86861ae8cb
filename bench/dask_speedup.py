"""Dask speed-up: the `polybius bench` corpus ingested with 1 and 2 Dask workers.

    .venv/bin/python bench/dask_speedup.py [--sentences 20000] [--batch-size 32] [--workers 1 2]

The corpus is `polybius bench`'s (sample articles repeated with distinct ids, ``build_corpus``),
written once as JSONL (id, title, date, text) and ingested into a fresh store for each worker
count. Time is the whole ``ingest`` call: cluster start, coder loading on the workers, coding
and the driver's commits. Peak RSS per worker is sampled with psutil every 0.2 s on the worker
processes (the children of this process that multiprocessing spawned). Targets: speed-up >= 1.7
with 2 workers, <= 500 MB per worker.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
from pathlib import Path

import psutil

from polybius import api
from polybius.bench import build_corpus
from polybius.nlp import load_pipeline


def write_corpus(sentences: int, path: Path) -> int:
    corpus = build_corpus(sentences, load_pipeline())
    with path.open("w", encoding="utf-8") as out:
        for d in corpus:
            out.write(json.dumps({"id": d.id, "title": d.title, "date": d.date, "text": d.text}) + "\n")
    return len(corpus)


class WorkerMemory:
    """Peak RSS of each worker process, sampled in a thread while the run lasts."""

    def __init__(self) -> None:
        self.peaks: dict[int, int] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self.stop.wait(0.2):
            for child in psutil.Process().children(recursive=True):
                try:
                    if any("spawn_main" in part for part in child.cmdline()):
                        rss = child.memory_info().rss
                        self.peaks[child.pid] = max(self.peaks.get(child.pid, 0), rss)
                except psutil.Error:
                    continue  # a worker that just ended

    def __enter__(self) -> WorkerMemory:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


def run(corpus: Path, workers: int, batch_size: int, folder: Path) -> dict[str, float]:
    with WorkerMemory() as memory:
        start = time.perf_counter()
        summary = api.ingest(
            [str(corpus)], folder / f"w{workers}.duckdb", engine="dask", workers=workers, batch_size=batch_size
        )
        seconds = time.perf_counter() - start
    peaks = sorted(memory.peaks.values(), reverse=True)[:workers]
    return {
        "seconds": seconds,
        "articles": summary.coded,
        "events": summary.events,
        "failed": summary.failed,
        "peak_mb": max(peaks, default=0) / 2**20,
        "peaks": [round(p / 2**20) for p in peaks],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=20000)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        articles = write_corpus(args.sentences, corpus)
        print(f"corpus: {articles} articles, >= {args.sentences} sentences; batch size {args.batch_size}")
        results = {n: run(corpus, n, args.batch_size, folder) for n in args.workers}
    base = results[args.workers[0]]["seconds"]
    print(f"{'workers':>7} {'time s':>8} {'articles/s':>10} {'events':>7} {'speed-up':>8} {'peak RSS/worker MB':>20}")
    for n, r in results.items():
        print(
            f"{n:>7} {r['seconds']:>8.1f} {r['articles'] / r['seconds']:>10.1f} {r['events']:>7} "
            f"{base / r['seconds']:>8.2f} {r['peak_mb']:>20.0f}  {r['peaks']}"
        )
    print("targets: speed-up >= 1.7 with 2 workers; <= 500 MB per worker")


if __name__ == "__main__":
    main()
