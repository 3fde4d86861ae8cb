"""The coder: documents in, event records out, through the stages of the flow.

``documents → nlp → actors → events → dates/places → records``. One ``Coder`` holds the
pipeline, the knowledge base, the lexicon, the ontology and the gazetteer, all loaded once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from polybius.actors.dictionaries import read_actor_dictionary, read_agent_dictionary
from polybius.actors.knowledge import ActorKnowledge, load_knowledge
from polybius.actors.resolve import NP_DEPS, OF, PLACE_OWNER_PREPS, ArticleActors, Mention
from polybius.dates import event_date
from polybius.documents import Document
from polybius.documents.article import read_article
from polybius.events.detect import Detection, detect
from polybius.events.lexicon import Lexicon, load_lexicon
from polybius.events.syntax import is_prepared, is_reported
from polybius.geo import Gazetteer, load_gazetteer, place_name
from polybius.geo.parser import ArticleContext, PlaceMention, place_mentions, resolve
from polybius.nlp import load_pipeline
from polybius.ontology import FORCE_ROOTS, VIOLENT_ROOTS, Act, Ontology, coded_act, load_ontology
from polybius.records import EventRecord, Location, Trigger
from polybius.settings import BACKGROUND_CONFIDENCE, BATCH_SIZE, DEFAULT_MODALITIES, GENERIC_CONFIDENCE

# Sectors of the state itself: their country as a target is themselves.
_STATE_SECTORS = frozenset({None, "GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
# Roots whose "in X" is a venue, not a target: talks in Geneva, a deal signed in Havana.
_VENUE_ROOTS = frozenset({"01", "02", "03", "04", "05", "06"})


@dataclass
class _Sentence:
    """A sentence with where it sits: its paragraph doc, the doc's offset, its article index."""

    span: Span
    doc_number: int
    offset: int
    index: int


