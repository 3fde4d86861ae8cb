"""Lemmas the small model gets wrong, read as the lemmas they may stand for.

Known misses are fixed in the pipeline (``lang/en/lemmas.yaml``: "staged" → stage, "retook" →
retake). For the rest, a trigger is also looked up under the lemmas its regular inflection
suggests, so a word the lexicon knows is not lost to a lemmatiser slip.
"""

from __future__ import annotations

from spacy.tokens import Token


def lemma_guesses(token: Token) -> list[str]:
    """Lemmas a regular form may have when the lemmatiser got it wrong ("staged" → "stag"): the
    form less its -d/-ed, -ing (with or without an -e) or -s/-es; a guess that is no word is
    harmless, as callers only look the guesses up."""
    text = token.lower_
    if token.tag_ in ("VBD", "VBN") and text.endswith("ed"):
        return [text[:-1], text[:-2]]  # staged → stage, unbanned → unbann (no match: harmless)
    if token.tag_ == "VBG" and text.endswith("ing"):
        return [text[:-3] + "e", text[:-3]]
    if token.tag_ in ("NNS", "VBZ") and text.endswith("s"):
        return [text[:-1], text[:-2]]
    return []


__all__ = ["lemma_guesses"]
