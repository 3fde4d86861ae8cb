"""The geoparser on our own news cases: 690 toponyms in local US, Canadian, British, Australian,
Indian and Nigerian news, conflict reports, wire datelines, international news and known traps.

Each case (``cases/<group>.jsonl``) is a text, a toponym as written in it, its role and the point of
the place meant (GeoNames's, with its id where it has one). A case is right when the geoparser
reports a mention over the toponym resolved within 161 km of that point (the same GeoNames id counts
as exact). ``bench/geoparse.py`` prints the same figures per group.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from polybius.documents.article import read_article
from polybius.geo.parser import PlaceMention
from tests.geo.test_geoparser import haversine_km

CASES = Path(__file__).parent / "cases"
TOLERANCE_KM = 161.0
DATE = "2024-01-10"
# Floors held just under what the geoparser measured when this landed.
WITHIN_161_KM = 0.95  # the bar; 0.957 measured when this landed
ROLE_AGREEMENT = 0.94


@dataclass(frozen=True)
class Case:
    group: str
    text: str
    mention: str
    start: int
    role: str
    lat: float
    lon: float
    geonameid: int | None
    note: str


def load_cases(folder: Path = CASES) -> list[Case]:
    cases = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            start = -1
            for _ in range(item.get("occurrence", 1)):
                start = item["text"].index(item["mention"], start + 1)
            cases.append(
                Case(path.stem, item["text"], item["mention"], start, item["role"], item["lat"], item["lon"],
                     item.get("geonameid"), item.get("note", ""))
            )  # fmt: skip
    return cases


def judge(case: Case, mentions: list[PlaceMention]) -> tuple[str, PlaceMention | None]:
    """``right``, ``wrong`` (found, resolved too far) or ``missed``, with the mention found."""
    end = case.start + len(case.mention)
    over = [m for m in mentions if m.start < end and case.start < m.end]
    if not over:
        return "missed", None
    mention = over[0]
    place = mention.place
    if case.geonameid is not None and place.geonameid == case.geonameid:
        return "right", mention
    placed = place.lat is not None and place.lon is not None
    if placed and haversine_km(place.lat, place.lon, case.lat, case.lon) <= TOLERANCE_KM:
        return "right", mention
    return "wrong", mention


def judge_all(coder, cases: list[Case]) -> list[tuple[Case, str, PlaceMention | None]]:
    """Every case judged; each distinct text is geoparsed once."""
    by_text: dict[str, list[PlaceMention]] = {}
    for case in cases:
        if case.text not in by_text:
            by_text[case.text] = coder.places(read_article(case.text, default_date=DATE))
    return [(case, *judge(case, by_text[case.text])) for case in cases]


@pytest.fixture(scope="module")
def judged(coder):
    return judge_all(coder, load_cases())


def test_the_cases_are_many_and_cover_every_kind() -> None:
    cases = load_cases()
    groups = defaultdict(int)
    for case in cases:
        groups[case.group] += 1
    assert len(cases) >= 400
    assert set(groups) >= {"us_local", "canada", "uk", "australia", "india", "nigeria", "conflict", "datelines",
                           "international", "traps"}  # fmt: skip
    assert min(groups.values()) >= 35
    assert {c.role for c in cases} == {"place", "actor", "modifier", "dateline", "adjectival"}


def test_own_cases_within_161_km(judged) -> None:
    right = [c for c, verdict, _ in judged if verdict == "right"]
    share = len(right) / len(judged)
    failures = [f"{verdict}: {c.mention!r} in {c.text[:80]!r} → {m.place.name if m else None}"
                for c, verdict, m in judged if verdict != "right"]  # fmt: skip
    assert share >= WITHIN_161_KM, f"{share:.3f} within 161 km; first failures:\n" + "\n".join(failures[:40])


def test_roles_agree_with_the_cases(judged) -> None:
    found = [(c, m) for c, _, m in judged if m is not None]
    agree = sum(c.role == m.role for c, m in found) / len(found)
    assert agree >= ROLE_AGREEMENT, f"roles agree on {agree:.3f}"


@pytest.mark.parametrize("role", ["dateline", "adjectival", "actor", "modifier"])
def test_every_role_is_reported(judged, role: str) -> None:
    assert any(m is not None and m.role == role and c.role == role for c, _, m in judged)
