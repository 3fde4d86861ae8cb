"""The geoparser: every toponym of an article, whatever its role, resolved as a news editor would.

One geoparser serves ``polybius places`` and the event coder's ``location``.

**Finding.** Mentions are the NER model's GPE, LOC and FAC entities, completed by syntax where the
small model misses a name ("struck Aleppo", "in Odesa", "at the Rafah crossing"), the wire
dateline that opens an article ("OTTAWA –", "LONDON, Ky. (WKYT) -") and the nationality adjectives
the actor knowledge reads ("Turkish troops" → Turkey). A mention is the longest name the gazetteer
knows around the entity ("Idlib province", "Jenin refugee camp", "Iraqi Kurdistan"). Organisation
and person names the actor knowledge knows ("Hamas", "the Kremlin") are never places. Each mention
has a ``role``: ``dateline``, ``adjectival``, ``actor`` (the subject of a verb, or the party a verb
acts on: "The U.S. said…", "urged Iran"), ``modifier`` (a name modifying a noun: "UK airports",
"Syria's president") or ``place`` (everything else: "in Aleppo", "shouted about Aleppo").

**Resolving**, for a name with readings in several places:

1. a qualifier decides: "Paris, Texas", "London, Ky.", "Gwoza, Borno State" (AP, postal and
   Commonwealth abbreviations from ``data/abbreviations.jsonl``);
2. otherwise each reading scores a prior plus its context. The prior: a country or continent
   first (7.5), then a region, sea or strait of our extras (7), a first-level division (5.6: a state
   or province beats a foreign town of fewer than ~400,000 people, so "Missouri" is the state), a
   second-level one (4.6), and a town its log10(population), +0.3 for a national capital, +0.9
   when called by its own name rather than an alternate one ("Islamabad" is not Chattogram, once
   so called). Context: its country named in the sentence (+1.2), in the article (+0.5) or by the
   dateline (+1.0); its first-level division holding a place the article has already settled —
   the dateline, a qualified name, a name with one clear reading — (+1.2 in the article, +1.8 in
   the sentence: a local paper's county names its towns, "Edmonton" beside Queensland towns is in
   Queensland); its second-level division holding one (+0.5 more).
3. one sense per name per article: every mention of a name takes the sense of its best-decided
   mention ("LONDON, Ky. (WKYT) - London police…").

A name that is a country is never a town of that name ("Lebanon" is not the town in Tennessee).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal, get_args

from spacy.tokens import Doc, Span, Token

from polybius.geo import TOWN_LIKE, Gazetteer, Place, namesake_town, normalise, prior
from polybius.geo.names import ADMIN1_TYPES, ADMIN2_TYPES
from polybius.geo.schema import ABBREVIATIONS, load_abbreviations
from polybius.lang import word_class
from polybius.nlp.entities import entities_in
from polybius.nlp.lemmas import lemma_guesses

Role = Literal["place", "actor", "modifier", "dateline", "adjectival"]
ROLES: tuple[str, ...] = get_args(Role)
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_MISTAKEN = frozenset({"PERSON", "ORG"})
_LOCATIVE = word_class("locative_prepositions")
# Verbs whose object is a place; irregular forms the lemmatiser misses are fixed in the pipeline
# (lang/en/lemmas.yaml), regular ones guessed ("staged").
_STRIKING = word_class("place_object_verbs")
_PARTY_VERBS = word_class("party_object_verbs")
_PLACE_NOUNS = word_class("place_nouns")
_NAME_NOUNS = _PLACE_NOUNS | word_class("place_name_nouns")
_TOWN_NOUNS = word_class("town_nouns")
_DIVISION_NOUNS = frozenset(ADMIN1_TYPES) | frozenset(ADMIN2_TYPES) | {"territory", "area"}
_MONTHS = word_class("months")
_NUMERIC = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_INSTITUTIONS = word_class("place_institution_nouns")
_DIRECTIONS = word_class("compass_directions")

# Priors and context weights (see the module docstring).
_TOWN_NOUN_BONUS = 1.0
_SENTENCE_COUNTRY, _ARTICLE_COUNTRY, _DATELINE_COUNTRY = 1.2, 0.5, 1.0
_ARTICLE_ADMIN1, _SENTENCE_ADMIN1, _SAME_ADMIN2 = 1.2, 1.8, 0.5
_CLEAR_MARGIN = 0.5  # a reading this far ahead of the next settles its division for the article
_MUTUAL_SUPPORT = 0.6  # a division another mention of the sentence may lie in too
_SUPPORT_READINGS = 12  # the likeliest readings of a name looked at for that

# A wire dateline: an upper-case place (or any place before an agency), an optional qualifier and
# date, an optional agency in brackets, then a dash: "OTTAWA –", "LONDON, Ky. (WKYT) -",
# "MOGADISHU, December 15, 2014 (Reuters) -", "Kyiv (Reuters) -".
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z'’.\-]*(?: [A-Z][A-Za-z'’.\-]*){0,3})"
    r"(?:, (?P<qualifier>[A-Z][A-Za-z'’.&\-]*(?: [A-Z][A-Za-z'’.\-]*){0,3}))?"
    r"(?:,? [A-Za-z]{3,9}\.? \d{1,2}(?:, \d{4})?)?"
    r"(?: ?\((?P<agency>[^()]{1,40})\))?"
    r" ?[-–—]{1,2} "
)


@dataclass(frozen=True)
class ArticleContext:
    """What the article's actors say about its places, from the coder's actor knowledge."""

    countries: frozenset[str] = frozenset()  # every country the article names
    # Countries a sentence names ("Lebanese troops" → LBN).
    sentence_countries: Callable[[Span], frozenset[str]] = lambda span: frozenset()
    # Is a stretch an actor's name ("Hamas", "the Kremlin"), never a place?
    names_actor: Callable[[Span], bool] = lambda span: False
    # Nationality adjectives: (first token, end token, country) — "Turkish troops".
    adjectives: Sequence[tuple[int, int, str]] = ()


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
class _Found:
    """A mention before resolution: where it is, the names to try (longest first), its role."""

    names: list[tuple[str, int]]  # (name, character start)
    role: str
    sentence: Span | None
    qualifiers: list[Place]
    town: bool = False  # "Kandahar city", "the town of X": a populated place is meant
    locative: bool = False  # in a place's position (see PlaceMention.locative)
    verb: int = -1  # the verb its phrase hangs on
    fixed: Place | None = None  # known already: an adjective's country, a qualifier's division
    # First-level divisions some reading of another mention of the sentence lies in ("Grimsby and
    # Hull": both have readings in England, none shared in Canada).
    around: frozenset[str] = frozenset()


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
    gazetteer: Gazetteer, paragraphs: Sequence[Span], article: ArticleContext = ArticleContext()
) -> list[PlaceMention]:
    """Every place mention of an article's paragraphs (spans of one article Doc), in text order."""
    if not paragraphs:
        return []
    doc = paragraphs[0].doc
    found = _find(gazetteer, doc, paragraphs, article)
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


