"""The geoparser: every toponym of an article, whatever its role, resolved as a news editor would.

One geoparser serves ``polybius places`` and the event coder's ``location``: ``finding.py`` finds
the toponyms and their roles, this module resolves them. For a name with readings in several places:

1. a qualifier decides: "Paris, Texas", "London, Ky.", "Gwoza, Borno State" (AP, postal and
   Commonwealth abbreviations from ``data/abbreviations.jsonl``);
2. otherwise each reading scores its prior (``geo.prior``: a country or continent first, then our
   regions and seas, a division by its population — a state beats a foreign town, so "Missouri"
   is the state —, a town by its population, a capital and a town called by its own name a little
   more) plus its context: its country named in the sentence (+1.2), in the article (+0.5) or by
   the dateline (+1.0); its first-level division holding a place the article has already settled —
   the dateline, a qualified name, a name with a clear reading — (+1.2 in the article, +1.8 in the
   sentence: a local paper's county names its towns, "Edmonton" beside Cairns is in Queensland);
   its second-level division holding one (+0.5 more); a division another toponym of the sentence
   may lie in too (+0.6: "Grimsby and Hull" are both English); a town noun ("Kandahar city", +1);
3. one sense per name per article: every mention of a name takes the sense of its best-decided
   mention ("LONDON, Ky. (WKYT) - London police…").

A name that is a country is never a town of that name ("Lebanon" is not the town in Tennessee),
and a bare name shared by a division and a big town in it is the town ("Geneva", "Kabul").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from spacy.tokens import Span

from polybius.geo import TOWN_LIKE, Gazetteer, Place, namesake_town, normalise, prior
from polybius.geo.finding import NO_ARTICLE, ROLES, ArticleContext, Toponym, find_toponyms

# Priors and context weights (see the module docstring).
_TOWN_NOUN_BONUS = 1.0
_SENTENCE_COUNTRY, _ARTICLE_COUNTRY, _DATELINE_COUNTRY = 1.2, 0.5, 1.0
_ARTICLE_ADMIN1, _SENTENCE_ADMIN1, _SAME_ADMIN2 = 1.2, 1.8, 0.5
_CLEAR_MARGIN = 0.5  # a reading this far ahead of the next settles its division for the article
_MUTUAL_SUPPORT = 0.6  # a division another mention of the sentence may lie in too
_SUPPORT_READINGS = 12  # the likeliest readings of a name looked at for that


@dataclass(frozen=True)
class PlaceMention:
    """A place as written in an article, with its role and the place it names."""

    text: str
    start: int  # character offsets in the article text
    end: int
    place: Place
    confidence: float
    role: str = "place"
    sentence: int = field(default=-1, compare=False)  # token index of its sentence's start (-1: none)
    # Says where something happened ("in Aleppo", "struck Aleppo"), not what it is about ("a
    # briefing on Raqqa"): only such a mention locates the other events of its sentence.
    locative: bool = field(default=False, compare=False)
    verb: int = field(default=-1, compare=False)  # token index of the verb its phrase hangs on (-1: none)

    def to_dict(self, article_id: str) -> dict[str, Any]:
        """The mention as a row of ``PLACE_MENTION_COLUMNS``: the place's fields are an event ``location``'s."""
        row = {"article_id": article_id, "text": self.text, "start": self.start, "end": self.end, "role": self.role}
        return {**row, **asdict(self.place.location()), "confidence": self.confidence}


@dataclass
class _Context:
    """What resolution knows of the article: its countries, its dateline, its settled divisions."""

    countries: frozenset[str]
    dateline: Place | None = None
    admin1: frozenset[str] = frozenset()  # GeoNames admin1 codes of settled places in the article
    admin2: frozenset[str] = frozenset()
    by_sentence: dict[int, frozenset[str]] = field(default_factory=dict)  # sentence start → settled admin1 codes
    sentence_countries: dict[int, frozenset[str]] = field(default_factory=dict)


def place_mentions(
    gazetteer: Gazetteer, paragraphs: Sequence[Span], article: ArticleContext = NO_ARTICLE
) -> list[PlaceMention]:
    """Every place mention of an article's paragraphs (spans of one article Doc), in text order."""
    if not paragraphs:
        return []
    doc = paragraphs[0].doc
    found = find_toponyms(gazetteer, doc, paragraphs, article)
    context = _Context(article.countries)
    dateline = next((f for f in found if f.role == "dateline"), None)
    if dateline is not None:
        resolved = _resolve_found(gazetteer, dateline, context)
        context.dateline = resolved[0][0] if resolved else None
    for f in found:
        if f.sentence is not None:
            known = context.sentence_countries.get(f.sentence.start) or article.sentence_countries(f.sentence)
            if f.role == "adjectival" and f.fixed is not None and f.fixed.country:
                known = known | {f.fixed.country}  # "Lebanese troops … in Tripoli"
            context.sentence_countries[f.sentence.start] = known
    _mutual_support(gazetteer, found)
    # First pass: the countries and clear readings settle the article's divisions; second: all.
    first = [_resolve_found(gazetteer, f, context) for f in found]
    settled = [(f, r[0][0]) for f, r in zip(found, first, strict=True) if r and r[0][2]]
    context.countries = context.countries | frozenset(p.country for _, p in settled if p.country)
    if context.dateline is not None and context.dateline.country:
        context.countries |= {context.dateline.country}
    anchors = settled + ([(dateline, context.dateline)] if dateline and context.dateline else [])
    context.admin1 = frozenset(p.admin1_code for _, p in anchors if p.admin1_code)
    context.admin2 = frozenset(code for _, p in anchors if (code := _admin2_of(p)))
    for f, p in anchors:
        if f.sentence is not None and p.admin1_code:
            context.by_sentence[f.sentence.start] = context.by_sentence.get(f.sentence.start, frozenset()) | {
                p.admin1_code
            }
    mentions: list[PlaceMention] = []
    for f in found:
        resolved = _resolve_found(gazetteer, f, context)
        if resolved:
            (place, confidence, _), (name, start) = resolved[0], resolved[1]
            sentence = f.sentence.start if f.sentence is not None else -1
            mentions.append(
                PlaceMention(name, start, start + len(name), place, confidence, f.role, sentence, f.locative, f.verb)
            )
    return _one_sense(mentions)


