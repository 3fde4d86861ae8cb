"""Recall on our sample corpus: src/polybius/samples/expected.jsonl lists events a careful coder must find."""

from __future__ import annotations

import json
from collections import defaultdict

from polybius.documents.readers import read_documents
from tests.conftest import SAMPLES

# Recall as measured on 2026-12-08 (main df57e63): 78 of the 87 expected events found (0.897). The
# floor sits 0.02 below, so a regression fails; raise it when the coder improves.
MEASURED_RECALL = 78 / 87
RECALL_MARGIN = 0.02


def _found(expected: dict, records) -> bool:
    for r in records:
        source_country = r.source.country if r.source else None
        target_country = r.target.country if r.target else None
        if (
            expected["sentence"] in r.sentence
            and r.root == expected["root"]
            and source_country == expected["source_country"]
            and (expected["target_country"] is None or target_country == expected["target_country"])
        ):
            return True
    return False


def test_recall_on_the_sample_corpus(coder) -> None:
    by_file = defaultdict(list)
    for line in (SAMPLES.parent / "expected.jsonl").read_text().splitlines():
        item = json.loads(line)
        by_file[item["file"]].append(item)
    hits = total = 0
    for name, expected in by_file.items():
        (document,) = list(read_documents([str(SAMPLES / name)]))
        records = coder.code_document(document)
        hits += sum(_found(e, records) for e in expected)
        total += len(expected)
    recall = hits / total
    print(f"sample recall {hits}/{total} = {recall:.2f}")
    assert total >= 80
    assert recall >= MEASURED_RECALL - RECALL_MARGIN
