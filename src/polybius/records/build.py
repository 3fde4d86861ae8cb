"""One function from a coded Doc to event records: the last stage of the flow.

The components leave every event of every sentence on ``Doc._.events``; here the user's view is
chosen: denied, hypothetical and background events only with ``all_modalities``, one record per
actor pair and code in a sentence, numbered in the sentence.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc

from polybius.actors.resolve import Mention
from polybius.events.component import Event
from polybius.ontology import load_ontology
from polybius.records import EventRecord, Trigger
from polybius.settings import BACKGROUND_CONFIDENCE, DEFAULT_MODALITIES


def records_from_doc(doc: Doc, *, all_modalities: bool = False) -> list[EventRecord]:
    """The event records of an article Doc run through the polybius components."""
    by_sentence: dict[int, list[Event]] = defaultdict(list)
    for event in doc._.events or []:
        by_sentence[event.sentence_index].append(event)
    article_id = doc._.article_id or ""
    records: list[EventRecord] = []
    for index in sorted(by_sentence):
        shown = _distinct([e for e in by_sentence[index] if all_modalities or _shown(e)])
        if not all_modalities:
            shown = _without_background(shown)
        records += [_record(article_id, event, number) for number, event in enumerate(shown)]
    return records


def _shown(event: Event) -> bool:
    return not event.act.negated and event.act.modality in DEFAULT_MODALITIES


def _distinct(events: list[Event]) -> list[Event]:
    """One event per source, target and code in a sentence: the first found."""
    seen: set[tuple[str | None, str | None, str]] = set()
    kept = []
    for event in events:
        key = (_code(event.source), _code(event.target), event.act.code)
        if key not in seen:
            seen.add(key)
            kept.append(event)
    return kept


def _without_background(events: list[Event]) -> list[Event]:
    """A sentence's main event, and the others coded with some confidence. Weak mentions beside it
    (a killing recalled in a "where…" clause, a noun in a participle) are background, shown only
    with all modalities: one event a sentence is read right, not four read loosely."""
    if not events:
        return events
    top = max(e.confidence for e in events)
    return [e for e in events if e.confidence >= BACKGROUND_CONFIDENCE or e.confidence == top]


def _record(article_id: str, event: Event, number: int) -> EventRecord:
    ontology = load_ontology()
    act = event.act
    kind = ontology[act.code]
    plover = ontology[act.plover_code or act.code]
    trigger = event.detection.trigger
    when = event.date
    return EventRecord(
        id=f"{article_id}-{event.sentence_index}-{number}",
        article_id=article_id,
        sentence_index=event.sentence_index,
        sentence=event.sentence.text.strip(),
        source=event.source.actor if event.source else None,
        target=event.target.actor if event.target else None,
        cameo=kind.code,
        cameo_name=kind.name,
        root=kind.root,
        plover=plover.plover,
        plover_mode=plover.plover_mode,
        quad_class=kind.quad_class,
        goldstein=kind.goldstein,
        date=when.value if when else None,
        date_precision=when.precision if when else None,
        date_source=when.source if when else None,
        location=event.location,
        negated=act.negated,
        modality=act.modality,
        trigger=Trigger(trigger.text, trigger.idx, trigger.idx + len(trigger.text)),
        confidence=event.confidence,
        rule=event.detection.entry.rule,
        extra={"source_span": _span(event.source), "target_span": _span(event.target)},
    )


def _code(mention: Mention | None) -> str | None:
    return mention.actor.code if mention is not None else None


def _span(mention: Mention | None) -> list[int] | None:
    return [mention.start, mention.end] if mention is not None else None


__all__ = ["records_from_doc"]