def _mutual_support(gazetteer: Gazetteer, found: list[Toponym]) -> None:
    """Give each mention the divisions the readings of the other mentions of its sentence lie in."""
    by_sentence: dict[int, list[tuple[Toponym, frozenset[str]]]] = {}
    for f in found:
        if f.sentence is None:
            continue
        readings = [f.fixed] if f.fixed is not None else gazetteer.ranked(f.names[-1][0])[:_SUPPORT_READINGS]
        divisions = frozenset(p.admin1_code for p in readings if p.admin1_code)
        by_sentence.setdefault(f.sentence.start, []).append((f, divisions))
    for group in by_sentence.values():
        for f, _ in group:
            f.around = frozenset().union(*(d for other, d in group if other is not f))


def _admin2_of(place: Place) -> str | None:
    """The GeoNames code of the second-level division a place is or lies in."""
    return place.code if place.kind == "admin2" else place.admin2_code


def _one_sense(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Every mention of a name takes the sense of its most confident mention (the first on a tie)."""
    best: dict[str, PlaceMention] = {}
    for mention in mentions:
        key = normalise(mention.text)
        if key not in best or mention.confidence > best[key].confidence:
            best[key] = mention
    return [
        m if best[normalise(m.text)].place == m.place else replace(m, place=best[normalise(m.text)].place)
        for m in mentions
    ]


def _resolve_found(
    gazetteer: Gazetteer, found: Toponym, context: _Context
) -> tuple[tuple[Place, float, bool], tuple[str, int]] | None:
    """The first of a mention's names that resolves, with the name and its start."""
    if found.fixed is not None:
        return (found.fixed, 0.95, False), found.names[0]
    for name, start in found.names:
        resolved = resolve_in_context(gazetteer, name, found, context)
        if resolved is not None:
            return resolved, (name, start)
    return None


def resolve_in_context(
    gazetteer: Gazetteer, name: str, found: Toponym, context: _Context
) -> tuple[Place, float, bool] | None:
    """The place ``name`` means here, a confidence, and whether it is clear enough to settle the
    article's divisions (a qualifier, one reading, or a lead of ``_CLEAR_MARGIN``)."""
    readings = gazetteer.candidates(name)
    if not readings:
        return None
    for strict in (True, False):
        qualified = [p for q in found.qualifiers for p in _by_prior(readings) if p.lies_in(q, strict)]
        if qualified:  # "City, State" names a town first ("Perth, Ont." is the town, not the county)
            towns = [p for p in qualified if p.kind == "city"]
            return (towns or qualified)[0], 0.95, True
    if any(p.kind == "country" for p in readings):  # never a town or district named after a country
        readings = [p for p in readings if p.kind not in TOWN_LIKE]
    key = normalise(name)
    if len({(p.country, p.admin1_code) for p in readings}) == 1:
        best = _by_prior(readings)[0]
        return namesake_town(best, readings, key) or best, 0.95, True
    sentence = found.sentence.start if found.sentence is not None else -1
    nearby = context.sentence_countries.get(sentence, frozenset())
    near_admin1 = context.by_sentence.get(sentence, frozenset())
    scored = sorted(((_score(p, key, found, context, nearby, near_admin1), -p.id, p) for p in readings), reverse=True)
    best_score, _, best = scored[0]
    clear = len(scored) == 1 or best_score - scored[1][0] >= _CLEAR_MARGIN
    best = namesake_town(best, readings, key) or best
    in_context = best.country in nearby | context.countries or best.admin1_code in context.admin1
    return best, 0.8 if in_context else 0.6, clear


def _score(
    place: Place, key: str, found: Toponym, context: _Context, nearby: frozenset[str], near_admin1: frozenset[str]
) -> float:
    score = prior(place, key)
    if found.town and place.kind == "city":
        score += _TOWN_NOUN_BONUS
    if place.country in nearby:
        score += _SENTENCE_COUNTRY
    elif place.country in context.countries:
        score += _ARTICLE_COUNTRY
    dateline = context.dateline
    if dateline is not None and place.country == dateline.country:
        score += _DATELINE_COUNTRY
    division = place.admin1_code
    if division in near_admin1:
        score += _SENTENCE_ADMIN1
    elif division in context.admin1 or (dateline is not None and division and division == dateline.admin1_code):
        score += _ARTICLE_ADMIN1
    if _admin2_of(place) in context.admin2:
        score += _SAME_ADMIN2
    if division in found.around:
        score += _MUTUAL_SUPPORT
    return score


def _by_prior(readings: list[Place]) -> list[Place]:
    return sorted(readings, key=lambda p: (prior(p, normalise(p.name)), p.population, -p.id), reverse=True)


__all__ = ["ROLES", "ArticleContext", "PlaceMention", "place_mentions", "resolve_in_context"]
