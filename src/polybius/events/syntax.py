"""Arguments of a trigger from the dependency parse: subjects, objects, prepositional targets,
passives, control and relative clauses, negation and modality.

These are small functions over spaCy tokens with no knowledge of the lexicon, so each can be
tested on a parsed sentence.
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Token

from polybius.dates import precision_of
from polybius.events.constructions import arguments
from polybius.lang import word_class

_SUBJECT = ("nsubj", "csubj")
_ISSUING = word_class("issuing_verbs")
_RELATIVE = word_class("relative_pronouns")
_OBJECT_CONTROL = word_class("object_control_verbs")
_FUTURE_AUX = word_class("future_auxiliaries")
_HYPOTHETICAL_AUX = word_class("hypothetical_auxiliaries")
_FUTURE_HEADS = word_class("future_heads")
_INTENT_HEADS = word_class("intent_heads")
_REPORTING = word_class("reporting_verbs")
_DIRECTIVE = word_class("directive_verbs")
_STANCES = word_class("stance_participles")
_ALLEGING = word_class("alleging_verbs")
_PUNISHING = word_class("punishing_verbs")
_INQUIRIES = word_class("inquiry_nouns")
_REQUEST_NOUNS = word_class("request_nouns")
_INTENT_NOUNS = word_class("intent_nouns")
_DETERRING = word_class("deterring_verbs")
_SIGNING = word_class("signing_verbs")
PLANNING_VERBS = word_class("planning_verbs")
_TEXT_NOUNS = word_class("text_nouns")
_STATEMENT_NOUNS = word_class("statement_nouns")
_BLOCKING = word_class("blocking_verbs")
_UNREAL = word_class("unreal_modifiers")
_NEGATING_HEADS = word_class("negating_verbs")
_CONDITIONAL = word_class("conditional_marks")
_PARTICLES = word_class("verb_particles")


def is_passive(verb: Token) -> bool:
    """A true passive; "Israel is opposed to the plan" is a stance of Israel's (adjectival)."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in verb.children)
    return passive and not (verb.lemma_ in _STANCES and not children(verb, "agent"))


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def prep_objects(token: Token, preps: Collection[str]) -> list[Token]:
    """Objects of the token's prepositions named in ``preps`` ("met with X" → X); never a date
    ("called the minister on Tuesday")."""
    return [t for t in _prep_objects(token, preps) if not is_date(t)]


def is_date(token: Token) -> bool:
    # The entity label alone is not trusted: the small model tags "Niger" as a DATE.
    return token.ent_type_ in ("DATE", "TIME") and precision_of(token.text) is not None


def _prep_objects(token: Token, preps: Collection[str]) -> list[Token]:
    found = []
    for prep in children(token, "prep", "agent", "dative"):
        if prep.lower_ in preps:
            found += children(prep, "pobj")
            found += [g for c in children(prep, "prep") for g in children(c, "pobj")]  # "along with"
        elif prep.lower_ in _PARTICLES:  # "pulled out of X": a particle read as a preposition
            found += [g for c in children(prep, "prep") if c.lower_ in preps for g in children(c, "pobj")]
    return found


