"""Readers: files, directories and stdin in, :class:`Document` or :class:`Failure` out.

A reader never stops the batch: an unreadable item becomes a ``Failure`` naming the item (the
file, and its line or row where there is one) and the reason, and reading goes on with the next
one. Corpus files (JSONL, gzipped JSONL, CSV, Parquet) are streamed, never read whole.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields
from datetime import date
from functools import partial
from pathlib import Path
from typing import Protocol

from polybius.documents import Document, normalise_text
from polybius.documents.article import read_article
from polybius.errors import Failure, InputError
from polybius.settings import MAX_DOCUMENT_BYTES, MAX_DOCUMENT_CHARS

Item = Document | Failure
SUFFIXES = (".txt", ".text", ".html", ".htm", ".jsonl", ".jsonl.gz", ".csv", ".parquet")
#: Record fields read from a Parquet file (only ``text`` is required): a document's own fields, less
#: those that reading fills in.
PARQUET_COLUMNS = tuple(f.name for f in fields(Document) if f.name not in ("path", "segments"))
#: Parquet rows decoded at a time: memory stays bounded whatever the row-group size.
_PARQUET_ROWS = 1024
#: Bytes looked at to tell a binary file from text.
_SNIFF_BYTES = 8192


def read_documents(paths: Iterable[str], *, date: str | None = None) -> Iterator[Item]:
    """Every document in ``paths`` (files, directories read recursively, or ``-`` for stdin).

    ``date`` (YYYY-MM-DD) is the publication date of inputs that do not state one.
    """
    if date is not None:
        check_date(date, "date=")
    for path in paths:
        if path == "-":
            yield from read_stdin(sys.stdin.buffer.read(), default_date=date)
        elif Path(path).is_dir():
            for child in sorted(Path(path).rglob("*")):
                if child.is_file() and file_kind(child) in SUFFIXES:
                    yield from read_file(child, default_date=date)
        else:
            yield from read_file(Path(path), default_date=date)


def count_documents(paths: Iterable[str]) -> int | None:
    """How many items ``paths`` hold, for a progress bar's total: a cheap pass that only counts
    lines (JSONL), rows (CSV, Parquet metadata) and files. None when it cannot tell (stdin)."""
    total = 0
    for path in paths:
        if path == "-":
            return None
        if Path(path).is_dir():
            children = sorted(Path(path).rglob("*"))
            total += sum(_count_items(c) for c in children if c.is_file() and file_kind(c) in SUFFIXES)
        else:
            total += _count_items(Path(path))
    return total


def _count_items(path: Path) -> int:
    kind = file_kind(path)
    try:
        if kind in (".jsonl", ".jsonl.gz"):
            with gzip.open(path, "rb") if kind == ".jsonl.gz" else open(path, "rb") as stream:
                return sum(1 for line in stream if line.strip())
        if kind == ".csv":
            with open(path, encoding="utf-8", newline="") as text_stream:
                return max(0, sum(1 for _ in csv.reader(text_stream)) - 1)
        if kind == ".parquet":
            import pyarrow.parquet as pq

            return int(pq.ParquetFile(path).metadata.num_rows)
    except Exception:  # unreadable (missing, corrupt, not Parquet): the reader reports it, once
        return 1
    return 1


def file_kind(path: Path) -> str:
    """The reader a file needs: its suffix, with ``.jsonl.gz`` as one kind."""
    name = path.name.lower()
    return ".jsonl.gz" if name.endswith(".jsonl.gz") else path.suffix.lower()


def read_file(path: Path, *, default_date: str | None = None) -> Iterator[Item]:
    """The documents of one file, chosen by its suffix; JSONL, CSV and Parquet are streamed."""
    item = str(path)
    kind = file_kind(path)
    if kind not in SUFFIXES:
        yield _failure(InputError("E006", item, suffix=kind))
        return
    try:
        if kind in (".jsonl", ".jsonl.gz"):
            with gzip.open(path, "rb") if kind == ".jsonl.gz" else open(path, "rb") as stream:
                yield from _read_jsonl_stream(stream, item=item, default_date=default_date)
        elif kind == ".csv":
            with open(path, encoding="utf-8", newline="") as text_stream:
                yield from _read_csv_rows(text_stream, item=item, default_date=default_date)
        elif kind == ".parquet":
            yield from read_parquet(path, default_date=default_date)
        elif path.stat().st_size > MAX_DOCUMENT_BYTES:  # one article: refused unread when too big
            yield _failure(InputError("E008", item, limit=MAX_DOCUMENT_CHARS))
        else:
            yield _read_article_file(path.read_bytes(), item=item, kind=kind, default_date=default_date)
    except OSError as error:
        yield _failure(InputError("E001", item, reason=error.strerror or str(error)))


def _read_article_file(raw: bytes, *, item: str, kind: str, default_date: str | None) -> Item:
    """One article (.txt or .html); undecodable bytes are reported with their line."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        return _failure(InputError("E003", f"{item}:{line}", reason=str(error)))
    if "\x00" in text[:_SNIFF_BYTES]:
        return _failure(InputError("E020", item))
    if kind in (".html", ".htm"):
        return _checked(partial(read_html, text, item=item, default_date=default_date))
    return _checked(partial(read_article, text, item=item, default_date=default_date))


