"""The coder: documents in, event records out, through the stages of the flow.

``documents → nlp (+ polybius_paragraphs) → polybius_actors → polybius_events → polybius_dates →
polybius_places → records``. A ``Coder`` is a spaCy pipeline with our components and the one
function from a Doc to records (:func:`records_from_doc`); each article is one Doc.

The components leave every event of every sentence on ``Doc._.events``; ``records_from_doc``
chooses the user's view: denied, hypothetical and background events only with ``all_modalities``,
one record per actor pair and code in a sentence, numbered in the sentence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import cast

from spacy.language import Language
from spacy.tokens import Doc

from polybius.actors.resolve import NP_DEPS, Mention
from polybius.documents import Document, content_id
from polybius.documents.article import read_article
from polybius.events.component import Event
from polybius.geo.component import PlaceFinder
from polybius.geo.parser import PlaceMention
from polybius.nlp.paragraphs import article_doc
from polybius.ontology import load_ontology
from polybius.pipeline import DEFAULT_PARTS, Parts, add_polybius, polybius_pipeline
from polybius.records import EventRecord, Trigger
from polybius.settings import BACKGROUND_CONFIDENCE, BATCH_SIZE, DEFAULT_MODALITIES


class Coder:
    """Codes documents into event records; reusable across batches (models load once).

    ``nlp``: an English spaCy pipeline of your own (our components are added to it if missing);
    by default the process's pipeline for ``parts``."""

    def __init__(
        self,
        *,
        nlp: Language | None = None,
        parts: Parts = DEFAULT_PARTS,
        all_modalities: bool = False,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        self.nlp = polybius_pipeline(parts) if nlp is None else add_polybius(nlp, parts, place_mentions=False)
        self.all_modalities = all_modalities
        self.batch_size = batch_size

    def code(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[EventRecord]]]:
        """Each document with its events, parsing many documents per spaCy batch."""
        batch: list[Document] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= self.batch_size:
                yield from self._code_batch(batch)
                batch = []
        if batch:
            yield from self._code_batch(batch)

    def code_document(self, document: Document) -> list[EventRecord]:
        return next(self._code_batch([document]))[1]

    def parse(self, documents: Sequence[Document]) -> Iterator[Doc]:
        """The documents' article Docs, run through the whole pipeline."""
        docs = (article_doc(self.nlp, d) for d in documents)
        return self.nlp.pipe(docs, batch_size=self.batch_size)

    def _code_batch(self, batch: list[Document]) -> Iterator[tuple[Document, list[EventRecord]]]:
        for document, doc in zip(batch, self.parse(batch), strict=True):
            yield document, records_from_doc(doc, all_modalities=self.all_modalities)

    def mentions(self, document: Document) -> list[Mention]:
        """Every actor mention of a document, in text order, as the coder resolves it."""
        (doc,) = self.parse([document])
        actors = doc._.actors
        found: list[Mention] = []
        for sentence in doc._.sentences:
            for token in sentence:
                if token.pos_ in ("PROPN", "NOUN", "PRON") and token.is_alpha and token.dep_ not in NP_DEPS:
                    found += actors.phrase(token)
        return sorted(set(found), key=lambda m: (m.start, m.end, m.actor.code))

    def places(self, document: Document) -> list[PlaceMention]:
        """Every place mention of a document, resolved as the coder resolves event locations."""
        (doc,) = self.parse([document])
        if doc._.places is not None:
            return list(doc._.places)
        finder = cast(PlaceFinder, self.nlp.get_pipe("polybius_places"))
        return finder.places(doc)


def code_text(text: str, date: str | None = None, *, all_modalities: bool = False) -> list[EventRecord]:
    """Code one article's text; ``date`` (YYYY-MM-DD) is its publication date if the text has none."""
    document = read_article(text, default_date=date)
    return default_coder(all_modalities).code_document(document)


def make_coder(
    *,
    all_modalities: bool = False,
    actors: Sequence[str | Path] = (),
    agents: Sequence[str | Path] = (),
    parts: Parts = DEFAULT_PARTS,
) -> Coder:
    """A coder with the given parts, and user actor/agent dictionaries added (they override ours)."""
    return Coder(parts=parts.with_dictionaries(actors, agents), all_modalities=all_modalities)


def default_coder(all_modalities: bool = False) -> Coder:
    """A coder with our own parts; cheap to make, as the pipeline and data load once per process
    (:func:`polybius.pipeline.polybius_pipeline`)."""
    return Coder(all_modalities=all_modalities)


def records_from_doc(doc: Doc, *, all_modalities: bool = False) -> list[EventRecord]:
    """The event records of an article Doc run through the polybius components."""
    by_sentence: dict[int, list[Event]] = defaultdict(list)
    for event in doc._.events or []:
        by_sentence[event.sentence_index].append(event)
    article_id = doc._.article_id or content_id(doc.text)  # a plain nlp(text): ids as for any input
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