def subjects(verb: Token) -> list[Token]:
    """The tokens that act: the subject, the passive agent, or the subject a chain passes down."""
    if is_passive(verb):
        # Else a construction: "was hit with sanctions by the US" (the by-agent hung on the phrase).
        return prep_objects(verb, ("by",)) or [a for a in arguments(verb, "agent") if not is_date(a)]
    found = children(verb, *_SUBJECT) or (children(verb, "nsubjpass") if verb.lemma_ in _STANCES else [])
    # "a statement released by the militias rejected the cabinet": the militias reject it.
    found = [i for t in found for i in (issuers(t) or [t])]
    if found:
        relative = [t for t in found if t.lower_ in _RELATIVE]
        if relative and verb.dep_ == "relcl":
            return [verb.head]
        return found
    head = verb.head
    if verb.dep_ in ("acomp", "attr") and head.i != verb.i:
        return subjects(head)  # "X is ready to withdraw": ready → is → X
    if verb.dep_ == "xcomp" and head.i != verb.i:
        if is_passive(head):  # "X is expected to visit": X visits
            return children(head, "nsubjpass")
        objects = children(head, "dobj")
        if objects and head.lemma_ in _OBJECT_CONTROL:
            return objects
        return subjects(head)
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        if is_passive(head):  # "was indicted by the court and will resign": the indicted resigns
            return children(head, "nsubjpass")
        return subjects(head)
    if verb.dep_ == "acl" and _enacted_text(head):
        return subjects(head.head)  # "the EU issued a statement criticising China": the EU criticises
    if verb.dep_ == "acl" and verb.tag_ in ("VBG", "VBD"):
        # "rebels seeking Assad's ouster": the rebels seek; a finite verb read as a modifier of
        # the noun before it ("Palestinian youths resorted to…") is that noun's predicate.
        return [head]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return prep_objects(verb, ("by",))  # "a ceasefire brokered by Qatar": Qatar brokered
    if is_purpose(verb) and head.pos_ in ("VERB", "AUX"):
        return subjects(head)  # "the UN sent a team to investigate": the UN investigates
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        # "accused Uganda of arming the rebels": Uganda arms; "was accused of arming": the accused does.
        governor = head.head
        if is_passive(governor):
            return children(governor, "nsubjpass")
        return children(governor, "dobj") or subjects(governor)
    if verb.dep_ in ("advcl", "pcomp") and verb.tag_ == "VBG" and head.pos_ in ("VERB", "AUX"):
        return subjects(head)
    return []


def issuers(noun: Token) -> list[Token]:
    """Who issued a text: "a statement released by 40 rebel groups" → the groups."""
    return [a for v in children(noun, "acl") if v.lemma_ in _ISSUING for a in prep_objects(v, ("by",))]


def objects(verb: Token) -> list[Token]:
    """Direct objects; for a passive, the passive subject; in a reduced relative, its head noun."""
    if is_passive(verb):
        return children(verb, "nsubjpass")
    found = children(verb, "dobj")
    if not found and verb.dep_ == "acl" and verb.tag_ == "VBN":
        return [verb.head]  # "a convoy attacked by rebels": the convoy is attacked
    if not found and verb.dep_ == "relcl" and not children(verb, *_SUBJECT, "nsubjpass"):
        return [verb.head]
    return found


def negated(trigger: Token) -> bool:
    """Is the event denied: "did not attack", "failed to reach", "never met"?"""
    if any(c.dep_ == "neg" or c.lower_ == "never" for c in trigger.children):
        return True
    head = trigger.head
    if trigger.dep_ in ("xcomp", "ccomp", "pcomp") and head.lemma_ in _NEGATING_HEADS:
        return True  # "refused to pay", "denied attacking"
    if trigger.dep_ == "conj" and head.i != trigger.i and any(c.dep_ == "neg" for c in head.children):
        return True  # "did not attack or shell the town"
    if trigger.dep_ in ("conj", "xcomp") and head.i != trigger.i and head.pos_ in ("VERB", "AUX"):
        # "refused to allow the planes to land and evacuate them": a refusal reaches down the chain.
        return _refused(head)
    return False


def _refused(verb: Token, steps: int = 3) -> bool:
    for _ in range(steps):
        if verb.dep_ in ("xcomp", "ccomp", "pcomp") and verb.head.lemma_ in _NEGATING_HEADS:
            return True
        if verb.dep_ not in ("xcomp", "conj", "ccomp") or verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


def modality(trigger: Token) -> str:
    """asserted / future / hypothetical / intent, from auxiliaries, governing verbs and "if"."""
    chain = [trigger]
    while chain[-1].dep_ in ("xcomp", "conj", "ccomp", "acomp") and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
        if chain[-2].dep_ == "ccomp" or len(chain) > 4:
            break
    if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL for token in chain for c in token.children):
        return "hypothetical"  # the act inside "if Iran attacks"
    if (trigger.dep_ in ("ccomp", "xcomp") or is_purpose(trigger)) and trigger.head.lemma_ in _DIRECTIVE:
        return "hypothetical"  # "demanded that the US cancel…", "demanded a force to protect them"
    if _alleged(trigger):
        return "hypothetical"  # the accusation is the event; what it alleges is not established
    asked = _asked_for(trigger)
    if asked:
        return asked
    subject_of_clause = trigger.pos_ == "NOUN" and trigger.dep_ in ("nsubj", "nsubjpass")
    if subject_of_clause and trigger.head.pos_ == "VERB" and modality(trigger.head) == "hypothetical":
        return "hypothetical"  # "if cooperation by all parties founders"
    if subject_of_clause and trigger.head.pos_ in ("VERB", "AUX") and _may_be(trigger.head):
        return "hypothetical"  # "a summit could take place next month if…": possible, not planned
    stated = _stated_modality(trigger)
    if stated == "hypothetical" and condition(trigger):
        return "future"  # "may halt its mediation if…": a conditional announcement, a threat or promise
    return stated


