"""The geoparser: every place mention of an article, resolved in the article's context.

One geoparser serves ``polybius places`` and the event coder's ``location``. Mentions are found
by the NER model (GPE, LOC and FAC entities), completed by syntax where the small model misses a
name ("struck Aleppo", "in Odesa"), and resolved by the gazetteer; the gazetteer's names are never
searched in the text: "Nice weather" is not the French city, and "Syrian" is an actor's adjective
(NORP), not a place.

Resolution, for a name with readings in several countries:

1. a qualifier wins: "Paris, Texas" is the Paris in Texas;
2. otherwise the readings of the best kind (country, our extras, city, region) compete by size,
   each on log10(population) plus a bonus for context: 0.8 when its country is named in the same
   sentence ("Lebanese troops deployed in Tripoli"), 0.5 when named elsewhere in the article. Size
   still matters: a US mention in the article does not move Geneva to Illinois (21,000 people
   against 180,000), but Lebanon named beside Tripoli beats Libya's larger Tripoli.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from polybius.geo import Gazetteer, Place

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_MISTAKEN = frozenset({"PERSON", "ORG"})
# The feature classes of a place mention record; seas, regions and crossings are "other".
_FEATURE_CLASS = {"country": "country", "admin1": "admin region", "admin2": "admin region", "city": "city"}
_SENTENCE_BONUS = 0.8
_ARTICLE_BONUS = 0.5
_LOCATIVE = frozenset("in near at from to into outside inside around across toward towards through".split())
_STRIKING = frozenset(
    "strike hit shell bomb bombard attack raid capture retake recapture seize visit enter besiege reach leave tour"
    " flee evacuate cross occupy surround storm liberate".split()
)
_PLACE_NOUNS = frozenset("city town village port capital province region district county state island".split())
# A direction before a place is often part of its name: "eastern Ghouta", "northern Syria".
_DIRECTIONS = frozenset("eastern western northern southern central north south east west upper lower".split())


@dataclass(frozen=True)
class ArticleContext:
    """What the article's actors say about its places, from the coder's actor knowledge."""

    countries: frozenset[str] = frozenset()  # every country the article names
    # Countries a sentence names ("Lebanese troops" → LBN).
    sentence_countries: Callable[[Span], frozenset[str]] = lambda span: frozenset()
    # Is a stretch an actor's name ("Hamas", "the Kremlin"), never a place?
    names_actor: Callable[[Span], bool] = lambda span: False


@dataclass(frozen=True)
class PlaceMention:
    """A place as written in an article, with the place it names."""

    text: str
    start: int  # character offsets in the article text
    end: int
    place: Place
    confidence: float

    def to_dict(self, article_id: str) -> dict[str, Any]:
        place = self.place
        return {
            "article_id": article_id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": place.name,
            "country": place.country,
            "admin1": place.admin1,
            "lat": place.lat,
            "lon": place.lon,
            "geonameid": place.geonameid,
            "feature": _FEATURE_CLASS.get(place.feature, "other"),
            "confidence": self.confidence,
        }


def resolve(
    gazetteer: Gazetteer,
    name: str,
    countries: frozenset[str] = frozenset(),
    nearby: frozenset[str] = frozenset(),
    qualifier: Place | None = None,
    regions: frozenset[tuple[str | None, str | None]] = frozenset(),
) -> tuple[Place, float] | None:
    """The place ``name`` most likely means, with a confidence: 0.95 when every reading is in one
    country or a qualifier decided, 0.8 when the context did, 0.6 when only size did.

    ``regions`` are the (country, admin1) of unambiguous places in the same sentence: "Georgia"
    beside Atlanta is the US state."""
    readings = gazetteer.ranked(name)
    if qualifier is not None:
        qualified = [p for p in readings if _within(p, qualifier)]
        if qualified:
            return qualified[0], 0.95
    around = [p for p in readings if p.feature == "admin1" and (p.country, p.name) in regions]
    if around:
        return around[0], 0.8
    if not readings:
        return None
    if len({p.country for p in readings}) == 1:
        return readings[0], 0.95
    best_kind = max(p.rank for p in readings)

    def score(place: Place) -> float:
        bonus = _SENTENCE_BONUS if place.country in nearby else _ARTICLE_BONUS if place.country in countries else 0
        return math.log10(place.population + 1) + bonus

    best = max((p for p in readings if p.rank == best_kind), key=score)
    return best, 0.8 if best.country in nearby | countries else 0.6


def place_mentions(
    gazetteer: Gazetteer, docs: list[tuple[Doc, int]], article: ArticleContext = ArticleContext()
) -> list[PlaceMention]:
    """Every place mention of an article's paragraphs (each a parsed doc and its offset)."""
    spans = [(span, offset) for doc, offset in docs for span in _place_spans(doc) if not article.names_actor(span)]
    # Places with one reading ("Beirut") are context for the ambiguous ones.
    known = {span.start_char: gazetteer.lookup(span.text) for span, _ in spans if _only_country(gazetteer, span.text)}
    context = article.countries | frozenset(p.country for p in known.values() if p and p.country)
    found = []
    for span, offset in spans:
        around = [p for s, _ in spans if s.sent == span.sent and s != span and (p := known.get(s.start_char))]
        nearby = frozenset(p.country for p in around if p.country) | article.sentence_countries(span.sent)
        regions = frozenset((p.country, p.admin1) for p in around)
        qualifier = _qualifier(gazetteer, span)
        for candidate in _names(span):
            resolved = resolve(gazetteer, candidate.text, context, nearby, qualifier, regions)
            if resolved:
                start = offset + candidate.start_char
                found.append(PlaceMention(candidate.text, start, start + len(candidate.text), *resolved))
                break
    return found


