"""The gazetteer's compact index: a SQLite file built once from the source packages and cached.

Building reads ~235,000 populated places and ~51,000 subdivisions (``sources.py``) plus our extras,
links every place to the names of the divisions it lies in, fills in the points the sources lack and
writes two tables: ``places`` (one row a place) and ``names`` (one row a lookup key of a place).
That takes about half a minute, so it happens once — ``make install`` runs it — and the file is
kept under ``$POLYBIUS_CACHE_DIR`` (default ``~/.cache/polybius``), named by a digest of everything
it is built from: a new package version or an edited extras file builds a new index, never a stale
read. Opening it is instant and costs no memory beyond SQLite's page cache; lookups are indexed.
"""

from __future__ import annotations

import hashlib
import math
import os
import sqlite3
import sys
import tempfile
from collections import defaultdict
from dataclasses import fields
from pathlib import Path

import pycountry

from polybius.geo.names import name_keys, subdivision_keys, unaccented
from polybius.geo.place import Place
from polybius.geo.schema import ABBREVIATIONS, EXTRAS, FEATURE_CLASS, FEATURE_CODE, load_extras
from polybius.geo.sources import SourcePlace, countries, populated_places, subdivisions, versions

# Bump when the build changes what it writes.
INDEX_VERSION = "1"

# Kinds of place, in the order they win a tie of everything else.
RANK = {"country": 7, "continent": 6, "extra": 5, "city": 4, "admin1": 3, "region": 2, "admin2": 2, "admin3": 1}
PRECISION = {"admin3": "admin2", "continent": "continent"}

PLACE_COLUMNS = tuple(item.name for item in fields(Place))  # the index's columns are the fields of a Place


def cache_dir() -> Path:
    """Where built indexes are kept: ``$POLYBIUS_CACHE_DIR``, else ``$XDG_CACHE_HOME/polybius``,
    else ``~/.cache/polybius``."""
    if configured := os.environ.get("POLYBIUS_CACHE_DIR"):
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "polybius"


def digest(extras: Path | None) -> str:
    """What the index is built from, in 16 hex digits: our version, the packages', our data files."""
    h = hashlib.sha256(f"{INDEX_VERSION} {versions()}".encode())
    here = Path(__file__).parent
    words = here.parent / "lang" / "en" / "places.yaml"  # the subdivision type words make keys
    for path in (extras, ABBREVIATIONS, here / "names.py", here / "sources.py", words, Path(__file__)):
        h.update(path.read_bytes() if path is not None and path.exists() else b"-")
    return h.hexdigest()[:16]


def index_path(extras: Path | None = EXTRAS) -> Path:
    """The cached index, built first if missing (atomically: two processes building at once each
    write their own file and the last rename wins, both complete)."""
    path = cache_dir() / f"gazetteer-{digest(extras)}.sqlite"
    if path.exists():
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        build(path, extras)
        _prune(path.parent, keep=_KEEP)
    except OSError as error:  # an unwritable cache: build where we can, for this process only
        print(f"note: cannot cache the gazetteer in {path.parent} ({error.strerror}); building a temporary index",
              file=sys.stderr)  # fmt: skip
        path = Path(tempfile.mkdtemp(prefix="polybius-")) / path.name
        build(path, extras)
    return path


# Indexes kept in the cache (the newest by time written): one for this install and a couple for
# others sharing the folder (another checkout, an older version), each ~100 MB.
_KEEP = 3


def _prune(folder: Path, keep: int) -> None:
    """Remove all but the ``keep`` newest indexes of the cache folder."""
    indexes = sorted(folder.glob("gazetteer-*.sqlite"), key=lambda p: (p.stat().st_mtime, p.name), reverse=True)
    for stale in indexes[keep:]:
        stale.unlink(missing_ok=True)


def build(path: Path, extras: Path | None = EXTRAS) -> None:
    """Write the index of every source place to ``path``."""
    places, names = _gather(extras)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    db = sqlite3.connect(partial)
    try:
        # "id integer primary key" makes the id the row's own key: the join from a name is a lookup.
        db.execute(f"create table places ({', '.join(['id integer primary key', *PLACE_COLUMNS[1:]])})")
        db.execute("create table names (key text, place integer)")
        db.execute("create table meta (key text primary key, value text)")
        db.executemany(f"insert into places values ({', '.join('?' * len(PLACE_COLUMNS))})", places)
        db.executemany("insert into names values (?, ?)", names)
        db.execute("create index names_key on names (key)")
        db.execute("create index places_code on places (code)")
        db.execute("create index places_iso on places (iso)")
        db.execute("create index places_country on places (kind, country)")
        db.executemany("insert into meta values (?, ?)", [("sources", versions()), ("version", INDEX_VERSION)])
        db.commit()
    finally:
        db.close()
    os.replace(partial, path)


