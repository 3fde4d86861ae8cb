"""Actor coding on the seed article, as an analyst would code each mention (skipped when absent)."""

from __future__ import annotations

import pytest

from polybius.documents.readers import read_documents
from tests.conftest import SHARED

SEED = SHARED / "seed" / "000_e5dbe2a19b4d9aac.txt"

# (the mention as written, the sentence it is in, the expected actor code prefix)
EXPECTED = [
    ("Vassily Nebenzia", "Vassily Nebenzia said on Tuesday", "RUSGOV"),
    ("Nebenzia", "Nebenzia added that", "RUSGOV"),
    ("Nebenzia", "Nebenzia said the city is devastated", "RUSGOV"),
    ("Moscow", "Moscow has spearheaded the talks", "RUSGOV"),
    ("Russian president Vladimir Putin", "Russian president Vladimir Putin hosted", "RUSGOV"),
    ("Staffan de Mistura, the UN Syria envoy", "Staffan de Mistura, the UN Syria envoy, said", "IGOUNO"),
    ("De Mistura", "with De Mistura laying blame", "IGOUNO"),
    ("Syrian President Bashar al-Assad", "Syrian President Bashar al-Assad and", "SYRGOV"),
    ("Assad's regime", "to keep Assad's regime involved", "SYRGOV"),
    ("Baath regime", "when the Baath regime", "SYRGOV"),
    ("Damascus", "laying blame on Damascus", "SYRGOV"),
    ("rebels", "has backed the rebels", "SYRREB"),
    ("rebel groups", "released by nearly 40 rebel groups", "SYRREB"),
    ("extremist Islamic State group", "retaken from the extremist Islamic State group", "IMGISIS"),
    ("IS militants", "fought the IS militants", "IMGISIS"),
    ("UN Security Council", "The UN Security Council held", "IGOUNO"),
    ("Turkey", "Turkey, however, has backed", "TUR"),
    ("Iran", "Russia, along with Iran", "IRN"),
    ("Russia's UN ambassador", "said Russia's UN ambassador", "RUSGOV"),
]


@pytest.fixture(scope="module")
def seed_mentions(coder):
    if not SEED.exists():
        pytest.skip("seed article not present")
    (document,) = list(read_documents([str(SEED)]))
    return document, coder.mentions(document)


@pytest.mark.parametrize(("text", "context", "code"), EXPECTED, ids=[f"{e[0]}@{e[1][:20]}" for e in EXPECTED])
def test_seed_mention(seed_mentions, text: str, context: str, code: str) -> None:
    document, mentions = seed_mentions
    at = document.text.rindex(context) + context.index(text)  # the body, not the photo caption
    found = [m for m in mentions if m.start <= at < m.end]
    assert found, f"no actor found at {text!r}"
    assert any(m.actor.code.startswith(code) for m in found), [m.actor.code for m in found]
