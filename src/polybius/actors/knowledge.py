"""The actor knowledge base: our data files, validated and compiled into phrase matchers.

Names of countries, organisations, metonyms and people are matched case-sensitively (so the
noun "amnesty" is not Amnesty International and "turkey" is not Turkey), in the forms news
text writes them: as written, Title Case and UPPER CASE. Role words are common nouns and are
matched in lower case, singular and plural.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Token

from polybius.actors.dictionaries import UserActor, UserAgent, token_patterns
from polybius.actors.schema import (
    AmbiguousName,
    CountryEntry,
    MetonymEntry,
    OrganisationEntry,
    PersonEntry,
    RoleEntry,
)
from polybius.datafiles import Model, read_jsonl
from polybius.lang import word_class

_PREFIX = {"igo": "IGO", "ngo": "NGO", "armed_group": "IMG", "movement": "IMG"}
_SAME_PLURAL = word_class("invariant_plurals")
_SIBILANT_END = re.compile(r"(?:s|sh|ch|x|z)$")  # "-es" plurals: "bus", "marsh", "church", "tax", "blitz"


@dataclass(frozen=True)
class Piece:
    """What one matched phrase tells about an actor; pieces of a noun phrase are combined."""

    kind: str  # country | adjective | demonym | capital | metonym | org | person | role
    name: str
    country: str | None = None
    sector: str | None = None
    org: str | None = None
    prefix: str | None = None  # IGO / NGO / IMG for actors without a country
    generic: bool = False  # a role that gives way to a more specific one ("official")
    person: bool = False  # names or describes a single person
    # The data entry (PersonEntry for date-ranged roles, OrganisationEntry for its kind).
    entry: object = field(default=None, compare=False, hash=False)

    @property
    def owner(self) -> bool:
        """Does the piece say whose actor this is (a country, organisation or person)?"""
        return self.kind != "role"


def load_jsonl(name: str, model: type[Model]) -> list[Model]:
    """Validated entries of ``actors/data/<name>``; a bad line fails with file and line number."""
    return read_jsonl(resources.files("polybius.actors") / "data" / name, model)


def name_variants(alias: str) -> set[str]:
    """The case forms in which a proper name appears in news text."""
    variants = {alias, alias.upper()}
    if not alias.isupper():
        variants.add(" ".join(w[:1].upper() + w[1:] for w in alias.split(" ")))
    if alias.lower().startswith("the "):
        variants |= name_variants(alias[4:])
    return variants


def plural_forms(phrase: str) -> set[str]:
    """The phrase and its plurals, inflecting the last word ("foreign minister(s)", "thief/thieves")."""
    head, _, last = phrase.rpartition(" ")
    plurals = {last + "s"}
    if last in _SAME_PLURAL:
        plurals = {last}
    elif last.endswith("man"):
        plurals = {last[:-3] + "men"}
    elif last.endswith("person"):
        plurals = {last[:-6] + "people", last + "s"}
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        plurals = {last[:-1] + "ies"}
    elif _SIBILANT_END.search(last):
        plurals = {last + "es"}
    elif last.endswith("f"):
        plurals = {last[:-1] + "ves", last + "s"}
    elif last.endswith("fe"):
        plurals = {last[:-2] + "ves", last + "s"}
    return {phrase} | {f"{head} {p}".strip() for p in plurals}


class ActorKnowledge:
    """All actor dictionaries, and the matchers that find their phrases in a parsed document."""

    def __init__(
        self, nlp: Language, *, user_actors: Sequence[UserActor] = (), user_agents: Sequence[UserAgent] = ()
    ) -> None:
        self.countries = {c.iso3: c for c in load_jsonl("countries.jsonl", CountryEntry)}
        self.organisations = {o.org: o for o in load_jsonl("organisations.jsonl", OrganisationEntry)}
        self.people = load_jsonl("people.jsonl", PersonEntry)
        self.roles = load_jsonl("roles.jsonl", RoleEntry)
        self.metonyms = load_jsonl("metonyms.jsonl", MetonymEntry)
        self.ambiguous = {a.text: a for a in load_jsonl("ambiguous.jsonl", AmbiguousName)}
        self._pieces: dict[str, Piece] = {}
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.role_words = PhraseMatcher(nlp.vocab, attr="LOWER")
        # User dictionaries (PETRARCH/TABARI or ours): matched first, so they override built-ins.
        self.user_phrases = Matcher(nlp.vocab)
        self._compile(nlp)
        self._compile_user(user_actors, user_agents)

    def _add(self, matcher: PhraseMatcher, nlp: Language, phrases: set[str], piece: Piece) -> None:
        key = f"{piece.kind}:{piece.name}:{piece.country}:{piece.sector}:{piece.org}"
        self._pieces[key] = piece
        matcher.add(key, [nlp.make_doc(p) for p in sorted(phrases) if p.strip()])

    def _compile(self, nlp: Language) -> None:
        for c in self.countries.values():
            self._add(self.names, nlp, _all_variants(c.names), Piece("country", c.name, country=c.iso3))
            adjectives = {a for a in c.adjectives if not (a.endswith("s") and a[:-1] in c.adjectives)}
            demonyms = set(c.adjectives) - adjectives
            self._add(self.names, nlp, _all_variants(adjectives), Piece("adjective", c.name, country=c.iso3))
            self._add(
                self.names,
                nlp,
                _all_variants(demonyms),
                Piece("demonym", c.name, country=c.iso3, sector="CVL"),
            )
            self._add(
                self.names,
                nlp,
                _all_variants(c.capitals),
                Piece("capital", c.name, country=c.iso3, sector="GOV"),
            )
        for m in self.metonyms:
            country = self.countries[m.country].name if m.country in self.countries else m.country
            piece = Piece("metonym", country, country=m.country, sector=m.sector)
            self._add(self.names, nlp, name_variants(m.text), piece)
        for o in self.organisations.values():
            piece = Piece(
                "org", o.name, country=o.country, sector=o.sector, org=o.org, prefix=_PREFIX.get(o.kind), entry=o
            )
            self._add(self.names, nlp, _all_variants([o.name, *o.aliases]), piece)
        for p in self.people:
            piece = Piece("person", p.name, person=True, entry=p)
            self._add(self.names, nlp, _all_variants([p.name, *p.aliases]), piece)
        for r in self.roles:
            piece = Piece("role", r.text, sector=r.sector, generic=r.generic, person=r.person, entry=r)
            self._add(self.role_words, nlp, plural_forms(r.text.lower()), piece)

    def _compile_user(self, actors: Sequence[UserActor], agents: Sequence[UserAgent]) -> None:
        for number, actor in enumerate(actors):
            piece = Piece("user", " ".join(actor.phrases[0]), entry=actor)
            key = f"user-actor:{number}"
            self._pieces[key] = piece
            self.user_phrases.add(
                key, [token_patterns(w, e) for w, e in zip(actor.phrases, actor.exact_end, strict=True)]
            )
        for number, agent in enumerate(agents):
            piece = Piece("role", " ".join(agent.phrases[0]), sector=agent.code, entry=agent)
            key = f"user-agent:{number}"
            self._pieces[key] = piece
            self.user_phrases.add(key, [token_patterns(w, True) for w in agent.phrases])

    def disambiguate(self, piece: Piece, name: str, article: str) -> Piece | None:
        """The piece an ambiguous country name stands for in this article (see AmbiguousName)."""
        entry = self.ambiguous.get(name)
        if entry is None or piece.kind != "country" or any(c in article for c in entry.counter_cues):
            return piece
        if not any(c in article for c in entry.cues):
            return piece
        if entry.alternative is None:
            return None
        return Piece("place", f"{name} ({self.countries[entry.alternative].name})", country=entry.alternative)

    def org_prefix(self, org: str | None) -> str | None:
        """IGO / NGO / IMG for an organisation code (how CAMEO prefixes actors without a country)."""
        entry = self.organisations.get(org or "")
        return _PREFIX.get(entry.kind) if entry else None

    def pieces(self, doc: Doc) -> Iterator[tuple[int, int, Piece]]:
        """``(start, end, piece)`` for every knowledge phrase in ``doc``, longest match first wins."""
        user = [(s, e, key) for key, s, e in self.user_phrases(doc)] if len(self.user_phrases) else []
        matches = [(s, e, key) for key, s, e in self.names(doc)]
        # A role is a noun: "general" in "general election" is not an army general.
        matches += [(s, e, key) for key, s, e in self.role_words(doc) if _nominal(doc[s:e].root)]
        taken: set[int] = set()
        ordered = sorted(user, key=lambda m: (m[0] - m[1], m[0])) + sorted(matches, key=lambda m: (m[0] - m[1], m[0]))
        for start, end, key in ordered:
            if taken.isdisjoint(range(start, end)):
                taken.update(range(start, end))
                yield start, end, self._pieces[doc.vocab.strings[key]]


def _nominal(token: Token) -> bool:
    """Is the token used as a noun? ("the military imposed…" is; "military aid" is not)."""
    return token.pos_ in ("NOUN", "PROPN") or token.dep_ in (
        "nsubj",
        "nsubjpass",
        "dobj",
        "pobj",
        "conj",
        "appos",
    )


def _all_variants(aliases: list[str] | set[str]) -> set[str]:
    return {v for alias in aliases for v in name_variants(alias)}
