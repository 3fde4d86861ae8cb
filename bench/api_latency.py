"""Latency of the web API over a store of a million synthetic events.

    .venv/bin/python bench/api_latency.py [STORE] [--events 1000000] [--requests 200]

Builds the store with DuckDB SQL (not the coder: plausible actors, CAMEO codes from our ontology,
dates over ten years, places, and a record JSON in the contract's shape) unless STORE already
exists, then times, through the app in-process (TestClient), ``/api/events`` filtered by actor,
CAMEO prefix and a date range and paged on with the cursor, and ``/api/series`` for one actor by
month. Prints p50/p95 of each; targets p95 < 150 ms (events) and < 300 ms (series).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import duckdb
from fastapi.testclient import TestClient

from polybius.sinks.store import Store
from polybius.web import create_app

CAMEO = Path(__file__).resolve().parents[1] / "src" / "polybius" / "ontology" / "cameo.jsonl"

# (code, name, country, sector): skewed draws make the first ones the busiest, as in real news.
ACTORS = [
    ("USAGOV", "United States government", "USA", "GOV"),
    ("RUSGOV", "Vladimir Putin", "RUS", "GOV"),
    ("UKRMIL", "Ukrainian forces", "UKR", "MIL"),
    ("ISR", "Israel", "ISR", None),
    ("PSEINSPIJ", "Palestinian Islamic Jihad", "PSE", "INS"),
    ("CHNGOV", "Chinese government", "CHN", "GOV"),
    ("IRN", "Iran", "IRN", None),
    ("TURMIL", "Turkish army", "TUR", "MIL"),
    ("IGOUNO", "United Nations", None, None),
    ("SYRREB", "Syrian rebels", "SYR", "REB"),
    ("RUSMIL", "Russian forces", "RUS", "MIL"),
    ("UKRGOV", "Volodymyr Zelensky", "UKR", "GOV"),
    ("GBRGOV", "British government", "GBR", "GOV"),
    ("FRA", "France", "FRA", None),
    ("DEUGOV", "German government", "DEU", "GOV"),
    ("INDGOV", "Indian government", "IND", "GOV"),
    ("PAKMIL", "Pakistani army", "PAK", "MIL"),
    ("AFGINS", "Taliban", "AFG", "INS"),
    ("YEMREB", "Houthis", "YEM", "REB"),
    ("SAUGOV", "Saudi government", "SAU", "GOV"),
    ("CODREB", "M23 rebels", "COD", "REB"),
    ("SDNMIL", "Sudanese army", "SDN", "MIL"),
    ("ETHGOV", "Ethiopian government", "ETH", "GOV"),
    ("VENGOV", "Nicolas Maduro", "VEN", "GOV"),
    ("COLREB", "ELN", "COL", "REB"),
    ("MMRMIL", "Myanmar military", "MMR", "MIL"),
    ("PRKGOV", "North Korean government", "PRK", "GOV"),
    ("JPNGOV", "Japanese government", "JPN", "GOV"),
    ("KENCOP", "Kenyan police", "KEN", "COP"),
    ("HTIGOV", "Haitian government", "HTI", "GOV"),
    ("ARMGOV", "Nikol Pashinyan", "ARM", "GOV"),
    ("AZEMIL", "Azerbaijani forces", "AZE", "MIL"),
    ("MLIGOV", "Malian junta", "MLI", "GOV"),
    ("NGOAMN", "Amnesty International", None, None),
    ("IMGISIS", "Islamic State", None, None),
    ("BLRGOV", "Alexander Lukashenko", "BLR", "GOV"),
    ("IGOEUR", "European Union", None, None),
    ("PHLGOV", "Philippine government", "PHL", "GOV"),
    ("LBNINS", "Hezbollah", "LBN", "INS"),
    ("IRQGOV", "Iraqi government", "IRQ", "GOV"),
]
PLACES = [
    ("Kyiv", "UKR", 50.45, 30.52),
    ("Kharkiv", "UKR", 49.99, 36.23),
    ("Gaza Strip", "PSE", 31.42, 34.36),
    ("Moscow", "RUS", 55.75, 37.62),
    ("Damascus", "SYR", 33.51, 36.29),
    ("Idlib", "SYR", 35.93, 36.63),
    ("Goma", "COD", -1.68, 29.23),
    ("Khartoum", "SDN", 15.55, 32.53),
    ("Sanaa", "YEM", 15.35, 44.21),
    ("Kabul", "AFG", 34.53, 69.17),
    ("Geneva", "CHE", 46.20, 6.14),
    ("Caracas", "VEN", 10.49, -66.88),
    ("Port-au-Prince", "HTI", 18.54, -72.34),
    ("Nairobi", "KEN", -1.28, 36.82),
    ("Red Sea", None, 20.0, 38.0),
]


def build_store(path: Path, n: int) -> None:
    """``n`` synthetic events over ``n // 10`` articles, written with SQL in one pass."""
    Store(path).close()  # the schema, exactly as ingest makes it
    con = duckdb.connect(str(path))
    con.execute(
        "CREATE TEMP TABLE actors AS SELECT * FROM (VALUES " + _values(ACTORS) + ") t(code, name, country, sector)"
    )
    con.execute("CREATE TEMP TABLE actors_i AS SELECT row_number() OVER () - 1 AS i, * FROM actors")
    con.execute("CREATE TEMP TABLE places AS SELECT * FROM (VALUES " + _values(PLACES) + ") t(name, country, lat, lon)")
    con.execute("CREATE TEMP TABLE places_i AS SELECT row_number() OVER () - 1 AS i, * FROM places")
    con.execute(f"CREATE TEMP TABLE cameo AS SELECT row_number() OVER () - 1 AS i, * FROM read_json('{CAMEO}')")
    con.execute(
        "INSERT INTO articles (id, title, date, source, text, n_events)"
        " SELECT 'art' || i, 'Synthetic article ' || i, strftime(DATE '2015-01-01' + (i % 3650)::INTEGER, '%Y-%m-%d'),"
        " 'bench', 'Synthetic text of article ' || i || '.', 10 FROM range(?) t(i)",
        [max(1, n // 10)],
    )
    con.execute(_EVENTS, [n, len(ACTORS), len(ACTORS), len(ACTORS), len(PLACES)])
    con.close()


def _values(rows: list[tuple[object, ...]]) -> str:
    def literal(value: object) -> str:
        if value is None:
            return "NULL"
        return repr(value) if isinstance(value, float) else "'" + str(value).replace("'", "''") + "'"

    return ", ".join("(" + ", ".join(literal(v) for v in row) + ")" for row in rows)


# Skewed picks: floor(k * u^2) favours the first actors; hashes of the row number are the dice.
_EVENTS = """
INSERT INTO events (id, article_id, sentence_index, sentence, source_code, source_name, source_country,
    source_sector, source_text, target_code, target_name, target_country, target_sector, target_text,
    cameo, cameo_name, root, plover, plover_mode, quad_class, goldstein, date, date_precision, date_source,
    location_name, location_country, lat, lon, location_precision, negated, modality, trigger_text, trigger_start,
    trigger_end, confidence, rule, record)
WITH dice AS (
    SELECT i, 'art' || (i // 10) AS article_id, (i % 10)::INTEGER AS sentence_index,
        (hash(i, 1) % 1000000) / 1e6 AS u1, (hash(i, 2) % 1000000) / 1e6 AS u2,
        hash(i, 3) % 318 AS ci, hash(i, 4) % 100 AS pd, hash(i, 5) % 100 AS pl, hash(i, 6) % 3650 AS day
    FROM range(?) t(i)
), paired AS (
    SELECT *, floor(? * u1 * u1) AS si, floor(? * u2 * u2) AS ti0 FROM dice
), picked AS (
    SELECT d.*, s.code AS s_code, s.name AS s_name, s.country AS s_country, s.sector AS s_sector,
        t.code AS t_code, t.name AS t_name, t.country AS t_country, t.sector AS t_sector,
        c.code AS cameo, c.name AS cameo_name, c.root, c.plover, c.plover_mode, c.quad_class, c.goldstein,
        CASE WHEN pd < 2 THEN NULL
             WHEN pd < 10 THEN strftime(DATE '2015-01-01' + day::INTEGER, '%Y-%m')
             ELSE strftime(DATE '2015-01-01' + day::INTEGER, '%Y-%m-%d') END AS date,
        CASE WHEN pd < 2 THEN NULL WHEN pd < 10 THEN 'month' ELSE 'day' END AS date_precision,
        p.name AS place, p.country AS place_country, p.lat, p.lon
    FROM paired d
    JOIN actors_i s ON s.i = d.si
    JOIN actors_i t ON t.i = CASE WHEN d.ti0 = d.si THEN (d.ti0 + 1) % ? ELSE d.ti0 END
    JOIN cameo c ON c.i = d.ci
    LEFT JOIN places_i p ON p.i = CASE WHEN pl < 60 THEN pl % ? END
), rows AS (
    SELECT *, s_name || ' ' || lower(cameo_name) || ' with ' || t_name || coalesce(' in ' || place, '')
        || ' (synthetic event ' || i || ').' AS sentence,
        0.3 + (hash(i, 7) % 70) / 100 AS confidence
    FROM picked
)
SELECT article_id || '-' || sentence_index || '-0', article_id, sentence_index, sentence,
    s_code, s_name, s_country, s_sector, s_name, t_code, t_name, t_country, t_sector, t_name,
    cameo, cameo_name, root, plover, plover_mode, quad_class, goldstein, date, date_precision,
    CASE WHEN date IS NULL THEN NULL ELSE 'text' END, place, place_country, lat, lon,
    CASE WHEN place IS NULL THEN NULL ELSE 'city' END, false, 'asserted',
    'acted', 0, 5, confidence, 'bench/synthetic',
    to_json({'id': article_id || '-' || sentence_index || '-0', 'article_id': article_id,
        'sentence_index': sentence_index, 'sentence': sentence,
        'source': {'text': s_name, 'name': s_name, 'code': s_code, 'country': s_country, 'sector': s_sector,
            'org': NULL},
        'target': {'text': t_name, 'name': t_name, 'code': t_code, 'country': t_country, 'sector': t_sector,
            'org': NULL},
        'cameo': cameo, 'cameo_name': cameo_name, 'root': root, 'plover': plover, 'plover_mode': plover_mode,
        'quad_class': quad_class, 'goldstein': goldstein, 'date': date, 'date_precision': date_precision,
        'date_source': CASE WHEN date IS NULL THEN NULL ELSE 'text' END,
        'location': CASE WHEN place IS NULL THEN NULL ELSE {'name': place, 'country': place_country, 'admin1': NULL,
            'admin2': NULL, 'lat': lat, 'lon': lon, 'geonameid': NULL, 'feature': NULL, 'precision': 'city'} END,
        'negated': false, 'modality': 'asserted', 'trigger': {'text': 'acted', 'start': 0, 'end': 5},
        'confidence': confidence, 'rule': 'bench/synthetic'})
FROM rows
"""


def timed(client: TestClient, url: str, params: dict[str, str]) -> tuple[float, dict[str, object]]:
    start = time.perf_counter()
    response = client.get(url, params=params)
    elapsed = (time.perf_counter() - start) * 1000
    response.raise_for_status()
    return elapsed, response.json()


def bench_events(client: TestClient, requests: int, rng: random.Random) -> list[float]:
    """Filtered first pages and the pages after them, through next_cursor."""
    times: list[float] = []
    while len(times) < requests:
        first = rng.randrange(12 * 9)  # months since January 2015
        last = first + rng.randint(1, 18)
        params = {
            "actor": rng.choice(ACTORS[:20])[0][:3],
            "cameo": rng.choice(["01", "04", "05", "11", "17", "19", "190", "042"]),
            "date_from": f"{2015 + first // 12}-{first % 12 + 1:02d}",
            "date_to": f"{2015 + last // 12}-{last % 12 + 1:02d}",
            "limit": "50",
        }
        for _ in range(3):  # a first page and up to two more
            elapsed, body = timed(client, "/api/events", params)
            times.append(elapsed)
            if not body["next_cursor"]:
                break
            params["cursor"] = str(body["next_cursor"])
    return times


def bench_series(client: TestClient, requests: int, rng: random.Random) -> list[float]:
    return [
        timed(client, "/api/series", {"actor": rng.choice(ACTORS)[0], "interval": "month"})[0] for _ in range(requests)
    ]


def report(name: str, times: list[float], target: float) -> None:
    p50 = statistics.median(times)
    p95 = statistics.quantiles(times, n=20)[18]
    verdict = "ok" if p95 < target else "OVER TARGET"
    print(
        f"{name:<12} n={len(times):>4}  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  (target p95 < {target:.0f} ms: {verdict})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", nargs="?", help="Store to use or build (default: a temporary file).")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.store or Path(tmp) / "bench.duckdb")
        if not path.exists():
            start = time.perf_counter()
            build_store(path, args.events)
            print(f"built {path} with {args.events:,} events in {time.perf_counter() - start:.1f} s")
        rng = random.Random(7)
        with TestClient(create_app(path)) as client:
            timed(client, "/api/events", {})  # warm the file cache once
            report("/api/events", bench_events(client, args.requests, rng), 150)
            report("/api/series", bench_series(client, args.requests, rng), 300)


if __name__ == "__main__":
    main()
