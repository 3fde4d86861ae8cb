"""Output formats are registered sinks: ours by short name, a user's by its registered name."""

from __future__ import annotations

import io
import json

from click.testing import CliRunner

from polybius.cli import main
from polybius.registry import names, sinks
from polybius.sinks.formats import FORMATS, open_sink
from tests.conftest import SAMPLES

ARTICLE = str(SAMPLES / "03_kharkiv_air_strikes.txt")


@sinks.register("test.counts.v1")
def _counts_sink():
    """One line per document: its id and how many events it has."""
    return lambda out: lambda document, records: out.write(f"{document.id} {len(records)}\n")


def test_our_formats_are_registered_sinks() -> None:
    assert set(FORMATS.values()) <= set(names("sinks"))


def test_a_registered_sink_is_a_format_of_code() -> None:
    counts = CliRunner().invoke(main, ["code", ARTICLE, "--format", "test.counts.v1"])
    jsonl = CliRunner().invoke(main, ["code", ARTICLE, "--format", "jsonl"])
    assert counts.exit_code == 0 and jsonl.exit_code == 0, counts.output + jsonl.output
    (line,) = counts.stdout.splitlines()
    records = [json.loads(row) for row in jsonl.stdout.splitlines()]
    assert line == f"{records[0]['article_id']} {len(records)}"


def test_an_unknown_format_is_refused_with_the_known_ones() -> None:
    result = CliRunner().invoke(main, ["code", ARTICLE, "--format", "geojsonish"])
    assert result.exit_code == 2
    assert "geojsonish" in result.output and "jsonl" in result.output


def test_the_csv_sink_writes_one_header() -> None:
    from polybius.coder import default_coder
    from polybius.documents.article import read_article

    out = io.StringIO()
    write = open_sink("csv", out)
    document = read_article((SAMPLES / "03_kharkiv_air_strikes.txt").read_text(encoding="utf-8"))
    records = default_coder().code_document(document)
    write(document, records)
    write(document, records)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("id,") and sum(line.startswith("id,") for line in lines) == 1
    assert len(lines) == 1 + 2 * len(records)
