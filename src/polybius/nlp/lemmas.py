"""Lemmas the small model gets wrong, read as the lemmas they may stand for.

The small English model lemmatises some inflected verbs and nouns badly ("staged" → "stag"), so a
trigger or a light verb is also looked up under the forms its inflection suggests. The readings
are also a token attribute, ``token._.polybius_lemmas``, so construction patterns can test them
(``{"_": {"polybius_lemmas": {"INTERSECTS": [...]}}}``).
"""

from __future__ import annotations

from spacy.tokens import Token

LEMMAS_ATTRIBUTE = "polybius_lemmas"


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


def lemma_readings(token: Token) -> list[str]:
    """The token's lemma, then the lemmas it may stand for."""
    return [token.lemma_.lower(), *lemma_guesses(token)]


if not Token.has_extension(LEMMAS_ATTRIBUTE):
    Token.set_extension(LEMMAS_ATTRIBUTE, getter=lemma_readings)

__all__ = ["LEMMAS_ATTRIBUTE", "lemma_guesses", "lemma_readings"]
