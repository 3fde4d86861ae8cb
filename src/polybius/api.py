"""The library functions behind the CLI verbs: ``code`` and ``ingest`` (STYLE rule 1)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from polybius.coder import Coder, default_coder
from polybius.documents import Document
from polybius.documents.readers import read_documents
from polybius.errors import Failure, message
from polybius.geo.parser import PlaceMention
from polybius.records import EventRecord
from polybius.sinks.store import Store

Result = tuple[Document, list[EventRecord]] | Failure
PlacesResult = tuple[Document, list[PlaceMention]] | Failure


def code(
    paths: Iterable[str], *, date: str | None = None, all_modalities: bool = False, coder: Coder | None = None
) -> Iterator[Result]:
    """Code every document in ``paths``: each document with its events, or a ``Failure``.

    A document that cannot be read or coded is reported and the rest of the batch goes on.
    """
    return _code_stream(coder or default_coder(all_modalities), read_documents(paths, date=date))


def places(paths: Iterable[str], *, date: str | None = None, coder: Coder | None = None) -> Iterator[PlacesResult]:
    """Every place mention of every document in ``paths``, resolved by the coder's geoparser
    (the same one that locates events), or a ``Failure`` for what cannot be read or parsed."""
    coder = coder or default_coder()
    for item in read_documents(paths, date=date):
        if isinstance(item, Failure):
            yield item
            continue
        try:
            yield item, coder.places(item)
        except Exception as error:
            where = item.path or item.id
            yield Failure(where, "places", message("E009", item=where, reason=repr(error)))


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
                item = document.path or document.id
                yield Failure(item, "code", message("E009", item=item, reason=repr(error)))


@dataclass
class IngestSummary:
    """What an ingest run did; ``failed`` items are also in the store's ``errors`` table."""

    db: str
    read: int = 0
    coded: int = 0
    skipped: int = 0
    events: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)


def ingest(
    paths: Iterable[str], db: str | Path, *, date: str | None = None, coder: Coder | None = None
) -> IngestSummary:
    """Code documents into a DuckDB file; articles already stored (same id) are skipped."""
    summary = IngestSummary(db=str(Path(db).resolve()))
    with Store(db) as store:
        todo = _unstored(read_documents(paths, date=date), store, summary)
        coder = coder or default_coder()
        for result in _code_stream(coder, todo):
            if isinstance(result, Failure):
                summary.failures.append(result)
                store.add_error(result.item, result.stage, result.message)
                continue
            document, records = result
            if store.add(document, records):
                summary.coded += 1
                summary.events += len(records)
            else:
                summary.skipped += 1
    return summary


def _unstored(
    items: Iterable[Document | Failure], store: Store, summary: IngestSummary
) -> Iterator[Document | Failure]:
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Document):
            summary.read += 1
            if item.id in seen or store.has_article(item.id):
                summary.skipped += 1
                continue
            seen.add(item.id)
        yield item


def _code_stream(coder: Coder, items: Iterable[Document | Failure]) -> Iterator[Result]:
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
