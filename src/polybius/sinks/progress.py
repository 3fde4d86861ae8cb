"""Ingest progress on stderr: a bar on a terminal, a plain line now and then in a log file.

On a terminal, rich draws items done / total, articles/s, events/s and the time left (when the
total is known). Redirected (a SLURM log, a test watching stderr) a bar would be noise, so a
line is written after a committed batch at most every ``LOG_EVERY`` seconds.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Protocol

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

LOG_EVERY = 1.0  # seconds between progress lines in a log


class IngestCounts(Protocol):
    """What a progress display reads of a run (:class:`polybius.api.IngestSummary` has it): the
    sinks sit below the API, so they name the numbers they need rather than import it."""

    @property
    def done(self) -> int: ...
    @property
    def coded(self) -> int: ...
    @property
    def skipped(self) -> int: ...
    @property
    def failed(self) -> int: ...
    @property
    def events(self) -> int: ...


class IngestProgress:
    """Call it with the run's summary after each committed batch; ``quiet`` shows nothing."""

    def __init__(self, total: int | None, *, quiet: bool = False) -> None:
        self.total = total
        self.quiet = quiet
        self.start = time.perf_counter()
        self.last_line = 0.0
        self.bar: Progress | None = None
        console = Console(stderr=True)
        if console.is_terminal and not quiet:
            columns = [TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rates]}")]
            columns += [TimeElapsedColumn(), TimeRemainingColumn()] if total is not None else [TimeElapsedColumn()]
            self.bar = Progress(*columns, console=console)
            self.task = self.bar.add_task("ingest", total=total, rates="")

    def __enter__(self) -> IngestProgress:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if self.bar is not None:
            self.bar.stop()

    def __call__(self, summary: IngestCounts) -> None:
        elapsed = max(time.perf_counter() - self.start, 1e-9)
        rates = f"{summary.coded / elapsed:.1f} articles/s {summary.events / elapsed:.1f} events/s"
        if self.bar is not None:
            self.bar.update(self.task, completed=summary.done, rates=rates)
        elif not self.quiet and elapsed - self.last_line >= LOG_EVERY:
            self.last_line = elapsed
            of = f"/{self.total}" if self.total is not None else ""
            print(
                f"progress {summary.done}{of} items: coded {summary.coded}, skipped {summary.skipped}, "
                f"failed {summary.failed}; {summary.events} events; {rates}",
                file=sys.stderr,
                flush=True,
            )
