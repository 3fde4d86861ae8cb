"""The geoparser: every place mention of an article, resolved in the article's context.

One geoparser serves ``polybius places`` and the event coder's ``location``. Mentions are found
by the NER model (GPE, LOC and FAC entities), completed by syntax where the small model misses a
name ("struck Aleppo", "in Odesa"), and resolved by the gazetteer; the gazetteer's names are never
searched in the text: "Nice weather" is not the French city, and "Syrian" is an actor's adjective
(NORP), not a place. A mention is the longest name the gazetteer knows around the entity: "the
Black Sea" is "Black Sea", "Idlib province", "Jenin refugee camp" and "Iraqi Kurdistan" are one
mention each (falling back to "Idlib", "Jenin", "Kurdistan").

Resolution, for a name with readings in several countries:

1. a qualifier wins: "Paris, Texas" is the Paris in Texas ("London, Ontario": a city of the
   qualifying country whose region the gazetteer does not know counts as in it);
2. otherwise the readings of the best kind (country, our extras, city, region) compete by size,
   each on log10(population) plus a bonus for context: 0.8 when its country is named in the same
   sentence ("Lebanese troops deployed in Tripoli"), 0.5 when named elsewhere in the article. Size
   still matters: a US mention in the article does not move Geneva to Illinois (21,000 people
   against 180,000), but Lebanon named beside Tripoli beats Libya's larger Tripoli. A place
   called by its own name gets 0.9 over one for which the name is only an alternate (often
   historical) one: "Islamabad" is Pakistan's capital, not Chattogram, once called Islamabad.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from spacy.tokens import Span, Token

from polybius.geo import Gazetteer, Place, normalise
from polybius.lang import word_class
from polybius.nlp.entities import entities_in, entity_at
from polybius.nlp.lemmas import lemma_guesses

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_MISTAKEN = frozenset({"PERSON", "ORG"})
# The feature classes of a place mention record; seas, regions and crossings are "other".
_FEATURE_CLASS = {"country": "country", "admin1": "admin region", "admin2": "admin region", "city": "city"}
_SENTENCE_BONUS = 0.8
_ARTICLE_BONUS = 0.5
_OWN_NAME_BONUS = 0.9
_LOCATIVE = word_class("locative_prepositions")
# Verbs whose object is a place; irregular forms the lemmatiser misses are fixed in the pipeline
# (lang/en/lemmas.yaml), regular ones guessed ("staged").
_STRIKING = word_class("place_object_verbs")
_PLACE_NOUNS = word_class("place_nouns")
_NAME_NOUNS = _PLACE_NOUNS | word_class("place_name_nouns")
_DIRECTIONS = word_class("compass_directions")


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
        """The mention as a row of ``PLACE_MENTION_COLUMNS``: the place's fields are those of an
        event's ``location``, its ``feature`` the broad class (country, admin region, city, other)."""
        place = asdict(self.place.location()) | {"feature": _FEATURE_CLASS.get(self.place.feature, "other")}
        row = {"article_id": article_id, "text": self.text, "start": self.start, "end": self.end}
        return {**row, **place, "confidence": self.confidence}


def resolve(
    gazetteer: Gazetteer,
    name: str,
    countries: frozenset[str] = frozenset(),
    nearby: frozenset[str] = frozenset(),
    qualifier: list[Place] | Place | None = None,
    regions: frozenset[tuple[str | None, str | None]] = frozenset(),
) -> tuple[Place, float] | None:
    """The place ``name`` most likely means, with a confidence: 0.95 when every reading is in one
    country or a qualifier decided, 0.8 when the context did, 0.6 when only size did.

    ``regions`` are the (country, admin1) of unambiguous places in the same sentence: "Georgia"
    beside Atlanta is the US state."""
    readings = gazetteer.ranked(name)
    qualifiers = [qualifier] if isinstance(qualifier, Place) else qualifier or []
    for strict in (True, False):
        qualified = [p for q in qualifiers for p in readings if _within(p, q, strict)]
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

    key = normalise(name)

    def score(place: Place) -> float:
        bonus = _SENTENCE_BONUS if place.country in nearby else _ARTICLE_BONUS if place.country in countries else 0
        if normalise(place.name) == key:
            bonus += _OWN_NAME_BONUS
        return math.log10(place.population + 1) + bonus

    best = max((p for p in readings if p.rank == best_kind), key=score)
    return best, 0.8 if best.country in nearby | countries else 0.6


def place_mentions(
    gazetteer: Gazetteer, paragraphs: Sequence[Span], article: ArticleContext = ArticleContext()
) -> list[PlaceMention]:
    """Every place mention of an article's paragraphs (spans of one article Doc)."""
    spans = [
        span
        for paragraph in paragraphs
        for span in _place_spans(paragraph)
        if not article.names_actor(span) and not (_nationality(span) and article.sentence_countries(span))
    ]
    # Places with one reading ("Beirut") are context for the ambiguous ones.
    known = {span.start_char: gazetteer.lookup(span.text) for span in spans if _only_country(gazetteer, span.text)}
    context = article.countries | frozenset(p.country for p in known.values() if p and p.country)
    # Spans by sentence, found once: an article has thousands of spans.
    sentences = [span.sent.start for span in spans]
    by_sentence: dict[int, list[Span]] = {}
    for span, sentence in zip(spans, sentences, strict=True):
        by_sentence.setdefault(sentence, []).append(span)
    found = []
    for span, sentence in zip(spans, sentences, strict=True):
        around = [p for s in by_sentence[sentence] if s != span and (p := known.get(s.start_char))]
        nearby = frozenset(p.country for p in around if p.country) | article.sentence_countries(span.sent)
        regions = frozenset((p.country, p.admin1) for p in around)
        qualifier = _qualifier(gazetteer, span)
        for candidate in _names(gazetteer, span):
            resolved = resolve(gazetteer, candidate.text, context, nearby, qualifier, regions)
            if resolved:
                start = candidate.start_char
                found.append(PlaceMention(candidate.text, start, start + len(candidate.text), *resolved))
                break
    return found


