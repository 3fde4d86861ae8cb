"""The offline gazetteer: places by name, from GeoNames data shipped by pinned packages.

``sources.py`` says where each kind of place comes from (countries, every first- and second-level
division, populated places down to 500 people, continents) and ``data/extras.jsonl`` adds the
regions, seas, straits and crossings the news names; ``index.py`` builds them once into a cached
SQLite index. A ``Gazetteer`` answers "which places are called X?" from that index; choosing
among them in the light of an article is the geoparser's work (``parser.py``).

Every place carries its GeoNames id where the data has one, its GeoNames feature class and code,
its country, first- and second-level division and a point: GeoNames's own for populated places and
continents, the country's geographic centre for a country, an ISO subdivision point or the middle
of the unit's places for a division — never a centre of population. A place we cannot place has
``lat``/``lon`` None, never 0,0.
"""

from __future__ import annotations

import math
import sqlite3
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from polybius.geo.index import EXTRAS, PLACE_COLUMNS, counts, index_path
from polybius.geo.names import normalise
from polybius.geo.place import Place
from polybius.nlp.entities import entity_at

# Kinds a country's name never means.
TOWN_LIKE = ("city", "admin2", "admin3")
_SELECT = f"select {', '.join('p.' + c for c in PLACE_COLUMNS)} from places p"


# How likely a reading of a name is before any context: a country or continent first, then a
# region, sea or strait of our extras, a first-level division (a state or province beats a foreign
# town of fewer than ~400,000 people: "Missouri" is the state), a second-level one, and a town by
# log10(population), +0.3 for a national capital; and +0.7 when called by its own name rather than
# an alternate one ("Islamabad" is not Chattogram, once so called; "Kurdistan Region" is Iraq's).
_KIND_PRIOR = {"country": 7.5, "continent": 7.5, "admin1": 5.6, "region": 4.0, "admin2": 4.6, "admin3": 4.0}
# A division's prior moves with the people living in it, within these bounds: Cornwall (570,000)
# beats Cornwall, Ontario; Florida beats the Puerto Rican municipality of that name.
_DIVISION_RANGE = {"admin1": (5.0, 6.0), "admin2": (4.3, 5.6), "admin3": (4.0, 5.0), "region": (4.0, 4.0)}
_EXTRA_PRIOR = 7.0
_CAPITAL_BONUS = 0.3
_OWN_NAME_BONUS = 0.7


def prior(place: Place, key: str) -> float:
    """How likely ``place`` is what the name ``key`` (normalised) means, before any context."""
    if place.kind in ("country", "continent"):
        return _KIND_PRIOR[place.kind]
    if place.kind in _DIVISION_RANGE:
        low, high = _DIVISION_RANGE[place.kind]
        score = min(max(math.log10(place.population + 1), low), high)
    elif place.kind == "extra":
        score = _KIND_PRIOR["admin1"] if place.precision in ("city", "admin1") else _EXTRA_PRIOR
    else:
        score = math.log10(place.population + 1) + (_CAPITAL_BONUS if place.feature_code == "PPLC" else 0)
    return score + (_OWN_NAME_BONUS if normalise(place.name) == key else 0)


def namesake_town(best: Place, readings: list[Place], key: str) -> Place | None:
    """The town inside a division that bears its name ("Geneva", "Kabul", "Lagos"): a bare name
    means the town the division is named after, when it is a town of 50,000 people or more
    ("Quebec" then reads as Quebec City: the province is "the province of Quebec")."""
    if best.kind not in ("admin1", "admin2", "admin3") or not best.code:
        return None
    towns = [
        p for p in readings
        if p.kind == "city" and best.code in (p.admin1_code, p.admin2_code)
        and p.population >= (50_000 if normalise(p.name) == key else 100_000)
    ]  # fmt: skip
    return max(towns, key=lambda p: (p.population, -p.id)) if towns else None


_CACHED_NAMES = 200_000