def _mutual_support(gazetteer: Gazetteer, found: list[_Found]) -> None:
    """Give each mention the divisions the readings of the other mentions of its sentence lie in."""
    by_sentence: dict[int, list[tuple[_Found, frozenset[str]]]] = {}
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
    gazetteer: Gazetteer, found: _Found, context: _Context
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
    gazetteer: Gazetteer, name: str, found: _Found, context: _Context
) -> tuple[Place, float, bool] | None:
    """The place ``name`` means here, a confidence, and whether it is clear enough to settle the
    article's divisions (a qualifier, one reading, or a lead of ``_CLEAR_MARGIN``)."""
    readings = gazetteer.candidates(name)
    if not readings:
        return None
    for strict in (True, False):
        qualified = [p for q in found.qualifiers for p in _by_prior(readings) if _within(p, q, strict)]
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
    place: Place, key: str, found: _Found, context: _Context, nearby: frozenset[str], near_admin1: frozenset[str]
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


def resolve(
    gazetteer: Gazetteer, name: str, countries: frozenset[str] = frozenset(), qualifier: Place | None = None
) -> tuple[Place, float] | None:
    """The place ``name`` most likely means in an article about ``countries``, with a confidence."""
    found = _Found([(name, 0)], "place", None, [qualifier] if qualifier else [])
    resolved = resolve_in_context(gazetteer, name, found, _Context(countries))
    return (resolved[0], resolved[1]) if resolved else None


