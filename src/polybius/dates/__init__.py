"""Event dates from the text, resolved against the publication date (dateparser does the parsing).

The date of an event is the DATE expression in the event's own clause ("hosted talks in
November"); events without one take the publication date, and the record says which
(``date_source`` "text" or "publication").

How expressions resolve (the choices dateparser does not make for us):

- Past by default, future only for future events: "in March" in a January article is last
  March, "will meet in March" this March; "December" in January is the previous December.
- A bare weekday equal to the publication's weekday is the publication day, past or future
  ("on Wednesday" in a Wednesday story); other weekdays are the last one before publication,
  or the next one after it for a future event.
- The month of publication stays this month for a future event too ("will meet in January").
- Blurring words keep the unit: "late last month" is a month, "the end of last year" a year.
- A calendar week ("last week", "earlier this week") is reported at month precision, the
  month of the day a week before (or after) publication: a week is not a day.
- "since 2011" dates the event by its start.
- Durations ("over the last year", "for two years") and times counted from another event
  ("two days later") give no date, nor does a time after publication for an event that is not
  future: such events take the publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

import dateparser
from spacy.tokens import Span, Token

from polybius.lang import word_class, word_list
from polybius.nlp.entities import entities_in

_WEEKDAYS = word_list("weekdays")  # Monday first, as date.weekday() counts
_UNITS = r"(?:day|week|month|year|decade)s?"
_COUNT = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|several|many|a few)"
# Precision is judged on the expression once its fuzzy words are gone ("late last month" is a month).
# A calendar week ("last week", "earlier this week") is not a day: it is reported at month precision.
_DAY = re.compile(
    rf"\b(?:{'|'.join(_WEEKDAYS)}|yesterday|today|tonight|"
    r"night|morning|afternoon|evening|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
    rf"\d{{4}}-\d\d-\d\d|days?\b|{_COUNT}\s+weeks?\s+ago)",
    re.I,
)
_MONTH = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|months?|weeks?)\b",
    re.I,
)
_YEAR_WORD = re.compile(r"\b(?:years?|\d{4})\b", re.I)
# Words that blur a date without moving it out of its month or year ("late last month", "earlier
# this year", "the first week of December"); "since 2011" dates the event by its start. Leading
# prepositions go too, so that "on Wednesday" is seen as a bare weekday.
_FUZZY = re.compile(
    r"\b(?:on|in|at|late|early|mid|earlier|later|around|about|since|the|end of|beginning of|start of|"
    r"middle of|(?:first|second|third|last|final) (?:week|half|days|weeks) of|"
    r"(?:spring|summer|autumn|fall|winter) of)\b-?",
    re.I,
)
_OF_THE = re.compile(r"\bthe\s+(year|month|week)\b", re.I)  # "the end of the year": this year
_POSSESSIVE = re.compile(r"['’]s\b")
_RELATIVE_YEAR = re.compile(r"\b(last|this|next) year\b", re.I)  # dateparser misses "November last year"
# Spans of time, not points in it: "the last year", "the past two years", "three months", "recent weeks".
_SPAN = re.compile(
    rf"^(?:(?:over|for|during|throughout|within|in)\s+)?(?:the\s+(?:last|past|previous|next|coming)\s+"
    rf"(?:{_COUNT}\s+)?{_UNITS}|(?:(?:the\s+)?(?:last|past|next|coming)\s+)?{_COUNT}\s+{_UNITS}|"
    rf"(?:the\s+)?recent\s+{_UNITS})$",
    re.I,
)
# Times counted from another event, not from publication: "two days later", "the following week".
_ELSEWHERE = re.compile(
    rf"\b{_COUNT}\s+{_UNITS}\s+(?:later|earlier|before|after)\b|"
    r"\bthe\s+(?:next|following|previous|preceding)\s+(?:day|morning|night|week|month|year)\b",
    re.I,
)
_YEAR_DIGITS = re.compile(r"\b\d{4}\b")
_NOUN_MODIFIERS = frozenset({"nummod", "compound", "amod", "poss", "nmod"})
_ARGUMENTS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "dative"})
_DURATION = word_class("duration_prepositions")


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


def _clean(expression: str, published: date) -> str:
    """The expression without its blurring words, in a form dateparser reads."""
    text = _POSSESSIVE.sub("", expression)
    text = _OF_THE.sub(r"this \1", text)
    text = _FUZZY.sub(" ", text)
    text = _RELATIVE_YEAR.sub(lambda m: str(published.year + {"last": -1, "this": 0, "next": 1}[m[1].lower()]), text)
    return " ".join(text.split()).strip(" ,-")


def _same_weekday(cleaned: str, published: date) -> bool:
    """A bare weekday naming the publication's own weekday means that day, not a week earlier.

    Wire copy says "on Wednesday" in a Wednesday story for what happened that day; a week
    earlier or later would be "last Wednesday" or "next Wednesday".
    """
    words = cleaned.lower().split()
    return bool(words) and words[0] == _WEEKDAYS[published.weekday()] and len(words) <= 2


def _parse(cleaned: str, published: date, future: bool) -> date | None:
    if _same_weekday(cleaned, published):
        return published
    parsed = dateparser.parse(
        cleaned,
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime.combine(published, datetime.min.time()),
            "PREFER_DATES_FROM": "future" if future else "past",
            "PREFER_DAY_OF_MONTH": "first",
            "DATE_ORDER": "DMY",
        },
    )
    return parsed.date() if parsed else None


def _current_month(cleaned: str, parsed: date, published: date) -> date:
    """A future "in January" written in January means this January, not next year's.

    dateparser's future preference skips the current month; a year stated in the text wins.
    """
    if _YEAR_DIGITS.search(cleaned) or (parsed.year, parsed.month) != (published.year + 1, published.month):
        return parsed
    return published.replace(day=1)


_FORMATS = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}


@lru_cache(maxsize=4096)
def resolve_expression(expression: str, published: str, future: bool = False) -> EventDate | None:
    """An expression such as "on Tuesday" or "late last month" as a date, relative to ``published``.

    None when it names no point in time ("over the last year"), a time counted from another
    event ("two days later"), or, for an event that is not future, a time after publication
    ("next month" in a past-tense clause is not when it happened).
    """
    if _SPAN.match(expression.strip()) or _ELSEWHERE.search(expression):
        return None
    base = date.fromisoformat(published)
    cleaned = _clean(expression, base)
    precision = precision_of(cleaned)
    if precision is None:
        return None
    parsed = _parse(cleaned, base, future)
    if parsed is None:
        return None
    if future and precision == "month":
        parsed = _current_month(cleaned, parsed, base)
    if parsed > base and not future:
        return None
    return EventDate(parsed.strftime(_FORMATS[precision]), precision, "text")


def _pieces(ent: Span) -> list[Span]:
    """An entity split at commas and conjunctions, each piece with its own syntactic root.

    spaCy sometimes joins two times into one entity ("on Monday, days after ..."), whose parts
    belong to different clauses. A comma before a number stays: "March 3, 2021" is one date.
    """
    pieces, start = [], ent.start
    for token in ent:
        following = ent.doc[token.i + 1] if token.i + 1 < len(ent.doc) else token
        if token.pos_ in ("PUNCT", "CCONJ") and not following.like_num:
            if token.i > start:
                pieces.append(ent.doc[start : token.i])
            start = token.i + 1
    if ent.end > start:
        pieces.append(ent.doc[start : ent.end])
    return pieces


def _clause_anchors(trigger: Token) -> set[int]:
    """The trigger and, for an event noun, the nouns above it up to the first verb."""
    anchors = {trigger.i}
    token = trigger
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i and token.head.pos_ not in ("VERB", "AUX"):
        token = token.head
        anchors.add(token.i)
    return anchors


def _attaches(piece: Span, anchors: set[int]) -> bool:
    """Whether the piece hangs from the anchors without crossing another verb on the way."""
    token = piece.root
    if token.head.lower_ in _DURATION or _dates_another_thing(token, anchors):
        return False
    while token.i not in anchors and token.head.i != token.i:
        if token.pos_ in ("VERB", "AUX") and token.i != piece.root.i:
            return False
        token = token.head
    return token.i in anchors


def _dates_another_thing(token: Token, anchors: set[int]) -> bool:
    """A date inside a noun phrase dates that thing, which is the event's only when the noun is
    the event or its direct argument ("signed a 2016 deal"), not when it sits further away
    ("would invoke commitments under a 1951 treaty")."""
    noun = token.head
    if token.dep_ not in _NOUN_MODIFIERS or noun.pos_ not in ("NOUN", "PROPN") or noun.i in anchors:
        return False
    return not (noun.dep_ in _ARGUMENTS and noun.head.i in anchors)


def date_expressions(trigger: Token, sentence: Span) -> list[Span]:
    """DATE (and TIME: "this morning") entities of the sentence that belong to the trigger's clause.

    An event noun also takes the dates of the noun phrase it sits in ("the round of fighting
    in August 2022").
    """
    anchors = _clause_anchors(trigger)
    found: list[Span] = []
    for ent in entities_in(sentence):
        if ent.label_ in ("DATE", "TIME"):
            found.extend(piece for piece in _pieces(ent) if _attaches(piece, anchors))
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
