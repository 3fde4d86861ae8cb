"""The English spaCy pipeline of a process, with our lemma fixes; paragraphs and lemma readings.

``load_pipeline()`` is the English model (loaded once per process) with the fixes of
``lang/en/lemmas.yaml`` for forms its lemmatiser misses. Our stages as components, and the
pipeline that holds them, are in :mod:`polybius.pipeline`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, cast

import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler

from polybius.lang import lemma_fixes
from polybius.settings import SPACY_MODEL

#: The attribute_ruler with our lemma fixes (``lang/en/lemmas.yaml``), before the lemmatizer.
LEMMA_FIXES = "polybius_lemma_fixes"


@lru_cache(maxsize=1)
def load_pipeline(model: str = SPACY_MODEL) -> Language:
    """The English pipeline with our lemma fixes, loaded once per process (per Dask worker, per test session)."""
    return add_lemma_fixes(spacy.load(model))


def add_lemma_fixes(nlp: Language) -> Language:
    """Add the lemma fixes of ``lang/en/lemmas.yaml`` as an attribute_ruler named ``polybius_lemma_fixes``
    before the lemmatizer, which keeps a lemma already set ("retook" → retake). Idempotent."""
    if LEMMA_FIXES not in nlp.pipe_names:
        before = "lemmatizer" if "lemmatizer" in nlp.pipe_names else None
        pipe = nlp.add_pipe("attribute_ruler", name=LEMMA_FIXES, config={"validate": True}, before=before)
        ruler = cast(AttributeRuler, pipe)
        patterns: list[dict[str, Any]] = [{"patterns": fix.patterns, "attrs": fix.attrs} for fix in lemma_fixes()]
        ruler.add_patterns(patterns)
    return nlp


__all__ = ["LEMMA_FIXES", "add_lemma_fixes", "load_pipeline"]