def _within(place: Place, qualifier: Place) -> bool:
    if qualifier.feature == "country":
        return place.country == qualifier.country and place.feature != "country"
    return place.country == qualifier.country and place.admin1 == qualifier.name


def _qualifier(gazetteer: Gazetteer, span: Span) -> Place | None:
    """ "Paris, Texas", "Tripoli, Lebanon": a region or country right after a comma."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return None
    after = doc[span.end + 1]
    name = next((e.text for e in doc.ents if e.start == after.i and e.label_ == "GPE"), after.text)
    place = gazetteer.lookup(name)
    return place if place is not None and place.feature in ("country", "admin1") else None


def _place_spans(doc: Doc) -> list[Span]:
    """Place entities, and proper names the small NER model missed where the syntax says place:
    after a locative preposition ("in Odesa"), as the object of a strike ("struck Aleppo"), or
    beside a place ("Ghouta and Aleppo"). A name inside a person, organisation or nationality
    entity is never a place."""
    found = [ent for ent in doc.ents if ent.label_ in _PLACE_LABELS]
    places = {i for ent in found for i in range(ent.start, ent.end)}
    # The small model often calls a town a person or an organisation ("struck Aleppo" → PERSON,
    # "the port of Odesa" → ORG); syntax decides then. A nationality (NORP) never is a place.
    others = {i for ent in doc.ents if ent.label_ not in _PLACE_LABELS | _MISTAKEN for i in range(ent.start, ent.end)}
    for token in doc:
        if token.pos_ != "PROPN" or token.i in places | others or token.dep_ in ("compound", "flat"):
            continue
        if _locative(token) or any(c.i in places for c in token.conjuncts):
            start = min([token.i, *(c.i for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN")])
            found.append(doc[start : token.i + 1])
            places.update(range(start, token.i + 1))
    return sorted(found, key=lambda span: span.start)


def _locative(token: Token) -> bool:
    """In a place's position: "in Odesa", "the port of Odesa", "struck Aleppo", "Raqqa was shelled"."""
    head = token.head
    if token.dep_ == "pobj":
        return head.lower_ in _LOCATIVE or (head.lower_ == "of" and head.head.lemma_ in _PLACE_NOUNS)
    return (token.dep_ == "dobj" or token.dep_ == "nsubjpass") and head.lemma_ in _STRIKING


def _names(span: Span) -> list[Span]:
    """The spans to try for a mention, longest first: "eastern Ghouta" before "Ghouta"."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in _DIRECTIONS:
        return [doc[span.start - 1 : span.end], span]
    return [span]


def _only_country(gazetteer: Gazetteer, name: str) -> str | None:
    countries = {p.country for p in gazetteer.candidates(name)}
    return countries.pop() if len(countries) == 1 else None


__all__ = ["ArticleContext", "PlaceMention", "place_mentions", "resolve"]