def _within(place: Place, qualifier: Place, strict: bool = True) -> bool:
    """Is ``place`` in the qualifying country or division? Not strictly: in its country."""
    if place.country != qualifier.country or place == qualifier:
        return False
    if qualifier.kind == "country":
        return place.kind != "country"
    if qualifier.kind == "admin1":
        return place.admin1_code == qualifier.code or (not strict and place.kind != "country")
    if qualifier.kind in ("admin2", "admin3"):
        return place.admin2_code == qualifier.code or (not strict and place.admin1_code == qualifier.admin1_code)
    return not strict and place.kind != "country"


def _abbreviations() -> dict[str, list[str]]:
    """Abbreviation key → ISO 3166-2 codes it may stand for ("wa" → Washington, Western Australia)."""
    table: dict[str, list[str]] = {}
    for entry in load_abbreviations(ABBREVIATIONS):
        codes = table.setdefault(normalise(entry.abbreviation), [])
        if entry.subdivision not in codes:
            codes.append(entry.subdivision)
    return table


_ABBREVIATIONS: dict[str, list[str]] | None = None


def qualifiers(gazetteer: Gazetteer, text: str) -> list[Place]:
    """The countries and divisions a qualifier names: "Texas", "Ky.", "B.C.", "Borno State"."""
    global _ABBREVIATIONS
    if _ABBREVIATIONS is None:
        _ABBREVIATIONS = _abbreviations()
    places = [p for p in gazetteer.candidates(text) if p.kind in ("country", "admin1", "admin2", "admin3")]
    for code in _ABBREVIATIONS.get(normalise(text), []):
        division = gazetteer.division(code)
        if division is not None and division not in places:
            places.append(division)
    return places


def _find(gazetteer: Gazetteer, doc: Doc, paragraphs: Sequence[Span], article: ArticleContext) -> list[_Found]:
    """Every mention of the article, in text order, its dateline first."""
    found: list[_Found] = []
    taken: set[int] = set()
    dateline = _dateline(gazetteer, doc, paragraphs)
    if dateline is not None:
        found.append(dateline[0])
        taken.update(dateline[1])
        dateline_qualifier = _dateline_qualifier(dateline[0], gazetteer, doc, paragraphs)
        if dateline_qualifier is not None:
            found.append(dateline_qualifier)
    adjectives = {start: (end, country) for start, end, country in article.adjectives}
    for paragraph in paragraphs:
        for span in _place_spans(gazetteer, paragraph, article):
            if span.start in taken or (_nationality(span) and span.start in adjectives):
                continue
            # A name the actor knowledge knows is no place, unless it is a well-known one standing
            # for its government ("Abuja has asked…"): "Hamas", "the Kremlin", "Paris Hilton" stay out.
            if article.names_actor(span) and not (span.label_ == "GPE" and _well_known(gazetteer, span.text)):
                continue
            names = _names(gazetteer, span)
            qualifier, qualifier_span = _qualifier(gazetteer, names[0])
            comma = next((t.i for t in span if t.text == ","), None)
            if comma is not None and not qualifier:  # one entity "Orange, N.S.W.": its own qualifier
                qualifier = qualifiers(gazetteer, span.doc[comma + 1 : span.end].text.strip(" ,"))
            found.append(
                _Found([(s.text, s.start_char) for s in names], _role(names[0]), span.sent, qualifier, _town_noun(span),
                       locative=_locative(names[0].root) or _locative(span.root), verb=_verb_of(span.root))
            )  # fmt: skip
            taken.update(range(names[0].start, names[0].end))
            if qualifier_span is not None and qualifier_span.start not in taken:
                # The qualifier is a mention of its own, of the division that qualified.
                place = next(
                    (q for q in qualifier if any(_within(p, q) for p in gazetteer.candidates(span.text))), None
                )
                found.append(
                    _Found([(qualifier_span.text, qualifier_span.start_char)], _role(qualifier_span), span.sent, [],
                           fixed=place or qualifier[0])
                )  # fmt: skip
                taken.update(range(qualifier_span.start, qualifier_span.end))
        for token in paragraph:
            if token.i in adjectives and token.i not in taken:
                end, country = adjectives[token.i]
                nation = gazetteer.country(country)
                if nation is not None:
                    span = doc[token.i : end]
                    found.append(_Found([(span.text, span.start_char)], "adjectival", span.sent, [], fixed=nation))
    found += _repeated(doc, paragraphs, found, taken)
    found.sort(key=lambda f: (f.role != "dateline", f.names[0][1]))
    return found


