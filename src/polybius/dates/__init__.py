"""Event dates from the text, resolved against the publication date (dateparser does the parsing).

The date of an event is the DATE expression in the event's own clause ("hosted talks in
November"); events without one take the publication date, and the record says which
(``date_source`` "text" or "publication").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import dateparser
from spacy.tokens import Span, Token

_DAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"\d{4}-\d\d-\d\d|week|day)",
    re.I,
)
_MONTH = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|month)\b",
    re.I,
)
_YEAR_WORD = re.compile(r"\b(?:year|\d{4})\b", re.I)
_FUZZY = re.compile(r"\b(?:late|early|mid|the|end of|beginning of|start of)\b-?", re.I)
# Prepositions that make a DATE a duration, not the time of the event ("over the last year").
_DURATION = frozenset({"over", "for", "during", "throughout", "within", "until", "till"})


@dataclass(frozen=True)
class EventDate:
    value: str  # YYYY, YYYY-MM or YYYY-MM-DD
    precision: str  # year / month / day
    source: str  # text / publication


def precision_of(expression: str) -> str | None:
    """How precise a date expression is: day, month or year (None when it names no date)."""
    if _DAY.search(expression):
        return "day"
    if _MONTH.search(expression):
        return "month"
    if _YEAR_WORD.search(expression):
        return "year"
    return None


@lru_cache(maxsize=4096)
def resolve_expression(expression: str, published: str, future: bool = False) -> EventDate | None:
    """An expression such as "on Tuesday" or "late last month" as a date, relative to ``published``."""
    precision = precision_of(expression)
    if precision is None:
        return None
    cleaned = _FUZZY.sub(" ", expression).strip(" ,-")
    parsed = dateparser.parse(
        cleaned,
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime.fromisoformat(published),
            "PREFER_DATES_FROM": "future" if future else "past",
            "PREFER_DAY_OF_MONTH": "first",
            "DATE_ORDER": "DMY",
        },
    )
    if parsed is None:
        return None
    value = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[precision]
    return EventDate(parsed.strftime(value), precision, "text")


def date_expressions(trigger: Token, sentence: Span) -> list[Span]:
    """DATE entities of the sentence that belong to the trigger's own clause.

    An event noun also takes the dates of the noun phrase it sits in ("the round of fighting
    in August 2022").
    """
    anchors = {trigger.i}
    token = trigger
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i and token.head.pos_ not in ("VERB", "AUX"):
        token = token.head
        anchors.add(token.i)
    found = []
    for ent in sentence.ents:
        if ent.label_ != "DATE":
            continue
        token = ent.root
        if token.head.lower_ in _DURATION:
            continue
        while token.i not in anchors and token.head.i != token.i:
            if token.pos_ in ("VERB", "AUX") and token.i != ent.root.i:
                break
            token = token.head
        if token.i in anchors:
            found.append(ent)
    return found


def event_date(trigger: Token, sentence: Span, published: str | None, future: bool = False) -> EventDate | None:
    """The event's date: from its clause when it states one, else the publication date."""
    if published:
        for ent in date_expressions(trigger, sentence):
            resolved = resolve_expression(ent.text, published, future)
            if resolved:
                return resolved
        return EventDate(published, "day", "publication")
    return None


__all__ = ["EventDate", "date_expressions", "event_date", "precision_of", "resolve_expression"]
