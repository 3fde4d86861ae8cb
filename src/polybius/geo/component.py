"""The ``polybius_places`` component: where each event happened, and every place an article names.

Each event of ``Doc._.events`` gets the ``location`` of the most specific place its clause names
(resolved in the light of the article's countries); with ``mentions = true`` (the default) the Doc
also gets every place mention of its coded paragraphs on ``Doc._.places`` (the geoparser of
``polybius places``). The geocoder is a registered part.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any, Protocol

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from polybius.geo import Gazetteer, load_gazetteer
from polybius.geo.parser import ArticleContext, PlaceMention, place_mentions
from polybius.records import Location
from polybius.registry import geocoders, reference

if not Doc.has_extension("places"):
    Doc.set_extension("places", default=None)


class ActorReading(Protocol):
    """What the places need of an article's actor reading (``Doc._.actors``, see polybius_actors)."""

    def countries(self) -> frozenset[str]: ...

    def countries_in(self, span: Span) -> frozenset[str]: ...

    def names_actor(self, span: Span) -> bool: ...

    def adjectives(self) -> list[tuple[int, int, str]]: ...

    def placed(self, mention: Any, country: str) -> Any: ...


@geocoders.register("polybius.gazetteer.v1")
def gazetteer() -> Gazetteer:
    """The offline gazetteer: GeoNames countries, divisions, populated places and continents, and our extras."""
    return load_gazetteer()


class PlaceFinder:
    """Locates events and (optionally) lists the places of each article."""

    def __init__(self, geocoder: Gazetteer, mentions: bool = True) -> None:
        self.gazetteer = geocoder
        self.mentions = mentions

    def __call__(self, doc: Doc) -> Doc:
        found = self.places(doc)
        where = ArticlePlaces(found)
        actors: ActorReading | None = doc._.actors
        for event in doc._.events or []:
            event.location = self.location(event.detection.places, event.sentence, where, event.detection.trigger)
            country = event.location.country if event.location is not None else None
            if actors is not None and country is not None:
                event.source = actors.placed(event.source, country) if event.source else None
                event.target = actors.placed(event.target, country) if event.target else None
        if self.mentions:
            doc._.places = found
        return doc

    def location(
        self,
        tokens: list[Token],
        sentence: Span | None,
        where: ArticlePlaces,
        trigger: Token | None = None,
    ) -> Location | None:
        """The most specific place the event's clause names, else its sentence, else the dateline.

        A place of the sentence locates the event when it says where something happened ("in
        Aleppo", not "a briefing on Raqqa") and its phrase belongs to the same happening as the
        event's trigger: "struck Kupiansk…, killing two residents" (a participle going on with
        the strike), not "criticised the talks held in Jeddah" (a participle describing a noun)
        nor "said in Geneva that rebels attacked" (a reported clause)."""
        clause = [m for t in tokens if (m := where.at(t.idx)) is not None]
        if not clause and sentence is not None:
            clause = [
                m for m in where.between(sentence.start_char, sentence.end_char)
                if m.locative and (trigger is None or _same_happening(trigger, m.verb))
            ]  # fmt: skip
        if not clause:
            clause = where.dateline
        if not clause:
            return None
        best = max(clause, key=lambda m: (_SPECIFIC.get(m.place.precision, 0), -m.start))
        return best.place.location()

    def places(self, doc: Doc) -> list[PlaceMention]:
        """Every place mention of the Doc's coded paragraphs, read with what its actors say."""
        return place_mentions(self.gazetteer, doc._.paragraphs, article_context(doc._.actors))


# How specific each precision is: village > district > province > country.
_SPECIFIC = {"city": 6, "admin2": 5, "admin1": 4, "region": 3, "country": 2, "sea": 1, "continent": 0}


# Dependencies that start another happening than their head's: a clause describing a noun, a
# reported clause, a side remark.
_OTHER_HAPPENING = frozenset({"acl", "relcl", "ccomp", "parataxis"})


def _same_happening(trigger: Token, verb: int) -> bool:
    """Is the verb a place's phrase hangs on part of the trigger's happening: the trigger itself, or
    joined to it without crossing into a clause of another happening?"""
    if verb < 0 or verb == trigger.i:
        return True
    other = trigger.doc[verb]
    return _reaches(trigger, other) or _reaches(other, trigger)


def _reaches(low: Token, high: Token) -> bool:
    """Does ``low`` hang on ``high`` through dependencies that stay in one happening?"""
    token = low
    while token.i != high.i:
        if token.dep_ in _OTHER_HAPPENING or token.head.i == token.i:
            return False
        token = token.head
    return True


class ArticlePlaces:
    """An article's place mentions indexed by where they are written, so that locating each of
    thousands of events in a long article does not scan every mention."""

    def __init__(self, found: list[PlaceMention]) -> None:
        self.mentions = sorted(found, key=lambda m: (m.start, m.end))
        self.starts = [m.start for m in self.mentions]
        self.dateline = [m for m in found if m.role == "dateline"]

    def at(self, offset: int) -> PlaceMention | None:
        """The mention covering a character of the article, if any."""
        i = bisect_right(self.starts, offset) - 1
        return self.mentions[i] if i >= 0 and offset < self.mentions[i].end else None

    def between(self, start: int, end: int) -> list[PlaceMention]:
        """The mentions starting in [start, end), in text order."""
        return self.mentions[bisect_left(self.starts, start) : bisect_left(self.starts, end)]


def article_context(actors: ActorReading | None) -> ArticleContext:
    """What the article's actors tell the geoparser (nothing when no actors were read)."""
    if actors is None:
        return ArticleContext()
    return ArticleContext(actors.countries(), actors.countries_in, actors.names_actor, actors.adjectives())


@Language.factory(
    "polybius_places",
    requires=["doc._.actors", "doc._.events", "doc.ents"],
    assigns=["doc._.places", "doc._.events"],
    default_config={"geocoder": reference("geocoders", "polybius.gazetteer.v1"), "mentions": True},
)
def make_place_finder(nlp: Language, name: str, geocoder: Gazetteer, mentions: bool) -> PlaceFinder:
    return PlaceFinder(geocoder, mentions)


__all__ = ["ArticlePlaces", "PlaceFinder", "article_context", "gazetteer", "make_place_finder"]
