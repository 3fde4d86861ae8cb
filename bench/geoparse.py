"""Geoparser figures: mentions per second, gazetteer load time and memory, our cases within 161 km.

    .venv/bin/python bench/geoparse.py [--repeats 20]

(a) The sample articles (``src/polybius/samples/articles/*.txt``, ``tests.conftest.SAMPLES``) and the sentences of
    ``tests/geo/test_geoparser.py`` are parsed by the coder's spaCy pipeline and their actor
    context is built first; only ``place_mentions`` is timed: one pass with a fresh gazetteer
    (every name read from the SQLite index), then ``--repeats`` passes with its names cached.
(b) The gazetteer is opened cold in a fresh process (the cached index; built first if missing)
    and its load time and the peak memory it adds are reported.
(c) The test table of ``test_geoparser.py`` and (d) the 690 cases of ``tests/geo/cases`` are
    geoparsed through ``Coder.places``: the share resolved within 161 km, per group.
(e) The conflict notes among those cases are coded: the share of their events whose location is
    within 161 km of a place the note names.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the case table lives in tests/

from tests.conftest import SAMPLES  # noqa: E402
from tests.geo.test_cases import judge_all, load_cases  # noqa: E402
from tests.geo.test_geoparser import CASES, DATE, NEGATIVES, TOLERANCE_KM, case_values, haversine_km, miss  # noqa: E402

from polybius.coder import Coder, default_coder  # noqa: E402
from polybius.documents.article import read_article  # noqa: E402
from polybius.geo import Gazetteer, load_gazetteer  # noqa: E402
from polybius.geo.component import article_context  # noqa: E402
from polybius.geo.parser import ArticleContext, place_mentions  # noqa: E402


def _prepared(coder: Coder, texts: list[str]) -> list[tuple[list, ArticleContext]]:
    """Each text parsed, with the article context ``Coder.places`` gives the geoparser."""
    docs = coder.parse([read_article(text, default_date=DATE) for text in texts])
    return [(doc._.paragraphs, article_context(doc._.actors)) for doc in docs]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=20, help="passes over the texts (default 20)")
    args = parser.parse_args()

    coder = default_coder()
    articles = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    sentences = [case_values(c)[0] for c in CASES] + NEGATIVES
    prepared = _prepared(coder, articles + sentences)

    fresh = Gazetteer()  # its name cache empty: every name's first lookup reads the index
    started = time.perf_counter()
    first = sum(len(place_mentions(fresh, docs, context)) for docs, context in prepared)
    elapsed = time.perf_counter() - started
    print(f"(a) geoparser, first pass (every name read from the index): {first / elapsed:,.0f} mentions/s")

    gazetteer = load_gazetteer()
    place_mentions(gazetteer, *prepared[0])  # warm up
    mentions = 0
    started = time.perf_counter()
    for _ in range(args.repeats):
        for docs, context in prepared:
            mentions += len(place_mentions(gazetteer, docs, context))
    elapsed = time.perf_counter() - started
    print(
        f"(a) geoparser, names cached: {mentions / elapsed:,.0f} mentions/s ({mentions:,} mentions in {elapsed:.2f} s;"
        f" {len(articles)} articles + {len(sentences)} sentences x {args.repeats})"
    )

    print(f"(b) gazetteer cold load: {_cold_load()}")

    cases = [case_values(c) for c in CASES]
    misses = [(values, problem) for values in cases if (problem := miss(coder, *values))]
    share = 1 - len(misses) / len(cases)
    print(
        f"(c) test cases resolved within {TOLERANCE_KM:.0f} km: {share:.1%}"
        f" ({len(cases) - len(misses)}/{len(cases)}, xfail cases included)"
    )
    for (sentence, *_), problem in misses:
        print(f"    miss: {problem} — {sentence}")

    groups: dict[str, list[str]] = {}
    for case, verdict, _ in judge_all(coder, load_cases()):
        groups.setdefault(case.group, []).append(verdict)
    every = [v for verdicts in groups.values() for v in verdicts]
    print(f"(d) own cases within 161 km: {every.count('right') / len(every):.1%} of {len(every)}"
          f" (missed {every.count('missed')}, wrong place {every.count('wrong')})")  # fmt: skip
    for group, verdicts in sorted(groups.items()):
        print(f"    {group:<14} {verdicts.count('right') / len(verdicts):6.1%} of {len(verdicts)}")
    print(f"(e) {_conflict_events(coder)}")


def _conflict_events(coder: Coder) -> str:
    """The events of our conflict notes (``tests/geo/cases/conflict.jsonl``) located within 161 km
    of a place the note names."""
    notes: dict[str, list] = {}
    for case in load_cases():
        if case.group == "conflict":
            notes.setdefault(case.text, []).append(case)
    events = near = 0
    for text, cases in notes.items():
        for record in coder.code_document(read_article(text, default_date=DATE)):
            events += 1
            where = record.location
            if where is not None and where.lat is not None and where.lon is not None:
                near += any(haversine_km(where.lat, where.lon, c.lat, c.lon) <= TOLERANCE_KM for c in cases)
    return f"conflict notes: {near / events:.0%} of {events} events located within 161 km of a place the note names"


def _cold_load() -> str:
    """Open the gazetteer in a fresh interpreter and look up every toponym of our cases: seconds to
    open, and the resident memory the gazetteer adds (its index pages and its cache of names)."""
    names = "\n".join(sorted({case.mention for case in load_cases()}))
    script = (
        "import re, sys\n"
        "def rss():  # resident memory now, in MB (Linux)\n"
        "    return int(re.search(r'VmRSS:\\s+(\\d+)', open('/proc/self/status').read()).group(1)) / 1024\n"
        "from polybius.geo import Gazetteer\n"
        "before = rss()\n"
        "g = Gazetteer()\n"
        "found = sum(bool(g.ranked(n)) for n in sys.stdin.read().splitlines())\n"
        "print(f'{g.load_seconds:.2f} s to open; +{rss() - before:.0f} MB resident after looking up'"
        " f' {found} names ({g.path.name})')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], input=names, capture_output=True, text=True, check=True)
    return done.stdout.strip()


if __name__ == "__main__":
    main()
