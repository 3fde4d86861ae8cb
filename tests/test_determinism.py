"""The same input gives byte-identical output whatever the hash seed (issue 14, item 6).

Python salts string hashes per process, so iterating a set or taking ``max()`` over one follows a
different order in each run; any result that depends on that order changes from run to run. The
CLI codes the sample articles and a few hundred short reports built to hold ties (two countries
named alike, actors with no owner) in two processes with different ``PYTHONHASHSEED``.
"""

from __future__ import annotations

import difflib
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import SAMPLES

# Two countries named once each, symmetrically: nothing but a tie-break orders them.
COUNTRIES = ["Kenya", "Uganda", "Peru", "Chile", "Ghana", "Togo", "Nepal", "Bhutan", "Serbia", "Croatia"]
TEMPLATES = [
    "Police arrested dozens of protesters on Monday as {a} and {b} opened border talks.",
    "Rebels attacked an army post on Tuesday, days after {a} and {b} signed a security pact.",
    "Protesters marched on parliament while the leaders of {a} and {b} met in Geneva.",
]


def short_reports(path: Path) -> Path:
    """One article a line: every ordered pair of countries in every template (270 reports)."""
    pairs = itertools.product(itertools.permutations(COUNTRIES, 2), TEMPLATES)
    lines = (
        json.dumps({"id": f"short-{n:03d}", "text": template.format(a=a, b=b), "date": "2024-03-01"})
        for n, ((a, b), template) in enumerate(pairs)
    )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def code_under(seed: int, *inputs: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "polybius.cli", "code", *map(str, inputs), "--format", "jsonl"]
    environment = {**os.environ, "PYTHONHASHSEED": str(seed)}
    return subprocess.Popen(
        [*command, "--all-modalities"], env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def test_output_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    inputs = (SAMPLES, short_reports(tmp_path / "short.jsonl"))
    runs = [code_under(seed, *inputs) for seed in (1, 2)]
    (first, first_errors), (second, second_errors) = (run.communicate(timeout=900) for run in runs)
    assert [run.returncode for run in runs] == [0, 0], (first_errors + second_errors).decode()[-2000:]
    assert first.count(b"\n") > 500
    if first != second:
        changed = [
            line
            for line in difflib.unified_diff(first.decode().splitlines(), second.decode().splitlines(), n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")
        ]
        raise AssertionError(f"{len(changed)} lines differ between PYTHONHASHSEED=1 and 2:\n" + "\n".join(changed[:6]))
