"""Ingest runners: batches of articles coded in this process or on a Dask cluster.

A runner turns batches of read items (documents and read failures, in input order) into batches
of results; it never writes. The driver (:func:`polybius.api.ingest`) alone commits each result
batch to the store, so a DuckDB file has one writer however many workers code (STYLE rule 10).
Both runners code a batch with the same function, :func:`code_items`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

from polybius.coder import Coder, make_coder
from polybius.documents import Document
from polybius.errors import ConfigurationError, Failure, message
from polybius.pipeline import DEFAULT_PARTS, Parts
from polybius.records import EventRecord

Item = Document | Failure
Result = tuple[Document, list[EventRecord]] | Failure
ENGINES = ("local", "dask")


@dataclass(frozen=True)
class CoderSpec:
    """What a worker needs to build the coder itself: a ``Coder`` is too big to ship per task.

    Dictionary paths must be absolute and readable where the workers run.
    """

    all_modalities: bool = False
    parts: Parts = DEFAULT_PARTS  # registered parts and user dictionaries (absolute paths)


class Runner(Protocol):
    def map(self, batches: Iterable[list[Item]]) -> Iterator[list[Result]]:
        """The results of every batch, each batch whole, in any order."""
        ...


def coder_for(spec: CoderSpec) -> Coder:
    """The coder of ``spec``; its pipeline is built once per process and kept (a Dask worker keeps
    it between tasks: :func:`polybius.pipeline.polybius_pipeline`)."""
    return make_coder(all_modalities=spec.all_modalities, parts=spec.parts)


def code_batch(items: list[Item], spec: CoderSpec) -> list[Result]:
    """One batch coded with the process's coder: the task a Dask worker runs."""
    return list(code_items(coder_for(spec), items))


def code_items(coder: Coder, items: Iterable[Item]) -> Iterator[Result]:
    """Documents coded in batches of the coder's size; failures pass through in their place."""
    pending: list[Document] = []
    for item in items:
        if isinstance(item, Failure):
            yield from _code_safely(coder, pending)
            pending = []
            yield item
            continue
        pending.append(item)
        if len(pending) >= coder.batch_size:
            yield from _code_safely(coder, pending)
            pending = []
    yield from _code_safely(coder, pending)


def _code_safely(coder: Coder, documents: list[Document]) -> Iterator[Result]:
    """Code a batch; if it fails, code its documents one by one so one bad article fails alone."""
    if not documents:
        return
    try:
        yield from list(coder.code(documents))
    except Exception:
        for document in documents:
            try:
                yield document, coder.code_document(document)
            except Exception as error:
                yield code_failure(document, error)


def code_failure(document: Document, error: BaseException) -> Failure:
    item = document.path or document.id
    return Failure(item, "code", message("E009", item=item, reason=repr(error)))


class LocalRunner:
    """Batches coded one after the other in this process."""

    def __init__(self, coder: Coder) -> None:
        self.coder = coder

    def map(self, batches: Iterable[list[Item]]) -> Iterator[list[Result]]:
        for batch in batches:
            yield list(code_items(self.coder, batch))


@contextmanager
def open_runner(
    engine: str,
    spec: CoderSpec,
    *,
    coder: Coder | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
) -> Iterator[Runner]:
    """The runner of ``engine``: ``local`` (this process) or ``dask`` (a cluster, see ``runners.dask``)."""
    if engine == "local":
        if workers is not None or scheduler is not None:
            raise ConfigurationError("E030")
        yield LocalRunner(coder or coder_for(spec))
    elif engine == "dask":
        if coder is not None:
            raise ConfigurationError("E031")
        from polybius.runners.dask import DaskRunner

        with DaskRunner(spec, workers=workers, scheduler=scheduler) as runner:
            yield runner
    else:
        raise ConfigurationError("E032", engine=engine, expected=", ".join(ENGINES))


__all__ = ["ENGINES", "CoderSpec", "LocalRunner", "Runner", "code_batch", "code_items", "coder_for", "open_runner"]
