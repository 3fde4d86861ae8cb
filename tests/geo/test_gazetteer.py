"""The offline gazetteer: sources, aliases, extras, derived coordinates and disambiguation."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from polybius.errors import DataFileError
from polybius.geo import EXTRAS, Gazetteer, load_gazetteer, normalise
from polybius.geo.schema import PRECISION, load_extras
from polybius.records import Location
from tests.geo.test_geoparser import haversine_km


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def ctx(*codes: str) -> frozenset[str]:
    return frozenset(codes)


# name, context countries, expected (name, country, precision)
LOOKUPS = [
    # plain cities, no context
    ("Geneva", (), ("Geneva", "CHE", "city")),
    ("Aleppo", (), ("Aleppo", "SYR", "city")),
    ("Damascus", (), ("Damascus", "SYR", "city")),
    ("Kabul", (), ("Kabul", "AFG", "city")),
    ("Mariupol", (), ("Mariupol", "UKR", "city")),
    ("Bakhmut", (), ("Bakhmut", "UKR", "city")),
    ("Donetsk", (), ("Donetsk", "UKR", "city")),
    ("Atlanta", (), ("Atlanta", "USA", "city")),
    ("Tbilisi", (), ("Tbilisi", "GEO", "city")),
    ("Sochi", (), ("Sochi", "RUS", "city")),
    ("Gaza", (), ("Gaza", "PSE", "city")),
    ("Washington", (), ("Washington", "USA", "city")),
    ("Tripoli", (), ("Tripoli", "LBY", "city")),
    ("Mosul", (), ("Mosul", "IRQ", "city")),
    # alternate names and spellings
    ("Ḩalab", (), ("Aleppo", "SYR", "city")),
    ("Dimashq", (), ("Damascus", "SYR", "city")),
    ("Gaza City", (), ("Gaza", "PSE", "city")),
    ("Khan Younis", (), ("Khān Yūnis", "PSE", "city")),
    ("Raqqa", (), ("Ar Raqqah", "SYR", "city")),
    ("Kiev", (), ("Kyiv", "UKR", "city")),
    # case, accents, hyphens, "the", possessive
    ("GENEVA", (), ("Geneva", "CHE", "city")),
    ("geneva", (), ("Geneva", "CHE", "city")),
    ("Zurich", (), ("Zürich", "CHE", "city")),
    ("Deir ez Zor", (), ("Deir ez-Zor", "SYR", "city")),
    ("the Gaza Strip", (), ("Gaza Strip", "PSE", "region")),
    ("Aleppo's", (), ("Aleppo", "SYR", "city")),
    # context countries decide
    ("Tripoli", ("LBN",), ("Tripoli", "LBN", "city")),
    ("Tripoli", ("LBY",), ("Tripoli", "LBY", "city")),
    ("Georgia", (), ("Georgia", "GEO", "country")),
    ("Georgia", ("GEO",), ("Georgia", "GEO", "country")),
    ("Georgia", ("USA",), ("Georgia", "USA", "admin1")),
    ("Georgia", ("USA", "GEO"), ("Georgia", "GEO", "country")),
    ("Geneva", ("USA",), ("Geneva", "USA", "city")),
    ("Geneva", ("CHE", "USA"), ("Geneva", "CHE", "city")),
    ("Rafah", (), ("Rafaḩ", "PSE", "city")),
    ("Rafah", ("EGY",), ("Rafaḩ", "EGY", "city")),
    ("Donetsk", ("RUS",), ("Donetsk", "RUS", "city")),
    ("Punjab", (), ("Punjab", "PAK", "admin1")),
    ("Punjab", ("IND",), ("Punjab", "IND", "admin1")),
    ("Punjab", ("PAK",), ("Punjab", "PAK", "admin1")),
    # countries win over same-named towns, whatever the context
    ("Lebanon", ("USA",), ("Lebanon", "LBN", "country")),
    ("Syria", (), ("Syria", "SYR", "country")),
    ("Syrian Arab Republic", (), ("Syria", "SYR", "country")),
    ("Russian Federation", (), ("Russia", "RUS", "country")),
    ("Jordan", ("USA",), ("Jordan", "JOR", "country")),
    # subdivisions (ISO 3166-2)
    ("Idlib Governorate", (), ("Idlib", "SYR", "admin1")),
    ("Idlib province", (), ("Idlib", "SYR", "admin1")),
    ("Idlib", (), ("Idlib", "SYR", "city")),  # a bare name is the town the province is named after
    ("Idlib city", (), ("Idlib city", "SYR", "city")),
    ("Kabul Province", (), ("Kabul", "AFG", "admin1")),
    ("Donetsk Oblast", (), ("Donetska oblast", "UKR", "admin1")),  # GeoNames's name
    ("Donetsk region", (), ("Donetska oblast", "UKR", "admin1")),
    ("California", (), ("California", "USA", "admin1")),
    ("Texas", (), ("Texas", "USA", "admin1")),
    ("New York State", (), ("New York", "USA", "admin1")),
    ("Khyber Pakhtunkhwa", (), ("Khyber Pakhtunkhwa", "PAK", "admin1")),
    ("Sindh", (), ("Sindh", "PAK", "admin1")),
    ("North Darfur", (), ("North Darfur", "SDN", "admin1")),
    ("Tigray", (), ("Tigrai", "ETH", "admin1")),
    ("Helmand", (), ("Helmand", "AFG", "admin1")),
    ("Anbar", (), ("Anbar", "IRQ", "admin1")),
    ("Kurdistan Region", (), ("Kurdistan Region", "IRQ", "admin1")),
    ("Scotland", (), ("Scotland", "GBR", "admin1")),
    ("Bavaria", (), ("Bayern", "DEU", "admin1")),
    # extras: regions
    ("Eastern Ghouta", (), ("Eastern Ghouta", "SYR", "region")),
    ("East Ghouta", (), ("Eastern Ghouta", "SYR", "region")),
    ("Gaza Strip", (), ("Gaza Strip", "PSE", "region")),
    ("West Bank", (), ("West Bank", "PSE", "region")),
    ("Donbas", (), ("Donbas", "UKR", "region")),
    ("Donbass", (), ("Donbas", "UKR", "region")),
    ("Golan Heights", (), ("Golan Heights", "SYR", "region")),
    ("Sinai", (), ("Sinai Peninsula", "EGY", "region")),
    ("Crimea", (), ("Crimea", "UKR", "region")),
    ("Nagorno-Karabakh", (), ("Nagorno-Karabakh", "AZE", "region")),
    ("Nagorno Karabakh", (), ("Nagorno-Karabakh", "AZE", "region")),
    ("Karabakh", (), ("Nagorno-Karabakh", "AZE", "region")),
    ("Kashmir", (), ("Kashmir", None, "region")),
    ("Darfur", (), ("Darfur", "SDN", "region")),
    ("the Sahel", (), ("Sahel", None, "region")),
    ("Aleppo province", (), ("Aleppo", "SYR", "admin1")),
    ("Transnistria", (), ("Transnistria", "MDA", "region")),
    ("Abkhazia", (), ("Abkhazia", "GEO", "region")),
    ("Horn of Africa", (), ("Horn of Africa", None, "region")),
    # extras: seas and straits
    ("Black Sea", (), ("Black Sea", None, "sea")),
    ("the Red Sea", (), ("Red Sea", None, "sea")),
    ("Red Sea", ("SDN",), ("Red Sea", None, "sea")),
    ("Strait of Hormuz", (), ("Strait of Hormuz", None, "sea")),
    ("Hormuz Strait", (), ("Strait of Hormuz", None, "sea")),
    ("South China Sea", (), ("South China Sea", None, "sea")),
    ("Mediterranean", (), ("Mediterranean Sea", None, "sea")),
    ("Bab al-Mandab", (), ("Bab el-Mandeb", None, "sea")),
    ("Sea of Azov", (), ("Sea of Azov", None, "sea")),
    ("Taiwan Strait", (), ("Taiwan Strait", None, "sea")),
    ("Suez Canal", (), ("Suez Canal", "EGY", "sea")),
    # extras: crossings, sites, camps
    ("Rafah crossing", (), ("Rafah crossing", "PSE", "city")),
    ("Kerem Shalom", (), ("Kerem Shalom crossing", "ISR", "city")),
    ("Bab al-Hawa", (), ("Bab al-Hawa crossing", "SYR", "city")),
    ("al-Hol camp", (), ("Al-Hol camp", "SYR", "city")),
    ("Zaporizhzhia nuclear plant", (), ("Zaporizhzhia Nuclear Power Plant", "UKR", "city")),
    ("Afrin", (), ("Afrin", "SYR", "city")),
    ("DMZ", (), ("Korean Demilitarized Zone", None, "region")),
    # nothing
    ("Freedonia", (), None),
    ("Middle-earth", (), None),
    ("", (), None),
]


@pytest.mark.parametrize(("name", "countries", "expected"), LOOKUPS)
def test_lookup(gaz: Gazetteer, name: str, countries: tuple[str, ...], expected: tuple | None) -> None:
    place = gaz.lookup(name, ctx(*countries))
    if expected is None:
        assert place is None
    else:
        assert place is not None
        assert (place.name, place.country, place.precision) == expected


# name, expected admin1 of the best match
ADMIN1 = [
    ("Atlanta", "Georgia"),
    ("Geneva", "Geneva"),
    ("Idlib city", "Idlib"),
    ("Afrin", "Aleppo"),
    ("Aleppo", "Aleppo"),
    ("Kabul", "Kabul"),
    ("Houston", "Texas"),
    ("Eastern Ghouta", "Rif Dimashq"),
    ("Sinjar", "Nineveh"),
    ("Idlib Governorate", "Idlib"),
]


@pytest.mark.parametrize(("name", "admin1"), ADMIN1)
def test_admin1_name(gaz: Gazetteer, name: str, admin1: str) -> None:
    place = gaz.lookup(name)
    assert place is not None
    assert place.admin1 == admin1


# name, context, GeoNames's point of the place (or a point well inside it): within 161 km
COORDINATES = [
    ("Geneva", (), 46.20222, 6.14569),
    ("Strait of Hormuz", (), 26.57, 56.25),
    ("Eastern Ghouta", (), 33.55, 36.45),
    ("Syria", (), 35.0, 38.0),  # the country's geographic centre, not its centre of population
    ("Russia", (), 60.0, 100.0),  # not 56.9, 50.8, where a population-weighted centroid falls
    ("Switzerland", (), 47.0, 8.0),
    ("California", (), 37.25022, -119.75126),
    ("Aleppo Governorate", (), 36.25, 37.5),
    ("Georgia", ("USA",), 32.75042, -83.50018),
    ("Alberta", (), 54.5, -115.0),  # the middle of the province (49–60° N, 110–120° W)
    ("Queensland", (), -21.5, 144.5),
    ("Kabul Province", (), 34.5, 69.2),
]


@pytest.mark.parametrize(("name", "countries", "lat", "lon"), COORDINATES)
def test_coordinates(gaz: Gazetteer, name: str, countries: tuple[str, ...], lat: float, lon: float) -> None:
    place = gaz.lookup(name, ctx(*countries))
    assert place is not None and place.lat is not None and place.lon is not None
    assert haversine_km(place.lat, place.lon, lat, lon) <= 161, (place.lat, place.lon)


@pytest.mark.parametrize(
    ("name", "geonameid"),
    [("Alberta", 5883102), ("Queensland", 2152274), ("Kentucky", 6254925), ("Laurel County", 4297480),
     ("Syria", 163843), ("Sochi", 491422), ("Asia", 6255147)],
)  # fmt: skip
def test_divisions_and_places_carry_their_geonames_id(gaz: Gazetteer, name: str, geonameid: int) -> None:
    place = gaz.lookup(name)
    assert place is not None and place.geonameid == geonameid


def test_no_place_at_null_island(gaz: Gazetteer) -> None:
    bad = [p for p in gaz.places() if (p.lat is None) != (p.lon is None) or (p.lat == 0 and p.lon == 0)]
    assert bad == []


def test_every_coordinate_is_on_the_globe(gaz: Gazetteer) -> None:
    placed = [p for p in gaz.places() if p.lat is not None]
    assert len(placed) > 30000
    assert all(-90 <= p.lat <= 90 and -180 <= p.lon <= 180 for p in placed)
    assert not any(math.isnan(p.lat) or math.isnan(p.lon) for p in placed)


def test_every_country_and_division_has_a_point(gaz: Gazetteer) -> None:
    units = [p for p in gaz.places() if p.kind in ("country", "admin1", "admin2")]
    assert len(units) >= 45000
    unplaced = [p.name for p in units if p.lat is None]
    assert len(unplaced) <= 0.01 * len(units), unplaced[:20]


# sources: feature kinds present
@pytest.mark.parametrize(
    ("precision", "at_least"),
    [("city", 230000), ("country", 245), ("admin1", 3900), ("admin2", 45000), ("sea", 60), ("region", 100)],
)
def test_sources_present(gaz: Gazetteer, precision: str, at_least: int) -> None:
    assert sum(1 for p in gaz.places() if p.precision == precision) >= at_least


# ranking: the order of candidates
def test_ranked_puts_context_first(gaz: Gazetteer) -> None:
    ranked = [p.country for p in gaz.ranked("Tripoli", ctx("LBN"))]
    assert ranked[0] == "LBN" and ranked.index("LBY") > ranked.index("LBN")
    assert gaz.ranked("Tripoli")[0].country == "LBY"


def test_ranked_drops_towns_named_like_a_country(gaz: Gazetteer) -> None:
    assert all(p.kind != "city" for p in gaz.ranked("Lebanon", ctx("USA")))


def test_candidates_include_every_geneva(gaz: Gazetteer) -> None:
    assert {p.country for p in gaz.candidates("Geneva")} >= {"CHE", "USA"}


def test_candidates_of_unknown_name_is_empty(gaz: Gazetteer) -> None:
    assert gaz.candidates("Qwertzuiopstan") == []


# location records
def test_location_of_a_city(gaz: Gazetteer) -> None:
    location = gaz.lookup("Sochi").location()
    assert isinstance(location, Location)
    assert location.name == "Sochi" and location.country == "RUS"
    assert location.geonameid == 491422
    assert (location.feature, location.feature_class, location.precision) == ("PPL", "P", "city")
    assert location.admin1 is not None and location.admin2 is not None
    assert (location.lat, location.lon) == (43.59699, 39.72477)


def test_location_of_a_country(gaz: Gazetteer) -> None:
    location = gaz.lookup("Syria").location()
    assert (location.feature, location.precision, location.geonameid) == ("PCLI", "country", 163843)
    assert location.admin1 is None


def test_location_of_a_sea(gaz: Gazetteer) -> None:
    location = gaz.lookup("Black Sea").location()
    assert (location.country, location.feature, location.precision) == (None, "SEA", "sea")
    assert location.lat is not None


def test_location_of_an_admin1(gaz: Gazetteer) -> None:
    location = gaz.lookup("Idlib province").location()
    assert (location.feature, location.precision, location.admin1) == ("ADM1", "admin1", "Idlib")
    assert location.geonameid == 169387


def test_location_of_a_crossing(gaz: Gazetteer) -> None:
    location = gaz.lookup("Rafah crossing").location()
    assert (location.feature, location.precision) == ("PSTB", "city")


# key normalisation
@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Ḩalab", "halab"),
        ("‘Afrīn", "afrin"),
        ("Şanʻā’", "sana"),
        ("The Hague", "hague"),
        ("Ivano-Frankivsk", "ivano frankivsk"),
        ("St. Petersburg", "st petersburg"),
        ("Łódź", "lodz"),
        ("  Deir   ez-Zor ", "deir ez zor"),
        ("São Paulo", "sao paulo"),
        ("Köln", "koln"),
    ],
)
def test_normalise(name: str, key: str) -> None:
    assert normalise(name) == key


# the extras file
@pytest.fixture(scope="module")
def extras() -> list:
    return load_extras(EXTRAS)


def test_extras_has_sixty_entries(extras: list) -> None:
    assert len(extras) >= 60


def test_extras_names_a_source_for_every_entry(extras: list) -> None:
    assert all(len(e.source) > 10 for e in extras)


def test_extras_precision_is_known(extras: list) -> None:
    assert {e.precision for e in extras} <= set(PRECISION.values())


def test_extras_every_feature_has_a_precision() -> None:
    assert set(PRECISION.values()) == {"continent", "region", "admin1", "city", "sea"}


@pytest.mark.parametrize(
    "name",
    ["Eastern Ghouta", "Gaza Strip", "West Bank", "Donbas", "Idlib Governorate", "Black Sea", "Red Sea",
     "Golan Heights", "Sinai Peninsula", "Kashmir", "Crimea", "Nagorno-Karabakh", "Tigray", "Darfur", "Sahel",
     "Rafah crossing", "Strait of Hormuz", "South China Sea", "Kurdistan Region", "Aleppo Governorate"],
)  # fmt: skip
def test_extras_covers_the_brief(extras: list, name: str) -> None:
    assert name in {e.name for e in extras}


def test_extras_aliases_do_not_collide_between_entries(extras: list) -> None:
    seen: dict[tuple[str, str | None], str] = {}
    clashes = []
    for entry in extras:
        for alias in {normalise(n) for n in (entry.name, *entry.aliases)}:
            if seen.get((alias, entry.country), entry.name) != entry.name:
                clashes.append(alias)
            seen[alias, entry.country] = entry.name
    assert clashes == []


def write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "extras.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = {"name": "Testville", "aliases": ["Test Town"], "country": "SYR", "feature": "city", "lat": 35.0,
        "lon": 36.0, "source": "made up for a test"}  # fmt: skip

# a bad third line, the field the error names
BAD_LINES = [
    ({**GOOD, "country": "Syria"}, "country"),
    ({**GOOD, "country": "syr"}, "country"),
    ({**GOOD, "feature": "planet"}, "feature"),
    ({**GOOD, "lat": 0.0, "lon": 0.0}, "0,0"),
    ({**GOOD, "lat": 95.0}, "out of range"),
    ({**GOOD, "lon": -181.0}, "out of range"),
    ({k: v for k, v in GOOD.items() if k != "source"}, "source"),
    ({**GOOD, "source": "  "}, "source"),
    ({**GOOD, "colour": "red"}, "colour"),
    ({**GOOD, "lat": "north"}, "lat"),
]


@pytest.mark.parametrize(("entry", "reason"), BAD_LINES)
def test_extras_error_names_the_line(tmp_path: Path, entry: dict, reason: str) -> None:
    path = write(tmp_path, json.dumps(GOOD), "", json.dumps(entry))
    with pytest.raises(DataFileError) as error:
        load_extras(path)
    assert "extras.jsonl:3" in str(error.value)
    assert reason in str(error.value)


def test_extras_invalid_json_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, json.dumps(GOOD), "{not json")
    with pytest.raises(DataFileError, match=r"extras\.jsonl:2.*invalid JSON"):
        load_extras(path)


def test_extras_good_file_loads(tmp_path: Path) -> None:
    entries = load_extras(write(tmp_path, json.dumps(GOOD), json.dumps({**GOOD, "country": None, "feature": "sea"})))
    assert [(e.name, e.country, e.precision) for e in entries] == [
        ("Testville", "SYR", "city"),
        ("Testville", None, "sea"),
    ]


def test_gazetteer_reads_a_given_extras_file_into_an_index_built_once(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("POLYBIUS_CACHE_DIR", str(tmp_path / "cache"))
    gazetteer = Gazetteer(write(tmp_path, json.dumps(GOOD)))
    place = gazetteer.lookup("Test Town")
    assert place is not None and (place.name, place.lat, place.lon) == ("Testville", 35.0, 36.0)
    assert gazetteer.lookup("Eastern Ghouta") is None
    assert gazetteer.path.parent == tmp_path / "cache"
    built = gazetteer.path.stat().st_mtime_ns
    again = Gazetteer(write(tmp_path, json.dumps(GOOD)))  # the same inputs: the same index, not rebuilt
    assert again.path == gazetteer.path and again.path.stat().st_mtime_ns == built
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [gazetteer.path.name]


def test_gazetteer_with_a_bad_extras_file_fails_loudly(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("POLYBIUS_CACHE_DIR", str(tmp_path / "cache"))
    with pytest.raises(DataFileError, match=r"extras\.jsonl:1"):
        Gazetteer(write(tmp_path, json.dumps({**GOOD, "feature": "planet"})))


def test_load_gazetteer_is_cached() -> None:
    assert load_gazetteer() is load_gazetteer()


def test_gazetteer_reports_its_load_time(gaz: Gazetteer) -> None:
    assert gaz.load_seconds > 0  # a figure for `python -m polybius.geo`, not a timing assertion
