"""The CAMEO ontology table checked against the CAMEO manual, the PLOVER crosswalk and the
published Goldstein scale."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from polybius.ontology import EventType, Ontology, load_ontology, parse_ontology_lines

REFERENCE = Path(__file__).resolve().parents[2] / ".." / "shared" / "reference"
MANUAL = REFERENCE / "cameo" / "CAMEO.Manual.1.1b3.txt"
CROSSWALK = REFERENCE / "plover" / "CAMEO2PLOVER-2021.txt"


@pytest.fixture(scope="module")
def ontology() -> Ontology:
    return load_ontology()


def _read_or_skip(path: Path) -> list[str]:
    if not path.is_file():
        pytest.skip(f"reference file absent: {path}")
    return path.read_text(encoding="utf-8").splitlines()


def _manual_codes() -> set[str]:
    """Codes from the verb codebook entries ('CAMEO 043') and the Chapter 6 code list."""
    lines = _read_or_skip(MANUAL)
    codes = {m.group(1) for line in lines if (m := re.match(r"^\s*CAMEO\s+(\d{2,4})\s*$", line))}
    start = next(i for i, line in enumerate(lines) if line.strip() == "CAMEO EVENT CODES")
    end = next(i for i, line in enumerate(lines) if i > start and line.strip() == "Chapter 7")
    codes |= {m.group(1) for line in lines[start:end] if (m := re.match(r"^\s*(\d{2,4}):", line))}
    return codes


def _crosswalk() -> dict[str, tuple[str, str | None]]:
    """code → (PLOVER type, mode or None); the first line for a code wins (root 08 appears twice)."""
    table: dict[str, tuple[str, str | None]] = {}
    for line in _read_or_skip(CROSSWALK):
        if m := re.match(r"^(\d{2,4}):([^#]*)", line):
            cols = [col.strip() for col in m.group(2).split(",")]
            mode = cols[1] if len(cols) > 1 and cols[1] else None
            table.setdefault(m.group(1), (cols[0], mode))
    return table


def test_every_manual_code_present(ontology: Ontology) -> None:
    codes = _manual_codes()
    assert len(codes) > 300
    assert sorted(codes - {t.code for t in ontology}) == []
    assert sorted({t.code for t in ontology} - codes) == []
    assert {f"{r:02d}" for r in range(1, 21)} <= codes


# Where the PLOVER manual's own definitions overrule a crosswalk row (documented in the README):
# "International (political or economic) sanctions are coded as 'discontinue'" under SANCTION;
# CONCEDE includes "removing curfews" and easing legal restrictions; "RETREAT also covers
# resignations of government officials" (mode "resign"); occupying territory with armed force is
# FIGHT, which the manual's table 7.1 maps to ASSAULT (COERCE "seize" is searches and confiscation).
MANUAL_OVER_CROSSWALK = {
    "192": ("ASSAULT", None),
    "163": ("SANCTION", "discontinue"),
    "0813": ("CONCEDE", None),
    "0814": ("CONCEDE", None),
    "0831": ("RETREAT", "resign"),
}


# Appeals (CAMEO 02) have no crosswalk rows; PLOVER's REQUEST is "all requests, demands, and
# orders", so they are REQUEST with the mode of the matching demand (10x). Statements (01) stay null.
APPEAL_MODES = {"020": None, "021": "assist", "022": "assist", "023": "assist", "024": "change"}
APPEAL_MODES |= {"025": "yield", "026": "meet", "027": "meet", "028": "meet"}


def test_plover_agrees_with_crosswalk(ontology: Ontology) -> None:
    crosswalk = _crosswalk() | MANUAL_OVER_CROSSWALK
    for event_type in ontology:
        if event_type.root == "01":
            assert (event_type.plover, event_type.plover_mode) == (None, None), event_type.code
            continue
        if event_type.root == "02":
            expected_mode = APPEAL_MODES.get(event_type.code[:3])
            assert (event_type.plover, event_type.plover_mode) == ("REQUEST", expected_mode), event_type.code
            continue
        code = event_type.code
        lineage = [code[:n] for n in (4, 3, 2) if n <= len(code)]
        expected = next(crosswalk[c] for c in lineage if c in crosswalk)
        assert (event_type.plover, event_type.plover_mode) == expected, code


def test_quad_class_follows_root(ontology: Ontology) -> None:
    expected = {
        **dict.fromkeys(range(1, 6), 1),
        **dict.fromkeys(range(6, 9), 2),
        **dict.fromkeys(range(9, 14), 3),
        **dict.fromkeys(range(14, 21), 4),
    }
    for event_type in ontology:
        assert event_type.root == event_type.code[:2]
        assert event_type.quad_class == expected[int(event_type.root)], event_type.code


@pytest.mark.parametrize(
    ("code", "goldstein"),
    [
        ("010", 0.0),
        ("011", -0.1),
        ("012", -0.4),
        ("013", 0.4),
        ("020", 3.0),
        ("022", 3.2),
        ("024", -0.3),
        ("031", 5.2),
        ("032", 4.5),
        ("036", 4.0),
        ("042", 1.9),
        ("043", 2.8),
        ("044", 2.5),
        ("046", 7.0),
        ("051", 3.4),
        ("053", 3.8),
        ("057", 8.0),
        ("061", 6.4),
        ("072", 8.3),
        ("074", 8.5),
        ("086", 9.0),
        ("0874", 10.0),
        ("1041", -5.0),
        ("112", -2.0),
        ("130", -4.4),
        ("131", -5.8),
        ("138", -7.0),
        ("144", -7.5),
        ("150", -7.2),
        ("162", -5.6),
        ("163", -8.0),
        ("171", -9.2),
        ("173", -5.0),
        ("180", -9.0),
        ("182", -9.5),
        ("190", -10.0),
        ("191", -9.5),
        ("195", -10.0),
        ("201", -9.5),
    ],
)
def test_published_goldstein_values(ontology: Ontology, code: str, goldstein: float) -> None:
    assert ontology[code].goldstein == goldstein


def test_lookup_api(ontology: Ontology) -> None:
    host = ontology["043"]
    assert host == EventType("043", "Host a visit", "04", 2.8, 1, "CONSULT", "visit")
    assert "043" in ontology and "999" not in ontology
    assert ontology.get("999") is None
    with pytest.raises(KeyError):
        ontology["999"]
    assert len(ontology) == len(list(ontology))
    assert load_ontology() is ontology


GOOD = (
    '{"code": "043", "name": "Host a visit", "root": "04", "goldstein": 2.8, "quad_class": 1,'
    ' "plover": "CONSULT", "plover_mode": "visit"}'
)


@pytest.mark.parametrize(
    "bad",
    [
        GOOD.replace('"043"', '"04a"'),
        GOOD.replace('"043"', '"04301"'),
        GOOD.replace('"root": "04"', '"root": "05"'),
        GOOD.replace('"quad_class": 1', '"quad_class": 2'),
        GOOD.replace("2.8", "12.5"),
        GOOD.replace(', "plover_mode": "visit"', ""),
        GOOD[:-1],
        GOOD,  # duplicate of line 1
    ],
)
def test_bad_line_raises_naming_the_line(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(f"{GOOD}\n{bad}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        parse_ontology_lines(path.read_text(encoding="utf-8").splitlines())


def test_coded_act_rules() -> None:
    from polybius.ontology import coded_act

    # A refused cooperative act is asserted rejection; a negated past act stays negated.
    assert coded_act("0841", "future", negated=True)[:3] == ("1243", "asserted", False)
    assert coded_act("190", "future", negated=True)[:3] == ("1384", "future", True)
    assert coded_act("042", "asserted", negated=True)[:3] == ("042", "asserted", True)
    assert coded_act("0872", "future", condition="unless").code == "139"
    assert coded_act("163", "intent", condition="if").code == "1312"
    assert coded_act("042", "hypothetical")[:3] == ("042", "hypothetical", False)


def test_future_retreat_keeps_its_plover_category() -> None:
    from polybius.ontology import coded_act

    # CAMEO records "will withdraw" as an intent to de-escalate; PLOVER keeps RETREAT + future.
    withdraw = coded_act("0872", "future")
    assert (withdraw.code, withdraw.plover_code) == ("0356", "0872")
    # Said by its actor ("said it will withdraw"), it is a promise: AGREE in PLOVER too.
    assert coded_act("0872", "future", reported=True).plover_code is None
    # Cooperation in the future is AGREE in both, and an explicit intent is not a future report.
    assert coded_act("042", "future").plover_code is None
    assert coded_act("0841", "intent").plover_code is None