def read_stdin(raw: bytes, *, default_date: str | None = None) -> Iterator[Item]:
    """Standard input: JSONL when every non-empty line is a JSON object, else one article."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        yield _failure(InputError("E003", "<stdin>", reason=str(error)))
        return
    lines = [line for line in text.splitlines() if line.strip()]
    if lines and all(_is_json_object(line) for line in lines):
        yield from read_jsonl(raw, item="<stdin>", default_date=default_date)
    else:
        yield _checked(partial(read_article, text, item="<stdin>", default_date=default_date))


def read_jsonl(raw: bytes, *, item: str, default_date: str | None = None) -> Iterator[Item]:
    """One document per line; a bad line is reported with its number and skipped."""
    yield from _read_jsonl_stream(io.BufferedReader(io.BytesIO(raw)), item=item, default_date=default_date)


class _PeekableStream(Protocol):
    """A binary stream that can look ahead (a buffered file, a gzip stream)."""

    def peek(self, size: int, /) -> bytes: ...
    def readline(self, size: int | None = -1, /) -> bytes: ...


def _read_jsonl_stream(stream: _PeekableStream, *, item: str, default_date: str | None) -> Iterator[Item]:
    """JSONL read line by line, so a file (or a gzip stream) is never held in memory whole.

    A file with NUL bytes near its start is binary and fails once, not once per "line"; a line
    over ``MAX_DOCUMENT_BYTES`` is skipped unread; a truncated or corrupt gzip stream fails at the
    line where it broke, after the documents before it.
    """
    number = 0
    try:
        if b"\x00" in stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]:
            yield _failure(InputError("E020", item))
            return
        while line := stream.readline(MAX_DOCUMENT_BYTES + 1):
            number += 1
            if len(line) > MAX_DOCUMENT_BYTES:
                while line and not line.endswith(b"\n"):
                    line = stream.readline(MAX_DOCUMENT_BYTES)  # the rest of the line, dropped
                yield _failure(InputError("E008", f"{item}:{number}", limit=MAX_DOCUMENT_CHARS))
                continue
            yield from _jsonl_line(line, where=f"{item}:{number}", default_date=default_date)
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        yield _failure(InputError("E021", f"{item}:{number + 1}", reason=str(error) or type(error).__name__))


def _jsonl_line(line: bytes, *, where: str, default_date: str | None) -> Iterator[Item]:
    """The document of one JSONL line (nothing for a blank line)."""
    if not line.strip():
        return
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as error:
        yield _failure(InputError("E003", where, reason=str(error)))
        return
    except json.JSONDecodeError as error:
        yield _failure(InputError("E004", where, reason=error.msg))
        return
    except RecursionError:
        yield _failure(InputError("E004", where, reason="nested too deeply"))
        return
    if not isinstance(record, dict):
        yield _failure(InputError("E004", where, reason="not a JSON object"))
        return
    yield _checked(partial(from_record, record, item=where, default_date=default_date))


def _read_csv_rows(stream: Iterable[str], *, item: str, default_date: str | None) -> Iterator[Item]:
    """CSV rows streamed, each named ``file:row``; bad bytes or quoting end the file at that row."""
    reader = csv.DictReader(stream)
    number = 1
    try:
        for row in reader:
            number += 1
            yield _checked(partial(from_record, row, item=f"{item}:{number}", default_date=default_date))
    except UnicodeDecodeError as error:
        yield _failure(InputError("E003", f"{item}:{number + 1}", reason=str(error)))
    except csv.Error as error:
        yield _failure(InputError("E021", f"{item}:{number + 1}", reason=str(error)))


def read_parquet(path: Path, *, default_date: str | None = None) -> Iterator[Item]:
    """Rows of a Parquet file with a ``text`` column (``id``, ``title``, ``date``, ``url``,
    ``source`` optional), a slice of a row group at a time; rows are named ``file:row`` from 1."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    item = str(path)
    number = 0
    try:
        parquet = pq.ParquetFile(path)
        columns = [c for c in PARQUET_COLUMNS if c in parquet.schema_arrow.names]
        if "text" not in columns:
            yield _failure(InputError("E005", item))
            return
        for batch in parquet.iter_batches(batch_size=_PARQUET_ROWS, columns=columns):
            for row in batch.to_pylist():
                number += 1
                yield _checked(partial(from_record, row, item=f"{item}:{number}", default_date=default_date))
    except pa.ArrowException as error:
        where = f"{item}:{number + 1}" if number else item
        yield _failure(InputError("E021", where, reason=str(error)))


