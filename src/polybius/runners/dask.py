"""The Dask runner: batches coded on the workers of a ``distributed`` cluster.

``workers=N`` starts a local cluster of N single-threaded worker processes (spaCy releases
little of the GIL, so processes, not threads, give parallelism; one per core when neither is
given); ``scheduler="tcp://…"`` joins a cluster started elsewhere (SLURM, Kubernetes; see the
README). Each worker process builds the
coder once (:func:`polybius.runners.coder_for`) and keeps it. At most ``2 × workers`` batches
are in flight, so the driver never holds more of the corpus than that, and a worker that dies
costs only its batch, which the scheduler gives to another worker.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from itertools import islice
from types import TracebackType

from distributed import Client, Future, LocalCluster, as_completed

from polybius.documents import Document
from polybius.errors import ConfigurationError
from polybius.runners import CoderSpec, Item, Result, code_batch, code_failure, coder_for

#: Batches in flight per worker: one being coded, one queued so a worker never waits on the driver.
IN_FLIGHT_PER_WORKER = 2


class DaskRunner:
    """A client on a local or remote cluster; a context manager that shuts down what it started."""

    def __init__(self, spec: CoderSpec, *, workers: int | None = None, scheduler: str | None = None) -> None:
        if scheduler and workers:
            raise ConfigurationError("E033")
        self.spec = spec
        self.cluster = None if scheduler else _local_cluster(workers or os.cpu_count() or 1)
        self.client = Client(scheduler or self.cluster)
        # Load the coder on every worker now, together, rather than inside the first batches.
        self.client.run(_warm_up, spec)

    def __enter__(self) -> DaskRunner:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    @property
    def slots(self) -> int:
        """Worker threads in the cluster (at least one, so a cluster still starting gets work)."""
        return max(1, sum(self.client.nthreads().values()))

    def map(self, batches: Iterable[list[Item]]) -> Iterator[list[Result]]:
        """Each batch's results as soon as it is coded; at most ``2 × slots`` batches in flight."""
        batches = iter(batches)
        submitted: dict[Future, list[Item]] = {}

        def submit(batch: list[Item]) -> Future:
            future = self.client.submit(code_batch, batch, self.spec, pure=False)
            submitted[future] = batch
            return future

        pending = as_completed([submit(b) for b in islice(batches, IN_FLIGHT_PER_WORKER * self.slots)])
        for future in pending:
            batch = submitted.pop(future)
            yield _result(future, batch)
            future.release()
            for following in islice(batches, max(0, IN_FLIGHT_PER_WORKER * self.slots - len(submitted))):
                pending.add(submit(following))


def _result(future: Future, batch: list[Item]) -> list[Result]:
    """The batch's results, or (the task failed for good, e.g. its workers kept dying) every
    document as a coding failure: they are not stored, so the next run codes them again."""
    try:
        return future.result()
    except Exception as error:
        return [code_failure(item, error) if isinstance(item, Document) else item for item in batch]


def _local_cluster(workers: int) -> LocalCluster:
    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)


def _warm_up(spec: CoderSpec) -> None:
    coder_for(spec)