def _may_be(verb: Token) -> bool:
    """Does the verb carry a modal of possibility ("could", "may"), not a reported "would"?"""
    auxes = [c.lower_ for c in verb.children if c.dep_ == "aux"]
    return any(a in _HYPOTHETICAL_AUX and not (a == "would" and _reported(verb)) for a in auxes)


def _asked_for(trigger: Token) -> str | None:
    """ "rejected a request to interrogate", "called for sanctions": asked for (hypothetical);
    "plans to sell arms", "an offer to mediate": intended; "a possible war": not real."""
    head = trigger.head
    if trigger.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in _UNREAL for c in trigger.children):
        return "hypothetical"
    if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" and head.lemma_ in PLANNING_VERBS:
        return "intent"  # "is preparing a major offensive", "plans talks with Iran"
    if trigger.dep_ == "acl" and trigger.tag_ == "VBG" and head.lemma_ in _TEXT_NOUNS and not _enacted_text(head):
        return "hypothetical"  # "vetoed a resolution censuring Israel": what a text would do
    if trigger.dep_ == "acl" and head.lemma_ in _STATEMENT_NOUNS and head.head.lemma_ in _BLOCKING:
        return "hypothetical"  # "vetoed an EU statement criticising China": never issued
    # "a request to interrogate", "its demand that Israel ease restrictions": the noun's content.
    infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in trigger.children)
    that_clause = any(c.dep_ == "mark" and c.lower_ == "that" for c in trigger.children)
    if trigger.dep_ in ("acl", "relcl", "ccomp") and (infinitive or that_clause) and head.pos_ == "NOUN":
        if head.lemma_ in _REQUEST_NOUNS:
            return "hypothetical"
        if head.lemma_ in _INTENT_NOUNS:
            return "intent"
        if head.lemma_ in _INQUIRIES:
            return "hypothetical"  # "an allegation that the NPFL had taken over the city"
        if head.dep_ == "dobj" and head.head.lemma_ in _DIRECTIVE:
            return "hypothetical"  # "demanded a UN presence to protect them"
    if trigger.dep_ == "pcomp" and head.lower_ == "of" and head.head.lemma_ in _INTENT_NOUNS:
        return "intent"  # "the decision of sending troops to Iraq"
    if trigger.dep_ == "ccomp" and that_clause and any(o.lemma_ in _REQUEST_NOUNS for o in children(head, "dobj")):
        return "hypothetical"  # "reiterated its demand that Israel ease…": the parser hangs it on the verb
    if trigger.dep_ == "pcomp" and head.lower_ in ("against", "from") and head.head.lemma_ in _DETERRING:
        return "hypothetical"  # "warned the US against sending missiles", "barred X from entering"
    if trigger.dep_ in ("pcomp", "pobj") and head.lower_ == "for" and head.i != trigger.i:
        asker = head.head
        if asker.lemma_ in _REQUEST_NOUNS or (asker.pos_ == "VERB" and asker.lemma_ in _DIRECTIVE):
            return "hypothetical"
    return None


def _alleged(trigger: Token) -> bool:
    head = trigger.head
    if trigger.dep_ == "pobj" and head.lower_ in ("of", "into") and head.head.lemma_ in _INQUIRIES:
        return True  # "an investigation of illegal arms sales"
    if trigger.dep_ == "pcomp" and head.dep_ == "prep":
        if head.lower_ == "for" and head.head.lemma_ in _PUNISHING:
            return True  # "arrested for collaborating with Israel"
        head = head.head  # "accused X of arming": arming → of → accused
    elif trigger.dep_ != "ccomp":
        return False
    return head.lemma_ in _ALLEGING and head.i != trigger.i


