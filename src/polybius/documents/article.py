"""Scraped news articles as plain text: headline, dateline and boilerplate aware.

Layout seen on news sites and in scrapes: the first non-empty line is the headline (sometimes
repeated), then a standfirst, a "3 min read" line, a dateline, a photo caption ending in a
credit such as "[Getty]", then the body. The headline, its repeats, the reading-time line, the
dateline and credited captions are kept in the text but not coded.
"""

from __future__ import annotations

import re
from datetime import date

import dateparser

from polybius.documents import Document, normalise_text, paragraphs
from polybius.settings import DATELINE_SEARCH_LINES

_READ_TIME = re.compile(r"^\d+\s*(?:-|\s)?(?:min|mins|minute|minutes)\.?\s+read$", re.I)
_PHOTO_CREDIT = re.compile(r"\[[^\]]{1,60}\]\s*$|^\s*(?:photo|image|picture)\s*(?:credit)?\s*:", re.I)
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_DATELINE_NOISE = re.compile(r"^(?:published|updated|posted|last updated)\s*:?\s*|\s*\|.*$", re.I)
_HAS_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def parse_publication_date(line: str) -> date | None:
    """The date a dateline line states, or None when the line is not a dateline.

    Numeric dates such as ``10/01/2018`` are read day first (10 January), as in most of the
    world's press; when the second number cannot be a month (``01/25/2018``) they are read
    month first. ISO dates (``2018-01-10``) are read as ISO.
    """
    text = _DATELINE_NOISE.sub("", line.strip()).strip()
    if not text or len(text) > 40 or not _HAS_YEAR.search(text):
        return None
    numeric = _NUMERIC_DATE.match(text)
    if numeric:
        first, second, year = (int(g) for g in numeric.groups())
        day, month = (second, first) if second > 12 else (first, second)
        try:
            return date(year, month, day)
        except ValueError:
            return None
    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={"DATE_ORDER": "DMY", "STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return parsed.date() if parsed else None


def read_article(raw: str, *, item: str = "", default_date: str | None = None) -> Document:
    """A :class:`Document` from the text of a scraped article."""
    text = normalise_text(raw)
    lines = text.split("\n")
    numbered = [(n, line.strip()) for n, line in enumerate(lines) if line.strip()]
    skip: set[int] = set()
    title = None
    published: date | None = None
    # A first line is a headline when more lines follow and it does not end like a sentence;
    # "Russia attacked Ukraine." piped in alone is a sentence to code, not a title.
    if len(numbered) > 1 and not numbered[0][1].endswith((".", "!", "?", '"', "'")):
        title = numbered[0][1]
        skip.add(numbered[0][0])
    for number, line in numbered[1:DATELINE_SEARCH_LINES]:
        if line == title or _READ_TIME.match(line) or _PHOTO_CREDIT.search(line):
            skip.add(number)
        elif published is None and (found := parse_publication_date(line)):
            published = found
            skip.add(number)
    return Document(
        text=text,
        title=title,
        date=published.isoformat() if published else default_date,
        path=item or None,
        segments=paragraphs(text, frozenset(skip)),
    )
