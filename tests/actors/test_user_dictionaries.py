"""User dictionaries in the coder: they add actors and agents and override built-in entries."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from polybius.coder import make_coder
from polybius.documents.article import read_article

ACTORS = """# our own fictional test actors
FREEDONIA_ [FRD]
+FREEDONIAN
SYLVANIA [SYL]
TURKEY [TKY 900101-991231] [TKN]
"""
AGENTS = """BORDER_WARDEN [~BRD]
GRAND_VIZIER {GRAND_VIZIERS} [~GOV]
"""


@pytest.fixture(scope="module")
def user_coder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dicts")
    (folder / "actors.txt").write_text(ACTORS)
    (folder / "agents.txt").write_text(AGENTS)
    return make_coder(actors=[folder / "actors.txt"], agents=[folder / "agents.txt"])


def _events(coder, text: str, date: str = "2020-05-05"):
    return [
        (r.source and r.source.code, r.cameo, r.target and r.target.code)
        for r in coder.code_document(read_article(text, default_date=date))
    ]


def test_user_actor_with_agent(user_coder) -> None:
    assert ("FRDBRD", "190", "SYL") in [
        (s, c[:3], t) for s, c, t in _events(user_coder, "Freedonian border wardens attacked Sylvania on Monday.")
    ]


def test_user_entries_override_built_ins_by_date(user_coder) -> None:
    assert _events(user_coder, "Turkey accused Sylvania of spying.", "1995-03-03") == [("TKY", "1125", "SYL")]
    assert _events(user_coder, "Turkey accused Sylvania of spying.", "2020-03-03") == [("TKN", "1125", "SYL")]


def test_built_ins_stay_without_dictionaries() -> None:
    assert _events(make_coder(), "Turkey accused Greece of spying.") == [("TUR", "1125", "GRC")]


def test_cli_actors_option_with_our_jsonl_format(tmp_path: Path) -> None:
    actors = tmp_path / "actors.jsonl"
    actors.write_text(json.dumps({"phrases": ["Marsovia", "Marsovian"], "code": "MRS"}) + "\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "polybius.cli",
            "code",
            "-",
            "--format",
            "jsonl",
            "--date",
            "2021-01-01",
            "--actors",
            str(actors),
        ],
        input="Marsovian troops shelled Sylvanian villages.\n",
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["source"]["code"] == "MRSMIL" and record["root"] == "19"


def test_dictionaries_named_in_a_config_file(tmp_path: Path) -> None:
    (tmp_path / "mine.jsonl").write_text(json.dumps({"phrases": ["Marsovia", "Marsovian"], "code": "MRS"}) + "\n")
    (tmp_path / "polybius.toml").write_text('[polybius]\nactors = ["mine.jsonl"]\n')
    result = subprocess.run(
        [sys.executable, "-m", "polybius.cli", "code", "-", "--format", "jsonl", "--date", "2021-01-01"],
        input="Marsovian troops shelled the border town.\n",
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[0])["source"]["code"] == "MRSMIL"
