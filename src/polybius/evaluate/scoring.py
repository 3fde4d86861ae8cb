"""Scores of coded events against gold sentences.

Definitions (also in the README):
- per-label precision/recall/F1: in each sentence gold and coded labels are paired one to one;
  unpaired gold labels are misses; each label the sentence's coded events have and its gold does
  not is one extra (however many events carry it); macro-F1 averages the labels present in gold or
  output, micro-F1 pools the counts;
- primary accuracy: over sentences with a gold event, the share whose highest-confidence coded
  event has one of the gold labels;
- any-match share: the share of gold events whose label some coded event of the sentence has;
- source/target match: over paired events, the share whose coded actor overlaps the gold actor's
  words (PLOVER, CSV) or equals its code (PETRARCH, prefix match);
- source/target codes found: the share of gold actor codes that some coded event of the sentence
  has as its source (target), whatever the event (prefix match);
- correct / uncoded / extra: PETRARCH's triple, on exact (source code, target code, event code).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from polybius.evaluate.gold import GoldActor, GoldEvent, GoldSentence, GoldSet
from polybius.lang import word_class
from polybius.records import Actor, EventRecord

_STOP = word_class("name_matching_stop_words")
NONE = "—"


@dataclass
class LabelCounts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    """Everything ``polybius evaluate`` reports."""

    format: str
    scheme: str
    sentences: int = 0
    gold_events: int = 0
    coded_events: int = 0
    labels: dict[str, LabelCounts] = field(default_factory=dict)
    primary_total: int = 0
    primary_correct: int = 0
    any_matched: int = 0
    source_pairs: int = 0
    source_matched: int = 0
    target_pairs: int = 0
    target_matched: int = 0
    # Gold actor codes that some coded event of the sentence has (PETRARCH/PLOVER gold with codes).
    source_codes: int = 0
    source_codes_found: int = 0
    target_codes: int = 0
    target_codes_found: int = 0
    correct: int = 0
    uncoded: int = 0
    extra: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def micro(self) -> LabelCounts:
        return LabelCounts(*(sum(getattr(c, k) for c in self.labels.values()) for k in ("tp", "fp", "fn")))

    @property
    def macro_f1(self) -> float:
        return sum(c.f1 for c in self.labels.values()) / len(self.labels) if self.labels else 0.0

    def to_dict(self) -> dict[str, Any]:
        rate = _rate
        return {
            "format": self.format,
            "scheme": self.scheme,
            "sentences": self.sentences,
            "gold_events": self.gold_events,
            "coded_events": self.coded_events,
            "primary_accuracy": rate(self.primary_correct, self.primary_total),
            "any_match_share": rate(self.any_matched, self.gold_events),
            "macro_f1": round(self.macro_f1, 4),
            "micro": _counts(self.micro),
            "source_match": rate(self.source_matched, self.source_pairs),
            "target_match": rate(self.target_matched, self.target_pairs),
            "source_codes_found": rate(self.source_codes_found, self.source_codes),
            "target_codes_found": rate(self.target_codes_found, self.target_codes),
            "triple": {"correct": self.correct, "uncoded": self.uncoded, "extra": self.extra},
            "labels": {label: _counts(c) for label, c in sorted(self.labels.items())},
            "confusion": [{"gold": g, "coded": c, "count": n} for (g, c), n in sorted(self.confusion.items())],
            "errors": self.errors,
        }


def score(gold: GoldSet, coded: dict[str, list[EventRecord]], *, errors: int = 0) -> Scores:
    """Compare coded events (by gold sentence id) with the gold set."""
    scores = Scores(gold.format, gold.scheme)
    for sentence in gold.sentences:
        records = coded.get(sentence.id, [])
        _score_sentence(scores, gold.scheme, sentence, records, errors)
    return scores


def label_of(record: EventRecord, scheme: str) -> str | None:
    """The label a coded event has in the gold's scheme (PLOVER type, or CAMEO root)."""
    return record.plover if scheme == "plover" else record.root


def gold_label(event: GoldEvent, scheme: str) -> str:
    return event.label if scheme == "plover" else event.label[:2]


