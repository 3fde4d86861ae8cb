"""The event lexicon: YAML pattern files, validated at load and indexed by trigger lemma."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from polybius.datafiles import validate_entries
from polybius.errors import DataFileError
from polybius.events.schema import Pattern
from polybius.ontology import load_ontology

# libyaml's C loader when present: ten times faster than the pure-Python one at start-up.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class LexiconEntry:
    """A pattern with the file it came from, for the record's ``rule`` field."""

    pattern: Pattern
    file: str

    @property
    def rule(self) -> str:
        return f"lexicon/{self.file}#{self.pattern.id}"


class Lexicon:
    """All patterns, indexed by (part of speech, lemma)."""

    def __init__(self, entries: list[LexiconEntry]) -> None:
        self.entries = entries
        self._index: dict[tuple[str, str], list[LexiconEntry]] = defaultdict(list)
        for entry in entries:
            self._index[(entry.pattern.pos, entry.pattern.lemma)].append(entry)
        for candidates in self._index.values():
            # Most specific first; file order breaks ties, so the data file decides.
            candidates.sort(key=lambda e: -e.pattern.specificity)

    def candidates(self, pos: str, lemma: str) -> list[LexiconEntry]:
        return self._index.get((pos, lemma), [])

    def __len__(self) -> int:
        return len(self.entries)


def parse_lexicon_file(name: str, text: str) -> list[LexiconEntry]:
    """Validated entries of one lexicon file; errors name the file and the pattern."""
    ontology = load_ontology()
    raw = yaml.load(text, Loader=_LOADER) or []
    if not isinstance(raw, list):
        raise DataFileError(name, "a lexicon file is a YAML list of patterns")
    entries = []
    for where, pattern in validate_entries(name, raw, Pattern):
        if pattern.cameo not in ontology:
            raise DataFileError(where, f"unknown CAMEO code {pattern.cameo}")
        entries.append(LexiconEntry(pattern, name))
    return entries


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Every ``events/lexicon/*.yaml`` file; pattern ids must be unique across files."""
    folder = resources.files("polybius.events") / "lexicon"
    entries: list[LexiconEntry] = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.endswith(".yaml"):
            entries += parse_lexicon_file(path.name, path.read_text(encoding="utf-8"))
    seen: set[str] = set()
    for entry in entries:
        if entry.pattern.id in seen:
            raise DataFileError(entry.rule, f"duplicate pattern id {entry.pattern.id!r}")
        seen.add(entry.pattern.id)
    return Lexicon(entries)