def _gather(extras: Path | None) -> tuple[list[tuple], list[tuple[str, int]]]:
    """Rows of the two tables: places in a fixed order (countries, subdivisions, populated places,
    extras), names sorted by key then place."""
    ours = load_extras(extras) if extras else []  # first: a bad line fails before the long read
    subs, codes = subdivisions()
    cities = populated_places(codes)
    every = [*countries(), *subs, *cities]  # continents: our extras carry GeoNames's, with the press's names
    alpha3 = {p.country: _alpha3(p) for p in every if p.kind == "country"}
    admins = {p.code: p for p in subs if p.code}
    _fill_points(subs, [p for p in every if p.kind == "country"], _Middles(cities), admins)

    rows: list[tuple] = []
    keys: set[tuple[str, int]] = set()
    for number, place in enumerate(every, start=1):
        admin1 = admins.get(place.admin1_code or (place.code if place.kind == "admin1" else "") or "")
        admin2 = admins.get(place.admin2_code or "")
        name = _display(place)
        rows.append(
            (
                number, name, alpha3.get(place.country), _display(admin1) if admin1 else None,
                _display(admin2) if admin2 else None,
                place.admin1_code or (place.code if place.kind == "admin1" else None), place.admin2_code,
                place.code, place.iso, _round(place.lat), _round(place.lon), place.geonameid, place.population,
                place.kind, place.feature_class, place.feature_code, PRECISION.get(place.kind, place.kind),
                RANK[place.kind],
            )
        )  # fmt: skip
        forms = {*place.names, name}
        found = subdivision_keys(forms, place.kind) if place.kind.startswith("admin") else name_keys(forms)
        keys.update((key, number) for key in found)
    by_key: dict[tuple[str | None, str], int] = {}
    for key, number in sorted(keys):
        row = rows[number - 1]
        if row[PLACE_COLUMNS.index("kind")] == "admin1":
            by_key.setdefault((row[PLACE_COLUMNS.index("country")], key), number)
    for entry in ours:
        own = name_keys({entry.name, *entry.aliases})
        if entry.precision == "admin1":
            # A province GeoNames has too ("Anbar Governorate"): our names join its entry, with its id.
            same = sorted({by_key[entry.country, k] for k in own if (entry.country, k) in by_key})
            if same:
                keys.update((key, same[0]) for key in own)
                continue
        number = len(rows) + 1
        rows.append(
            (
                number, entry.name, entry.country, entry.admin1, None, None, None, None, None, entry.lat, entry.lon,
                entry.geonameid, entry.population, "extra", FEATURE_CLASS[entry.feature], FEATURE_CODE[entry.feature],
                entry.precision, RANK["extra"],
            )
        )  # fmt: skip
        keys.update((key, number) for key in own)
    return rows, sorted(keys)


def _alpha3(place: SourcePlace) -> str | None:
    record = pycountry.countries.get(alpha_2=place.country)
    return record.alpha_3 if record is not None else {"XK": "XKX"}.get(place.country or "")


def _display(place: SourcePlace) -> str:
    """The name we show: for a subdivision an English one where a source has it ("Ḩalab" → "Aleppo")."""
    if place.kind not in ("admin1", "admin2", "admin3", "region"):
        return place.name
    if place.name.isascii():
        return place.name
    return place.english or unaccented(place.name)


class _Middles:
    """The unweighted middle of the populated places of each country and division (every town
    counting the same, so it estimates a unit's middle, not its centre of population), summed as
    3-D unit vectors so a unit across the 180th meridian stays whole; and the people in each."""

    def __init__(self, cities: list[SourcePlace]) -> None:
        self.sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
        for city in cities:
            x, y, z = _vector(city.lat or 0.0, city.lon or 0.0)
            # Country codes ("US") and admin codes ("US.KY") never collide: the latter hold a dot.
            for code in (city.country, city.admin1_code, city.admin2_code):
                if code:
                    s = self.sums[code]
                    s[0] += x
                    s[1] += y
                    s[2] += z
                    s[3] += city.population

    def population(self, code: str | None) -> int | None:
        inside = self.sums.get(code or "")
        return int(inside[3]) if inside is not None else None

    def point(self, code: str | None) -> tuple[float, float] | None:
        inside = self.sums.get(code or "")
        if inside is None or math.hypot(inside[0], inside[1], inside[2]) == 0:
            return None
        lat = math.degrees(math.atan2(inside[2], math.hypot(inside[0], inside[1])))
        return lat, math.degrees(math.atan2(inside[1], inside[0]))


def _fill_points(subs: list[SourcePlace], nations: list[SourcePlace], middles: _Middles, admins: dict) -> None:
    """Points for the countries (Kosovo) and subdivisions without one: the middle of their places,
    else (a division with none) its parent's point; and every division's population, the sum of
    its places' (only a prior for ranking)."""
    for nation in nations:
        if nation.lat is None and (point := middles.point(nation.country)) is not None:
            nation.lat, nation.lon = point
    for sub in sorted(subs, key=lambda s: s.kind):  # admin1 before admin2: a parent is filled first
        population = middles.population(sub.code)
        if population is not None:
            sub.population = population
        if sub.lat is not None:
            continue
        if (point := middles.point(sub.code)) is not None:
            sub.lat, sub.lon = point
        elif (parent := admins.get(sub.admin1_code or "")) is not None and parent is not sub:
            sub.lat, sub.lon = parent.lat, parent.lon


def _vector(lat: float, lon: float) -> tuple[float, float, float]:
    phi, lam = math.radians(lat), math.radians(lon)
    return math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 5)


def counts(path: Path) -> list[tuple[str, str, int, int]]:
    """(kind, feature code, places, with a GeoNames id) for every kind in the index."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return db.execute(
            "select kind, feature_code, count(*), count(geonameid) from places group by 1, 2 order by 3 desc, 1, 2"
        ).fetchall()


__all__ = ["EXTRAS", "INDEX_VERSION", "PLACE_COLUMNS", "RANK", "build", "cache_dir", "counts", "index_path"]
