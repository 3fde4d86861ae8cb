"""Library errors speak the Python API, with stable identifiers; only the CLI names its flags.

A message like "--workers needs --engine dask" is wrong for a caller of ``polybius.ingest(...,
workers=2)``. The library names parameters (``workers=``, ``engine='dask'``) and the CLI
translates them into its options (``polybius.cli._failure``).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from polybius import api
from polybius.cli import main
from polybius.errors import MESSAGES, ConfigurationError, PolybiusError
from polybius.evaluate.gold import GoldError, read_gold
from polybius.runners import CoderSpec, open_runner

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "polybius"
CLI_FLAG = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")


def strings(source: str) -> Iterator[tuple[int, str]]:
    """Every string in ``source`` with its line, f-string pieces included, docstrings aside (they
    may describe the command line)."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def cli_words(source: str) -> list[tuple[int, str]]:
    return [(line, text) for line, text in strings(source) if CLI_FLAG.search(text)]


def test_no_cli_flag_in_library_strings() -> None:
    found = [
        f"{path.relative_to(PACKAGE)}:{line}: {text!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "cli.py"
        for line, text in cli_words(path.read_text(encoding="utf-8"))
    ]
    assert not found, "CLI flags in library strings (name the API parameter, 'workers='):\n" + "\n".join(found)


def test_a_planted_cli_flag_is_found() -> None:
    source = '''
def open_runner(workers=None):
    """``--workers`` in a docstring is documentation, not a message."""
    if workers:
        raise ValueError(f"--workers {workers} needs --engine dask")
    check(date, "--date")
MESSAGES = {"E999": "pass --format plover"}
'''
    assert sorted(line for line, _ in cli_words(source)) == [5, 5, 6, 7]
    assert not cli_words('x = "a -- b"; y = "2024--01"; z = "workers="')


def test_messages_have_stable_ids() -> None:
    assert all(re.fullmatch(r"E\d{3}", code) for code in MESSAGES)
    assert not [text for text in MESSAGES.values() if CLI_FLAG.search(text)]


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ({"engine": "local", "workers": 2}, "E030"),
        ({"engine": "local", "scheduler": "tcp://127.0.0.1:8786"}, "E030"),
        ({"engine": "dask", "coder": object()}, "E031"),
        ({"engine": "spark"}, "E032"),
        ({"engine": "dask", "workers": 2, "scheduler": "tcp://127.0.0.1:8786"}, "E033"),
    ],
)
def test_runner_configuration_errors(options: dict, code: str) -> None:
    engine = options.pop("engine")
    runner = open_runner(engine, CoderSpec(), **options)
    with pytest.raises(ConfigurationError, match=rf"^\[{code}\]") as raised, runner:
        pass
    assert raised.value.code == code
    assert isinstance(raised.value, PolybiusError) and isinstance(raised.value, ValueError)


def test_ingest_names_its_parameters(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match=r"\[E034\] batch_size= must be at least 1, not 0"):
        api.ingest([], tmp_path / "events.duckdb", batch_size=0)
    with pytest.raises(ConfigurationError, match=r"\[E030\] workers= and scheduler= need engine='dask'"):
        api.ingest([], tmp_path / "events.duckdb", workers=2)


def test_the_cli_says_the_same_in_its_flags(tmp_path: Path) -> None:
    db = str(tmp_path / "events.duckdb")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", db, "--workers", "2", "--quiet"])
    assert result.exit_code == 1
    assert "[E030] --workers and --scheduler need --engine dask" in result.output
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", db, "--date", "2020-13-01", "--quiet"])
    assert "[E007] --date: bad date '2020-13-01'" in result.output


def test_gold_format_errors_name_the_parameter(tmp_path: Path) -> None:
    gold = tmp_path / "gold.txt"
    gold.write_text("neither JSON nor XML\n")
    with pytest.raises(GoldError, match=r"\[E012\] .*gold.txt: cannot tell the gold format; pass fmt="):
        read_gold(gold)
    with pytest.raises(GoldError, match=r"\[E013\] unknown gold format 'tsv'"):
        read_gold(gold, fmt="tsv")
