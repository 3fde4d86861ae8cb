"""A synthetic corpus of small articles (our own template sentences), deterministic by index."""

from __future__ import annotations

import json
from pathlib import Path

COUNTRIES = ["France", "Germany", "Russia", "China", "Iran", "Turkey", "Egypt", "Kenya", "Brazil", "India", "Japan"]
CITIES = ["Geneva", "Cairo", "Nairobi", "Ankara", "Tokyo", "Berlin"]
TEMPLATES = [
    "{a} condemned {b} on Monday.",
    "{a} expelled the ambassador of {b} on Tuesday.",
    "Troops from {a} shelled positions near the border with {b}.",
    "The president of {a} hosted talks with {b} in {city}.",
    "{a} imposed sanctions on {b} last week.",
    "{a} sent humanitarian aid to {b}.",
]


def article(n: int) -> dict[str, str]:
    """Article ``n``: three sentences about two countries, dated in 2021."""
    a, b = COUNTRIES[n % len(COUNTRIES)], COUNTRIES[(n * 7 + 3) % len(COUNTRIES)]
    if a == b:
        b = COUNTRIES[(n + 1) % len(COUNTRIES)]
    sentences = [TEMPLATES[(n + k) % len(TEMPLATES)].format(a=a, b=b, city=CITIES[n % len(CITIES)]) for k in range(3)]
    month = n % 12 + 1
    return {"id": f"syn-{n:04d}", "date": f"2021-{month:02d}-15", "text": "\n\n".join(sentences)}


def write_corpus(path: Path, count: int) -> Path:
    path.write_text("".join(json.dumps(article(n)) + "\n" for n in range(count)), encoding="utf-8")
    return path
