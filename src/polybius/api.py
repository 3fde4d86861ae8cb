"""The library functions behind the CLI verbs: ``code`` and ``ingest`` (STYLE rule 1)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from polybius.coder import Coder, default_coder
from polybius.documents import Document
from polybius.documents.readers import read_documents
from polybius.errors import ConfigurationError, Failure, message
from polybius.geo.parser import PlaceMention
from polybius.pipeline import DEFAULT_PARTS, Parts
from polybius.runners import CoderSpec, Result, code_items, open_runner
from polybius.settings import INGEST_BATCH_SIZE
from polybius.sinks.parquet import write_event_months
from polybius.sinks.store import Store

PlacesResult = tuple[Document, list[PlaceMention]] | Failure


def code(
    paths: Iterable[str], *, date: str | None = None, all_modalities: bool = False, coder: Coder | None = None
) -> Iterator[Result]:
    """Code every document in ``paths``: each document with its events, or a ``Failure``.

    A document that cannot be read or coded is reported and the rest of the batch goes on.
    """
    return code_items(coder or default_coder(all_modalities), read_documents(paths, date=date))


def places(
    paths: Iterable[str], *, date: str | None = None, coder: Coder | None = None, adjectival: bool = True
) -> Iterator[PlacesResult]:
    """Every place mention of every document in ``paths``, resolved by the coder's geoparser
    (the same one that locates events), or a ``Failure`` for what cannot be read or parsed.
    ``adjectival=False`` leaves out nationality adjectives ("Turkish troops" → Turkey)."""
    coder = coder or default_coder()
    for item in read_documents(paths, date=date):
        if isinstance(item, Failure):
            yield item
            continue
        try:
            found = coder.places(item)
            yield item, found if adjectival else [m for m in found if m.role != "adjectival"]
        except Exception as error:
            where = item.path or item.id
            yield Failure(where, "places", message("E009", item=where, reason=repr(error)))


@dataclass
class IngestSummary:
    """What an ingest run did; ``failed`` items are also in the store's ``errors`` table."""

    db: str
    read: int = 0
    coded: int = 0
    skipped: int = 0
    events: int = 0
    failures: list[Failure] = field(default_factory=list)
    batches: int = 0  # batches committed

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def done(self) -> int:
        """Input items dealt with: articles coded, skipped or failed, and unreadable items."""
        return self.coded + self.skipped + self.failed


def ingest(
    paths: Iterable[str],
    db: str | Path,
    *,
    date: str | None = None,
    coder: Coder | None = None,
    actors: Sequence[str | Path] = (),
    agents: Sequence[str | Path] = (),
    parts: Parts = DEFAULT_PARTS,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    batch_size: int = INGEST_BATCH_SIZE,
    parquet: str | Path | None = None,
    progress: Callable[[IngestSummary], None] | None = None,
) -> IngestSummary:
    """Code documents into a DuckDB file, a batch of ``batch_size`` articles at a time.

    ``engine`` is ``local`` (this process, with ``coder`` or one built from ``parts`` with the user
    dictionaries ``actors``/``agents`` added)
    or ``dask`` (``workers`` local worker processes, or the cluster at ``scheduler``). Each batch
    is committed in one transaction; articles already stored (same id) are skipped before they
    are sent to be coded, so a killed run resumes where it stopped. ``parquet`` also writes the
    store's events by month under that directory at the end (see ``sinks.parquet``).
    ``progress`` is called with the summary after each committed batch.
    """
    if batch_size < 1:
        raise ConfigurationError("E034", value=batch_size)
    summary = IngestSummary(db=str(Path(db).resolve()))
    spec = CoderSpec(parts=parts.with_dictionaries(actors, agents))
    with Store(db) as store:
        batches = _new_batches(read_documents(paths, date=date), store, summary, batch_size)
        with open_runner(engine, spec, coder=coder, workers=workers, scheduler=scheduler) as runner:
            for results in runner.map(batches):
                _commit(store, results, summary)
                if progress is not None:
                    progress(summary)
        if parquet is not None:
            write_event_months(store.connection, parquet)
    return summary


def _commit(store: Store, results: list[Result], summary: IngestSummary) -> None:
    articles, events = store.add_batch(results)
    failures = [r for r in results if isinstance(r, Failure)]
    summary.failures += failures
    summary.coded += articles
    summary.skipped += len(results) - len(failures) - articles  # stored meanwhile by another run
    summary.events += events
    summary.batches += 1


def _new_batches(
    items: Iterable[Document | Failure], store: Store, summary: IngestSummary, size: int
) -> Iterator[list[Document | Failure]]:
    """Items in batches of ``size``, without articles already stored or already seen in this run.

    The store is asked once per batch; the ids seen are kept for the run (16-character strings,
    not texts), so a corpus that repeats an article codes it once.
    """
    seen: set[str] = set()
    for chunk in _chunks(items, size):
        documents = [i for i in chunk if isinstance(i, Document)]
        summary.read += len(documents)
        stored = store.stored_ids([d.id for d in documents])
        batch: list[Document | Failure] = []
        for item in chunk:
            if isinstance(item, Document):
                if item.id in seen or item.id in stored:
                    summary.skipped += 1
                    continue
                seen.add(item.id)
            batch.append(item)
        if batch:
            yield batch


def _chunks(items: Iterable[Document | Failure], size: int) -> Iterator[list[Document | Failure]]:
    chunk: list[Document | Failure] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