class Coder:
    """Codes documents into event records; reusable across batches (models load once)."""

    def __init__(
        self,
        *,
        nlp: Language | None = None,
        knowledge: ActorKnowledge | None = None,
        lexicon: Lexicon | None = None,
        ontology: Ontology | None = None,
        gazetteer: Gazetteer | None = None,
        all_modalities: bool = False,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        self.nlp = nlp or load_pipeline()
        self.knowledge = knowledge or load_knowledge()
        self.lexicon = lexicon or load_lexicon()
        self.ontology = ontology or load_ontology()
        self.gazetteer = gazetteer or load_gazetteer()
        self.all_modalities = all_modalities
        self.batch_size = batch_size

    def code(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[EventRecord]]]:
        """Each document with its events, parsing paragraphs of many documents per spaCy batch."""
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

    def _code_batch(self, batch: list[Document]) -> Iterator[tuple[Document, list[EventRecord]]]:
        for document, docs in zip(batch, self._parse(batch), strict=True):
            records: list[EventRecord] = []
            for sentence, actors in self._read(document, docs):
                records += self._code_sentence(document, sentence, actors, actors.countries())
            yield document, records

    def mentions(self, document: Document) -> list[Mention]:
        """Every actor mention of a document, in text order, as the coder resolves it."""
        (docs,) = self._parse([document])
        found: list[Mention] = []
        for sentence, actors in self._read(document, docs):
            for token in sentence.span:
                if token.pos_ in ("PROPN", "NOUN", "PRON") and token.is_alpha and token.dep_ not in NP_DEPS:
                    found += actors.phrase(sentence.doc_number, token, sentence.offset)
        return sorted(set(found), key=lambda m: (m.start, m.end))

    def places(self, document: Document) -> list[PlaceMention]:
        """Every place mention of a document, resolved as the coder resolves event locations."""
        return place_mentions(self.gazetteer, *self.place_context(document))

    def place_context(self, document: Document) -> tuple[list[tuple[Doc, int]], ArticleContext]:
        """A document's parsed paragraphs and what its actors tell the geoparser."""
        (docs,) = self._parse([document])
        actors = ArticleActors(self.knowledge, document.date, self._place_country)
        actors.index(doc for doc, _ in docs)
        number = {id(doc): n for n, (doc, _) in enumerate(docs)}
        context = ArticleContext(
            actors.countries(),
            lambda span: actors.countries_in(number[id(span.doc)], span),
            lambda span: actors.names_actor(number[id(span.doc)], span),
        )
        return docs, context

    def _parse(self, batch: list[Document]) -> list[list[tuple[Doc, int]]]:
        """The paragraphs of many documents through one ``nlp.pipe``, regrouped by document."""
        texts = [(d.text[s.start : s.end], (n, s.start)) for n, d in enumerate(batch) for s in d.segments]
        parsed: list[list[tuple[Doc, int]]] = [[] for _ in batch]
        for doc, (number, offset) in self.nlp.pipe(texts, as_tuples=True, batch_size=self.batch_size):
            parsed[number].append((doc, offset))
        return parsed

    def _read(self, document: Document, docs: list[tuple[Doc, int]]) -> Iterator[tuple[_Sentence, ArticleActors]]:
        """The article's sentences in order, with its actors read up to and including each one."""
        actors = ArticleActors(self.knowledge, document.date, self._place_country)
        actors.index(doc for doc, _ in docs)
        index = 0
        for number, (doc, offset) in enumerate(docs):
            for span in doc.sents:
                actors.observe(number, span, offset)
                yield _Sentence(span, number, offset, index), actors
                index += 1

    def _code_sentence(
        self, document: Document, sentence: _Sentence, actors: ArticleActors, countries: frozenset[str]
    ) -> list[EventRecord]:
        records: list[EventRecord] = []
        seen: set[tuple[str | None, str | None, str]] = set()
        for detection in detect(sentence.span, self.lexicon):
            # Sources first: resolving them records the actors a pronoun in the target refers to.
            sources = self._mentions(actors, sentence, detection.sources, detection)
            targets = self._mentions(actors, sentence, detection.targets, detection, target=True)
            fallback = detection.fallback
            while not targets and fallback is not None:
                # Only a fallback that finds the actors the specific reading could not is taken.
                targets = self._mentions(actors, sentence, fallback.targets, fallback, target=True)
                detection, fallback = (fallback, None) if targets else (detection, fallback.fallback)
            if not targets and detection.pattern.cameo[:2] in VIOLENT_ROOTS:
                # "struck targets across the Gaza Strip": force used on a place is used on its country.
                targets = self._place_targets(actors, sentence, detection)
            act = coded_act(
                detection.pattern.cameo,
                detection.modality,
                detection.negated,
                detection.condition,
                reported=is_reported(detection.clause),
                prepared=is_prepared(detection.trigger),
            )
            if not self.all_modalities and (act.negated or act.modality not in DEFAULT_MODALITIES):
                continue
            if detection.pattern.pos == "noun" and not (targets or detection.explicit_agent):
                continue  # "UN talks", "Russia's support": a topic, not an event
            for source, target in _dyads(sources, targets, detection):
                key = (source.actor.code if source else None, target.actor.code if target else None, act.code)
                if key in seen:
                    continue
                seen.add(key)
                records.append(
                    self._record(document, sentence, detection, act, source, target, len(records), countries)
                )
        return records if self.all_modalities else _without_background(records)

    def _place_targets(self, actors: ArticleActors, sentence: _Sentence, detection: Detection) -> list[Mention]:
        found: list[Mention] = []
        for token in detection.places:
            found += actors.place_mentions(sentence.doc_number, token, sentence.offset)
        return found[:1]

    def _mentions(
        self,
        actors: ArticleActors,
        sentence: _Sentence,
        tokens: list[Token],
        detection: Detection,
        *,
        target: bool = False,
    ) -> list[Mention]:
        found: list[Mention] = []
        material = detection.pattern.cameo[:2] not in _VENUE_ROOTS
        force = target and detection.pattern.cameo[:2] in FORCE_ROOTS
        for token in tokens:
            if token.i == detection.trigger.i:
                preps: frozenset[str] = frozenset()  # "the backer of Assad": "of" is the target
            else:
                preps = PLACE_OWNER_PREPS if target and material else OF
            found_here = actors.resolve(sentence.doc_number, token, sentence.offset, owner_preps=preps, regions=force)
            for mention in found_here:
                if not preps and not (mention.actor.country or mention.actor.org):
                    continue  # an event noun's role modifier is often its target: "church bombing"
                if all(m.actor.code != mention.actor.code for m in found):
                    found.append(mention)
        return found

    def _record(
        self,
        document: Document,
        sentence: _Sentence,
        detection: Detection,
        act: Act,
        source: Mention | None,
        target: Mention | None,
        number: int,
        countries: frozenset[str],
    ) -> EventRecord:
        kind = self.ontology[act.code]
        plover = self.ontology[act.plover_code or act.code]
        trigger = detection.trigger
        when = event_date(detection.clause, sentence.span, document.date, act.modality == "future")
        start = sentence.offset + trigger.idx
        return EventRecord(
            id=f"{document.id}-{sentence.index}-{number}",
            article_id=document.id,
            sentence_index=sentence.index,
            sentence=sentence.span.text.strip(),
            source=source.actor if source else None,
            target=target.actor if target else None,
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
            location=self._location(detection, countries),
            negated=act.negated,
            modality=act.modality,
            trigger=Trigger(trigger.text, start, start + len(trigger.text)),
            confidence=_confidence(detection, act, source, target),
            rule=detection.entry.rule,
            extra={"source_span": _span(source), "target_span": _span(target)},
        )

    def _place_country(self, name: str, countries: frozenset[str] = frozenset(), regions: bool = False) -> str | None:
        """The country of a town ("shelled the town of Izium" → UKR). Regions and seas are where
        events happen, not actors: "the ceasefire in Karabakh" has no Azerbaijani target; but
        force used on a region is used on its country ("struck targets across the Gaza Strip")."""
        place = self.gazetteer.lookup(name, countries)
        kinds = ("city", "region", "admin1", "country") if regions else ("city",)
        return place.country if place and place.precision in kinds else None

    def _location(self, detection: Detection, countries: frozenset[str]) -> Location | None:
        for token in detection.places:
            name = place_name(token)
            resolved = resolve(self.gazetteer, name, countries) if name else None
            if resolved:
                return resolved[0].location()
        return None


