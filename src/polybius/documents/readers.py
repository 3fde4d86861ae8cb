"""Readers: files, directories and stdin in, :class:`Document` or :class:`Failure` out.

A reader never stops the batch: an unreadable item becomes a ``Failure`` naming the item and
the reason, and reading goes on with the next one.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import partial
from pathlib import Path

from polybius.documents import Document, normalise_text
from polybius.documents.article import read_article
from polybius.errors import Failure, InputError
from polybius.settings import MAX_DOCUMENT_CHARS

Item = Document | Failure
SUFFIXES = (".txt", ".text", ".html", ".htm", ".jsonl", ".csv")


def read_documents(paths: Iterable[str], *, date: str | None = None) -> Iterator[Item]:
    """Every document in ``paths`` (files, directories read recursively, or ``-`` for stdin).

    ``date`` (YYYY-MM-DD) is the publication date of inputs that do not state one.
    """
    if date is not None:
        check_date(date, "--date")
    for path in paths:
        if path == "-":
            yield from read_stdin(sys.stdin.buffer.read(), default_date=date)
        elif Path(path).is_dir():
            for child in sorted(Path(path).rglob("*")):
                if child.is_file() and child.suffix.lower() in SUFFIXES:
                    yield from read_file(child, default_date=date)
        else:
            yield from read_file(Path(path), default_date=date)


def read_file(path: Path, *, default_date: str | None = None) -> Iterator[Item]:
    """The documents of one file, chosen by its suffix."""
    item = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield _failure(InputError("E006", item, suffix=suffix))
        return
    try:
        raw = path.read_bytes()
    except OSError as error:
        yield _failure(InputError("E001", item, reason=error.strerror or str(error)))
        return
    if suffix == ".jsonl":
        yield from read_jsonl(raw, item=item, default_date=default_date)
        return
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        yield _failure(InputError("E003", item, reason=str(error)))
        return
    if suffix == ".csv":
        yield from read_csv(text, item=item, default_date=default_date)
    elif suffix in (".html", ".htm"):
        yield _checked(partial(read_html, text, item=item, default_date=default_date))
    else:
        yield _checked(partial(read_article, text, item=item, default_date=default_date))


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
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if not line.strip():
            continue
        where = f"{item}:{number}"
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as error:
            yield _failure(InputError("E003", where, reason=str(error)))
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as error:
            yield _failure(InputError("E004", where, reason=error.msg))
            continue
        if not isinstance(record, dict):
            yield _failure(InputError("E004", where, reason="not a JSON object"))
            continue
        yield _checked(partial(from_record, record, item=where, default_date=default_date))


def read_csv(text: str, *, item: str, default_date: str | None = None) -> Iterator[Item]:
    """Rows of a CSV file with columns ``id,text,date,title,url,source`` (only ``text`` required)."""
    reader = csv.DictReader(io.StringIO(text))
    for number, row in enumerate(reader, start=2):
        where = f"{item}:{number}"
        yield _checked(partial(from_record, row, item=where, default_date=default_date))


def read_html(html: str, *, item: str, default_date: str | None = None) -> Document:
    """The main text of a web page, extracted by trafilatura (navigation and footers dropped)."""
    import trafilatura  # slow to import: only when a page is read

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if extracted is None or not (extracted.text or "").strip():
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
    except json.JSONDecodeError:
        return False
