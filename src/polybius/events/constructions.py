"""Argument constructions: dependency patterns, kept as data, that find a trigger's arguments.

The generic operators (subject, object, control, coordination, the by-agent of a passive) are
Python in ``events.syntax``. What a particular English construction adds lives in
``events/constructions.yaml``: each construction is a spaCy ``DependencyMatcher`` pattern whose
first node is the anchor (the trigger, or the phrase that carries it) and whose ``yields`` node
is the argument, with the role that argument plays and example sentences that are tests.

Patterns are compiled once per vocabulary and matched once per document; the matches are then
looked up by anchor (``matches``, ``arguments``) or by argument (``anchors``).
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from polybius.datafiles import validate_entries
from polybius.errors import DataFileError
from polybius.lang import word_class

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FILE = "constructions.yaml"

# What the yielded token is to the anchor.
Role = Literal[
    "agent",  # who acts, for a passive verb
    "partner",  # the other side of a joint act ("spoke by telephone with X")
    "measured",  # what a quantity or a light noun measures ("tons of *food*")
    "named",  # what a light head noun is named by ("*mediation* efforts")
    "carried_load",  # what a vehicle carries ("ships carrying *food*")
    "destination",  # where a vehicle's load goes ("carrying food *to* Yangon")
    "fronted",  # a phrase that frames the clause, no argument of its verb
    "governor",  # the clause word that says who did an event noun ("Iran *held* talks")
    "victim",  # who an event noun harmed ("25 people were killed in a strike")
]


class Example(BaseModel):
    """A sentence where the construction, anchored at ``trigger``, yields ``argument`` (or, when
    ``argument`` is null, yields nothing: a near miss it must not take)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sentence: str
    trigger: str  # the anchor word as written (its first occurrence in the sentence)
    argument: str | None  # the yielded word as written


class PatternNode(BaseModel):
    """One node of a spaCy DependencyMatcher pattern."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    RIGHT_ID: str
    RIGHT_ATTRS: dict[str, Any]
    LEFT_ID: str | None = None
    REL_OP: str | None = None


class Construction(BaseModel):
    """One construction of ``constructions.yaml``; see the module docstring."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    role: Role
    why: str
    yields: str  # the RIGHT_ID of the node that is the argument
    # Alternative patterns of the same construction; each starts at the anchor.
    patterns: list[list[PatternNode]] = Field(min_length=1)
    # For a governor: who the actor is, the yielded word's subject (by the generic subject
    # operator) or the yielded word itself ("Iran, a key backer of Assad").
    actor: Literal["subject", "self"] | None = None
    # For a governor: its clause is the event's (date, place, negation): "held talks on Tuesday".
    carries: bool = False
    # For a governor: the noun is said of the actor ("Russia is the key backer of Assad"), where an
    # apposition only describes.
    predicative: bool = False
    examples: list[Example] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Construction:
        for pattern in self.patterns:
            ids = [node.RIGHT_ID for node in pattern]
            if self.yields not in ids[1:]:
                raise ValueError(f"yields {self.yields!r} names no node after the anchor")
        if (self.role == "governor") != (self.actor is not None):
            raise ValueError("'actor' is set for a governor, and only for one")
        if (self.carries or self.predicative) and self.role != "governor":
            raise ValueError("'carries' and 'predicative' are for governors")
        return self

    def spacy_patterns(self) -> list[list[dict[str, Any]]]:
        return [[node.model_dump(exclude_none=True) for node in pattern] for pattern in self.patterns]


@dataclass(frozen=True)
class Match:
    """A construction found at an anchor, with the token it yields."""

    construction: Construction
    anchor: Token
    node: Token


def parse_constructions(name: str, text: str) -> tuple[Construction, ...]:
    """Validated constructions of one file; each pattern is compiled, so a bad one fails here,
    naming the construction."""
    raw = yaml.load(text, Loader=_LOADER) or {}
    items = raw.get("constructions") if isinstance(raw, dict) else None
    if not isinstance(items, list) or not isinstance(raw.get("words", {}), dict):
        raise DataFileError(name, "a constructions file maps 'words' to word classes and 'constructions' to a list")
    items = _with_word_classes(items)
    found: list[Construction] = []
    vocab = Vocab()
    for where, construction in validate_entries(name, items, Construction):
        if any(c.id == construction.id for c in found):
            raise DataFileError(where, f"duplicate construction id {construction.id!r}")
        _compile([construction], vocab, where)
        found.append(construction)
    return tuple(found)


