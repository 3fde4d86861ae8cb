"""``polybius evaluate`` end to end: the real coder on our own gold, and the reference gold sets."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from polybius.evaluate import evaluate
from tests.conftest import SHARED

PLOVER_GOLD = SHARED / "reference" / "plover" / "PLOVER_GSR_CAMEO.txt"
PETRARCH_GOLD = SHARED / "reference" / "petrarch" / "PETR.UnitTest.records.xml"

# `polybius evaluate` on the PLOVER gold, measured on 2026-12-08 (main df57e63): primary-event
# accuracy and macro-F1. The floors sit 0.02 below, so a regression fails; raise them when the coder
# improves.
PLOVER_MEASURED_ACCURACY = 0.8789
PLOVER_MEASURED_MACRO_F1 = 0.8501
PLOVER_MARGIN = 0.02

OUR_GOLD = """text,label,source,target
"Turkish troops shelled Kurdish positions near Afrin.",ASSAULT,Turkish troops,
"Kenya accused Somalia of violating the border.",ACCUSE,Kenya,Somalia
"Egypt hosted Israeli and Palestinian negotiators in Cairo.",CONSULT,Egypt,Israeli
"Egypt hosted Israeli and Palestinian negotiators in Cairo.",CONSULT,Egypt,Palestinian
"The weather in Nairobi was pleasant.",,,
"""


def test_evaluate_our_csv_with_the_real_coder(tmp_path: Path, coder) -> None:
    path = tmp_path / "gold.csv"
    path.write_text(OUR_GOLD)
    d = evaluate(path, coder=coder).to_dict()
    assert d["primary_accuracy"] == 1.0
    assert d["micro"]["fp"] == 0 and d["source_match"] == 1.0


def test_cli_writes_the_report(tmp_path: Path) -> None:
    path = tmp_path / "gold.csv"
    path.write_text(OUR_GOLD.replace("ACCUSE,Kenya", "SUPPORT,Kenya"))
    report = tmp_path / "report.json"
    result = subprocess.run(
        [sys.executable, "-m", "polybius.cli", "evaluate", str(path), "--report", str(report), "--errors", "3"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "primary-event accuracy" in result.stdout and "Kenya accused Somalia" in result.stdout
    data = json.loads(report.read_text())
    assert data["primary_accuracy"] == pytest.approx(2 / 3, abs=1e-3) and len(data["errors"]) == 1


def test_cli_bad_label_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "gold.csv"
    path.write_text('text,label,source,target\n"Chad closed its border.",CLOSE,Chad,\n')
    result = subprocess.run(
        [sys.executable, "-m", "polybius.cli", "evaluate", str(path)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 1 and "label 'CLOSE' is not a PLOVER type" in result.stderr


@pytest.mark.skipif(not PLOVER_GOLD.exists(), reason="reference PLOVER gold not present")
def test_plover_gold_standard(coder) -> None:
    d = evaluate(PLOVER_GOLD, coder=coder).to_dict()
    print(f"PLOVER GSR primary accuracy {d['primary_accuracy']:.3f}, macro-F1 {d['macro_f1']:.3f}")
    assert d["sentences"] == 322
    assert d["primary_accuracy"] >= PLOVER_MEASURED_ACCURACY - PLOVER_MARGIN
    assert d["macro_f1"] >= PLOVER_MEASURED_MACRO_F1 - PLOVER_MARGIN


@pytest.mark.skipif(not PETRARCH_GOLD.exists(), reason="reference PETRARCH gold not present")
def test_petrarch_unit_records_run_to_the_end(coder) -> None:
    d = evaluate(PETRARCH_GOLD, coder=coder).to_dict()
    assert d["sentences"] == 284
    assert d["triple"]["correct"] + d["triple"]["uncoded"] == d["gold_events"]