def _within(place: Place, qualifier: Place, strict: bool = True) -> bool:
    """Is ``place`` in the qualifying country or region? Not strictly: in its country, the
    gazetteer not knowing the place's region ("London, Ontario": Canada's regions are unlinked)."""
    if place.country != qualifier.country:
        return False
    if qualifier.feature == "country":
        return place.feature != "country"
    return place.admin1 == qualifier.name or (not strict and place.admin1 is None and place.feature != "country")


def _qualifier(gazetteer: Gazetteer, span: Span) -> list[Place]:
    """ "Paris, Texas", "Tripoli, Lebanon": the regions or countries named right after a comma
    ("Virginia" is also a South African city: only its region readings qualify)."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return []
    after = doc[span.end + 1]
    entity = entity_at(after)
    name = entity.text if entity is not None and entity.start == after.i and entity.label_ == "GPE" else after.text
    return [p for p in gazetteer.ranked(name) if p.feature in ("country", "admin1")]


def _place_spans(paragraph: Span) -> list[Span]:
    """Place entities, and proper names the small NER model missed where the syntax says place:
    after a locative preposition ("in Odesa"), as the object of a strike ("struck Aleppo"), or
    beside a place ("Ghouta and Aleppo"). A name inside a person, organisation or nationality
    entity is never a place."""
    doc = paragraph.doc
    entities = entities_in(paragraph)
    found = [_without_article(ent) for ent in entities if ent.label_ in _PLACE_LABELS]
    found = [span for span in found if len(span)]
    places = {i for span in found for i in range(span.start, span.end)}
    # The small model often calls a town a person, an organisation or even a nationality ("struck
    # Aleppo" → PERSON, "in Tunis" → NORP); syntax decides then (a real nationality in a place's
    # position, "aid to Palestinians", is dropped by place_mentions through the actor knowledge).
    others = {
        i
        for ent in entities
        if ent.label_ not in _PLACE_LABELS | _MISTAKEN | {"NORP"}
        for i in range(ent.start, ent.end)
    }
    for token in paragraph:
        if token.pos_ != "PROPN" or token.i in places or token.i in others:
            continue
        if token.dep_ in ("compound", "flat"):
            # "at the Rafah crossing": a name before a place noun in a place's position.
            head = token.head
            if not (
                token.dep_ == "compound" and head.pos_ == "NOUN" and head.lower_ in _NAME_NOUNS and _locative(head)
            ):
                continue
            if any(t.i in places for t in head.lefts):
                continue
            end = token.i + 1
            while end < head.i and doc[end].dep_ == "compound" and doc[end].pos_ == "PROPN":
                end += 1
        elif _locative(token) or any(c.i in places for c in token.conjuncts):
            end = token.i + 1
        else:
            continue
        last = doc[end - 1]
        start = min([token.i, *(c.i for c in last.lefts if c.dep_ == "compound" and c.pos_ == "PROPN")])
        found.append(doc[start:end])
        places.update(range(start, end))
    return sorted(found, key=lambda span: span.start)


def _without_article(span: Span) -> Span:
    """The name without a leading "the": "the Black Sea" → "Black Sea"."""
    return span[1:] if len(span) > 1 and span[0].lower_ == "the" else span


def _nationality(span: Span) -> bool:
    """Is the span (part of) a nationality entity (NORP)?"""
    return any(t.ent_type_ == "NORP" for t in span)


def _locative(token: Token) -> bool:
    """In a place's position: "in Odesa", "the port of Odesa", "out of Karabakh", "struck Aleppo",
    "Raqqa was shelled"."""
    head = token.head
    if token.dep_ == "pobj":
        return head.lower_ in _LOCATIVE or (head.lower_ == "of" and head.head.lower_ in _PLACE_NOUNS | {"out"})
    return (token.dep_ == "dobj" or token.dep_ == "nsubjpass") and _is_striking(head)


def _is_striking(verb: Token) -> bool:
    return verb.lemma_ in _STRIKING or any(g in _STRIKING for g in lemma_guesses(verb))


def _names(gazetteer: Gazetteer, span: Span) -> list[Span]:
    """The spans to try for a mention, longest first: "eastern Ghouta" before "Ghouta", "Iraqi
    Kurdistan" before "Kurdistan", "Idlib province" and "Jenin refugee camp" before "Idlib" and
    "Jenin". A longer span is tried only when the gazetteer knows its name."""
    doc = span.doc
    starts = [span.start]
    if span.start > 0:
        before = doc[span.start - 1]
        if before.lower_ in _DIRECTIONS or (before.dep_ in ("compound", "amod") and before.head in span):
            starts.insert(0, span.start - 1)
    ends = [span.end]
    end = span.end
    while (
        end < len(doc)
        and end - span.end < 3
        and doc[end].pos_ == "NOUN"
        and doc[end].lower_ in _NAME_NOUNS | {"refugee"}
    ):
        end += 1
        ends.insert(0, end)
    spans = [doc[s:e] for s in starts for e in ends]
    spans.sort(key=len, reverse=True)
    return [s for s in spans if s == span or gazetteer.candidates(s.text)]


def _only_country(gazetteer: Gazetteer, name: str) -> str | None:
    countries = {p.country for p in gazetteer.candidates(name)}
    return countries.pop() if len(countries) == 1 else None


__all__ = ["ArticleContext", "PlaceMention", "place_mentions", "resolve"]