def _repeated(doc: Doc, paragraphs: Sequence[Span], found: list[_Found], taken: set[int]) -> list[_Found]:
    """Proper names the article already uses as places, where the model saw none: "London police"
    after the dateline "LONDON", "Homs" in a person-like position after "in Homs"."""
    known = {normalise(f.names[-1][0]) for f in found if f.role != "adjectival"}
    more = []
    for paragraph in paragraphs:
        for token in paragraph:
            free = token.pos_ == "PROPN" and token.i not in taken and token.ent_type_ not in ("PERSON", "NORP")
            if free and normalise(token.text) in known:
                span = doc[token.i : token.i + 1]
                more.append(_Found([(span.text, span.start_char)], _role(span), span.sent, []))
                taken.add(token.i)
    return more


def _dateline(gazetteer: Gazetteer, doc: Doc, paragraphs: Sequence[Span]) -> tuple[_Found, range] | None:
    """The wire dateline opening one of the first paragraphs, when its place is a known place."""
    for paragraph in paragraphs[:3]:
        match = _DATELINE.match(paragraph.text)
        if match is None:
            continue
        place = match.group("place")
        if not (place.isupper() or match.group("agency")):
            continue
        start = paragraph.start_char + match.start("place")
        qualifier_text = match.group("qualifier")
        found_qualifiers = qualifiers(gazetteer, qualifier_text) if qualifier_text else []
        if not gazetteer.candidates(place):
            return None
        span = doc.char_span(start, start + len(place), alignment_mode="expand")
        sentence = span.sent if span is not None else None
        tokens = range(span.start, span.end) if span is not None else range(0)
        if qualifier_text and found_qualifiers:
            q_start = paragraph.start_char + match.start("qualifier")
            q_span = doc.char_span(q_start, q_start + len(qualifier_text), alignment_mode="expand")
            if q_span is not None:
                tokens = range(tokens.start if len(tokens) else q_span.start, q_span.end)
        return _Found([(place, start)], "dateline", sentence, found_qualifiers), tokens
    return None


def _dateline_qualifier(found: _Found, gazetteer: Gazetteer, doc: Doc, paragraphs: Sequence[Span]) -> _Found | None:
    """The qualifier of a dateline ("LAGOS, Nigeria, …"): a mention of the division or country itself."""
    if not found.qualifiers:
        return None
    match = _DATELINE.match(paragraphs[0].text) if paragraphs else None
    for paragraph in paragraphs[:3]:
        match = _DATELINE.match(paragraph.text)
        if match is not None and match.group("qualifier"):
            start = paragraph.start_char + match.start("qualifier")
            readings = gazetteer.candidates(found.names[0][0])
            place = next((q for q in found.qualifiers if any(_within(p, q) for p in readings)), found.qualifiers[0])
            return _Found([(match.group("qualifier"), start)], "dateline", found.sentence, [], fixed=place)
    return None


def _role(span: Span) -> str:
    """What the toponym does in its sentence: an actor, a modifier or a place."""
    root = span.root
    head = root.head
    if root.dep_ in ("compound", "poss", "nmod", "amod") and head.pos_ in ("NOUN", "PROPN") and head != root:
        return "modifier"
    if root.dep_ in ("nsubj", "agent", "csubj") or (root.dep_ == "nsubjpass" and not _is_striking(head)):
        return "actor"
    if root.dep_ in ("dobj", "dative") and _verb_in(head, _PARTY_VERBS):
        return "actor"
    return "place"