def read_html(html: str, *, item: str, default_date: str | None = None) -> Document:
    """The main text of a web page, extracted by trafilatura (navigation and footers dropped)."""
    import trafilatura  # slow to import: only when a page is read

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    # A dict only with as_dict=True; None (or no text) when the page holds no article.
    if isinstance(extracted, dict) or extracted is None or not extracted.text or not extracted.text.strip():
        raise InputError("E002", item)
    text = normalise_text(extracted.text)
    return Document(
        text=text,
        title=extracted.title,
        date=(extracted.date or default_date),
        url=extracted.url,
        source=extracted.sitename,
        path=item,
    )


def from_record(record: dict[str, object], *, item: str, default_date: str | None = None) -> Document:
    """A document from a JSON object or CSV row; the record's own ``id`` is kept."""
    text = record.get("text")
    if text is None:
        raise InputError("E005", item)
    text = normalise_text(str(text))
    published = _optional(record.get("date")) or default_date
    if published:
        published = check_date(published[:10], item)
    return Document(
        text=text,
        id=_optional(record.get("id")) or "",
        title=_optional(record.get("title")),
        date=published,
        url=_optional(record.get("url")),
        source=_optional(record.get("source")),
        path=item,
    )


def check_date(value: str, item: str) -> str:
    """``value`` if it is a YYYY-MM-DD date, else an :class:`InputError`."""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError("E007", item, value=value) from None


def _checked(make: Callable[[], Document]) -> Item:
    """Build a document, turning an input error or an empty/oversized text into a Failure."""
    try:
        document = make()
    except InputError as error:
        return _failure(error)
    if not document.text.strip() or not document.segments:
        return _failure(InputError("E002", document.path or document.id))
    if len(document.text) > MAX_DOCUMENT_CHARS:
        return _failure(InputError("E008", document.path or document.id, limit=MAX_DOCUMENT_CHARS))
    return document


def _failure(error: InputError) -> Failure:
    return Failure(item=error.item, stage="read", message=str(error))


def _optional(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (json.JSONDecodeError, RecursionError):
        return False
