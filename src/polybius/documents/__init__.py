"""Documents: what the readers produce and the coder consumes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields


@dataclass(frozen=True)
class Segment:
    """A stretch of the article text to code (a paragraph or line), by character offsets."""

    start: int
    end: int


@dataclass
class Document:
    """One article as read: its text, metadata, and which parts of the text are worth coding.

    ``segments`` leaves out headlines, datelines, "3 min read" and photo-credit lines, so they
    are never coded and never coded twice.
    """

    text: str
    id: str = ""
    title: str | None = None
    date: str | None = None  # publication date, YYYY-MM-DD
    url: str | None = None
    source: str | None = None
    path: str | None = None
    segments: list[Segment] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text)
        if not self.segments:
            self.segments = paragraphs(self.text)


#: What the store keeps of a document (``segments`` are re-derived from the text when read).
ARTICLE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Document) if f.name != "segments")


def content_id(text: str) -> str:
    """A stable id for inputs without one: the first 16 hex digits of the text's SHA-1."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def paragraphs(text: str, skip: frozenset[int] = frozenset()) -> list[Segment]:
    """Every non-empty line of ``text`` as a segment, except the line numbers in ``skip``.

    Lines are the sentence boundaries news text gives us for free: a headline or a paragraph
    never continues on the next line.
    """
    segments: list[Segment] = []
    offset = 0
    for number, line in enumerate(text.split("\n")):
        stripped = line.strip()
        if stripped and number not in skip:
            start = offset + line.index(stripped[0])
            segments.append(Segment(start, start + len(stripped)))
        offset += len(line) + 1
    return segments


def normalise_text(text: str) -> str:
    """Line endings to ``\\n`` and non-breaking or zero-width spaces to plain ones.

    Scraped pages are full of U+00A0; spaCy treats it as a token of its own, which breaks the
    parse of the sentence around it.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for odd in ("\u00a0", "\u2009", "\u202f", "\u2007"):
        text = text.replace(odd, " ")
    return text.replace("\u200b", "").replace("\ufeff", "")


__all__ = ["ARTICLE_FIELDS", "Document", "Segment", "content_id", "normalise_text", "paragraphs"]
