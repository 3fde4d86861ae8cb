"""The one spaCy pipeline of a process, loaded on first use.

Documents are parsed paragraph by paragraph (see ``documents.paragraphs``), so sentence
boundaries never cross a line break.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from polybius.settings import SPACY_MODEL


@lru_cache(maxsize=1)
def load_pipeline(model: str = SPACY_MODEL) -> Language:
    """The pipeline, loaded once per process (per Dask worker, per test session)."""
    return spacy.load(model)


__all__ = ["load_pipeline"]
