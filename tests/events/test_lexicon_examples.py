"""Every lexicon pattern's example sentence, coded: the lexicon cannot drift from the coder."""

from __future__ import annotations

import pytest

from polybius.documents.article import read_article
from polybius.events.lexicon import load_lexicon

ENTRIES = load_lexicon().entries


def _matches(code: str | None, expected: str | None) -> bool:
    if expected is None:
        return code is None
    return code is not None and code.startswith(expected)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.pattern.id for e in ENTRIES])
def test_example_codes_as_expected(coder_all, entry) -> None:
    """The pattern's own rule codes its example: another rule giving the same code would hide a
    pattern that can never fire (shadowed by a more specific one, or unreachable by its conditions)."""
    pattern = entry.pattern
    expected_code = pattern.expect.cameo or pattern.cameo
    records = coder_all.code_document(read_article(pattern.example, default_date="2020-06-10"))
    fired = [r for r in records if r.rule == entry.rule]
    assert fired, f"{pattern.example!r}: {entry.rule} did not fire; got {[(r.cameo, r.rule) for r in records]}"
    assert any(
        r.cameo == expected_code
        and _matches(r.source.code if r.source else None, pattern.expect.source)
        and _matches(r.target.code if r.target else None, pattern.expect.target)
        for r in fired
    ), f"{pattern.example!r}: got {[(_code(r.source), r.cameo, _code(r.target)) for r in fired]}"


def _code(actor) -> str | None:
    return actor.code if actor else None


def test_lexicon_size_and_coverage() -> None:
    lexicon = load_lexicon()
    codes = {e.pattern.cameo for e in lexicon.entries}
    assert len(lexicon) >= 600
    assert {c[:2] for c in codes} == {f"{n:02d}" for n in range(1, 21)}
