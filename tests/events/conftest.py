"""Sentences parsed once per test session by the bare English pipeline, for the event unit tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Span


@pytest.fixture(scope="session")
def parse(nlp: Language) -> Callable[[str], Span]:
    """The first sentence of a text as parsed by the real pipeline; each text is parsed once."""
    parsed: dict[str, Span] = {}

    def sentence(text: str) -> Span:
        if text not in parsed:
            parsed[text] = next(iter(nlp(text).sents))
        return parsed[text]

    return sentence
