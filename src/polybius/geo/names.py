"""Place names as lookup keys: one folding for the index and for the text, so they always meet."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from polybius.lang import word_class, word_list

# Subdivision types the press attaches to a name ("Idlib Governorate", "Laurel County"); lower case.
ADMIN1_TYPES = word_list("subdivision_types")
ADMIN2_TYPES = word_list("district_types")
# Subdivision names too generic to stand alone ("Northern" State of Sudan); only "<name> <type>".
_GENERIC = word_class("compass_directions") | word_class("generic_region_names")
_ARTICLES = ("Al ", "Ar ", "As ", "An ", "Ad ", "Ash ", "At ", "Az ", "Aḑ ", "Aş ", "Aţ ", "El ", "Al-", "El-")

# Letters NFKD does not decompose, and punctuation that varies between spellings of a name.
_SPECIAL = {
    "-": " ", "‐": " ", "–": " ", ".": "", ",": "", "'": "", "’": "", "‘": "", "`": "", "ʻ": "",
    "ʼ": "", "ʾ": "", "ʿ": "", "ø": "o", "ł": "l", "đ": "d", "ı": "i", "æ": "ae", "ß": "ss", "œ": "oe",
}  # fmt: skip


def _fold_table() -> dict[int, str]:
    """One translation table taking Latin letters to their unaccented form ("Ḩ" → "H") and
    dropping the punctuation in ``_SPECIAL``, so a name is folded by a single ``str.translate``."""
    table: dict[int, str] = {}
    for start, end in ((0xC0, 0x250), (0x1E00, 0x1F00), (0x2B0, 0x370)):
        for code in range(start, end):
            decomposed = unicodedata.normalize("NFKD", chr(code))
            table[code] = "".join(c for c in decomposed if not unicodedata.combining(c))
    table.update({ord(k): v for k, v in _SPECIAL.items()})
    return table


_FOLD = _fold_table()
_PLAIN = re.compile(r"^[a-z0-9]+(?: [a-z0-9]+)*$")  # keys needing no folding (most names)


@lru_cache(maxsize=1 << 17)  # the same names come back in every article (and every reading's own name)
def normalise(name: str) -> str:
    """The lookup key of a name: case, accents, hyphens, apostrophes and a leading "the" ignored."""
    key = name.lower()
    if not _PLAIN.match(key):
        key = " ".join(key.translate(_FOLD).lower().split())
    return key[4:] if key.startswith("the ") else key


def unaccented(name: str) -> str:
    """A name in plain Latin letters, its case and punctuation kept: "Kābul" → "Kabul", "Ḩalab" → "Halab"."""
    if name.isascii():
        return name
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_keys(forms: Iterable[str]) -> set[str]:
    """The keys of a place known by ``forms``."""
    return {key for key in map(normalise, forms) if key}


def subdivision_keys(forms: Iterable[str], kind: str) -> set[str]:
    """The keys of a subdivision: each form, without a bracketed variant or an Arabic article
    ("Al Anbār" → "Anbār"), without its type word ("Idlib Governorate" → "Idlib") and with each
    type word the press uses for its level ("Idlib province", "Baiji district"). A bare name too
    generic to stand alone ("Northern") is known only with a type word."""
    types = ADMIN1_TYPES if kind == "admin1" else ADMIN2_TYPES
    every_type = (*ADMIN1_TYPES, *ADMIN2_TYPES)
    keys: set[str] = set()
    for form in forms:
        form = re.sub(r"\s*\[.*?\]", "", form).strip()
        bases = {normalise(form)}
        for article in _ARTICLES:
            if form.startswith(article) and len(form) > len(article) + 2:
                bases.add(normalise(form[len(article) :]))
        for base in list(bases):
            for word in every_type:
                if base.endswith(f" {word}"):
                    bases.add(base[: -len(word) - 1])
        for base in bases:
            if base and base not in _GENERIC:
                keys.add(base)
            keys.update(f"{base} {word}" for word in types if base)
    return keys


__all__ = ["ADMIN1_TYPES", "ADMIN2_TYPES", "name_keys", "normalise", "subdivision_keys", "unaccented"]
