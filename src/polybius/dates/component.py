"""The ``polybius_dates`` component: each event's date, from its own clause, on ``Doc._.events``.

The date resolver is a registered part; ours reads the DATE expressions of the event's clause
against the article's publication date (``Doc._.published``), see :mod:`polybius.dates`.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from polybius.dates import EventDate, event_date
from polybius.registry import date_resolvers, reference

#: (clause token, sentence, publication date, is the event future?) → its date, or None.
EventDater = Callable[[Token, Span, str | None, bool], EventDate | None]


@date_resolvers.register("polybius.date_resolver.v1")
def date_resolver() -> EventDater:
    """Dates from the event's clause (dateparser), else the publication date."""
    return event_date


class EventDating:
    def __init__(self, resolver: EventDater) -> None:
        self.resolver = resolver

    def __call__(self, doc: Doc) -> Doc:
        for event in doc._.events or []:
            future = event.act.modality == "future"
            event.date = self.resolver(event.detection.clause, event.sentence, doc._.published, future)
        return doc


@Language.factory(
    "polybius_dates",
    requires=["doc._.events", "doc.ents"],
    assigns=["doc._.events"],
    default_config={"resolver": reference("date_resolvers", "polybius.date_resolver.v1")},
)
def make_event_dating(nlp: Language, name: str, resolver: EventDater) -> EventDating:
    return EventDating(resolver)


__all__ = ["EventDater", "EventDating", "date_resolver", "make_event_dating"]