def _without_background(records: list[EventRecord]) -> list[EventRecord]:
    """A sentence's main event, and the others coded with some confidence. Weak mentions beside it
    (a killing recalled in a "where…" clause, a noun in a participle) are background, shown only
    with all modalities: one event a sentence is read right, not four read loosely."""
    if not records:
        return records
    top = max(r.confidence for r in records)
    kept = [r for r in records if r.confidence >= BACKGROUND_CONFIDENCE or r.confidence == top]
    return [replace(r, id=f"{r.article_id}-{r.sentence_index}-{number}") for number, r in enumerate(kept)]


def _dyads(
    sources: list[Mention], targets: list[Mention], detection: Detection
) -> Iterator[tuple[Mention | None, Mention | None]]:
    """One event per source–target pair; a symmetric event with two coordinated sources goes both ways."""
    if detection.pattern.symmetric and len(sources) > 1:
        # "Colombia and the ELN signed a ceasefire": each side acts towards the other.
        for a in sources:
            for b in sources:
                if a is not b:
                    yield a, b
        sources = sources if targets else []
    for source in sources or [None]:
        # A state acting on itself or its own agents has no target ("withdrew its troops").
        own = [t for t in targets if source is None or not _own_agents(source, t)]
        for target in own or [None]:
            if source is None and target is None:
                continue
            yield source, target


def _own_agents(source: Mention, target: Mention) -> bool:
    """ "Pakistan withdrew its soldiers", "the US minister agreed American access": a state acting
    on its own agents, or on itself, is not a dyad."""
    if target.actor.code == source.actor.code:
        return True
    same_country = target.actor.country is not None and target.actor.country == source.actor.country
    state = source.actor.sector in _STATE_SECTORS and source.actor.org is None
    bare_state = state and target.actor.sector is None and target.actor.org is None
    return same_country and (bare_state or target.actor.text.lower().startswith(("its ", "their ", "his ", "her ")))


