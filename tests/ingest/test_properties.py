"""Property tests: whatever text or JSON lines come in, readers and coder raise nothing."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from polybius.documents import Document
from polybius.documents.readers import read_jsonl, read_stdin
from polybius.errors import Failure
from polybius.runners import code_items

FIELDS = st.sampled_from(["id", "text", "date", "title", "url", "source", "other"])
VALUES = st.one_of(st.text(max_size=200), st.integers(), st.floats(), st.none(), st.booleans(), st.lists(st.integers()))
LINES = st.one_of(
    st.dictionaries(FIELDS, VALUES, max_size=6).map(json.dumps),
    st.text(max_size=80),
    st.just('{"text": "Turkish troops shelled Kurdish positions near Afrin on Tuesday.", "date": "2019-10-10"}'),
)
QUICK = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(items: list[Document | Failure], coder) -> None:
    assert all(isinstance(i, Document | Failure) for i in items)
    results = list(code_items(coder, items))
    assert len(results) == len(items)
    assert all(isinstance(r, Failure) or isinstance(r[1], list) for r in results)


@QUICK
@given(lines=st.lists(LINES, max_size=5))
def test_json_lines_never_raise(lines: list[str], coder) -> None:
    raw = "\n".join(lines).encode("utf-8", "surrogatepass")
    _check(list(read_jsonl(raw, item="feed.jsonl")), coder)


@QUICK
@given(raw=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_any_bytes_on_stdin_never_raise(raw: bytes, coder) -> None:
    _check(list(read_stdin(raw)), coder)