def _qualifier(gazetteer: Gazetteer, span: Span) -> tuple[list[Place], Span | None]:
    """ "Paris, Texas", "London, Ky.", "Surrey, B.C.", "Gwoza, Borno State": the countries and
    divisions named right after a comma (longest name first), and where they are written."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return [], None
    start = span.end + 1
    for end in range(min(start + 4, len(doc)), start, -1):
        words = doc[start:end]
        if any(t.is_punct and t.text not in (".", "&") for t in words) or any(t.is_space for t in words):
            continue
        if not words[0].text[:1].isupper():
            continue
        found = qualifiers(gazetteer, words.text)
        if found:
            return found, words
    return [], None


def _place_spans(gazetteer: Gazetteer, paragraph: Span, article: ArticleContext) -> list[Span]:
    """Place entities, and proper names the small NER model missed where the syntax says place:
    after a locative preposition ("in Odesa"), as the object of a strike ("struck Aleppo"), or
    beside a place ("Ghouta and Aleppo"). A name inside a person, organisation or nationality
    entity is never a place."""
    doc = paragraph.doc
    adjectives = {start for start, _, _ in article.adjectives}
    entities = entities_in(paragraph)
    found = [_without_article(ent) for ent in entities if ent.label_ in _PLACE_LABELS]
    found = [span for span in found if len(span)]
    places = {i for span in found for i in range(span.start, span.end)}
    # The small model often calls a town a person, an organisation or even a nationality ("struck
    # Aleppo" → PERSON, "in Tunis" → NORP); syntax decides then.
    # Numbers and dates are no places, but the model tags towns as dates too ("near Warri" → DATE):
    # only a month or a number keeps a name out.
    others = {
        i
        for ent in entities
        if ent.label_ in _NUMERIC
        for i in range(ent.start, ent.end)
        if ent.label_ != "DATE" or doc[i].lower_.rstrip(".") in _MONTHS or not doc[i].is_alpha
    }
    for ent in entities:
        # A lone name the model calls a person or nationality ("shouted about Aleppo" → NORP) but
        # that is a well-known place and no actor the article knows: a place.
        lone = ent.label_ in _MISTAKEN | {"NORP"} and len(ent) == 1 and ent.root.pos_ == "PROPN"
        if lone and ent.start in adjectives:
            continue  # "Turkish": a nationality the actor knowledge reads, found as an adjective
        if lone and not article.names_actor(ent) and _well_known(gazetteer, ent.text) and ent.start not in places:
            found.append(ent)
            places.add(ent.start)
    for ent in entities:
        # "Kent Police", "Lagos State government", "Amritsar airport": a place opening an
        # organisation's or a facility's name (the longest opening the gazetteer knows).
        if ent.label_ in ("ORG", "FAC") and ent.start not in places and not article.names_actor(ent):
            opening = _opening_place(gazetteer, ent)
            if opening is not None:
                found.append(opening)
                places.update(range(opening.start, opening.end))
    for token in paragraph:
        if not _name_like(token) or token.i in places or token.i in others:
            continue
        if _qualified(gazetteer, token) or _names_institution(gazetteer, token):
            end = token.i + 1  # "residents of Hermel, Bekaa", "Wrexham council", "Timbuktu airport"
        elif token.dep_ in ("compound", "flat"):
            # "at the Rafah crossing": a name before a place noun in a place's position.
            head = token.head
            # A division noun says place wherever it stands ("Ituri province, …"); others need a place's position.
            if not (
                token.dep_ == "compound"
                and head.pos_ == "NOUN"
                and head.lower_ in _NAME_NOUNS
                and (head.lower_ in _DIVISION_NOUNS or _locative(head))
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


def _verb_of(token: Token) -> int:
    """The verb a name's phrase hangs on ("fired at ships near Hodeidah" → fired), -1 if none."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor.i
    return -1


def _name_like(token: Token) -> bool:
    """A proper name, or a capitalised word inside a sentence the tagger took for another word
    ("around Sake", "near Folkestone", "in Reading")."""
    if token.pos_ == "PROPN":
        return True
    inside = token.i != token.sent.start
    return token.is_title and token.is_alpha and inside and token.pos_ in ("NOUN", "ADV", "ADJ", "VERB")


def _well_known(gazetteer: Gazetteer, name: str) -> bool:
    """A country, continent, first-level division or town of 100,000 people or more."""
    return any(
        p.kind in ("country", "continent", "admin1") or (p.kind == "city" and p.population >= 100_000)
        for p in gazetteer.candidates(name)
    )


def _opening_place(gazetteer: Gazetteer, entity: Span) -> Span | None:
    """The place name an organisation's name opens with, if any: a country, a division or a town
    of 10,000 people or more, followed by more of the name."""
    start = entity.start + (1 if entity[0].lower_ == "the" else 0)
    doc = entity.doc
    for end in range(min(entity.end - 1, start + 3), start, -1):
        words = doc[start:end]
        if any(t.pos_ != "PROPN" for t in words) or doc[end].lower_ not in _INSTITUTIONS:
            continue
        if any(
            p.kind in ("country", "admin1", "admin2") or p.population >= 10_000
            for p in gazetteer.candidates(words.text)
        ):
            return words
    return None


