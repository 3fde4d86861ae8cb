"""``polybius bench``: a deterministic corpus and a report with every figure (no timing asserted)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from fnmatch import fnmatch
from pathlib import Path

from polybius.bench import SAMPLES, build_corpus
from tests.conftest import ROOT
from tests.conftest import SAMPLES as CHECKOUT_SAMPLES


def test_corpus_is_deterministic_and_large_enough(nlp) -> None:
    first = build_corpus(300, nlp)
    second = build_corpus(300, nlp)
    assert [d.id for d in first] == [d.id for d in second]
    assert len({d.id for d in first}) == len(first)
    texts = [d.text[s.start : s.end] for d in first for s in d.segments]
    assert sum(len(list(doc.sents)) for doc in nlp.pipe(texts)) >= 300


def test_bench_prints_its_figures() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "polybius.cli", "bench", "--sentences", "200"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    for figure in ("sentences/s", "tokens/s", "overhead ratio", "peak RSS"):
        assert figure in result.stdout


def test_the_corpus_is_package_data() -> None:
    """One copy of the articles, in the package, every file of it listed for the wheel."""
    assert Path(str(SAMPLES)) == CHECKOUT_SAMPLES
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = config["tool"]["setuptools"]["package-data"]["polybius"]
    files = [f"samples/articles/{path.name}" for path in CHECKOUT_SAMPLES.iterdir()]
    assert len(files) >= 16
    assert [f for f in files if not any(fnmatch(f, pattern) for pattern in shipped)] == []
