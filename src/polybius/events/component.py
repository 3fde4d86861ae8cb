"""The ``polybius_events`` component: each coded sentence's events on ``Doc._.events``.

A typer (registered, chosen by config) finds the triggers of a sentence with the tokens that head
their arguments; this component resolves those tokens to actors against the article's reading
(``Doc._.actors``), records the act as CAMEO codes it (announced, refused, readied…), and scores
the event. Which events a user sees (modalities, background mentions) is decided when the Doc
becomes records (:func:`polybius.coder.records_from_doc`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from polybius.actors.component import ActorReader, actor_resolver
from polybius.actors.resolve import OF, PLACE_OWNER_PREPS, ArticleActors, Mention
from polybius.actors.schema import sector_is
from polybius.dates import EventDate
from polybius.events.detect import Detection, detect
from polybius.events.lexicon import load_lexicon
from polybius.events.syntax import is_prepared, is_reported
from polybius.geo.component import gazetteer
from polybius.lang import word_class
from polybius.ontology import Act, coded_act, root_of
from polybius.records import Location
from polybius.registry import reference, typers
from polybius.settings import GENERIC_CONFIDENCE

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)

#: A typer: the event triggers of one sentence, with their argument tokens.
EventTyper = Callable[[Span], list[Detection]]

# "after fierce fighting", "since the peace accord", "as police cracked down": an event named as
# the time or cause of another is background, rarely the sentence's news.
_BACKGROUND_PREPS = word_class("time_prepositions")
_BACKGROUND_MARKS = word_class("background_marks")


@dataclass
class Event:
    """One event of a sentence: its detection, the act as coded, its actors and evidence."""

    detection: Detection
    act: Act
    source: Mention | None
    target: Mention | None
    sentence: Span
    sentence_index: int  # among the article's coded sentences
    confidence: float
    date: EventDate | None = None  # set by polybius_dates
    location: Location | None = None  # set by polybius_places


@typers.register("polybius.lexicon_typer.v1")
def lexicon_typer() -> EventTyper:
    """Our lexicon of verb and noun patterns (``events/lexicon/*.yaml``)."""
    lexicon = load_lexicon()

    def typer(sentence: Span) -> list[Detection]:
        return detect(sentence, lexicon)

    return typer


class EventCoder:
    """Codes the events of every coded sentence of a Doc."""

    def __init__(self, typer: EventTyper, read_actors: Callable[[Doc], Doc]) -> None:
        self.typer = typer
        self.read_actors = read_actors

    def __call__(self, doc: Doc) -> Doc:
        if doc._.actors is None:  # a pipeline without polybius_actors: read them with our defaults
            self.read_actors(doc)
        actors: ArticleActors = doc._.actors
        events: list[Event] = []
        for index, sentence in enumerate(doc._.sentences):
            events += self.sentence_events(sentence, index, actors)
        doc._.events = events
        return doc

    def sentence_events(self, sentence: Span, index: int, actors: ArticleActors) -> list[Event]:
        found: list[Event] = []
        for detection in self.typer(sentence):
            sources = _mentions(actors, detection.sources, detection)
            targets = _mentions(actors, detection.targets, detection, target=True)
            fallback = detection.fallback
            while not targets and fallback is not None:
                # Only a fallback that finds the actors the specific reading could not is taken.
                targets = _mentions(actors, fallback.targets, fallback, target=True)
                detection, fallback = (fallback, None) if targets else (detection, fallback.fallback)
            root = root_of(detection.pattern.cameo)
            if not targets and root.violent:
                # "struck targets across the Gaza Strip": force used on a place is used on its country.
                targets = [m for token in detection.places for m in actors.place_mentions(token)][:1]
            if detection.pattern.pos == "noun" and not (targets or detection.explicit_agent):
                continue  # "UN talks", "Russia's support": a topic, not an event
            act = coded_act(
                detection.pattern.cameo,
                detection.modality,
                detection.negated,
                detection.condition,
                reported=is_reported(detection.clause),
                prepared=is_prepared(detection.trigger),
            )
            for source, target in _dyads(sources, targets, detection):
                confidence = _confidence(detection, act, source, target)
                found.append(Event(detection, act, source, target, sentence, index, confidence))
        return found


def _mentions(
    actors: ArticleActors, tokens: list[Token], detection: Detection, *, target: bool = False
) -> list[Mention]:
    """The actors the argument tokens name, each once."""
    found: list[Mention] = []
    root = root_of(detection.pattern.cameo)
    for token in tokens:
        if token.i == detection.trigger.i:
            preps: frozenset[str] = frozenset()  # "the backer of Assad": "of" is the target
        else:
            # The place a material act is done in is its target's ("its offensive in southern Lebanon").
            preps = PLACE_OWNER_PREPS if target and not root.venue else OF
        for mention in actors.resolve(token, owner_preps=preps, regions=target and root.force):
            if not preps and not (mention.actor.country or mention.actor.org):
                continue  # an event noun's role modifier is often its target: "church bombing"
            if all(m.actor.code != mention.actor.code for m in found):
                found.append(mention)
    return found


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
    for source in sources or (None,):
        # A state acting on itself or its own agents has no target ("withdrew its troops").
        own = [t for t in targets if source is None or not _own_agents(source, t)]
        for target in own or (None,):
            if source is None and target is None:
                continue
            yield source, target


def _own_agents(source: Mention, target: Mention) -> bool:
    """ "Pakistan withdrew its soldiers", "the US minister agreed American access": a state acting
    on its own agents, or on itself, is not a dyad."""
    if target.actor.code == source.actor.code:
        return True
    same_country = target.actor.country is not None and target.actor.country == source.actor.country
    state = (source.actor.sector is None or sector_is(source.actor.sector, "state")) and source.actor.org is None
    bare_state = state and target.actor.sector is None and target.actor.org is None
    return same_country and (bare_state or target.possessive)


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


@Language.factory(
    "polybius_events",
    requires=["token.dep", "token.tag", "token.lemma", "doc._.actors"],
    assigns=["doc._.events"],
    default_config={"typer": reference("typers", "polybius.lexicon_typer.v1")},
)
def make_event_coder(nlp: Language, name: str, typer: EventTyper) -> EventCoder:
    return EventCoder(typer, _default_actor_reader(nlp))


def _default_actor_reader(nlp: Language) -> Callable[[Doc], Doc]:
    """Reads actors with the default parts, built on first use only (most pipelines have polybius_actors)."""
    built: list[Callable[[Doc], Doc]] = []

    def read(doc: Doc) -> Doc:
        if not built:
            built.append(ActorReader(actor_resolver()(nlp), gazetteer()))
        return built[0](doc)

    return read


__all__ = ["Event", "EventCoder", "EventTyper", "lexicon_typer", "make_event_coder"]