def _confidence(detection: Detection, act: Act, source: Mention | None, target: Mention | None) -> float:
    """An explainable score from the rule's specificity and the completeness of its arguments.

    A plain pattern starts at 0.5 (a generic fallback at 0.3); each context condition the pattern
    checked adds 0.1 (up to two); a source adds 0.2, a target 0.1; a future, intended or
    hypothetical event loses 0.1; each step down from the sentence's main verb costs 0.1 (up to
    four), as deeper clauses are parsed less reliably and are rarely the sentence's news; a
    participle adding detail ("rioted, setting fire to…") loses 0.3; and an event named only as
    the time or cause of another ("after fierce fighting", "…, as police cracked down") loses 0.2.
    """
    pattern = detection.pattern
    score = (GENERIC_CONFIDENCE if pattern.generic else 0.5) + 0.1 * min(pattern.specificity, 2)
    score += (0.2 if source else 0.0) + (0.1 if target else 0.0)
    if act.modality != "asserted":
        score -= 0.1
    score -= 0.1 * min(_depth(detection.carrier or detection.trigger), 4)
    if _background(detection.trigger):
        score -= 0.2
    if _elaboration(detection.trigger):
        score -= 0.3
    return round(min(max(score, 0.05), 0.99), 2)


# "after fierce fighting", "since the peace accord", "as police cracked down": an event named as
# the time or cause of another is background, rarely the sentence's news.
_BACKGROUND_PREPS = frozenset("after since following before despite amid during until pending".split())
_BACKGROUND_MARKS = frozenset("as while when after before because since until once although though".split())


def _elaboration(trigger: Token) -> bool:
    """A participle adding detail to the main clause: "rioted, setting fire to their mattresses"."""
    return trigger.dep_ in ("advcl", "conj") and trigger.tag_ == "VBG" and trigger.head.tag_ != "VBG"


def _background(trigger: Token) -> bool:
    head = trigger.head
    if trigger.dep_ == "advcl":  # "…, as authorities in Croatia cracked down": a time or cause clause
        return any(c.dep_ == "mark" and c.lower_ in _BACKGROUND_MARKS for c in trigger.children)
    if trigger.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in ("because", "result"):
        return True  # "because of fighting", "as a result of the blockade"
    return trigger.dep_ == "pobj" and head.lower_ in _BACKGROUND_PREPS


def _depth(token: Token) -> int:
    """Steps from the sentence's main verb: the main clause's event is the sentence's headline."""
    depth = 0
    while token.head.i != token.i and depth < 5:
        token = token.head
        depth += 1
    return depth


def _span(mention: Mention | None) -> list[int] | None:
    return [mention.start, mention.end] if mention else None


def code_text(text: str, date: str | None = None, *, all_modalities: bool = False) -> list[EventRecord]:
    """Code one article's text; ``date`` (YYYY-MM-DD) is its publication date if the text has none."""
    document = read_article(text, default_date=date)
    return default_coder(all_modalities).code_document(document)


def make_coder(
    *, all_modalities: bool = False, actors: Sequence[str | Path] = (), agents: Sequence[str | Path] = ()
) -> Coder:
    """The process-wide coder, or one with user actor/agent dictionaries added (they override ours)."""
    if not actors and not agents:
        return default_coder(all_modalities)
    user_actors = [a for path in actors for a in read_actor_dictionary(path)]
    user_agents = [a for path in agents for a in read_agent_dictionary(path)]
    base = default_coder(all_modalities)
    knowledge = ActorKnowledge(base.nlp, user_actors=user_actors, user_agents=user_agents)
    return Coder(
        nlp=base.nlp,
        knowledge=knowledge,
        lexicon=base.lexicon,
        ontology=base.ontology,
        gazetteer=base.gazetteer,
        all_modalities=all_modalities,
    )


_CODERS: dict[bool, Coder] = {}


def default_coder(all_modalities: bool = False) -> Coder:
    """A process-wide coder (the pipeline and data load once)."""
    if all_modalities not in _CODERS:
        _CODERS[all_modalities] = Coder(all_modalities=all_modalities)
    return _CODERS[all_modalities]
