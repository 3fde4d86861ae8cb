"""The command line, run as users run it: the installed entry point in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES

CLI = [sys.executable, "-m", "polybius.cli"]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], input=stdin, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def sample_jsonl() -> list[dict]:
    result = run("code", "--format", "jsonl", str(SAMPLES))
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_code_jsonl_follows_the_record_contract(sample_jsonl: list[dict]) -> None:
    keys = [
        "id",
        "article_id",
        "sentence_index",
        "sentence",
        "source",
        "target",
        "cameo",
        "cameo_name",
        "root",
        "plover",
        "plover_mode",
        "quad_class",
        "goldstein",
        "date",
        "date_precision",
        "date_source",
        "location",
        "negated",
        "modality",
        "trigger",
        "confidence",
        "rule",
    ]
    assert len(sample_jsonl) > 50
    for record in sample_jsonl:
        assert list(record)[: len(keys)] == keys
        assert record["root"] == record["cameo"][:2]
        for side in ("source", "target"):
            if record[side]:
                assert set(record[side]) == {"text", "name", "code", "country", "sector", "org"}


def test_jsonl_input_keeps_its_ids(sample_jsonl: list[dict]) -> None:
    assert {"feed-001", "feed-002", "feed-003", "feed-004"} <= {r["article_id"] for r in sample_jsonl}


def test_stdin_text_with_date() -> None:
    result = run(
        "code",
        "-",
        "--format",
        "jsonl",
        "--date",
        "2020-02-05",
        stdin="Turkish troops shelled Kurdish fighters near Afrin on Tuesday.\n",
    )
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["source"]["code"].startswith("TURMIL")
    assert record["root"] == "19" and record["date"] == "2020-02-04"


def test_table_and_csv_formats() -> None:
    path = str(SAMPLES / "03_kharkiv_air_strikes.txt")
    table = run("code", path)
    assert table.returncode == 0 and "RUS" in table.stdout
    csv_out = run("code", "--format", "csv", path)
    header, *rows = csv_out.stdout.splitlines()
    assert header.startswith("id,article_id,sentence_index,sentence,source_text") and rows


def test_bad_items_fail_alone_with_a_message(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Iraqi police arrested two journalists in Basra on Monday.\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "ok", "text": "Kenya condemned the attack on its embassy."}\n{oops\n')
    result = run("code", "--format", "jsonl", "--date", "2021-01-01", str(good), str(empty), str(broken))
    assert result.returncode == 1
    assert f"{empty}: the text is empty" in result.stderr
    assert f"{broken}:2: malformed JSON" in result.stderr
    ids = {json.loads(line)["article_id"] for line in result.stdout.splitlines()}
    assert "ok" in ids and len(ids) == 2


def test_ingest_reports_and_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    first = run("ingest", str(SAMPLES), "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert "skipped (already stored) 0" in first.stderr and str(db) in first.stderr
    second = run("ingest", str(SAMPLES), "--db", str(db))
    assert "coded 0" in second.stderr and "events written 0" in second.stderr
