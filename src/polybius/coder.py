"""The coder: documents in, event records out, through the stages of the flow.

``documents → nlp (+ polybius_paragraphs) → polybius_actors → polybius_events → polybius_dates →
polybius_places → records``. A ``Coder`` is a spaCy pipeline with our components and the one
function from a Doc to records; each article is one Doc.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from polybius.actors.resolve import NP_DEPS, Mention
from polybius.documents import Document
from polybius.documents.article import read_article
from polybius.geo.component import PlaceFinder
from polybius.geo.parser import PlaceMention
from polybius.nlp import DEFAULT_PARTS, Parts, add_polybius, polybius_pipeline
from polybius.nlp.paragraphs import article_doc
from polybius.records import EventRecord
from polybius.records.build import records_from_doc
from polybius.settings import BATCH_SIZE


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
        finder: PlaceFinder = self.nlp.get_pipe("polybius_places")
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
    parts = replace(
        parts,
        actors=(*parts.actors, *(str(Path(a).resolve()) for a in actors)),
        agents=(*parts.agents, *(str(Path(a).resolve()) for a in agents)),
    )
    if parts == DEFAULT_PARTS:
        return default_coder(all_modalities)
    return Coder(parts=parts, all_modalities=all_modalities)


_CODERS: dict[bool, Coder] = {}


def default_coder(all_modalities: bool = False) -> Coder:
    """A process-wide coder (the pipeline and data load once)."""
    if all_modalities not in _CODERS:
        _CODERS[all_modalities] = Coder(all_modalities=all_modalities)
    return _CODERS[all_modalities]