def _score_sentence(
    scores: Scores, scheme: str, sentence: GoldSentence, records: list[EventRecord], errors: int
) -> None:
    scores.sentences += 1
    scores.gold_events += len(sentence.events)
    labelled = [r for r in records if label_of(r, scheme)]
    scores.coded_events += len(labelled)
    unpaired = list(labelled)
    for event in sentence.events:
        label = gold_label(event, scheme)
        counts = scores.labels.setdefault(label, LabelCounts())
        if any(label_of(r, scheme) == label for r in labelled):
            scores.any_matched += 1
        pair = next((r for r in unpaired if label_of(r, scheme) == label), None)
        if pair is None:
            counts.fn += 1
            continue
        counts.tp += 1
        unpaired.remove(pair)
        _score_actors(scores, event, pair)
    # Extras are counted per sentence and label: a symmetric pair ("X and Y agreed a truce") or one
    # act with several targets is one coded act of that type, and a repeat of a gold label is no error.
    gold_set = {gold_label(e, scheme) for e in sentence.events}
    for label in dict.fromkeys(label_of(r, scheme) or NONE for r in unpaired):
        if label not in gold_set:
            scores.labels.setdefault(label, LabelCounts()).fp += 1
    primary = max(labelled, key=lambda r: r.confidence, default=None)
    gold_labels = [gold_label(e, scheme) for e in sentence.events]
    wrong = bool(sentence.events) and (primary is None or label_of(primary, scheme) not in gold_labels)
    if sentence.events:
        scores.primary_total += 1
        scores.primary_correct += not wrong
        scores.confusion[(gold_labels[0], (primary and label_of(primary, scheme)) or NONE)] += 1
    _score_triple(scores, sentence, records)
    _score_codes(scores, sentence, records)
    if (wrong or (not sentence.events and labelled)) and len(scores.errors) < errors:
        scores.errors.append(_error(sentence, labelled, scheme))


def _score_actors(scores: Scores, event: GoldEvent, record: EventRecord) -> None:
    for gold, coded, side in ((event.sources, record.source, "source"), (event.targets, record.target, "target")):
        if not any(a.text or a.code for a in gold):
            continue
        matched = any(_same_actor(g, coded) for g in gold)
        if side == "source":
            scores.source_pairs += 1
            scores.source_matched += matched
        else:
            scores.target_pairs += 1
            scores.target_matched += matched


def _same_actor(gold: GoldActor, coded: Actor | None) -> bool:
    if coded is None:
        return False
    if gold.text:
        return bool(_words(gold.text) & _words(coded.text))
    if gold.code:
        return coded.code.startswith(gold.code) or gold.code.startswith(coded.code)
    return False


def _score_codes(scores: Scores, sentence: GoldSentence, records: list[EventRecord]) -> None:
    """Are the gold actors' codes among the coded actors of the sentence, whatever the event?"""
    sources = [r.source for r in records if r.source]
    targets = [r.target for r in records if r.target]
    for event in sentence.events:
        for actor in event.sources:
            if actor.code:
                scores.source_codes += 1
                scores.source_codes_found += any(_same_actor(GoldActor(None, actor.code), a) for a in sources)
        for actor in event.targets:
            if actor.code:
                scores.target_codes += 1
                scores.target_codes_found += any(_same_actor(GoldActor(None, actor.code), a) for a in targets)


def _score_triple(scores: Scores, sentence: GoldSentence, records: list[EventRecord]) -> None:
    codings = [
        (e.sources[0].code if e.sources else None, e.targets[0].code if e.targets else None, e.label)
        for e in sentence.events
    ]
    produced = [(r.source.code if r.source else None, r.target.code if r.target else None, r.cameo) for r in records]
    for coding in codings:
        if coding in produced:
            scores.correct += 1
            produced.remove(coding)
        else:
            scores.uncoded += 1
    scores.extra += len(produced)


def _error(sentence: GoldSentence, records: list[EventRecord], scheme: str) -> dict[str, Any]:
    def actor(a: GoldActor) -> str:
        return a.code or a.text or "?"

    return {
        "id": sentence.id,
        "sentence": sentence.text,
        "gold": [
            f"{', '.join(map(actor, e.sources)) or NONE} {e.label} {', '.join(map(actor, e.targets)) or NONE}"
            for e in sentence.events
        ],
        "coded": [
            f"{r.source.code if r.source else NONE} {r.cameo} {label_of(r, scheme)} "
            f"{r.target.code if r.target else NONE} [{r.trigger.text}] {r.rule}"
            for r in records
        ],
    }


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[\w']+", text.lower()) if w not in _STOP}


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _counts(c: LabelCounts) -> dict[str, float]:
    return {
        "tp": c.tp,
        "fp": c.fp,
        "fn": c.fn,
        "precision": round(c.precision, 4),
        "recall": round(c.recall, 4),
        "f1": round(c.f1, 4),
    }