def condition(trigger: Token) -> str | None:
    """The "if" or "unless" of a condition the act is announced under ("will withdraw unless…")."""
    for clause in children(trigger, "advcl"):
        for mark in children(clause, "mark"):
            if mark.lower_ in _CONDITIONAL:
                return mark.lower_
    return None


def _stated_modality(trigger: Token) -> str:
    auxes = [c.lower_ for c in trigger.children if c.dep_ == "aux"]
    if trigger.dep_ == "conj":
        auxes += [c.lower_ for c in trigger.head.children if c.dep_ == "aux"]
    if any(a in _FUTURE_AUX for a in auxes) or ("would" in auxes and _reported(trigger)):
        return "future"
    if any(a in _HYPOTHETICAL_AUX for a in auxes):
        return "hypothetical"
    # The parser often reads a control infinitive as a purpose clause: "have sworn to fight".
    if (trigger.dep_ == "xcomp" or is_purpose(trigger)) and not children(trigger.head, "prt"):  # not "set out to"
        head = trigger.head
        if modality(head) == "hypothetical":
            return "hypothetical"  # "the US must be ready to mediate": asked of it, not intended
        if head.lemma_ in _FUTURE_HEADS and (head.lemma_ != "go" or head.lower_ == "going"):
            return "future"  # "is going to attack"; not "went on strike to protest"
        if head.lemma_ in _INTENT_HEADS:
            return "intent"
    if trigger.dep_ == "pcomp" and trigger.head.lower_ == "to" and trigger.head.head.lemma_ in _INTENT_HEADS:
        return "intent"  # "is committed to opening up the economy"
    if is_purpose(trigger) and trigger.head.lemma_ in _SIGNING:
        return "intent"  # "signed an agreement to increase trade": what the deal is for is to come
    if (trigger.dep_ == "xcomp" or is_purpose(trigger)) and trigger.head.i != trigger.i:
        return modality(trigger.head)  # "will send troops to help defend Y": the help is announced too
    if trigger.dep_ == "conj" and trigger.head.pos_ in ("VERB", "AUX") and trigger.head.i != trigger.i:
        return modality(trigger.head)  # "aims to tighten sanctions and impose a blockade"
    if trigger.dep_ in ("acomp", "attr") and trigger.head.i != trigger.i:
        return modality(trigger.head)  # "must be ready": the copula carries the modal
    return "asserted"


def _enacted_text(noun: Token) -> bool:
    """A statement or resolution its authors issued or passed: what it says is said."""
    texts = _STATEMENT_NOUNS | _TEXT_NOUNS
    return noun.lemma_ in texts and noun.dep_ == "dobj" and noun.head.lemma_ in _ISSUING


def is_purpose(verb: Token) -> bool:
    """A purpose clause: "sent a team to investigate", "blocked roads to demand…"."""
    return verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _reported(verb: Token) -> bool:
    """Is the clause reported speech ("X said it would …")?"""
    return verb.dep_ == "ccomp" and verb.head.lemma_ in _REPORTING


def is_prepared(trigger: Token) -> bool:
    """Is the act being readied: "prepared to resume shelling", "is preparing an offensive",
    "prepares for an assault"? Readying force is a show of it (CAMEO 15), not a threat."""
    token = trigger
    for _ in range(3):
        head = token.head
        if head.i == token.i:
            return False
        if head.lemma_ == "prepare" and token.dep_ in ("xcomp", "dobj"):
            return True
        if token.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_ == "prepare":
            return True
        if token.dep_ != "xcomp":
            return False
        token = head  # "prepared to resume shelling": shelling → resume → prepared
    return False


def is_reported(verb: Token) -> bool:
    """Is the clause, or the clause it is coordinated with, reported speech? "said they will
    release the hostages and leave" is a promise; "was indicted and will resign" a forecast."""
    for _ in range(3):
        if _reported(verb):
            return True
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            return False
        verb = verb.head
    return False
