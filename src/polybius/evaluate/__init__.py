"""``polybius evaluate``: code gold sentences and score the result (see ``scoring``)."""

from __future__ import annotations

from pathlib import Path

from polybius.coder import Coder, default_coder
from polybius.documents import Document, normalise_text
from polybius.evaluate.gold import GoldError, GoldSet, read_gold
from polybius.evaluate.scoring import Scores, score
from polybius.records import EventRecord


def evaluate(gold: str | Path, *, fmt: str | None = None, errors: int = 0, coder: Coder | None = None) -> Scores:
    """Read a gold file, code its sentences with the coder, and score the events."""
    gold_set = read_gold(gold, fmt)
    return score(gold_set, code_gold(gold_set, coder or default_coder()), errors=errors)


def code_gold(gold: GoldSet, coder: Coder) -> dict[str, list[EventRecord]]:
    """Each gold sentence coded as a one-sentence document dated by the gold record."""
    documents = [Document(text=normalise_text(s.text), id=s.id, date=s.date) for s in gold.sentences]
    return {document.id: records for document, records in coder.code(documents)}


__all__ = ["GoldError", "Scores", "evaluate", "read_gold", "score"]