def _names_institution(gazetteer: Gazetteer, token: Token) -> bool:
    """A name modifying an institution ("Wrexham council", "Saskatoon police", "Mount Isa's
    hospital") that the gazetteer knows as a country, a division or a town of 10,000 or more."""
    head = token.head
    if token.dep_ not in ("compound", "poss") or head.lower_ not in _INSTITUTIONS or head.i <= token.i:
        return False
    if any(t.pos_ == "PROPN" for t in token.doc[token.i + 1 : head.i]):
        return False  # the last name of a longer one: its first word is checked instead
    names = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [token]
    name = token.doc[names[0].i : token.i + 1].text
    return any(p.kind in ("country", "admin1", "admin2") or p.population >= 10_000 for p in gazetteer.candidates(name))


def _qualified(gazetteer: Gazetteer, token: Token) -> bool:
    """Is a name followed by ", <division or country>" that holds a place of that name?"""
    span = token.doc[token.i : token.i + 1]
    divisions, _ = _qualifier(gazetteer, span)
    readings = gazetteer.candidates(token.text)
    return any(_within(p, q, strict) for strict in (True, False) for q in divisions for p in readings)


def _without_article(span: Span) -> Span:
    """The name without a leading "the": "the Black Sea" → "Black Sea"."""
    return span[1:] if len(span) > 1 and span[0].lower_ == "the" else span


def _nationality(span: Span) -> bool:
    """Is the span (part of) a nationality entity (NORP)? Those are adjectives, found as such."""
    return any(t.ent_type_ == "NORP" for t in span)


def _town_noun(span: Span) -> bool:
    """ "Kandahar city", "the town of Izium": the name is a populated place's."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if span[-1].lower_ in _TOWN_NOUNS or (after is not None and after.lower_ in _TOWN_NOUNS):
        return True
    head = span.root.head
    return span.root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _TOWN_NOUNS


def _locative(token: Token) -> bool:
    """In a place's position: "in Odesa", "the port of Odesa", "out of Karabakh", "struck Aleppo",
    "Raqqa was shelled"."""
    head = token.head
    if token.dep_ == "pobj":
        return head.lower_ in _LOCATIVE or (head.lower_ == "of" and head.head.lower_ in _PLACE_NOUNS | {"out"})
    return (token.dep_ == "dobj" or token.dep_ == "nsubjpass") and _is_striking(head)


def _is_striking(verb: Token) -> bool:
    return _verb_in(verb, _STRIKING)


def _verb_in(verb: Token, verbs: frozenset[str]) -> bool:
    return verb.lemma_ in verbs or any(g in verbs for g in lemma_guesses(verb))


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
    # "Deir ez-Zor" when the model's entity stops at "Deir": proper nouns after it, if the name is known.
    longer = span.end
    while longer < len(doc) and longer - span.end < 4 and doc[longer].pos_ == "PROPN":
        longer += 1
        if gazetteer.candidates(doc[span.start : longer].text):
            ends.insert(0, longer)
    end = span.end
    while (
        end < len(doc)
        and end - span.end < 3
        and doc[end].pos_ in ("NOUN", "PROPN")
        and doc[end].lower_ in _NAME_NOUNS | {"refugee"}
    ):
        end += 1
        ends.insert(0, end)
    while end > span.start + 1 and doc[end - 1].lower_ in _NAME_NOUNS | _TOWN_NOUNS and end - 1 > span.start:
        end -= 1  # "Kandahar city" (one entity) → "Kandahar"
        if end < span.end:
            ends.append(end)
    # "Isle of Wight", "Republic of Congo": a name going on through "of".
    through_of = span.end + 1 < len(doc) and doc[span.end].lower_ == "of" and doc[span.end + 1].pos_ == "PROPN"
    if through_of and gazetteer.candidates(doc[span.start : span.end + 2].text):
        ends.insert(0, span.end + 2)
    spans = [doc[s:e] for s in starts for e in ends]
    # An entity the model ran on: "Orange, N.S.W." (the name before the comma), "Daraa al-Balad"
    # (its longest known opening), tried after the whole.
    comma = next((t.i for t in span if t.text == ","), None)
    if comma is not None and comma > span.start:
        spans.append(doc[span.start : comma])
    spans += [doc[span.start : e] for e in range(span.end - 1, span.start, -1) if e not in ends]
    spans.sort(key=len, reverse=True)
    return [s for s in spans if (s.start, s.end) == (span.start, span.end) or gazetteer.candidates(s.text)]


__all__ = ["ROLES", "ArticleContext", "PlaceMention", "place_mentions", "qualifiers", "resolve"]