class Gazetteer:
    """Places by name, from the cached index (built first if missing)."""

    def __init__(self, extras: Path | None = EXTRAS) -> None:
        started, cpu = time.perf_counter(), time.process_time()
        self.path = index_path(extras)
        self.extras = extras
        self._open()
        self.load_seconds = time.perf_counter() - started
        self.load_cpu_seconds = time.process_time() - cpu

    def _open(self) -> None:
        # Read-only and immutable: no locking between the processes sharing the file.
        self._db = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._found: dict[str, tuple[Place, ...]] = {}
        self._ranked: dict[str, tuple[Place, ...]] = {}
        self._divisions: dict[str, Place | None] = {}
        self._countries: dict[str, Place | None] = {}

    def __getstate__(self) -> dict:  # a Dask worker reopens the same file
        return {"path": self.path, "extras": self.extras, "load_seconds": self.load_seconds,
                "load_cpu_seconds": self.load_cpu_seconds}  # fmt: skip

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._open()

    def _query(self, sql: str, *args: object) -> list[Place]:
        with self._lock:
            return [Place(*row) for row in self._db.execute(sql, args).fetchall()]

    def candidates(self, name: str) -> list[Place]:
        """Every place called ``name`` (case, accents, hyphens and a leading "the" ignored), in index order."""
        found = self._by_key(normalise(name))
        if not found and name.endswith(("'s", "’s")):  # "Idlib's countryside"
            found = self._by_key(normalise(name[:-2]))
        return list(found)

    def _by_key(self, key: str) -> tuple[Place, ...]:
        found = self._found.get(key)
        if found is None:
            sql = f"{_SELECT} join names n on n.place = p.id where n.key = ? order by p.id"
            found = tuple(self._query(sql, key))
            if len(self._found) > _CACHED_NAMES:  # bounded: a long-running server sees unbounded names
                self._found.clear()
            self._found[key] = found
        return found

    def ranked(self, name: str, countries: frozenset[str] = frozenset()) -> list[Place]:
        """The places called ``name``, best first by a gazetteer's priors alone: in ``countries``
        first, then by kind (a country before anything else), then by population. A name that is a
        country's is never a town's or a district's ("Lebanon" is not the town in Tennessee)."""
        if not countries:  # the common question, asked again and again: answered once
            if name not in self._ranked:
                if len(self._ranked) > _CACHED_NAMES:
                    self._ranked.clear()
                self._ranked[name] = tuple(self._rank(name, countries))
            return list(self._ranked[name])
        return self._rank(name, countries)

    def _rank(self, name: str, countries: frozenset[str]) -> list[Place]:
        found = self.candidates(name)
        if any(p.kind == "country" for p in found):
            found = [p for p in found if p.kind not in TOWN_LIKE]
        key = normalise(name)
        ranked = sorted(
            found,
            key=lambda p: (p.country in countries or p.country is None, prior(p, key), p.population, -p.id),
            reverse=True,
        )
        town = namesake_town(ranked[0], ranked, key) if ranked else None
        return [town, *(p for p in ranked if p != town)] if town else ranked

    def lookup(self, name: str, countries: frozenset[str] = frozenset()) -> Place | None:
        """The best place for ``name`` in an article about ``countries`` (ISO alpha-3), or None."""
        found = self.ranked(name, countries)
        return found[0] if found else None

    def division(self, code: str) -> Place | None:
        """The subdivision with this GeoNames admin code ("US.KY") or ISO 3166-2 code ("US-KY")."""
        if code not in self._divisions:
            ids = "select id from places where code = ? union select id from places where iso = ?"
            found = self._query(f"{_SELECT} where p.id in ({ids}) order by p.id limit 1", code, code)
            self._divisions[code] = found[0] if found else None
        return self._divisions[code]

    def country(self, alpha3: str) -> Place | None:
        """The country with this ISO alpha-3 code."""
        if alpha3 not in self._countries:
            sql = f"{_SELECT} where p.kind = 'country' and p.country = ? order by p.id limit 1"
            found = self._query(sql, alpha3)
            self._countries[alpha3] = found[0] if found else None
        return self._countries[alpha3]

    def places(self) -> Iterator[Place]:
        """Every place once, in index order."""
        with self._lock:
            rows = self._db.execute(f"{_SELECT} order by p.id").fetchall()
        for row in rows:
            yield Place(*row)


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
    """``python -m polybius.geo``: build the index if needed, then what it holds and how long opening took."""
    gazetteer = Gazetteer()
    print(f"index  {gazetteer.path}", file=sys.stderr)
    total: dict[str, int] = defaultdict(int)
    for kind, code, number, with_id in counts(gazetteer.path):
        total[kind] += number
        print(f"  {kind:<10} {code:<5} {number:>8,} places, {with_id:>8,} with a GeoNames id", file=sys.stderr)
    print(f"places {sum(total.values()):,}", file=sys.stderr)
    print(f"load   {gazetteer.load_seconds:.2f} s ({gazetteer.load_cpu_seconds:.2f} s CPU)", file=sys.stderr)


__all__ = [
    "EXTRAS",
    "TOWN_LIKE",
    "Gazetteer",
    "Place",
    "load_gazetteer",
    "namesake_town",
    "normalise",
    "place_name",
    "prior",
]
