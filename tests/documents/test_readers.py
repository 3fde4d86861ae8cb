"""Readers: files by type, directories, stdin, and bad input reported item by item."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from polybius.documents import Document
from polybius.documents.readers import read_documents, read_stdin
from polybius.errors import Failure, InputError


def _split(items):
    docs = [i for i in items if isinstance(i, Document)]
    failures = [i for i in items if isinstance(i, Failure)]
    return docs, failures


def test_jsonl_keeps_ids_and_reports_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": "Iran condemned the strike.", "date": "2020-01-03", "title": "T"}),
        "{not json",
        json.dumps({"id": "a2", "title": "no text"}),
        json.dumps({"id": "a3", "text": "   "}),
        json.dumps({"id": "a4", "text": "Chad closed its border.", "date": "03/01/2020"}),
        json.dumps({"id": "a5", "text": "Peru recalled its ambassador."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, failures = _split(list(read_documents([str(path)], date="2021-05-05")))
    assert [d.id for d in docs] == ["a1", "a5"]
    assert docs[0].date == "2020-01-03" and docs[0].title == "T"
    assert docs[1].date == "2021-05-05"
    reasons = {f.item: f.message for f in failures}
    assert set(reasons) == {f"{path}:2", f"{path}:3", f"{path}:4", f"{path}:5"}
    assert "malformed JSON" in reasons[f"{path}:2"]
    assert "no 'text'" in reasons[f"{path}:3"]
    assert "empty" in reasons[f"{path}:4"]
    assert "bad date" in reasons[f"{path}:5"]


def test_invalid_utf8_line_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"id": "ok", "text": "Kenya hosted talks."}\n{"id": "bad", "text": "\xff\xfe"}\n')
    docs, failures = _split(list(read_documents([str(path)])))
    assert [d.id for d in docs] == ["ok"]
    assert "UTF-8" in failures[0].message and failures[0].item.endswith(":2")


def test_csv_columns(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text('id,text,date,title,url,source\nr1,"Mali expelled the envoy.",2022-01-31,T,http://x,S\n')
    (doc,) = list(read_documents([str(path)]))
    assert (doc.id, doc.date, doc.url, doc.source) == ("r1", "2022-01-31", "http://x", "S")


def test_directories_are_read_recursively_and_ids_are_content_hashes(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "one.txt").write_text("Egypt mediated talks.")
    (tmp_path / "two.txt").write_text("Qatar hosted talks.")
    (tmp_path / "notes.md").write_text("ignored")
    docs, failures = _split(list(read_documents([str(tmp_path)])))
    assert len(docs) == 2 and not failures
    assert all(len(d.id) == 16 for d in docs)
    assert docs[0].id != docs[1].id


def test_unreadable_and_unknown_files_are_reported(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00broken")
    items = list(read_documents([str(tmp_path / "missing.txt"), str(bad), str(tmp_path / "x.pdf")]))
    docs, failures = _split(items)
    assert not docs and len(failures) == 3
    assert "cannot read" in failures[0].message
    assert "UTF-8" in failures[1].message
    assert "unsupported" in failures[2].message


def test_stdin_jsonl_or_text() -> None:
    docs, _ = _split(list(read_stdin(b'{"id": "x", "text": "A."}\n{"id": "y", "text": "B."}\n')))
    assert [d.id for d in docs] == ["x", "y"]
    docs, _ = _split(list(read_stdin(b"Headline\n\nTurkey shelled the border town.\n", default_date="2020-02-02")))
    assert len(docs) == 1 and docs[0].date == "2020-02-02" and docs[0].title == "Headline"


def test_bad_date_option_is_refused() -> None:
    with pytest.raises(InputError, match="bad date '2020-13-45'"):
        list(read_documents([], date="2020-13-45"))


def test_html_page(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Envoy expelled</title></head><body><nav>Home | World | Sport</nav>"
        "<article><h1>Envoy expelled</h1><p>Mali expelled the French ambassador on Monday, "
        "the government said in a statement read on state television.</p>"
        "<p>France said it regretted the decision and would consult its partners.</p></article>"
        "<footer>Copyright Example News</footer></body></html>"
    )
    (doc,) = list(read_documents([str(page)], date="2022-01-31"))
    assert "Mali expelled the French ambassador" in doc.text
    assert "Copyright" not in doc.text and "Home | World" not in doc.text
