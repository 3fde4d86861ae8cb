"""English word classes and lemma fixes: the vocabulary the coder reads a parse with, as validated data.

A word class (``lang/en/*.yaml``, grouped by topic) has a snake_case ``name``, a one-line ``why``
(what the coder uses it for), the ``form`` its ``words`` are compared in (``lemma``: a token's
lemma; ``lower``: its lower-cased text) and at least one example sentence with the word of the
class it contains. The examples are tests (``tests/lang``): each is parsed and its word's token
must be in the class. Code loads a class by name: ``_TIME_PREPS = word_class("time_prepositions")``.

Lemma fixes (``lang/en/lemmas.yaml``) are spaCy ``attribute_ruler`` patterns for the irregular
forms the small model's lemmatiser gets wrong ("retook"), each with an example;
``polybius.nlp.add_lemma_fixes`` puts them in the pipeline.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StrictStr, field_validator, model_validator

from polybius.datafiles import validate_entries
from polybius.errors import DataFileError

# libyaml's C loader when present, as for the lexicon.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
LEMMA_FILE = "lemmas.yaml"
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")


def _is_word(text: str) -> bool:
    """A lower-case word or phrase: letters, with inner hyphens or apostrophes ("'ll", "communiqué")."""
    parts = text.split(" ")
    return text == text.lower() and all(p.replace("-", "").replace("'", "").isalpha() for p in parts)


def occurs(word: str, text: str) -> bool:
    """Does ``word`` occur in ``text`` as a whole word (case aside)?"""
    before = r"(?<!\w)" if word[:1].isalnum() else ""
    after = r"(?!\w)" if word[-1:].isalnum() else ""
    return re.search(before + re.escape(word) + after, text, re.IGNORECASE) is not None


class Example(BaseModel):
    """A sentence and the word in it that belongs to the class (or whose lemma a fix sets)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: StrictStr
    word: StrictStr = Field(min_length=1)

    @model_validator(mode="after")
    def _word_in_text(self) -> Example:
        if not occurs(self.word, self.text):
            raise ValueError(f"the word {self.word!r} does not occur in the example {self.text!r}")
        return self


class WordClass(BaseModel):
    """A named set of English words, with what it is for and the examples that test it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: StrictStr
    why: StrictStr
    form: Literal["lemma", "lower"]
    words: list[StrictStr] = Field(min_length=1)
    examples: list[Example] = Field(min_length=1)

    @field_validator("name")
    @classmethod
    def _snake_case(cls, name: str) -> str:
        if not _NAME.match(name):
            raise ValueError(f"{name!r} is not a snake_case name")
        return name

    @field_validator("why")
    @classmethod
    def _one_line(cls, why: str) -> str:
        if not why.strip() or "\n" in why.strip():
            raise ValueError("'why' is one non-empty line")
        return why.strip()

    @field_validator("words")
    @classmethod
    def _lower_case_words(cls, words: list[str]) -> list[str]:
        bad = [w for w in words if not _is_word(w)]
        if bad:
            raise ValueError(f"not lower-case words: {bad}")
        repeated = sorted({w for w in words if words.count(w) > 1})
        if repeated:
            raise ValueError(f"words listed twice: {repeated}")
        return words

    @model_validator(mode="after")
    def _examples_in_class(self) -> WordClass:
        # A lemma class's example word is an inflected form; only the tests' parse can check it.
        if self.form == "lower":
            outside = [e.word for e in self.examples if e.word.lower() not in self.words]
            if outside:
                raise ValueError(f"example words not in the class: {outside}")
        return self


class LemmaFix(BaseModel):
    """An attribute_ruler entry setting the lemma of forms the lemmatiser gets wrong."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    patterns: list[list[dict[str, Any]]] = Field(min_length=1)
    attrs: dict[StrictStr, StrictStr]
    example: Example

    @field_validator("attrs")
    @classmethod
    def _sets_lemma(cls, attrs: dict[str, str]) -> dict[str, str]:
        if set(attrs) != {"LEMMA"}:
            raise ValueError("a lemma fix sets LEMMA and nothing else")
        return attrs


def _read_list(path: Path | Traversable) -> list[Any]:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or []
    except yaml.YAMLError as error:
        raise DataFileError(path.name, f"invalid YAML: {error}") from None
    if not isinstance(raw, list):
        raise DataFileError(path.name, "the file is a YAML list of entries")
    return raw


def read_word_classes(path: Path | Traversable) -> list[WordClass]:
    """The validated classes of one file; an error names the file and the class."""
    return [entry for _, entry in validate_entries(path.name, _read_list(path), WordClass, key="name")]


def load_word_classes(folder: Path | Traversable) -> dict[str, WordClass]:
    """Every class of a folder's ``*.yaml`` files (the lemma fixes aside); names are unique."""
    found: dict[str, tuple[str, WordClass]] = {}
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".yaml") or path.name == LEMMA_FILE:
            continue
        for word_class_ in read_word_classes(path):
            if word_class_.name in found:
                first = found[word_class_.name][0]
                raise DataFileError(f"{path.name}#{word_class_.name}", f"class already defined in {first}")
            found[word_class_.name] = (path.name, word_class_)
    return {name: entry for name, (_, entry) in found.items()}


def read_lemma_fixes(path: Path | Traversable) -> list[LemmaFix]:
    """The validated lemma fixes of a file; an error names the file and the entry."""
    return [entry for _, entry in validate_entries(path.name, _read_list(path), LemmaFix, key=None)]


def _english() -> Traversable:
    return resources.files("polybius.lang") / "en"


@lru_cache(maxsize=1)
def word_classes() -> dict[str, WordClass]:
    """The English word classes shipped with polybius, loaded and validated once."""
    return load_word_classes(_english())


@lru_cache(maxsize=1)
def lemma_fixes() -> tuple[LemmaFix, ...]:
    """The lemma fixes shipped with polybius (``lang/en/lemmas.yaml``)."""
    return tuple(read_lemma_fixes(_english() / LEMMA_FILE))


def _entry(name: str) -> WordClass:
    classes = word_classes()
    if name not in classes:
        close = difflib.get_close_matches(name, list(classes), n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise DataFileError("lang/en", f"no word class named {name!r}{hint}")
    return classes[name]


def word_class(name: str) -> frozenset[str]:
    """The words of a class, e.g. ``word_class("time_prepositions")``; unknown names raise DataFileError."""
    return frozenset(_entry(name).words)


def word_list(name: str) -> tuple[str, ...]:
    """The words of a class in the file's order, for classes whose order means something (weekdays)."""
    return tuple(_entry(name).words)


__all__ = [
    "Example",
    "LemmaFix",
    "WordClass",
    "lemma_fixes",
    "load_word_classes",
    "read_lemma_fixes",
    "read_word_classes",
    "word_class",
    "word_classes",
    "word_list",
]
