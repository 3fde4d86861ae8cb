"""Every kind of bad input becomes a row of the ``errors`` table naming the file (and line or
row), while the good articles around it are stored and the run goes on."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from polybius import api
from polybius.documents import Document
from polybius.documents.readers import count_documents, read_documents
from polybius.settings import MAX_DOCUMENT_BYTES
from tests.ingest.corpus import article


def _line(n: int) -> bytes:
    return json.dumps(article(n)).encode() + b"\n"


def _bad_inputs(folder: Path) -> dict[str, str]:
    """Write one file per kind of bad input; the expected ``errors.item`` → message fragment."""
    feed = folder / "feed.jsonl"
    big = json.dumps({"id": "big", "text": "Kenya hosted talks. " * (5_000_000 // 20)}).encode() + b"\n"
    feed.write_bytes(
        _line(1)
        + b"{broken\n"  # 2: malformed JSON
        + b'{"id": "u", "text": "Chad closed \xff its border."}\n'  # 3: invalid UTF-8
        + b'{"id": "e", "text": "   "}\n'  # 4: empty text
        + big  # 5: a 5 MB article
        + _line(2)
    )
    (folder / "bad.txt").write_bytes(b"Headline\n\nMali expelled \xfe the envoy.\n")
    (folder / "blob.jsonl").write_bytes(bytes(range(256)) * 64)
    (folder / "huge.txt").write_bytes(b"Peru recalled its ambassador.\n" * (MAX_DOCUMENT_BYTES // 30 + 1))
    whole = gzip.compress(b"".join(_line(n) for n in range(10, 60)))
    (folder / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    table = pa.table({"id": ["p1", "p2", "p3"], "text": [article(3)["text"], None, article(4)["text"]]})
    pq.write_table(table, folder / "rows.parquet", row_group_size=2)
    (folder / "fake.parquet").write_bytes(b"not parquet at all")
    return {
        f"{feed}:2": "malformed JSON",
        f"{feed}:3": "not valid UTF-8",
        f"{feed}:4": "empty",
        f"{feed}:5": "longer than",
        f"{folder / 'bad.txt'}:3": "not valid UTF-8",
        f"{folder / 'blob.jsonl'}": "binary",
        f"{folder / 'huge.txt'}": "longer than",
        f"{folder / 'rows.parquet'}:2": "no 'text'",
        f"{folder / 'fake.parquet'}": "corrupt",
    }


def test_bad_input_is_recorded_with_file_and_line_and_the_rest_is_stored(tmp_path: Path, coder) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    expected = _bad_inputs(folder)
    summary = api.ingest([str(folder)], tmp_path / "s.duckdb", coder=coder)
    con = duckdb.connect(str(tmp_path / "s.duckdb"), read_only=True)
    errors = dict(con.execute("SELECT item, message FROM errors").fetchall())
    for item, fragment in expected.items():
        assert fragment in errors.get(item, ""), (item, errors)
    truncated = [i for i in errors if "cut.jsonl.gz:" in i]
    assert len(truncated) == 1 and "truncated" in errors[truncated[0]]
    assert len(errors) == len(expected) + 1 == summary.failed
    stored = {row[0] for row in con.execute("SELECT id FROM articles").fetchall()}
    good_gz = int(truncated[0].rsplit(":", 1)[1]) - 1  # the lines before the break
    assert good_gz > 5
    assert stored == {"syn-0001", "syn-0002", "p1", "p3"} | {f"syn-{n:04d}" for n in range(10, 10 + good_gz)}
    assert summary.coded == len(stored)


def test_parquet_and_gzip_inputs_keep_their_fields_and_hash_missing_ids(tmp_path: Path) -> None:
    rows = [article(n) for n in range(3)]
    pq.write_table(
        pa.table({"text": [r["text"] for r in rows], "date": [r["date"] for r in rows], "url": ["u0", "u1", "u2"]}),
        tmp_path / "a.parquet",
    )
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(b"".join(_line(n) for n in range(3))))
    docs = list(read_documents([str(tmp_path)]))
    assert all(isinstance(d, Document) for d in docs) and len(docs) == 6
    from_parquet, from_gzip = docs[:3], docs[3:]
    assert [d.url for d in from_parquet] == ["u0", "u1", "u2"] and from_parquet[0].date == rows[0]["date"]
    assert [d.id for d in from_gzip] == ["syn-0000", "syn-0001", "syn-0002"]
    # No id in the input: the content hash, so the same text from either file is one article.
    assert [d.id for d in from_parquet] == [Document(text=r["text"]).id for r in rows]
    assert count_documents([str(tmp_path)]) == 6