_SET_OPERATORS = frozenset({"IN", "NOT_IN", "INTERSECTS"})


def _with_word_classes(value: Any) -> Any:
    """Patterns with each set operator that names a word class (``LEMMA: {IN: light_verbs}``,
    see ``polybius/lang``) given that class's words: one definition of each word class."""
    if isinstance(value, list):
        return [_with_word_classes(item) for item in value]
    if not isinstance(value, dict):
        return value
    return {
        key: sorted(word_class(item)) if key in _SET_OPERATORS and isinstance(item, str) else _with_word_classes(item)
        for key, item in value.items()
    }


@lru_cache(maxsize=1)
def load_constructions() -> tuple[Construction, ...]:
    """The constructions of ``events/constructions.yaml``, in file order (their priority)."""
    path = resources.files("polybius.events") / _FILE
    return parse_constructions(_FILE, path.read_text(encoding="utf-8"))


def _compile(constructions: Sequence[Construction], vocab: Vocab, where: str) -> DependencyMatcher:
    """One matcher key per alternative pattern (``id#n``), so a match tells which one it was."""
    matcher = DependencyMatcher(vocab, validate=True)
    for construction in constructions:
        for number, pattern in enumerate(construction.spacy_patterns()):
            try:
                matcher.add(f"{construction.id}#{number}", [pattern])
            except (ValueError, KeyError) as error:  # spaCy's MatchPatternError is a ValueError
                raise DataFileError(where, f"bad pattern {number + 1}: {error}".replace("\n", " ")) from None
    return matcher


@lru_cache(maxsize=8)
def _compiled(vocab: Vocab) -> tuple[DependencyMatcher, dict[int, tuple[int, int]]]:
    """The constructions compiled for one vocabulary (a pipeline's: any ``nlp`` can be used), and
    for each matcher key the construction's number and the place of its yielded node."""
    constructions = load_constructions()
    keys = {
        vocab.strings.add(f"{c.id}#{k}"): (n, [node.RIGHT_ID for node in pattern].index(c.yields))
        for n, c in enumerate(constructions)
        for k, pattern in enumerate(c.patterns)
    }
    return _compile(constructions, vocab, _FILE), keys


# Per document: (anchor index, role) → [(construction number, node index)], in priority order,
# and the same by argument: (node index, role) → [(construction number, anchor index)]. Only
# indexes are kept, so the cache never keeps a document alive.
_Index = dict[tuple[int, str], list[tuple[int, int]]]
_INDEXES: weakref.WeakKeyDictionary[Doc, tuple[_Index, _Index]] = weakref.WeakKeyDictionary()


def _indexes(doc: Doc) -> tuple[_Index, _Index]:
    found = _INDEXES.get(doc)
    if found is None:
        found = _INDEXES[doc] = _match(doc)
    return found


def _match(doc: Doc) -> tuple[_Index, _Index]:
    constructions = load_constructions()
    matcher, keys = _compiled(doc.vocab)
    hits: set[tuple[int, int, int]] = set()
    for match_id, token_ids in matcher(doc):
        number, place = keys[match_id]
        hits.add((number, token_ids[0], token_ids[place]))
    by_anchor: _Index = {}
    by_node: _Index = {}
    for number, anchor, node in sorted(hits):
        role = constructions[number].role
        by_anchor.setdefault((anchor, role), []).append((number, node))
        by_node.setdefault((node, role), []).append((number, anchor))
    return by_anchor, by_node


def matches(anchor: Token, role: Role) -> list[Match]:
    """The constructions of ``role`` found at the anchor, in priority (file) order."""
    constructions = load_constructions()
    doc = anchor.doc
    found = _indexes(doc)[0].get((anchor.i, role), [])
    return [Match(constructions[number], anchor, doc[node]) for number, node in found]


def arguments(anchor: Token, role: Role) -> list[Token]:
    """The tokens that constructions of ``role`` yield at the anchor, each once."""
    found: dict[int, Token] = {}
    for match in matches(anchor, role):
        found.setdefault(match.node.i, match.node)
    return list(found.values())


def anchors(argument: Token, role: Role) -> list[Token]:
    """The anchors at which a construction of ``role`` yields this token: the inverse of
    ``arguments`` ("aid" → "billion" in "$2 billion in aid")."""
    doc = argument.doc
    found = _indexes(doc)[1].get((argument.i, role), [])
    return [doc[i] for i in sorted({anchor for _, anchor in found})]


__all__ = ["Construction", "Example", "Match", "Role", "anchors", "arguments", "load_constructions", "matches"]
