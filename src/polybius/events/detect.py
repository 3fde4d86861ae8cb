"""Triggers to events: match lexicon patterns on verbs and eventive nouns, find their arguments.

For each verb or noun whose lemma the lexicon knows, the most specific pattern whose conditions
hold (particle, object, complement, preposition, modifier) decides the CAMEO code. Tokens a
pattern used as its object or complement are not coded again as triggers of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from polybius.events.constructions import Match, anchors, arguments, matches
from polybius.events.lexicon import Lexicon, LexiconEntry
from polybius.events.schema import Pattern
from polybius.events.syntax import (
    PLANNING_VERBS,
    children,
    condition,
    is_date,
    is_passive,
    is_purpose,
    issuers,
    modality,
    negated,
    objects,
    prep_objects,
    subjects,
)
from polybius.lang import word_class
from polybius.nlp.lemmas import lemma_guesses
from polybius.ontology import root_of

_NOUN_SOURCE_ADJ = word_class("sponsoring_modifiers")
_LIGHT_VERB_DEPS = frozenset({"dobj", "nsubjpass", "attr"})
_PARTICLE_PREPS = word_class("verb_particles")
_TIME_PREPS = word_class("time_prepositions")
_REFLEXIVES = word_class("reflexive_pronouns")
_OBJECT_LIKE_PREPS = word_class("object_like_prepositions")
_OBJECT_PREPS = word_class("partner_prepositions")
_COMPLEMENT_PREPS = word_class("complement_target_prepositions")
_PLACE_PREPS = word_class("locative_prepositions")


@dataclass
class Detection:
    """A matched trigger with the tokens that head its source, target and place phrases."""

    entry: LexiconEntry
    trigger: Token
    sources: list[Token]
    targets: list[Token]
    places: list[Token] = field(default_factory=list)
    negated: bool = False
    modality: str = "asserted"
    condition: str | None = None  # "if" / "unless" of a conditional announcement
    # For nouns: the actor comes from the clause ("X held talks", "talks between X and Y"), not
    # only from a modifier ("UN talks"), which alone does not make an event.
    explicit_agent: bool = True
    # The next pattern that matched, used when this one's prepositional target is not an actor.
    fallback: Detection | None = None
    # The light verb that carries a noun event ("launched *air strikes*"): its clause is the event's.
    carrier: Token | None = None

    @property
    def pattern(self) -> Pattern:
        return self.entry.pattern

    @property
    def clause(self) -> Token:
        """The token whose clause tells the event, for its date: the light verb carrying a noun
        ("held a briefing on Tuesday"), the verb a noun is subject of ("late last month, a
        statement … said"), else the trigger."""
        if self.carrier is not None:
            return self.carrier
        trigger = _measured(self.trigger)  # "the last round of fighting, in August 2022": the round's
        if trigger.pos_ != "VERB" and trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.pos_ in ("VERB", "AUX"):
            return trigger.head
        return trigger


def detect(sentence: Span, lexicon: Lexicon) -> list[Detection]:
    """Every event trigger of a sentence with its argument tokens, verbs before nouns."""
    used: set[int] = set()
    found: list[Detection] = []
    for token in sentence:
        # A participle used as an adjective describes, it does not report: "starving civilians".
        if token.pos_ == "VERB" and token.i not in used and token.dep_ != "amod":
            detection = _match(token, _candidates(lexicon, "verb", token), used)
            if detection:
                found.append(detection)
    verb_triggers = {d.trigger.i for d in found}
    for token in sentence:
        if token.pos_ in ("NOUN", "PROPN") and token.i not in used:
            detection = _match(token, _candidates(lexicon, "noun", token), used)
            if detection and not _governed_by(detection.trigger, verb_triggers):
                found.append(detection)
    found = _without_bare_announcers(_without_protest_demands(found))
    return [d for d in _without_bare_statements(found) if not _a_session(d)]


def _without_bare_statements(found: list[Detection]) -> list[Detection]:
    """ "issued a statement criticising China" is one criticism: a bare statement (01x) whose text
    is itself coded says nothing more."""
    said = {d.trigger.head.i for d in found if d.trigger.dep_ == "acl"}
    return [d for d in found if not (d.pattern.cameo[:2] == "01" and d.trigger.i in said)]


def _a_session(detection: Detection) -> bool:
    """ "The cabinet met on Sunday": one body meeting, with nobody to meet, is a session, not a
    consultation. "The two sides met", "Iran and Turkey met" have their parties in the subject."""
    if not (detection.pattern.symmetric and detection.pattern.cameo.startswith("04")) or detection.targets:
        return False
    if len(detection.sources) != 1:
        return False
    (source,) = detection.sources
    return source.tag_ in ("NN", "NNP") and not source.conjuncts


def _without_bare_announcers(found: list[Detection]) -> list[Detection]:
    """ "threatened to storm the residence" is one threat, coded by what is threatened (133); the
    bare "threaten" (130) or "pledge" (030) is dropped when its complement is itself an event."""
    announced = {
        d.trigger.head.i
        for d in found
        if d.modality == "intent"
        and (d.trigger.dep_ == "xcomp" or (is_purpose(d.trigger) and not objects(d.trigger.head)))
    }
    bare = [
        d for d in found if root_of(d.pattern.cameo).announcing and not (d.pattern.complement or d.pattern.object)
    ]
    return [d for d in found if not (d in bare and d.trigger.i in announced)]


def _without_protest_demands(found: list[Detection]) -> list[Detection]:
    """An appeal, demand or complaint voiced by protesting belongs to the protest: "students marched
    to demand reforms" is one PROTEST event (PLOVER codes a demand made by demonstrating as a protest)."""
    protests = {t.i for d in found if d.pattern.cameo[:2] == "14" for t in (d.trigger, d.carrier) if t is not None}
    return [d for d in found if not (root_of(d.pattern.cameo).voiced and _hangs_on(d.trigger, protests))]


def _hangs_on(token: Token, anchors: set[int], steps: int = 3) -> bool:
    """Is one of the anchors among the token's nearest heads ("to demand" → marched)?"""
    for _ in range(steps):
        if token.head.i == token.i:
            return False
        token = token.head
        if token.i in anchors:
            return True
    return False


def _candidates(lexicon: Lexicon, pos: str, token: Token) -> list[LexiconEntry]:
    """Patterns for the token's lemma, or for a lemma the small model got wrong ("staged" → "stag")."""
    found = lexicon.candidates(pos, token.lemma_.lower())
    if found:
        return found
    for lemma in lemma_guesses(token):
        found = lexicon.candidates(pos, lemma)
        if found:
            return found
    return []


def _match(token: Token, candidates: list[LexiconEntry], used: set[int]) -> Detection | None:
    for number, entry in enumerate(candidates):
        consumed = _conditions_hold(token, entry.pattern)
        if consumed is None:
            continue
        if _by_purpose_clause(token, entry.pattern):
            # "agreed to a truce to allow the release": a pattern as specific that reads the
            # verb's own object beats one that reads the purpose clause as its complement.
            rival = _equal_rival(token, entry, candidates[number + 1 :])
            if rival is not None:
                entry, consumed = rival
        used.update(consumed)
        detection = _event(token, entry)
        if entry.pattern.target == "prep":
            # Only a more general reading of the same kind of act: "hosted talks between the trio"
            # (045) may become "hosted talks" (043), never another root's act.
            # "hosted Turkish and Iranian talks, a summit between the trio": if the named target is
            # no actor and the next pattern ("hosted talks", 043) finds actors, that is the reading;
            # the coder decides once actors are resolved.
            root = entry.pattern.cameo[:2]
            same_kind = [c for c in candidates[number + 1 :] if c.pattern.cameo[:2] == root]
            detection.fallback = _match(token, same_kind, set())
        return detection
    return None


def _by_purpose_clause(token: Token, pattern: Pattern) -> bool:
    """Is the pattern's complement only a purpose clause, after the verb's own "to" object?"""
    hits = _complements(token, pattern) if pattern.complement else []
    to_objects = [p.i for p in children(token, "prep") if p.lower_ == "to" and children(p, "pobj")]
    return bool(hits) and all(h.dep_ == "advcl" or any(i < h.i for i in to_objects) for h in hits)


def _equal_rival(
    token: Token, entry: LexiconEntry, rest: list[LexiconEntry]
) -> tuple[LexiconEntry, set[int]] | None:
    for other in rest:
        if other.pattern.specificity < entry.pattern.specificity:
            return None
        if other.pattern.complement or other.pattern.generic:
            continue
        consumed = _conditions_hold(token, other.pattern)
        if consumed is not None and other.pattern.object:
            return other, consumed
    return None


def _event(token: Token, entry: LexiconEntry) -> Detection:
    return _verb_event(token, entry) if entry.pattern.pos == "verb" else _noun_event(token, entry)


def _conditions_hold(token: Token, pattern: Pattern) -> set[int] | None:
    """The token indexes the pattern consumes when all its conditions hold, else None."""
    consumed: set[int] = set()
    # The small parser often tags a particle as an adverb or preposition ("stepped down", "pulled out").
    if pattern.particle and not any(_is_particle(c, token, pattern.particle) for c in token.children):
        return None
    if pattern.object:
        hits = [o for o in _object_phrase_heads(token) if o.lemma_.lower() in pattern.object]
        if not hits:
            return None
        consumed.update(o.i for o in hits)
    if pattern.complement:
        hits = _complements(token, pattern)
        if not hits:
            return None
        consumed.update(c.i for c in hits)
        wanted = pattern.complement_object
        consumed.update(o.i for h in hits for o in _object_phrase_heads(h) if o.lemma_.lower() in wanted)
    if pattern.clause and not any(_is_clause(c) for c in children(token, "ccomp")):
        return None
    if pattern.subject and not _subject_holds(token, pattern.subject):
        return None
    if pattern.predicated and not _predicated(token):
        return None
    if pattern.complement_aux:
        clauses = _modal_clauses(token, pattern)
        if not clauses:
            return None
        consumed.update(c.i for c in clauses)
    modifier_deps = ("compound", "amod") if pattern.pos == "noun" else ("advmod", "npadvmod")  # "test-fired"
    if pattern.modifier and not any(
        c.dep_ in modifier_deps and c.lemma_.lower() in pattern.modifier for c in token.children
    ):
        return None
    # The prepositions are a condition when the target must come from them, or when the pattern
    # has no target and they are what identifies it ("took to the streets").
    if pattern.prep and pattern.target in ("prep", "none") and not _prep_targets(token, pattern):
        return None
    return consumed


def _modal_clauses(token: Token, pattern: Pattern) -> list[Token]:
    """Reported clauses with a modal the pattern names: "said that Sudan must return…"."""
    return [
        c
        for c in children(token, "ccomp")
        if any(a.dep_ == "aux" and a.lower_ in pattern.complement_aux for a in c.children)
    ]


def _is_particle(child: Token, verb: Token, particle: str) -> bool:
    """The small parser often tags a particle as an adverb or preposition ("stepped down", "rounded
    on India"), so those count, unless the preposition governs a date or number."""
    if child.lower_ != particle or child.i < verb.i or child.dep_ not in ("prt", "advmod", "prep"):
        return False
    # "gave the land to Egypt in 1982" is no "give in".
    return child.dep_ != "prep" or not any(o.like_num or is_date(o) for o in children(child, "pobj"))


def _predicated(noun: Token) -> bool:
    """Is the noun said of an actor: "Russia is / remains the key backer of Assad"? An apposition
    ("Pakistan, a key US ally, …") only describes, as background."""
    governors = matches(noun, "governor")
    return noun.dep_ in ("attr", "oprd") or any(m.construction.predicative for m in governors)


def _subject_holds(token: Token, lemmas: list[str]) -> bool:
    """Does the trigger's subject phrase (head or modifiers) hold one of the lemmas?"""
    heads = subjects(token) if token.pos_ == "VERB" else [token]
    # "the first deployment of NATO peacekeeping troops arrived": the "of" phrase is who arrived.
    heads += [g for h in heads for p in children(h, "prep") if p.lower_ == "of" for g in children(p, "pobj")]
    words = [w for h in heads for w in (h, *children(h, "compound", "amod", "nmod"))]
    return any(w.lemma_.lower() in lemmas for w in words)


def _is_clause(token: Token) -> bool:
    """A finite reported clause: it has a subject or a "that"."""
    subject_or_that = (
        c.dep_ in ("nsubj", "nsubjpass", "expl") or (c.dep_ == "mark" and c.lower_ == "that") for c in token.children
    )
    return any(subject_or_that)


def _complements(token: Token, pattern: Pattern) -> list[Token]:
    """Complement verbs or nouns the pattern asks for: "agreed to withdraw", "threatened war"."""
    hits = [c for c in children(token, "xcomp", "ccomp", "advcl", "oprd") if c.lemma_.lower() in pattern.complement]
    # "refrain from attacking", "insisted on releasing"; not time phrases ("before returning").
    preps = [p for p in children(token, "prep") if p.lower_ not in _TIME_PREPS]
    preps += [q for p in preps if p.lower_ in _PARTICLE_PREPS for q in children(p, "prep")]  # "out of"
    hits += [g for p in preps for g in children(p, "pcomp", "pobj") if g.lemma_.lower() in pattern.complement]
    if pattern.complement_object:  # "threatened to halt its mediation": the complement's own object
        wanted = frozenset(pattern.complement_object)
        hits = [h for h in hits if any(o.lemma_.lower() in wanted for o in _object_phrase_heads(h))]
    return hits


def _object_nouns(verb: Token) -> list[Token]:
    """The verb's objects, and what a quantity among them measures: "tons of food aid", "part of
    its aid", "$2 billion in aid"."""
    heads = objects(verb) if verb.pos_ == "VERB" else []
    return heads + [m for h in heads for m in arguments(h, "measured") if not is_date(m)]


def _object_phrase_heads(token: Token) -> list[Token]:
    heads = _object_nouns(token)
    heads += [load for h in heads for load in arguments(h, "carried_load")]  # "sent ships carrying food"
    heads += [c for h in heads for c in h.conjuncts]
    heads += [name for h in heads for name in arguments(h, "named")]  # "halted mediation efforts"
    # "banned the television channel Dozhd": a name is described by its compounds.
    heads += [m for h in heads if h.pos_ == "PROPN" for m in children(h, "compound") if m.pos_ == "NOUN"]
    # "called for a ceasefire", "took X into custody": objects of its prepositions; not after a
    # reflexive object ("blew himself up at a mosque": the mosque is where, not what).
    reflexive = any(o.lower_ in _REFLEXIVES for o in children(token, "dobj"))
    if token.pos_ == "VERB" and not reflexive:
        heads += [g for p in children(token, "prep") if p.lower_ in _OBJECT_LIKE_PREPS for g in children(p, "pobj")]
    return heads


def _prep_targets(token: Token, pattern: Pattern) -> list[Token]:
    """The objects of the pattern's prepositions, wherever the parser hung them."""
    preps = frozenset(pattern.prep)
    fronted = {phrase.i for phrase in arguments(token, "fronted")}  # "With the signing…, X agreed"
    found = [g for g in prep_objects(token, preps) if g.head.i not in fronted]
    if "with" in preps:  # "spoke by telephone with Raisi", "agreed to a truce with the Shabaab"
        found += [t for t in arguments(token, "partner") if not is_date(t)]
    for obj in _object_nouns(token):
        found += prep_objects(obj, preps)
        # "sent ships carrying food to Yangon": the destination hangs on the carrying.
        found += [t for t in arguments(obj, "destination") if t.head.lower_ in preps and not is_date(t)]
    light = _light_verb_of(token) if token.pos_ != "VERB" else None
    if light is not None:
        found += prep_objects(light, preps)  # "carried out air strikes on Hezbollah": on → carried
    return found


def _verb_event(verb: Token, entry: LexiconEntry) -> Detection:
    pattern = entry.pattern
    direct = objects(verb)
    if pattern.place_object:
        targets = _prep_targets(verb, pattern)
        places = direct
    else:
        targets = _targets(verb, pattern, direct)
        places = []
    if pattern.complement and not targets and pattern.target != "none":
        # "threatened to strike Iran", "vowed to cooperate with the US": the target sits in the
        # complement clause.
        preps = frozenset(pattern.prep) or _COMPLEMENT_PREPS
        for complement in _complements(verb, pattern):
            if complement.dep_ == "ccomp" and children(complement, "nsubj"):
                targets += children(complement, "nsubj")  # "demanded that Libya hand over…": Libya
                continue
            inner = objects(complement)
            targets += inner + prep_objects(complement, preps)
            targets += [t for o in inner for t in prep_objects(o, preps)]
    if pattern.complement_aux:
        targets = [s for c in _modal_clauses(verb, pattern) for s in children(c, "nsubj", "nsubjpass")]
    if not targets and pattern.target != "none" and not pattern.place_object:
        # "demanded that Denmark withdraw": the subject of the demanded clause is the target.
        targets = [s for c in children(verb, "ccomp") for s in children(c, "nsubj", "nsubjpass")]
    preps = _place_preps(pattern)
    places += prep_objects(verb, preps)
    # "held talks in Geneva", "fired at ships in the Red Sea": the place hangs on a phrase.
    phrases = direct + prep_objects(verb, _OBJECT_LIKE_PREPS)
    places = _with_named_places(places + [p for o in phrases for p in prep_objects(o, preps)])
    if root_of(pattern.cameo).force:
        places += direct  # "Israeli troops raided Jenin": the place attacked is where it happened
    return Detection(entry, verb, subjects(verb), targets, places, negated(verb), modality(verb), condition(verb))


def _targets(token: Token, pattern: Pattern, direct: list[Token]) -> list[Token]:
    if pattern.target == "none":
        return []
    # "gave the Ivory Coast $5 million in aid", "granted the inspectors access": the recipient.
    recipients = children(token, "dative") if token.pos_ == "VERB" else []
    if pattern.target == "prep":
        return recipients + _prep_targets(token, pattern)
    # "ruled out any compromise with Russia": the object's own phrase can name the other side.
    inner = [t for o in direct for t in prep_objects(o, _OBJECT_PREPS)]
    # "rejected a proposal by ECOWAS", "condemned a visit to Taiwan by US lawmakers": whose act is
    # judged is its author.
    judged = direct + [g for o in direct for p in children(o, "prep") for g in children(p, "pobj")]
    authors = [a for o in judged for a in prep_objects(o, ("by",))]
    if direct and token.pos_ == "VERB" and not is_passive(token):
        authors += prep_objects(token, ("by",))  # the parser hangs the object's "by" on an active verb
    authors = authors if root_of(pattern.cameo).judging else []
    if authors:
        return recipients + authors
    if pattern.target == "object":
        return recipients + direct + inner
    # A vehicle carrying what is sent is not whom it is for: "sent navy ships carrying food to
    # Yangon" is aid to Myanmar, not to India's navy.
    direct = [o for o in direct if not _carries(o)]
    return recipients + direct + inner + (_prep_targets(token, pattern) if pattern.prep else [])


def _carries(noun: Token) -> bool:
    return bool(arguments(noun, "carried_load"))


def _noun_event(noun: Token, entry: LexiconEntry) -> Detection:
    """A nominal event: "Russia's intervention in Syria", "talks between X and Y", "an attack by Z"."""
    pattern = entry.pattern
    sources = [noun]  # its own modifiers: "Russian air strikes", "Moscow's intervention"
    agents = prep_objects(noun, ("by",))  # "an attack by rebels"
    agents += issuers(noun)  # "a statement released by 40 rebel groups": the issuer is the author
    sources += agents
    sources += [
        g for a in children(noun, "amod") if a.lemma_ in _NOUN_SOURCE_ADJ for g in children(a, "npadvmod", "compound")
    ]
    between = prep_objects(noun, ("between", "among"))
    parties = [p for b in between[:1] for p in (b, *b.conjuncts)] + between[1:]
    targets = []
    if pattern.target != "none":
        # "a visit by the minister to Nepal": the parser often hangs the target on the agent.
        targets = [t for head in (noun, *agents) for t in prep_objects(head, frozenset(pattern.prep))]
        # "a suspension of air links with Serbia": the other side hangs on the "of" object.
        targets += [t for o in prep_objects(noun, ("of",)) for t in prep_objects(o, _OBJECT_PREPS)]
    if between and pattern.between_targets:
        targets += parties  # "Qatar's mediation between the UAE and Saudi Arabia"
    elif between:
        sources += between[:1]
        targets += parties[1:]
    carrier = _measured(noun)  # "launched ten days of war games": the days carry the games
    head = carrier.head
    governors = matches(carrier, "governor")  # "Iran held talks", "Iran, a backer of Assad, …"
    light = _carrying_verb(governors)
    if light is not None and pattern.target != "none":  # "sent an aid convoy to Syria": to → sent
        targets += prep_objects(light, frozenset(pattern.prep))
    governing = _governing_actors(governors)
    targets += arguments(carrier, "victim")  # "25 people were killed in an Israeli air strike"
    places = prep_objects(noun, _place_preps(pattern))
    if light is not None:
        places += prep_objects(light, _place_preps(pattern))  # "held talks in Astana"
    places = _with_named_places(places) + [c for c in children(noun, "compound") if _is_place_word(c)]
    # The clause's verb decides negation and modality ("did not hold talks"), unless it only plans
    # the event ("is preparing an offensive": the noun's own reading, intent).
    verb_clause = carrier.dep_ in _LIGHT_VERB_DEPS and head.pos_ in ("VERB", "AUX")
    anchor = head if verb_clause and head.lemma_ not in PLANNING_VERBS else noun
    return Detection(
        entry,
        noun,
        sources + governing,
        targets,
        places,
        negated(anchor),
        modality(anchor),
        condition(anchor),
        # Violence is an event even when only an adjective names its author ("an Israeli air
        # strike killed…"); a "Russian proposal" or "UN talks" alone is a topic.
        explicit_agent=bool(governing or agents or (between and not pattern.between_targets))
        or root_of(pattern.cameo).violent,
        carrier=light,
    )


def _with_named_places(tokens: list[Token]) -> list[Token]:
    """ "met at the Sochi congress": a place-phrase noun named by a place modifier is there."""
    return [p for t in tokens for p in (t, *(c for c in children(t, "compound") if _is_place_word(c)))]


def _is_place_word(token: Token) -> bool:
    # The small model often leaves a town untagged ("the Sochi summit"); the gazetteer decides.
    return token.ent_type_ in ("GPE", "LOC", "FAC") or token.pos_ == "PROPN"


def _place_preps(pattern: Pattern) -> frozenset[str]:
    """Prepositions that say where the event happened. For words ("talks over Kashmir", "a row
    over Crimea") "over" names the topic; for force it is where ("drones over Kyiv")."""
    preps = _PLACE_PREPS - frozenset(pattern.prep)
    return preps - {"over"} if root_of(pattern.cameo).verbal else preps


def _governing_actors(governors: list[Match]) -> list[Token]:
    """Who did an event noun, by the first governing construction (in the data's priority order)
    that names anyone: the governing verb's subject ("Iran held talks"), or the governing word
    itself ("Iran, a key backer of Assad")."""
    for governor in governors:
        actors = subjects(governor.node) if governor.construction.actor == "subject" else [governor.node]
        if actors:
            return actors
    return []


def _carrying_verb(governors: list[Match]) -> Token | None:
    """The verb whose clause carries the event noun ("held talks on Tuesday"), if any."""
    return next((g.node for g in governors if g.construction.carries), None)


def _light_verb_of(noun: Token) -> Token | None:
    """The light verb that carries a noun event, directly or through a quantity ("held talks",
    "launched ten days of war games"), else None."""
    return _carrying_verb(matches(_measured(noun), "governor"))


def _measured(noun: Token) -> Token:
    """The quantity phrase a noun is measured by ("ten days of talks" → days, "$2 billion in aid"
    → billion, "a campaign of mass killings" → campaign), else the noun."""
    return next(iter(anchors(noun, "measured")), noun)


def _governed_by(noun: Token, verb_triggers: set[int]) -> bool:
    """Is the noun the object of a verb that is itself coded ("signed a deal" is one event), or
    what a quantity object of it measures ("pledged $2 billion in military aid")?"""
    carrier = _measured(noun)
    return carrier.dep_ in _LIGHT_VERB_DEPS and carrier.head.i in verb_triggers
