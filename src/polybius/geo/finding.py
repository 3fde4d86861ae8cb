"""Finding the toponyms of an article, whatever their role; ``parser.py`` resolves them.

Toponyms are the NER model's GPE, LOC and FAC entities, completed by syntax where the small model
misses a name ("struck Aleppo", "in Odesa", "at the Rafah crossing", "residents of Yellowknife",
"Hermel, Bekaa"), a place opening an institution's name ("Kent Police", "Lagos State government"),
the wire dateline that opens an article ("OTTAWA –", "LONDON, Ky. (WKYT) -"), later bare uses of a
name already found ("London police" after "LONDON") and the nationality adjectives the actor
knowledge reads ("Turkish troops" → Turkey). A toponym is the longest name the gazetteer knows
around the entity ("Idlib province", "Jenin refugee camp", "Iraqi Kurdistan"). Organisation and
person names the actor knowledge knows ("Hamas", "the Kremlin") are never places. Each has a
``role``: ``dateline``, ``adjectival``, ``actor`` (the subject of a verb, or the party a verb acts
on: "The U.S. said…", "urged Iran"), ``modifier`` (a name modifying a noun: "UK airports",
"Syria's president") or ``place`` (everything else: "in Aleppo", "shouted about Aleppo").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal, get_args

from spacy.tokens import Doc, Span, Token

from polybius.geo import Gazetteer, Place, normalise
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
_SIGNIFICANT_TOWN = 10_000
_NUMERIC = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_INSTITUTIONS = word_class("place_institution_nouns")
_DIRECTIONS = word_class("compass_directions")

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


NO_ARTICLE = ArticleContext()  # what a geoparser without actor knowledge knows


@dataclass
class Toponym:
    """A toponym before resolution: where it is, the names to try (longest first), its role."""

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


@cache
def _abbreviations() -> dict[str, list[str]]:
    """Abbreviation key → ISO 3166-2 codes it may stand for ("wa" → Washington, Western Australia)."""
    table: dict[str, list[str]] = {}
    for entry in load_abbreviations(ABBREVIATIONS):
        codes = table.setdefault(normalise(entry.abbreviation), [])
        if entry.subdivision not in codes:
            codes.append(entry.subdivision)
    return table


def qualifiers(gazetteer: Gazetteer, text: str) -> list[Place]:
    """The countries and divisions a qualifier names: "Texas", "Ky.", "B.C.", "Borno State"."""
    places = [p for p in gazetteer.candidates(text) if p.kind in ("country", "admin1", "admin2", "admin3")]
    for code in _abbreviations().get(normalise(text), []):
        division = gazetteer.division(code)
        if division is not None and division not in places:
            places.append(division)
    return places


def find_toponyms(gazetteer: Gazetteer, doc: Doc, paragraphs: Sequence[Span], article: ArticleContext) -> list[Toponym]:
    """Every mention of the article, in text order, its dateline first."""
    found: list[Toponym] = []
    taken: set[int] = set()
    dateline, covered = _dateline(gazetteer, doc, paragraphs)
    found += dateline
    taken.update(covered)
    adjectives = {start: (end, country) for start, end, country in article.adjectives}
    entities = [entities_in(paragraph) for paragraph in paragraphs]  # read once, used twice
    divisions = _named_divisions(gazetteer, entities)
    for paragraph, its_entities in zip(paragraphs, entities, strict=True):
        for span in _place_spans(gazetteer, paragraph, its_entities, article, adjectives.keys(), divisions):
            if span.start in taken or (_nationality(span) and span.start in adjectives):
                continue
            # A name the actor knowledge knows is no place, unless it is a well-known one standing
            # for its government ("Abuja has asked…"): "Hamas", "the Kremlin", "Paris Hilton" stay out.
            if article.names_actor(span) and not (span.label_ == "GPE" and _well_known(gazetteer, span.text)):
                continue
            for toponym, tokens in _toponyms_at(gazetteer, span, taken):
                found.append(toponym)
                taken.update(tokens)
        for token in paragraph:
            if token.i in adjectives and token.i not in taken:
                end, country = adjectives[token.i]
                nation = gazetteer.country(country)
                if nation is not None:
                    span = doc[token.i : end]
                    found.append(Toponym([(span.text, span.start_char)], "adjectival", span.sent, [], fixed=nation))
    found += _repeated(doc, paragraphs, found, taken)
    found.sort(key=lambda f: (f.role != "dateline", f.names[0][1]))
    return found


def _toponyms_at(gazetteer: Gazetteer, span: Span, taken: set[int]) -> list[tuple[Toponym, range]]:
    """The toponym a place span writes (its longest known name, role, qualifier and cues) and
    the qualifier after it as a mention of its own, each with the tokens it covers."""
    names = _names(gazetteer, span)
    qualifier, qualifier_span = _qualifier(gazetteer, names[0])
    comma = next((t.i for t in span if t.text == ","), None)
    if comma is not None and not qualifier:  # one entity "Orange, N.S.W.": its own qualifier
        qualifier = qualifiers(gazetteer, span.doc[comma + 1 : span.end].text.strip(" ,"))
    written = [(s.text, s.start_char) for s in names]
    locative = _locative(names[0].root) or _locative(span.root)
    role = _role(names[0])
    found = [
        (
            Toponym(written, role, span.sent, qualifier, _town_noun(span), locative, _verb_of(span.root)),
            range(names[0].start, names[0].end),
        )
    ]
    if qualifier_span is not None and qualifier_span.start not in taken:
        # The qualifier is a mention of its own, of the division that qualified.
        readings = gazetteer.candidates(span.text)
        place = next((q for q in qualifier if any(p.lies_in(q) for p in readings)), qualifier[0])
        at = [(qualifier_span.text, qualifier_span.start_char)]
        found.append(
            (
                Toponym(at, _role(qualifier_span), span.sent, [], fixed=place),
                range(qualifier_span.start, qualifier_span.end),
            )
        )
    return found


def _repeated(doc: Doc, paragraphs: Sequence[Span], found: list[Toponym], taken: set[int]) -> list[Toponym]:
    """Proper names the article already uses as places, where the model saw none: "London police"
    after the dateline "LONDON", "Homs" in a person-like position after "in Homs"."""
    known = {normalise(f.names[-1][0]) for f in found if f.role != "adjectival"}
    more = []
    for paragraph in paragraphs:
        for token in paragraph:
            free = token.pos_ == "PROPN" and token.i not in taken and token.ent_type_ not in ("PERSON", "NORP")
            if free and normalise(token.text) in known:
                span = doc[token.i : token.i + 1]
                more.append(Toponym([(span.text, span.start_char)], _role(span), span.sent, []))
                taken.add(token.i)
    return more


def _dateline(gazetteer: Gazetteer, doc: Doc, paragraphs: Sequence[Span]) -> tuple[list[Toponym], range]:
    """The wire dateline opening one of the first paragraphs, when its place is a known place: its
    toponyms (the place, and its qualifier as a mention of the division or country it names:
    "LAGOS, Nigeria, …") and the tokens they cover."""
    for paragraph in paragraphs[:3]:
        match = _DATELINE.match(paragraph.text)
        if match is None or not (match.group("place").isupper() or match.group("agency")):
            continue
        place = match.group("place")
        readings = gazetteer.candidates(place)
        if not readings:
            return [], range(0)
        start = paragraph.start_char + match.start("place")
        span = doc.char_span(start, start + len(place), alignment_mode="expand")
        sentence = span.sent if span is not None else None
        tokens = range(span.start, span.end) if span is not None else range(0)
        written = match.group("qualifier")
        divisions = qualifiers(gazetteer, written) if written else []
        found = [Toponym([(place, start)], "dateline", sentence, divisions)]
        if written and divisions:
            at = paragraph.start_char + match.start("qualifier")
            named = next((q for q in divisions if any(p.lies_in(q) for p in readings)), divisions[0])
            found.append(Toponym([(written, at)], "dateline", sentence, [], fixed=named))
            q_span = doc.char_span(at, at + len(written), alignment_mode="expand")
            if q_span is not None:
                tokens = range(tokens.start if len(tokens) else q_span.start, q_span.end)
        return found, tokens
    return [], range(0)


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


def _named_divisions(gazetteer: Gazetteer, entities: Sequence[Sequence[Span]]) -> frozenset[str]:
    """The first-level divisions the article's place entities most likely lie in: a small town
    after a bare preposition is read as a place when it lies in one ("in Iqaluit" in a story
    naming Nunavut)."""
    codes = set()
    for paragraph in entities:
        for entity in paragraph:
            if entity.label_ in _PLACE_LABELS and (readings := gazetteer.ranked(entity.text)):
                codes.add(readings[0].admin1_code)
    return frozenset(code for code in codes if code)


def _place_spans(
    gazetteer: Gazetteer,
    paragraph: Span,
    entities: Sequence[Span],
    article: ArticleContext,
    adjectives: Collection[int],
    divisions: frozenset[str],
) -> list[Span]:
    """Place entities, and proper names the small NER model missed where the syntax says place:
    after a locative preposition ("in Odesa"), as the object of a strike ("struck Aleppo"), or
    beside a place ("Ghouta and Aleppo"). A name inside a person, organisation or nationality
    entity is never a place."""
    doc = paragraph.doc
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
        weak = False
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
            weak = True  # a preposition is a weak cue, see below
        else:
            continue
        last = doc[end - 1]
        start = min([token.i, *(c.i for c in last.lefts if c.dep_ == "compound" and c.pos_ == "PROPN")])
        name = doc[start:end]
        # "in Congress", "at Christmas" name no hamlet of that name; "the village of Kafr Nabl" is
        # one, however small: after a bare preposition a name counts when it is worth reading as a
        # place, or lies in a division the article names.
        if weak and not (
            _significant(gazetteer, name.text)
            or _town_noun(name)
            or token.ent_type_ in ("GPE", "LOC")
            or any(p.admin1_code in divisions for p in gazetteer.candidates(name.text))
        ):
            continue
        found.append(name)
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
    # Cheapest tests first; is_sent_start is set on every token of a parsed Doc.
    mistaken = token.pos_ in ("NOUN", "ADV", "ADJ", "VERB")
    return token.is_title and token.is_alpha and mistaken and not token.is_sent_start


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
        if _significant(gazetteer, words.text):
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
    return _significant(gazetteer, name)


def _significant(gazetteer: Gazetteer, name: str) -> bool:
    """Anything but a town of fewer than 10,000 people (a country, a division, a region or sea of
    our extras): a name worth reading as a place
    where only a weak cue says so (an institution it opens, a capital letter the tagger ignored).
    Smaller places' names are as often words ("Congress", Arizona; "Christmas", Florida)."""
    return any(p.kind != "city" or p.population >= _SIGNIFICANT_TOWN for p in gazetteer.candidates(name))


def _qualified(gazetteer: Gazetteer, token: Token) -> bool:
    """Is a name followed by ", <division or country>" that holds a place of that name?"""
    span = token.doc[token.i : token.i + 1]
    divisions, _ = _qualifier(gazetteer, span)
    readings = gazetteer.candidates(token.text)
    return any(p.lies_in(q, strict) for strict in (True, False) for q in divisions for p in readings)


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


__all__ = ["NO_ARTICLE", "ROLES", "ArticleContext", "Role", "Toponym", "find_toponyms", "qualifiers"]
